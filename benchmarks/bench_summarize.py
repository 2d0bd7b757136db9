"""Benchmark: articles per second for ``vnyouth.summarize()`` vs our TextRank baseline.

Single process, 3 KB articles (UTF-8 bytes of the body), parse included in
both. Articles come from VietNews ``val`` (../shared/data/vietnews) when
present, else from the project corpus (``data/*.jsonl``): those of at least
3,000 bytes, each cut after the paragraph that reaches 3,000 bytes.

    PYTHONPATH=src python benchmarks/bench_summarize.py [--n 500] [--repeat 5] [--model DIR]

Prints the best of ``--repeat`` runs for each system, and the time of parse
and of the summarizer's own steps separately. Rates are given by CPU time of
this process (the code is single-threaded; this is robust to other load on a
shared machine) and by wall clock.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vnyouth.document import parse
from vnyouth.summarizer import _resolve_model, summarize, summarize_document
from vnyouth.summary_baselines import textrank
from vnyouth.summary_features import featurize

TARGET_BYTES = 3000


def _sources() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of candidate articles."""
    try:
        from vnyouth.vietnews import read_vietnews, vietnews_available

        if vietnews_available():
            return [(r["title"], [ln for ln in r["text"].split("\n") if ln.strip()])
                    for r in read_vietnews("val", limit=3000)]
    except ImportError:  # pragma: no cover
        pass
    out = []
    for split in ("test", "dev", "train"):
        path = ROOT / "data" / f"{split}.jsonl"
        if path.is_file():
            for line in path.open(encoding="utf-8"):
                rec = json.loads(line)
                out.append((rec["title"], [p for p in rec["text"].split("\n") if p.strip()]))
    if not out:
        raise SystemExit("no articles found: need ../shared/data/vietnews or data/*.jsonl")
    return out


def articles_3kb(n: int) -> list[tuple[str, str]]:
    """``n`` (title, body) pairs: articles of at least 3 KB, cut after the paragraph that reaches 3 KB.

    When there are fewer than ``n`` such articles they are reused in turn.
    """
    pool = []
    for title, paras in _sources():
        if len("\n\n".join(paras).encode()) < TARGET_BYTES:
            continue
        body: list[str] = []
        for para in paras:
            body.append(para)
            if len("\n\n".join(body).encode()) >= TARGET_BYTES:
                break
        pool.append((title, "\n\n".join(body)))
    if not pool:
        raise SystemExit("no article of 3 KB or more found")
    return [pool[i % len(pool)] for i in range(n)]


def _best(fn, repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU time (this process) over ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=500, help="articles per run")
    p.add_argument("--repeat", type=int, default=5, help="runs per system (the best is kept)")
    p.add_argument("--model", default=None, help="summarizer model folder (default: the shipped one)")
    args = p.parse_args(argv)
    arts = articles_3kb(args.n)
    mean_kb = sum(len(t.encode()) for _, t in arts) / len(arts) / 1000
    # Load once, outside the timing: the shipped model (as a user calls it) or the given folder.
    scorer = _resolve_model(args.model)
    model = None if args.model is None else scorer
    summarize(arts[0][1], title=arts[0][0], model=model)

    def run_summarize():
        for title, text in arts:
            summarize(text, title=title, model=model)

    def run_textrank():
        for title, text in arts:
            doc = parse(text, title=title)
            textrank(doc, 3)

    docs = [parse(text, title=title) for title, text in arts]

    def run_parse():
        for title, text in arts:
            parse(text, title=title)

    def run_features():
        for d in docs:
            featurize(d)

    def run_after_parse():
        for d in docs:
            summarize_document(d, model=scorer)

    n = len(arts)
    rows = [("summarize() (parse included)", _best(run_summarize, args.repeat)),
            ("TextRank, own (parse included)", _best(run_textrank, args.repeat)),
            ("  parse() alone", _best(run_parse, args.repeat)),
            ("  summarize_document() on parsed docs", _best(run_after_parse, args.repeat)),
            ("    featurize() alone", _best(run_features, args.repeat))]
    print(f"{n} articles, mean {mean_kb:.2f} KB, mean {sum(len(d.sentences) for d in docs) / n:.1f} sentences; "
          f"best of {args.repeat} runs, one process")
    print("articles/s by CPU time of this process (robust to other load on the machine) and by wall clock")
    print(f"{'system':42s} {'art/s CPU':>10s} {'ms/art CPU':>11s} {'art/s wall':>11s}")
    for name, (wall, cpu) in rows:
        print(f"{name:42s} {n / cpu:10.0f} {1000 * cpu / n:11.3f} {n / wall:11.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
