"""The ``vnyouth`` command line. Only this module prints."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

__all__ = ["main"]

EPILOG = """examples:
  vnyouth classify examples/*.txt            label article files (JSONL on stdout)
  vnyouth classify --format table a.txt      one line per file
  cat a.txt | vnyouth classify -             read one article from stdin
  vnyouth train --out models/my-model        retrain the classifier from data/
  vnyouth evaluate --model models/my-model   scores on dev, test and the seeds
  vnyouth datasheet                          corpus counts, lengths, rule baseline

exit codes: 0 ok, 1 some inputs failed (the others are still printed), 2 usage or I/O error
"""


def _cmd_classify(args) -> int:
    from .api import classify
    from .reading import read_text_file

    failed = 0
    for name in args.files:
        try:
            text = sys.stdin.read() if name == "-" else read_text_file(name)
            r = classify(text, model=args.model)
        except (OSError, TypeError, ValueError) as e:
            failed += 1
            print(f"vnyouth: {name}: {e}", file=sys.stderr)
            if args.format == "jsonl":
                print(json.dumps({"path": name, "label": None, "error": str(e)}, ensure_ascii=False))
            continue
        if args.format == "table":
            print(f"{r.label:<20} {r.confidence:5.2f}  {name}")
        else:
            print(json.dumps({"path": name, **r.to_dict(), "error": None}, ensure_ascii=False))
    return 1 if failed else 0


def _cmd_train(args) -> int:
    from .training import ClassifierSettings, train_classifier_folder
    from .evaluation import format_metrics

    settings = ClassifierSettings()
    if args.settings:
        settings = ClassifierSettings.from_dict(json.loads(Path(args.settings).read_text()))
    out, meta = train_classifier_folder(args.out, data_dir=args.data, settings=settings, name=args.name)
    print(f"wrote {out}  (threshold {meta['threshold']:.2f} chosen on dev)")
    for split, m in meta["metrics"].items():
        print(format_metrics(split, m))
        print(f"  keyword-rule baseline macro-F1: {meta['baseline_metrics'][split]['macro_f1']:.3f}")
    return 0


def _cmd_evaluate(args) -> int:
    from .data import CorpusError, load_seeds, load_split
    from .evaluation import format_metrics
    from .model_folder import load_default
    from .rules import KeywordRuleClassifier
    from .training import evaluate_estimator

    est, meta = load_default("classifier", args.model)
    rules = KeywordRuleClassifier().fit([], [])
    splits = {s: load_split(s, args.data) for s in args.splits}
    try:
        splits["seeds"] = load_seeds()
    except CorpusError as e:
        print(f"vnyouth: {e}; seeds skipped", file=sys.stderr)
    print(f"model: {meta.get('name')}  threshold {meta.get('threshold')}")
    for name, records in splits.items():
        print(format_metrics(name, evaluate_estimator(est, records)))
        print(f"  keyword-rule baseline macro-F1: {evaluate_estimator(rules, records)['macro_f1']:.3f}")
    return 0


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

    t = sub.add_parser("train", help="retrain the classifier from the corpus into a model folder",
                       description="Fit on data/train.jsonl, choose the fallback threshold on dev, "
                                   "score dev/test/seeds, and write a model folder with meta.json and a card.")
    t.add_argument("--data", help="corpus folder with train/dev/test.jsonl (default: the checkout's data/)")
    t.add_argument("--out", help="output model folder (default: models/<name>)")
    t.add_argument("--name", help="model name recorded in meta.json (default: the shipped model's name)")
    t.add_argument("--settings", help="JSON file of ClassifierSettings to override the defaults")
    t.set_defaults(func=_cmd_train)

    e = sub.add_parser("evaluate", help="score a classifier model folder on the corpus and the seeds")
    e.add_argument("--model", help="model folder (default: the shipped model)")
    e.add_argument("--data", help="corpus folder (default: the checkout's data/)")
    e.add_argument("--splits", nargs="+", default=["dev", "test"], choices=["train", "dev", "test"])
    e.set_defaults(func=_cmd_evaluate)

    d = sub.add_parser("datasheet", help="print the corpus statistics quoted in data/README.md")
    d.add_argument("--data", help="corpus folder (default: the checkout's data/)")
    d.set_defaults(func=_cmd_datasheet)

    from .tag_cli import add_tag_parser

    add_tag_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
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
