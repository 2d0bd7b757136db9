"""Classification speed of the shipped model, single process.

    python benchmarks/bench_classify.py [--n 2000]

Prints articles/s for ``classify_many`` (parse + features + model + evidence)
and for ``parse`` alone, over corpus articles cut to about 3 KB each.
"""
from __future__ import annotations

import argparse
import time

from vnyouth import classify_many
from vnyouth.data import load_split
from vnyouth.document import parse


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles to time (corpus repeated)")
    args = ap.parse_args()
    base = [(r["title"] + "\n\n" + r["text"])[:3000] for s in ("train", "dev", "test") for r in load_split(s)]
    texts = (base * (args.n // len(base) + 1))[:args.n]
    classify_many(texts[:10])  # load the model once
    t = time.perf_counter()
    for x in texts:
        parse(x)
    t_parse = time.perf_counter() - t
    t = time.perf_counter()
    classify_many(texts)
    t_cls = time.perf_counter() - t
    avg = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} articles, {avg:,.0f} chars each, single process")
    print(f"parse only        {len(texts) / t_parse:8,.0f} articles/s")
    print(f"classify_many     {len(texts) / t_cls:8,.0f} articles/s")


if __name__ == "__main__":
    main()
