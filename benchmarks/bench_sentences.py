"""Sentence splitting: our splitter vs underthesea's sent_tokenize, quality and speed.

    python benchmarks/bench_sentences.py

Quality: exact match of the sentence list on the hand-written gold paragraphs
in ``sentence_gold.jsonl`` (abbreviations, numbers, dates, "./.", ellipses,
quotations, list items, missing spaces), and boundary precision/recall.
Speed: articles/s over the corpus test split, same process, same input.
underthesea is optional; without it only our splitter is measured.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from vnyouth.data import load_split
from vnyouth.normalize import normalize
from vnyouth.sentences import split_sentences

HERE = Path(__file__).resolve().parent


def _boundaries(text: str, sentences: list[str]) -> set[int]:
    out, pos = set(), 0
    for s in sentences:
        i = text.find(s, pos)
        if i < 0:
            i = pos
        pos = i + len(s)
        out.add(pos)
    return out


def score(name: str, split, gold) -> None:
    exact = tp = fp = fn = 0
    for g in gold:
        pred = split(g["text"])
        exact += [p.strip() for p in pred] == g["sentences"]
        want, got = _boundaries(g["text"], g["sentences"]), _boundaries(g["text"], pred)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"{name:<14} exact {exact}/{len(gold)}  boundary P={p:.3f} R={r:.3f}")


def speed(name: str, split, texts, repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for text in texts:
            split(text)
        best = min(best, time.perf_counter() - t)
    print(f"{name:<14} {len(texts) / best:,.0f} articles/s ({sum(map(len, texts)) / len(texts):,.0f} chars each)")


def main() -> None:
    gold = [json.loads(line) for line in (HERE / "sentence_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [normalize(r["title"] + "\n" + r["text"]) for r in load_split("test")]
    splitters = {"vnyouth": split_sentences}
    try:
        from underthesea import sent_tokenize

        splitters["underthesea"] = sent_tokenize
    except ImportError:
        print("underthesea not installed: pip install underthesea to compare")
    print(f"quality on {len(gold)} gold paragraphs:")
    for name, fn in splitters.items():
        score(name, fn, gold)
    print(f"speed on the corpus test split ({len(texts)} articles):")
    for name, fn in splitters.items():
        speed(name, fn, texts)


if __name__ == "__main__":
    main()
