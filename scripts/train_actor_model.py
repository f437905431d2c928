"""Train the keep-or-drop filter on unreferenced actors from the gold annotations.

Usage::

    .venv/bin/python scripts/train_actor_model.py [--shared ../shared] [--c 0.3] [--write]

Every gold document (``../shared/gold`` with the seed speeches, ``../shared/gold/later``
with the later documents) runs through the extractor up to its relations; each actor
that no kept requirement and no relation names becomes one example, described by
:func:`extract.actor_filter.actor_features` and labelled positive when one of its
names (label or alias, folded like the shared scorer folds them) is a name of a gold
actor. A logistic regression (scikit-learn, needed only here) is fitted on them.

Actors that a rule of :func:`extract.actor_filter.passing_only` drops are left out
before the model is asked (and before it is trained). Figures printed: the rules alone
(``rules only``), then leave-one-document-out (each document filtered by a model trained on
the other eighteen), per set and overall, as precision, recall and F1 of ALL the
document's actors (referenced ones always kept) matched like the shared scorer
matches them. ``--write`` fits on all documents and writes
``extract/data/actor_model.json`` (weights, threshold, and the LODO figures at it).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.actor_filter import actor_features, passing_only  # noqa: E402
from extract.ingest.reader import read_document  # noqa: E402
from extract.lexicon import data_path  # noqa: E402
from extract.normalize import to_simplified  # noqa: E402
from extract.pipeline import COMPONENTS, Analysis  # noqa: E402

SETS = (("seeds", "gold", "corpus/seeds"), ("later", "gold/later", "corpus/later"))
# The prefixes the shared scorer folds away before comparing actor names (DOMAIN.md 5).
SCORER_PREFIXES = ("各级", "各", "全体", "广大", "每个", "每一个", "每名")


def norm(name: str) -> str:
    """An actor name folded as the shared scorer folds it."""
    s = to_simplified(str(name))[0].strip()
    for p in SCORER_PREFIXES:
        if s.startswith(p) and len(s) > len(p) + 1:
            return s[len(p) :]
    return s


def analysed(path: Path) -> Analysis:
    """A document run through every component but the actor filter."""
    a = Analysis(read_document(path))
    for name, component in COMPONENTS:
        if name != "actor_filter":
            component(a)
    return a


def candidates(shared: Path) -> list[dict]:
    """One record per gold document: its actors' names, features of the unreferenced
    ones (None for referenced ones) and the gold actors' names."""
    docs = []
    for set_name, gold_dir, corpus_dir in SETS:
        for gf in sorted((shared / gold_dir).glob("*.json")):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            gnames = [
                sorted({norm(g["label"])} | {norm(x) for x in g.get("aliases", [])})
                for g in gold["actors"]
            ]
            a = analysed(shared / corpus_dir / gold["document"])
            feats = dict(actor_features(a))
            names, features, labels = [], [], []
            for actor in a.idx.actors:
                f = feats.get(actor.key)
                if f is not None and passing_only(f):
                    continue  # dropped by a rule before the model is asked
                ns = sorted({norm(actor.label)} | {norm(x) for x in actor.aliases})
                names.append(ns)
                features.append(feats.get(actor.key))
                labels.append(int(any(set(ns) & set(g) for g in gnames)))
            docs.append(
                {
                    "name": gold["document"],
                    "set": set_name,
                    "names": names,
                    "features": features,
                    "labels": labels,
                    "gold": gnames,
                }
            )
    return docs


def _fit(docs: list[dict], c: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for d in docs for f in d["features"] if f is not None]
    labels = [y for d in docs for f, y in zip(d["features"], d["labels"], strict=True) if f]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    model.fit(x, labels)
    return {
        name: round(float(w), 6)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) > 1e-9
    }


def _prob(weights: dict[str, float], f: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _score(doc: dict, probs: list[float | None], threshold: float) -> tuple[int, int, int, int]:
    """(matched predicted, predicted, matched gold, gold), as the shared scorer counts."""
    kept = [
        set(ns) for ns, p in zip(doc["names"], probs, strict=True) if p is None or p >= threshold
    ]
    tp_pred = sum(1 for ns in kept if any(ns & set(g) for g in doc["gold"]))
    used: set[int] = set()
    tp_gold = 0
    for g in doc["gold"]:
        for i, ns in enumerate(kept):
            if i not in used and ns & set(g):
                used.add(i)
                tp_gold += 1
                break
    return tp_pred, len(kept), tp_gold, len(doc["gold"])


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {
        "p": round(p, 3),
        "r": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def figures(docs: list[dict], probs: dict[str, list], thresholds: list[float]) -> dict:
    """Actor precision, recall and F1 per set and overall, per threshold."""
    out = {}
    for t in thresholds:
        per = {}
        for set_name in ("seeds", "later", "all"):
            tot = [0, 0, 0, 0]
            for d in docs:
                if set_name in ("all", d["set"]):
                    tot = [x + y for x, y in zip(tot, _score(d, probs[d["name"]], t), strict=True)]
            per[set_name] = _prf(*tot)
        out[t] = per
    return out


def lodo(docs: list[dict], c: float, thresholds: list[float]) -> dict:
    """Leave-one-document-out probabilities, then figures per threshold."""
    probs = {}
    for d in docs:
        w = _fit([x for x in docs if x is not d], c)
        probs[d["name"]] = [None if f is None else _prob(w, f) for f in d["features"]]
    return figures(docs, probs, thresholds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    docs = candidates(args.shared)
    thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
    none = figures(docs, {d["name"]: [None] * len(d["names"]) for d in docs}, [0.0])[0.0]
    figs = lodo(docs, args.c, thresholds)
    best = max(thresholds, key=lambda t: (figs[t]["all"]["f1"], -t))
    n = sum(1 for d in docs for f in d["features"] if f is not None)
    pos = sum(y for d in docs for f, y in zip(d["features"], d["labels"], strict=True) if f)
    print(f"unreferenced actors {n} ({pos} in gold), documents {len(docs)}, C={args.c}")
    rows = [("rules only", none)] + [(f"threshold {t:.2f}", figs[t]) for t in thresholds]
    for label, row in rows:
        print(
            f"{label:15s} "
            + "  ".join(
                f"{k} p {v['p']:.3f} r {v['r']:.3f} f1 {v['f1']:.3f}" for k, v in row.items()
            )
            + ("  <- best" if label == f"threshold {best:.2f}" else "")
        )
    if args.write:
        weights = _fit(docs, args.c)
        out = {
            "_doc": "Logistic regression weights of the keep-or-drop filter on actors that "
            "hold no requirement and take part in no relation; written by "
            "scripts/train_actor_model.py.",
            "threshold": best,
            "c": args.c,
            "lodo": figs[best],
            "rules_only": none,
            "weights": dict(sorted(weights.items())),
        }
        path = data_path("actor_model.json")
        path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
