"""The corpus datasheet's numbers: counts, lengths and the keyword-rule baseline.

``vnyouth datasheet`` prints them as Markdown tables; ``data/README.md`` quotes
that output, so every number there can be re-run.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from .data import SPLITS, CorpusError, find_leaks, load_seeds, load_split, overlap_margins
from .labels import LABELS
from .syllables import count_syllables

__all__ = ["corpus_tables"]


def _words(r: dict) -> int:
    return len(r["text"].split())


def corpus_tables(data_dir=None) -> str:
    """Markdown tables describing the corpus in ``data_dir`` (default: the checkout's ``data/``)."""
    from .evaluation import classification_metrics
    from .rules import KeywordRuleClassifier

    splits = {s: load_split(s, data_dir) for s in SPLITS}
    out = ["### Articles per label and split", "",
           "| label | " + " | ".join(SPLITS) + " | all |", "|---|" + "---:|" * (len(SPLITS) + 1)]
    for label in LABELS:
        counts = [sum(r["label"] == label for r in splits[s]) for s in SPLITS]
        out.append(f"| {label} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    totals = [len(splits[s]) for s in SPLITS]
    out.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    allr = [r for s in SPLITS for r in splits[s]]
    origins = Counter(r["origin"] for r in allr)
    out += ["", "### Origin, families, hard cases", "",
            "| | " + " | ".join(SPLITS) + " |", "|---|" + "---:|" * len(SPLITS)]
    for origin in sorted(origins):
        out.append(f"| origin `{origin}` | " + " | ".join(str(sum(r['origin'] == origin for r in splits[s]))
                                                          for s in SPLITS) + " |")
    out.append("| families | " + " | ".join(str(len({r['family'] for r in splits[s]})) for s in SPLITS) + " |")
    out.append("| marked hard cases | " + " | ".join(str(sum(bool(r.get('hard_case')) for r in splits[s]))
                                                       for s in SPLITS) + " |")
    out += ["", "### Length (body words, whitespace-separated; summary syllables)", "",
            "| label | body min | p25 | median | p75 | max | summary median | summary max |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label in (*LABELS, None):
        rs = [r for r in allr if label is None or r["label"] == label]
        if not rs:
            continue
        w = np.array([_words(r) for r in rs])
        sm = np.array([count_syllables(r["summary"]) for r in rs])
        q = np.percentile(w, [0, 25, 50, 75, 100]).astype(int)
        out.append(f"| {label or '**all**'} | " + " | ".join(map(str, q)) + f" | {int(np.median(sm))} | {sm.max()} |")
    bins = [(0, 200), (200, 500), (500, 900), (900, 10**6)]
    out += ["", "| body words | " + " | ".join(f"{a}–{b if b < 10**6 else ''}" for a, b in bins) + " |",
            "|---|" + "---:|" * len(bins),
            "| articles | " + " | ".join(str(sum(a <= _words(r) < b for r in allr)) for a, b in bins) + " |"]
    provinces = Counter((r.get("facts") or {}).get("province_current") for r in allr)
    out += ["", f"Distinct provinces (post-2025 units) named in facts: "
                f"{len([p for p in provinces if p])} of 34; national-level (no province): {provinces.get(None, 0)}."]
    rules = KeywordRuleClassifier().fit([], [])
    out += ["", "### Keyword-rule baseline (TAXONOMY's decision rules on title + lead)", "",
            "| split | n | macro-F1 | accuracy |", "|---|---:|---:|---:|"]
    for s in ("dev", "test"):
        X = [{"title": r["title"], "text": r["text"]} for r in splits[s]]
        m = classification_metrics([r["label"] for r in splits[s]], rules.predict(X))
        out.append(f"| {s} | {m['n']} | {m['macro_f1']:.3f} | {m['accuracy']:.3f} |")
    leaks = find_leaks(splits["train"], splits["dev"] + splits["test"])
    out += ["", f"Leak check (dev+test against train): {len(leaks)} problem(s).", "",
            "### Overlap of independent writing (8-syllable runs; what `find_leaks`'s thresholds sit above)", "",
            "| held-out | against | max share of runs in one article | longest shared run |",
            "|---|---|---:|---:|"]
    held = splits["dev"] + splits["test"]
    writers = sorted({r["id"].split("-")[0] for r in held})
    cross = [overlap_margins([t for t in splits["train"] if not t["id"].startswith(w + "-")],
                             [r for r in held if r["id"].startswith(w + "-")]) for w in writers]
    out.append(f"| dev+test | train articles by other writers | {max(c for c, _ in cross):.1%} | "
               f"{max(r for _, r in cross)} syllables |")
    try:
        c, run = overlap_margins(allr, load_seeds())
        out.append(f"| the 5 seed articles | the whole corpus | {c:.1%} | {run} syllables |")
    except CorpusError:
        out.append("| the 5 seed articles | (../shared/seeds not found) | | |")
    return "\n".join(out)
