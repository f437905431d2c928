"""The actions of corrections on a document's graph, one method each (``do_<action>``).

Each method finds everything it needs first (raising
:class:`kg.corrections.edit.Orphaned` when something is missing), then
changes the graph and records the provenance (:class:`kg.corrections.edit.Edit`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.corrections.edit import RULE, ZH, Edit, Orphaned
from kg.graph import iri
from ontology.namespaces import CK, OA, RDF, RDFS, SKOS, XSD


class Actions(Edit):
    """:class:`Edit` with one method per action; :meth:`run` applies the correction."""

    def run(self) -> None:
        if self.t.document != self.name:
            raise Orphaned(f"no document {self.t.document} in the graph of {self.name}")
        getattr(self, "do_" + self.c.action.replace(".", "_"))()

    def do_actors_add(self) -> None:
        fact = self.fact()
        new = self.actors(self.ch.actors)
        for a in new:
            self.g.add((fact, CK.responsibleActor, a))
        self.provenance([fact], CK.responsibleActor, (), new)

    def do_actors_remove(self) -> None:
        fact = self.fact()
        gone = self.actors(self.ch.actors)
        for a in gone:
            if (fact, CK.responsibleActor, a) not in self.g:
                raise Orphaned(f"{self.ch.actors[gone.index(a)]!r} is not responsible for it")
        for a in gone:
            self.g.remove((fact, CK.responsibleActor, a))
        self.provenance([fact], CK.responsibleActor, gone, ())

    def do_modality(self) -> None:
        self.replace(self.fact(), CK.modality, [CK[self.ch.modality or ""]])

    def do_stage(self) -> None:
        fact = self.fact()
        stage = self.stage(self.ch.stage or "")
        self.replace(fact, CK.stage, [stage] if stage is not None else [])

    def do_deadline(self) -> None:
        fact = self.fact()
        time = self.time(self.ch.deadline or "")
        self.replace(fact, CK.deadline, [time] if time is not None else [])

    def do_quantity(self) -> None:
        fact = self.fact()
        old = sorted(self.g.objects(fact, CK.quantity))
        self.g.remove((fact, CK.quantity, None))  # the old nodes stay, for the record
        new = self.quantities(fact, self.ch.quantities or ())
        for q in new:
            self.g.add((fact, CK.quantity, q))
        self.provenance([fact], CK.quantity, old, new)

    def do_reject(self) -> None:
        if self.t.kind == "relation":
            prop = CK[self.t.label or ""]
            s, o = self.end(self.t.source or ""), self.end(self.t.dest or "")
            if (s, prop, o) not in self.g:
                raise Orphaned(f"no {self.t.label} from {self.t.source!r} to {self.t.dest!r}")
            self.g.remove((s, prop, o))
            for n in list(self.g.subjects(RDF.predicate, prop)):
                if (n, RDF.subject, s) in self.g and (n, RDF.object, o) in self.g:
                    self.drop(n)
            self.provenance([s], prop, [o], ())
            return
        fact = self.fact()
        types = sorted(self.g.objects(fact, RDF.type))
        evidence = sorted(self.g.objects(fact, CK.evidence))
        self.drop(fact)
        self.provenance([fact], RDF.type, types, ())
        for ev in evidence:  # where the rejected fact was read, kept
            self.g.add((self.node, CK.evidence, ev))

    def do_add_requirement(self) -> None:
        self.check_quote()
        fact = iri.requirement_iri(self.name, self.t.key or "")
        ch = self.ch
        actors = self.actors(ch.actors)
        stage = self.stage(ch.stage or "")
        time = self.time(ch.deadline or "")
        self.added(fact, CK.Requirement)
        for prop, values in (
            (CK.modality, [CK[ch.modality or ""]]),
            (CK.responsibleActor, actors),
            (CK.stage, [stage] if stage else []),
            (CK.deadline, [time] if time else []),
        ):
            self.g.remove((fact, prop, None))
            for v in values:
                self.g.add((fact, prop, v))
        if ch.quantities is not None:
            self.g.remove((fact, CK.quantity, None))
            for q in self.quantities(fact, ch.quantities):
                self.g.add((fact, CK.quantity, q))
        self.provenance([fact], RDF.type, (), [CK.Requirement])

    def do_add_actor(self) -> None:
        self.check_quote()
        label = self.t.label or ""
        node = iri.actor_iri(label, scope="local", document=self.name)
        self.added(node, CK.Actor)
        self.g.add((node, RDF.type, CK[self.ch.actor_type or ""]))
        self.g.add((node, RDFS.label, Literal(label, lang=ZH)))
        self.g.add((node, CK.scope, Literal("local")))
        self.provenance([node], RDF.type, (), [CK.Actor])

    def do_add_relation(self) -> None:
        self.check_quote()
        prop = CK[self.t.label or ""]
        s, o = self.end(self.t.source or ""), self.end(self.t.dest or "")
        node = iri.relation_iri(self.name, self.t.label or "", str(s), str(o))
        self.g.add((s, prop, o))
        self.added(node, CK.RelationAssertion)
        for p, v in (
            (RDF.type, RDF.Statement),
            (RDF.subject, s),
            (RDF.predicate, prop),
            (RDF.object, o),
        ):
            self.g.add((node, p, v))
        self.provenance([s], prop, (), [o])

    def do_merge(self) -> None:
        gone = self.fact()
        into = self.named(CK.Actor, self.ch.label or "", "actor")
        if gone == into:
            raise Orphaned(f"{self.t.label!r} and {self.ch.label!r} are one actor already")
        g = self.g
        own = {
            RDF.type,
            CK.scope,
            CK.jurisdiction,
            CK.level,
            CK.actorKind,
            CK.rule,
            CK.confidence,
            CK.position,
        }
        for p, o in list(g.predicate_objects(gone)):
            if p == RDFS.label:
                g.add((into, SKOS.altLabel, o))
            elif p not in own and o != into:  # an edge between the two is no edge now
                g.add((into, p, o))
        for s, p in list(g.subject_predicates(gone)):
            if (s, RDF.type, CK.Correction) in g:  # history keeps naming it
                continue
            g.remove((s, p, gone))
            if s != into:
                g.add((s, p, into))
        g.remove((gone, None, None))
        for n in list(g.subjects(RDF.subject, into)):  # reifications of those edges go too
            if (n, RDF.object, into) in g:
                self.drop(n)
        g.remove((into, SKOS.altLabel, Literal(str(g.value(into, RDFS.label)), lang=ZH)))
        self.provenance([gone, into], None, [gone], [into])

    def do_split(self) -> None:
        whole = self.fact()
        label = self.ch.label or ""
        reqs = [iri.requirement_iri(self.name, k) for k in self.ch.requirements]
        for k, r in zip(self.ch.requirements, reqs, strict=True):
            if (r, CK.responsibleActor, whole) not in self.g:
                raise Orphaned(f"{self.t.label!r} is not responsible for the requirement at {k}")
        g = self.g
        part = iri.actor_iri(label, scope="local", document=self.name)
        types = [CK[self.ch.actor_type]] if self.ch.actor_type else list(g.objects(whole, RDF.type))
        for cls in {CK.Actor, *types}:
            g.add((part, RDF.type, cls))
        g.add((part, RDFS.label, Literal(label, lang=ZH)))
        g.add((part, CK.scope, Literal("local")))
        g.add((part, CK.mentionedIn, self.doc))
        for kind in g.objects(whole, CK.actorKind):
            g.add((part, CK.actorKind, kind))
        for ev in self._mentions_within(whole, reqs):
            g.add((part, CK.evidence, ev))
        g.add((part, CK.rule, Literal(RULE)))
        g.add((part, CK.confidence, Literal("1", datatype=XSD.decimal)))
        for r in reqs:
            g.remove((r, CK.responsibleActor, whole))
            g.add((r, CK.responsibleActor, part))
        self.provenance([whole, part, *reqs], CK.responsibleActor, [whole], [part])

    def _mentions_within(self, actor: URIRef, reqs: Sequence[URIRef]) -> list[URIRef]:
        """The actor's mentions inside the requirements' spans (all of them if none is)."""

        def span(ev: Node) -> tuple[int, int]:
            return int(self.g.value(ev, OA.start)), int(self.g.value(ev, OA.end))

        mentions = sorted(self.g.objects(actor, CK.evidence))
        spans = [span(ev) for r in reqs for ev in self.g.objects(r, CK.evidence)]
        inside = [m for m in mentions if any(a <= span(m)[0] < b for a, b in spans)]
        return inside or mentions

    def do_review(self) -> None:
        self.provenance([self.fact()])
