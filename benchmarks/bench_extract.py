"""What fact extraction adds to the time of ``analyze()``, single process.

    python benchmarks/bench_extract.py [--n 600] [--repeat 3]

``analyze()`` parses an article once and classifies the parsed document;
extraction reuses that document (:func:`vnyouth.extract.extract_document`).
This prints, per article and over the same corpus articles:

* parse + classify (``classify()`` one article at a time, as ``analyze()`` does),
* parse + classify in one batch (``classify_many``), the batch job's path,
* ``extract_document`` on the already-parsed document (what extraction adds),
* ``extract`` from raw text (parses again; for callers without a document),

and the ratio of extraction to each baseline. When its models are installed,
``analyze()`` itself (which also summarises) is timed three ways: as shipped,
with extraction stubbed out, and with extraction replaced by a busy-wait as
long as ``extract_document`` takes on its own. The busy-wait touches no data,
so what it adds beyond its own length is what any step of that length costs
the steps around it on this machine (they run slower after a pause); it
separates the machine's share of the figure from the extractor's.
``analyze_many()`` (the batch job's call) is timed with and without
extraction too. The variants alternate in chunks of 50 articles so that all
see the same machine. Issue 7's target: extraction adds at most 20% to
``analyze()``. Times are process CPU time, the least of ``--repeat`` runs
(per chunk for ``analyze()``), since the machine is shared. Each timed run
starts with the extractor's caches of body names empty, as a fresh process
would: a second run over the same articles would otherwise find every name
already normalised.
"""

from __future__ import annotations

import argparse
import time

import vnyouth.extract as extract_module
from vnyouth import classify, classify_many
from vnyouth.data import load_split
from vnyouth.document import parse
from vnyouth.extract import extract, extract_document


def _cold() -> None:
    """Empty the extractor's per-name caches (``normalize_body`` and the keys built on it)."""
    for f in vars(extract_module).values():
        if hasattr(f, "cache_clear") and f.cache_info().maxsize != 1:  # not the tables built once
            f.cache_clear()


def _best(fn, repeat: int) -> float:
    """Least CPU time of ``repeat`` runs (CPU time, so that other jobs on a shared machine count less)."""
    best = float("inf")
    for _ in range(repeat):
        _cold()
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=600, help="articles to time (corpus repeated)")
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the best is kept"
    )
    args = ap.parse_args()
    base = [(r["title"], r["text"]) for s in ("train", "dev", "test") for r in load_split(s)]
    items = (base * (args.n // len(base) + 1))[: args.n]
    classify(items[0][1], title=items[0][0])  # load the model once
    docs = [parse(text, title=title) for title, text in items]

    def run_classify():
        for title, text in items:
            classify(text, title=title)

    def run_classify_many():
        classify_many([title + "\n\n" + text for title, text in items])

    def run_parse():
        for title, text in items:
            parse(text, title=title)

    def run_extract_document():
        for doc, (title, text) in zip(docs, items):
            extract_document(doc, text, title=title)

    def run_extract():
        for title, text in items:
            extract(text, title=title)

    n = len(items)
    t_cls = _best(run_classify, args.repeat) / n * 1e3
    t_many = _best(run_classify_many, args.repeat) / n * 1e3
    t_parse = _best(run_parse, args.repeat) / n * 1e3
    t_ed = _best(run_extract_document, args.repeat) / n * 1e3
    t_ex = _best(run_extract, args.repeat) / n * 1e3
    avg = sum(len(t) for _, t in items) / n
    print(
        f"{n} articles, {avg:,.0f} chars each, least CPU time of {args.repeat} runs, single process (ms per article)"
    )
    print(f"  parse only                          {t_parse:7.3f}")
    print(f"  parse + classify (classify)          {t_cls:7.3f}   <- analyze() without extraction")
    print(f"  parse + classify (classify_many)     {t_many:7.3f}   <- batch path")
    print(f"  extract_document (reuses the parse)  {t_ed:7.3f}")
    print(f"  extract (parses again)               {t_ex:7.3f}")
    print(
        f"extraction adds {t_ed / t_cls:6.1%} to parse + classify (target: <= 20% of analyze()), "
        f"{t_ed / t_many:6.1%} to the batch path"
    )
    try:  # analyze() also summarises; time it too when its models are installed
        from vnyouth.analysis import analyze, analyze_many

        analyze(items[0][1], title=items[0][0])
    except Exception as e:  # noqa: BLE001 - a missing model or module: say so and stop
        print(f"analyze() not timed ({type(e).__name__}: {e})")
        return

    real = extract_module.extract_document

    def stub(doc, text, title=None):
        return extract_module.Facts()

    def busy(doc, text, title=None):
        # As long as extract_document takes on its own, touching no data: what any step of that
        # length adds to analyze() on this machine (the steps around it run slower after a pause).
        until = time.perf_counter() + t_ed / 1e3
        while time.perf_counter() < until:
            pass
        return extract_module.Facts()

    variants = {"real": real, "stub": stub, "busy": busy}
    records = [{"title": title, "text": text} for title, text in items]
    # The variants run chunk by chunk, in rotating order, so that drift on a shared machine
    # (other jobs, frequency) falls on all alike; each chunk keeps its least time.
    chunk = 50
    starts = range(0, n, chunk)
    best = {name: [float("inf")] * len(starts) for name in variants}
    best_many = {name: [float("inf")] * len(starts) for name in ("real", "stub")}
    try:
        for r in range(args.repeat):
            _cold()
            for c, i in enumerate(starts):
                names = list(variants)
                names = names[(r + c) % 3 :] + names[: (r + c) % 3]
                for name in names:
                    extract_module.extract_document = variants[name]
                    t = time.process_time()
                    for title, text in items[i : i + chunk]:
                        analyze(text, title=title)
                    best[name][c] = min(best[name][c], time.process_time() - t)
                    if name in best_many:
                        _cold()  # analyze() has just normalised this chunk's body names
                        t = time.process_time()
                        analyze_many(records[i : i + chunk])
                        best_many[name][c] = min(best_many[name][c], time.process_time() - t)
    finally:
        extract_module.extract_document = real
    t_an, t_an0, t_busy = (sum(best[k]) / n * 1e3 for k in ("real", "stub", "busy"))
    t_many, t_many0 = (sum(best_many[k]) / n * 1e3 for k in ("real", "stub"))
    print(f"  analyze() as shipped                {t_an:7.3f}")
    print(f"  analyze() with extraction stubbed   {t_an0:7.3f}")
    print(f"  analyze() with a busy-wait instead  {t_busy:7.3f}   <- a step as long as extract_document")
    print(f"  analyze_many() as shipped           {t_many:7.3f}   <- {chunk} articles per call")
    print(f"  analyze_many() extraction stubbed   {t_many0:7.3f}")
    print(
        f"extraction adds {(t_an - t_an0) / t_an0:6.1%} to analyze() (target: <= 20%); "
        f"extract_document alone is {t_ed / t_an0:6.1%} of it; a busy-wait as long adds "
        f"{(t_busy - t_an0) / t_an0:6.1%}"
    )
    print(f"extraction adds {(t_many - t_many0) / t_many0:6.1%} to analyze_many()")


if __name__ == "__main__":
    main()
