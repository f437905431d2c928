"""Train the keep-or-drop model of candidate directive units from the gold annotations.

Usage::

    .venv/bin/python scripts/train_directive_model.py [--shared ../shared] [--c 0.3]
        [--write] [--threshold 0.4] [--report benchmarks/EXTRACTION-LODO.md]

Every sentence of the gold documents (``../shared/gold`` with the seed speeches,
``../shared/gold/later`` with the later documents) is cut into candidate units by the
extractor itself; a unit is labelled a requirement when it and a gold requirement are
each other's best overlap. A logistic regression (scikit-learn, needed only here) is
fitted on :func:`extract.directive_features.unit_features`.

Figures printed: leave-one-document-out (each document scored by a model trained on
the other eighteen), per set and overall, as precision, recall and F1 of requirement
spans matched one to one like the shared scorer. ``--write`` fits on all documents and
writes ``extract/data/directive_model.json`` (weights, threshold, and the LODO figures).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extract.ingest.reader import read_document  # noqa: E402
from extract.lexicon import data_path  # noqa: E402
from extract.pipeline import extract  # noqa: E402

SETS = (("seeds", "gold", "corpus/seeds"), ("later", "gold/later", "corpus/later"))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for ov, i, j in pairs:
        if ov > 0 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def candidates(shared: Path) -> list[dict]:
    """One record per gold document: its candidate units, features and labels."""
    docs = []
    for set_name, gold_dir, corpus_dir in SETS:
        for gf in sorted((shared / gold_dir).glob("*.json")):
            gold = json.loads(gf.read_text(encoding="utf-8"))
            doc = read_document(shared / corpus_dir / gold["document"])
            seen: list[tuple[tuple[int, int], dict[str, float]]] = []

            def record(u, f, doc=doc, seen=seen):
                span = doc.span(u.start, u.end)
                seen.append(((span.start, span.end), f))
                return True

            extract(doc, decide=record)
            spans = [s for s, _ in seen]
            gspans = [(r["start"], r["end"]) for r in gold["requirements"]]
            pos = {i for i, _ in _match(spans, gspans)}
            docs.append(
                {
                    "name": gold["document"],
                    "set": set_name,
                    "spans": spans,
                    "features": [f for _, f in seen],
                    "labels": [int(i in pos) for i in range(len(spans))],
                    "gold": gspans,
                }
            )
    return docs


def _fit(docs: list[dict], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for d in docs for f in d["features"]]
    labels = [y for d in docs for y in d["labels"]]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(feats)
    model = LogisticRegression(C=c, max_iter=2000, fit_intercept=False)
    model.fit(x, labels)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) > 1e-9
    }
    return weights


def _prob(weights: dict[str, float], f: dict[str, float]) -> float:
    import math

    z = sum(weights.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _score(doc: dict, probs: list[float], threshold: float) -> tuple[int, int, int]:
    kept = [s for s, p in zip(doc["spans"], probs, strict=True) if p >= threshold]
    tp = len(_match(kept, doc["gold"]))
    return tp, len(kept), len(doc["gold"])


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "p": round(p, 3),
        "r": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def lodo(docs: list[dict], c: float, thresholds: list[float]) -> dict:
    """Leave-one-document-out probabilities, then figures per threshold."""
    probs = {}
    for d in docs:
        w = _fit([x for x in docs if x is not d], c)
        probs[d["name"]] = [_prob(w, f) for f in d["features"]]
    out = {}
    for t in thresholds:
        per = {}
        for set_name in ("seeds", "later", "all"):
            sel = [d for d in docs if set_name in ("all", d["set"])]
            tp = n_pred = n_gold = 0
            for d in sel:
                a, b, g = _score(d, probs[d["name"]], t)
                tp, n_pred, n_gold = tp + a, n_pred + b, n_gold + g
            per[set_name] = _prf(tp, n_pred, n_gold)
        out[t] = per
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--write", action="store_true")
    ap.add_argument(
        "--threshold", type=float, help="keep this threshold (default: the best LODO F1)"
    )
    args = ap.parse_args(argv)
    docs = candidates(args.shared)
    thresholds = sorted({0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6} | {args.threshold or 0.4})
    figures = lodo(docs, args.c, thresholds)
    best = args.threshold or max(thresholds, key=lambda t: figures[t]["all"]["f1"])
    print(f"candidates {sum(len(d['spans']) for d in docs)}, documents {len(docs)}, C={args.c}")
    for t in thresholds:
        row = figures[t]
        print(
            f"threshold {t:.2f}  "
            + "  ".join(
                f"{k} p {v['p']:.3f} r {v['r']:.3f} f1 {v['f1']:.3f}" for k, v in row.items()
            )
            + ("  <- kept" if t == best else "")
        )
    if args.write:
        weights = _fit(docs, args.c)
        out = {
            "_doc": "Logistic regression weights of the keep-or-drop decision on candidate "
            "directive units; written by scripts/train_directive_model.py.",
            "threshold": best,
            "c": args.c,
            "lodo": figures[best],
            "weights": dict(sorted(weights.items())),
        }
        path = data_path("directive_model.json")
        path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
