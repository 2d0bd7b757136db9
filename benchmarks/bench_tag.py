"""Throughput and memory of the batch job (``vnyouth tag``).

    python benchmarks/bench_tag.py                       # 20,000 articles; memory at 10k and 100k
    python benchmarks/bench_tag.py --n 4000 --memory-sizes 2000 10000 --workers 2

Builds JSONL inputs of corpus articles varied to about 3 KB each (title +
text; paragraphs drawn from other articles, shuffled, so no two are alike),
then prints:

* articles/s of the full tag (read, parse, classify, summarise, write +
  fsync) in this process with 1 worker, with ``--workers`` processes, and on
  the Dask engine (a LocalCluster on 127.0.0.1 with ``--workers`` workers):
  ``overall`` counts start-up (model loading, starting workers or the
  cluster), ``steady`` counts from the first chunk written to the last;
* peak memory (max RSS) of ``vnyouth tag --workers 1`` run as a subprocess on
  each of ``--memory-sizes`` records, which should not grow with the input.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vnyouth.batch import run_tag, tag
from vnyouth.data import load_split

TARGET_BYTES = 3000


def build_input(path: Path, n: int, seed: int = 0) -> float:
    """Write ``n`` varied ~3 KB articles to ``path`` (streamed); return the mean text size in bytes."""
    corpus = [r for s in ("train", "dev", "test") for r in load_split(s)]
    paragraphs = [p for r in corpus for p in r["text"].split("\n") if p.strip()]
    rng = random.Random(seed)
    total = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            base = corpus[i % len(corpus)]
            parts = [p for p in base["text"].split("\n") if p.strip()]
            extra = []
            while len("\n".join(parts + extra).encode()) < TARGET_BYTES:
                extra.append(rng.choice(paragraphs))
            rng.shuffle(extra)
            text = "\n".join(parts + extra)
            text = text.encode()[:TARGET_BYTES + 200].decode("utf-8", "ignore")
            total += len(text.encode())
            f.write(json.dumps({"id": f"{base['id']}-{i}", "title": base["title"], "text": text},
                               ensure_ascii=False) + "\n")
    return total / max(n, 1)


def timed_run(src: Path, out: Path, **kwargs) -> tuple[float, float, int]:
    """Run the job; return (overall articles/s, steady articles/s, records)."""
    marks: list[tuple[float, int]] = []
    start = time.perf_counter()
    report = run_tag([src], out, overwrite=True,
                     on_progress=lambda ok, err, skip, msgs: marks.append((time.perf_counter(), ok + err)),
                     **kwargs)
    end = time.perf_counter()
    n = report.ok + report.errored
    steady = (n - marks[0][1]) / (marks[-1][0] - marks[0][0]) if len(marks) > 1 else float("nan")
    return n / (end - start), steady, n


def peak_rss_mb(src: Path, out: Path) -> tuple[float, float]:
    """Max RSS (MB) and wall time of ``vnyouth tag --workers 1`` as a subprocess."""
    cmd = [sys.executable, "-m", "vnyouth.tag_cli", "tag", str(src), "-o", str(out), "--overwrite",
           "--no-progress", "--workers", "1"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"vnyouth tag failed with exit code {proc.returncode}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000, help="articles for the throughput runs")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="N for the parallel runs")
    ap.add_argument("--chunk-size", type=int, default=256)
    ap.add_argument("--memory-sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask engine")
    ap.add_argument("--dir", help="work folder (default: a temporary one, removed at the end)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        tmp = Path(tmp)
        src = tmp / "articles.jsonl"
        mean = build_input(src, args.n)
        print(f"{args.n:,} articles, {mean:,.0f} bytes of text each on average; "
              f"{os.cpu_count()} CPUs; chunk size {args.chunk_size}")
        list(tag(["Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023."]))  # load models
        runs = [("local, 1 worker", dict(workers=1)),
                (f"local, {args.workers} workers", dict(workers=args.workers))]
        if not args.no_dask:
            runs.append((f"dask LocalCluster, {args.workers} workers",
                         dict(workers=args.workers, engine="dask")))
        rates = {}
        print(f"{'engine':<32} {'overall':>10} {'steady':>10}   articles/s")
        for name, kwargs in runs:
            try:
                overall, steady, _ = timed_run(src, tmp / "out.jsonl", chunk_size=args.chunk_size, **kwargs)
            except ImportError as e:
                print(f"{name:<32} skipped: {e}")
                continue
            rates[name] = steady
            print(f"{name:<32} {overall:>10,.0f} {steady:>10,.0f}")
        one = rates.get("local, 1 worker")
        many = rates.get(f"local, {args.workers} workers")
        if one and many:
            print(f"speed-up with {args.workers} workers: {many / one:.2f}x (steady)")

        for size in args.memory_sizes:
            msrc = tmp / f"mem-{size}.jsonl"
            build_input(msrc, size, seed=size)
            rss, wall = peak_rss_mb(msrc, tmp / "mem-out.jsonl")
            print(f"peak memory, {size:>7,} records, 1 worker: {rss:7.0f} MB  ({wall:,.0f} s, "
                  f"{size / wall:,.0f} articles/s with start-up)")
            msrc.unlink()


if __name__ == "__main__":
    main()
