"""The ``vnyouth tag`` subcommand: the batch job, on the command line.

:func:`add_tag_parser` registers it on the ``vnyouth`` parser; ``python -m
vnyouth.tag_cli tag ...`` runs it on its own. Like ``cli.py``, this module prints.
"""
from __future__ import annotations

import argparse
import logging
import sys

__all__ = ["add_tag_parser", "run_tag_command", "main"]

DESCRIPTION = """\
Label and summarise many articles: read INPUT records, analyse them (in
parallel with --workers), and write one output record per input record to
OUTPUT, in input order.

INPUT is a JSON Lines file (.jsonl/.ndjson/.json, one object per line; - reads
it from stdin), a CSV file (.csv, with a header row), a Parquet file
(.parquet), or a directory or glob of .txt/.html article files (encodings
detected: UTF-8, UTF-16, windows-1258). Records without an id get a stable one:
"auto-" and a hash of title and text; an article file's id is its path.

OUTPUT is JSONL, or CSV/Parquet when its name ends in .csv/.parquet; -o -
writes JSONL to stdout. Each record: id, label, confidence, scores, evidence,
summary, summary_sentences, models (model versions), error (null, or what was
wrong with that record, with its line number or path).

Resume: when OUTPUT exists, the job continues it: a torn last line left by a
killed run is cut off, and records whose id is already there are skipped. So
rerunning the same command after a crash or kill -9 ends with exactly one
record per input record. Records that errored are not retried. --overwrite
starts over. A CSV/Parquet OUTPUT is rewritten at the end of each run from
OUTPUT.journal.jsonl, which must stay next to it.
"""

EPILOG = """\
examples:
  vnyouth tag examples/ -o tagged.jsonl             every .txt/.html file in a folder
  vnyouth tag news.jsonl -o tagged.jsonl --workers 4
  vnyouth tag news.csv --text-field body --id-field url -o tagged.parquet
  cat news.jsonl | vnyouth tag - -o -               a filter: JSONL in, JSONL out
  vnyouth tag news.jsonl -o tagged.jsonl --engine dask --scheduler tcp://10.0.0.5:8786

exit codes:
  0  every record is tagged (none errored)
  1  some records errored; they are written with their error, all others are tagged
  2  usage or I/O error (missing input or column, unusable OUTPUT, bad model folder);
     rerun after fixing it: the job resumes
"""

#: At most this many record errors are printed; the rest are only in OUTPUT.
MAX_PRINTED_ERRORS = 20


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return n


def add_tag_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``tag`` subcommand on ``subparsers`` (from ``add_subparsers``); return its parser."""
    from .batch import DEFAULT_CHUNK_SIZE, MAX_RECORD_BYTES

    p = subparsers.add_parser(
        "tag", help="label and summarise many articles into a JSONL/CSV/Parquet file (resumable)",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSONL, CSV or Parquet file, directory or glob of .txt/.html files, or - (stdin)")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                   help="output file (.jsonl default, .csv, .parquet), or - for stdout")
    p.add_argument("--format", dest="output_format", choices=["jsonl", "csv", "parquet"],
                   help="output format when OUTPUT's extension does not say it")
    p.add_argument("--overwrite", action="store_true",
                   help="start over: discard what OUTPUT holds instead of resuming it")

    f = p.add_argument_group("input fields (JSONL keys or CSV/Parquet columns)")
    f.add_argument("--text-field", default="text", metavar="NAME", help="article text (default: text)")
    f.add_argument("--title-field", default="title", metavar="NAME",
                   help="headline, optional in each record (default: title)")
    f.add_argument("--id-field", default="id", metavar="NAME",
                   help="record id, optional; missing ids are generated (default: id)")
    f.add_argument("--max-record-bytes", type=_positive_int, default=MAX_RECORD_BYTES, metavar="N",
                   help=f"larger records are error records (default: {MAX_RECORD_BYTES:,})")

    w = p.add_argument_group("how the work runs")
    w.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="worker processes (local Dask workers with --engine dask); default 1")
    w.add_argument("--chunk-size", type=_positive_int, default=DEFAULT_CHUNK_SIZE, metavar="N",
                   help=f"records per batch and per write to OUTPUT (default: {DEFAULT_CHUNK_SIZE})")
    w.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: processes on this machine (default); dask: a Dask cluster")
    w.add_argument("--scheduler", metavar="ADDRESS",
                   help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(implies --engine dask; default: a local cluster on 127.0.0.1)")
    w.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: only when stderr is a terminal)")

    m = p.add_argument_group("models")
    m.add_argument("--classifier-model", metavar="DIR",
                   help="classifier model folder (default: $VNYOUTH_CLASSIFIER_MODEL or the shipped one)")
    m.add_argument("--summarizer-model", metavar="DIR",
                   help="summarizer model folder (default: $VNYOUTH_SUMMARIZER_MODEL or the shipped one)")
    p.set_defaults(func=run_tag_command)
    return p


class _Progress:
    """The progress bar and the record errors, on stderr."""

    def __init__(self, show: bool, total: int | None) -> None:
        from tqdm import tqdm

        # No monitor thread: worker processes are forked, which is only safe
        # (and fast: they share the loaded models) from a single-threaded process.
        tqdm.monitor_interval = 0
        self._tqdm = tqdm
        self.bar = tqdm(total=total, unit=" records", disable=not show, file=sys.stderr,
                        dynamic_ncols=True, smoothing=0.05)
        self.errors = 0

    def __call__(self, ok: int, errored: int, skipped: int, messages: list) -> None:
        for msg in messages:
            self.errors += 1
            if self.errors <= MAX_PRINTED_ERRORS:
                self._tqdm.write(f"vnyouth: {msg}", file=sys.stderr)
        if messages:
            self.bar.set_postfix_str(f"{self.errors:,} errored", refresh=False)
        self.bar.update(ok + errored + skipped)

    def finish(self) -> None:
        """All records are done: end the bar at 100% (the total was an estimate)."""
        if self.bar.total is not None and self.bar.n != self.bar.total:
            self.bar.total = self.bar.n
            self.bar.refresh()
        self.close()

    def close(self) -> None:
        self.bar.close()
        if self.errors > MAX_PRINTED_ERRORS:
            print(f"vnyouth: ... and {self.errors - MAX_PRINTED_ERRORS:,} more record errors "
                  "(see the error field in OUTPUT)", file=sys.stderr)


def run_tag_command(args: argparse.Namespace) -> int:
    """Run ``vnyouth tag`` for parsed ``args``; return the exit code (0, 1 or 2)."""
    from .batch import TagError, estimate_total, run_tag
    from .model_folder import ModelFolderError

    engine = "dask" if args.scheduler else args.engine
    show = sys.stderr.isatty() if args.progress is None else args.progress
    progress = None
    try:
        total = estimate_total(args.inputs) if show else None
        progress = _Progress(show, total)
        report = run_tag(
            args.inputs, args.output, output_format=args.output_format, text_field=args.text_field,
            title_field=args.title_field, id_field=args.id_field, classifier=args.classifier_model,
            summarizer=args.summarizer_model, max_record_bytes=args.max_record_bytes,
            workers=args.workers, chunk_size=args.chunk_size, engine=engine,
            scheduler=args.scheduler, overwrite=args.overwrite, on_progress=progress)
    except KeyboardInterrupt:
        _close(progress)
        print("vnyouth: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except (TagError, ModelFolderError, ImportError, OSError, ValueError) as e:
        _close(progress)
        print(f"vnyouth: error: {e}", file=sys.stderr)
        return 2
    progress.finish()
    print(f"vnyouth tag: {report.summary_line()}", file=sys.stderr)
    return report.exit_code


def _close(progress: _Progress | None) -> None:
    if progress is not None:
        progress.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m vnyouth.tag_cli tag ...``: the subcommand without the rest of the CLI."""
    parser = argparse.ArgumentParser(prog="vnyouth")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    add_tag_parser(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
