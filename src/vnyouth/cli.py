"""The ``vnyouth`` command line. Only this module prints."""
from __future__ import annotations

import argparse
import json
import logging
import sys

__all__ = ["main"]

EPILOG = """examples:
  vnyouth classify examples/*.txt            label article files (JSONL on stdout)
  vnyouth classify --format table a.txt      one line per file
  vnyouth summarize --format text a.txt      a short summary of each file
  vnyouth tag examples/ -o tagged.jsonl      label + summarise + extract, resumable
  cat a.txt | vnyouth classify -             read one article from stdin
  vnyouth train --out models/my-model        retrain the classifier from data/
  vnyouth train --data-file mine.jsonl --out models/mine   add your labelled articles
  vnyouth evaluate --model models/my-model --compare shipped   scores on dev, test, seeds
  vnyouth cv --grid                          family-grouped cross-validation and grid search
  vnyouth datasheet                          corpus counts, lengths, rule baseline
  vnyouth evaluate-summarizer                ROUGE on VietNews val and the corpus

exit codes: 0 ok, 1 some inputs failed (the others are still printed), 2 usage or I/O error
"""


def _each_article(files: list[str], fmt: str, fn):
    """Read each file (or stdin for ``-``), call ``fn(text)``; print errors; return the failure count."""
    from .reading import read_text_file

    failed = 0
    for name in files:
        try:
            text = sys.stdin.read() if name == "-" else read_text_file(name)
            result = fn(text)
        except (OSError, TypeError, ValueError) as e:
            failed += 1
            print(f"vnyouth: {name}: {e}", file=sys.stderr)
            if fmt == "jsonl":
                print(json.dumps({"path": name, "error": str(e)}, ensure_ascii=False))
            continue
        yield name, result
    if failed:
        raise _SomeFailed(failed)


class _SomeFailed(Exception):
    """Some inputs failed; the others were printed."""


def _run_per_file(args, fn, show) -> int:
    try:
        for name, result in _each_article(args.files, args.format, fn):
            show(name, result)
    except _SomeFailed:
        return 1
    return 0


def _cmd_classify(args) -> int:
    from .api import classify

    def show(name, r):
        if args.format == "table":
            print(f"{r.label:<20} {r.confidence:5.2f}  {name}")
        else:
            print(json.dumps({"path": name, **r.to_dict(), "error": None}, ensure_ascii=False))

    return _run_per_file(args, lambda text: classify(text, model=args.model), show)


def _cmd_summarize(args) -> int:
    from .summarizer import summarize

    def show(name, r):
        if args.format == "text":
            print(f"== {name}\n{r.text}\n")
        else:
            print(json.dumps({"path": name, "summary": r.text, "sentences": list(r.indices), "error": None},
                             ensure_ascii=False))

    return _run_per_file(args, lambda text: summarize(text, max_sentences=args.max_sentences,
                                                      max_syllables=args.max_syllables, model=args.model), show)


_SUMMARY_COMMANDS = ("train-summarizer", "evaluate-summarizer")


def _summary_training(command: str, argv: list[str]) -> int:
    """Hand the summarizer commands to ``vnyouth.summary_training`` with their own options."""
    from .summary_training import main as summary_main

    extra = ["--eval-only"] if command == "evaluate-summarizer" else []
    return summary_main(extra + argv) or 0


def _cmd_datasheet(args) -> int:
    from .datasheet import corpus_tables

    print(corpus_tables(args.data))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    from ._version import __version__

    p = argparse.ArgumentParser(
        prog="vnyouth", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
        description="Label and summarise Vietnamese news articles about the Ho Chi Minh Communist Youth Union.")
    p.add_argument("--version", action="version", version=f"vnyouth {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("classify", help="label article files (.txt/.html) by event type",
                       description="Label each article file; prints one JSON object per file.")
    c.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for stdin")
    c.add_argument("--model", help="model folder (default: $VNYOUTH_CLASSIFIER_MODEL or the shipped model)")
    c.add_argument("--format", choices=["jsonl", "table"], default="jsonl", help="output format (default jsonl)")
    c.set_defaults(func=_cmd_classify)

    m = sub.add_parser("summarize", help="short extractive summary of article files",
                       description="Summarise each article file: at most --max-sentences sentences and "
                                   "--max-syllables syllables, cut from the article itself.")
    m.add_argument("files", nargs="+", metavar="FILE", help="article files, or - for stdin")
    m.add_argument("--max-sentences", type=int, default=3, help="sentence budget (default 3)")
    m.add_argument("--max-syllables", type=int, default=60, help="syllable budget (default 60)")
    m.add_argument("--model", help="summarizer model folder (default: $VNYOUTH_SUMMARIZER_MODEL or the shipped one)")
    m.add_argument("--format", choices=["jsonl", "text"], default="jsonl", help="output format (default jsonl)")
    m.set_defaults(func=_cmd_summarize)

    from .workflow_cli import add_workflow_parsers

    add_workflow_parsers(sub)  # train, evaluate, cv

    d = sub.add_parser("datasheet", help="print the corpus statistics quoted in data/README.md")
    d.add_argument("--data", help="corpus folder (default: the checkout's data/)")
    d.set_defaults(func=_cmd_datasheet)

    for name, text in (("train-summarizer", "retrain the summarizer's sentence scorer on VietNews"),
                       ("evaluate-summarizer", "ROUGE of the summarizer vs Lead-k, TextRank and the oracle")):
        # Listed here for --help; main() hands them over before parsing.
        sub.add_parser(name, help=text + " (see its --help)", add_help=False)

    from .tag_cli import add_tag_parser

    add_tag_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in _SUMMARY_COMMANDS:
        return _summary_training(argv[0], argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from .data import CorpusError
    from .model_folder import ModelFolderError

    try:
        return args.func(args)
    except (ModelFolderError, CorpusError, FileNotFoundError, ImportError) as e:
        print(f"vnyouth: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
