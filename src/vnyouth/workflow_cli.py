"""The retraining workflow on the command line: ``vnyouth train``, ``vnyouth evaluate``, ``vnyouth cv``.

:func:`add_workflow_parsers` adds the three commands to the ``vnyouth``
parser (``vnyouth.cli.build_parser``). They do what the notebooks do, with the
same functions: load your labelled files (:mod:`vnyouth.labelled_data`), train,
compare with the shipped model on the same articles, list the errors, save
plots (:mod:`vnyouth.plots`) and write a model folder whose card shows both
models' metrics (:func:`vnyouth.model_io.save_model`).

Like the rest of the CLI, these print; the library functions they call do not.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_workflow_parsers", "cmd_cv", "cmd_evaluate", "cmd_train", "parse_mapping"]

TRAIN_EPILOG = """examples:
  vnyouth train --out my-models/retrained
      retrain on data/train.jsonl, choose the fallback threshold on dev, score dev/test/seeds next
      to the shipped model, write my-models/retrained/{model.joblib,meta.json,README.md}
  vnyouth train --data-file my_articles.jsonl --column-mapping noi_dung=text,nhan=label,tieu_de=title \\
                --out my-models/with-mine --plots my-models/with-mine-plots
      add your labelled articles (25% of them held out and scored), save PNG plots too
  vnyouth train --data-file mine.csv --labels infer --no-corpus --out my-models/own-labels
      train on your articles alone, with your own label set
  vnyouth classify --model my-models/with-mine article.txt
      use the new model
"""

EVALUATE_EPILOG = """examples:
  vnyouth evaluate --model my-models/with-mine --compare shipped --errors 10
      both models on dev, test and the seeds in one table, and the 10 most confident mistakes
  vnyouth evaluate --model my-models/with-mine --data-file more.jsonl --column-mapping noi_dung=text,nhan=label
      score on your own labelled file instead of the corpus
  vnyouth evaluate --plots plots/
      confusion matrices and reliability diagrams as PNG
  vnyouth evaluate --summaries --splits test --plots plots/
      the summarizer's syllable ROUGE next to Lead-1/2/3, TextRank and the oracle; ROUGE by length
"""

CV_EPILOG = """examples:
  vnyouth cv                          5-fold cross-validation by family on train + dev
  vnyouth cv --grid --folds 3 --write-settings best.json
      the documented grid (C, char_weight, body_weight); then: vnyouth train --settings best.json
  vnyouth cv --grid-json '{"C": [4, 8]}' --folds 2
"""


def parse_mapping(text: str | None) -> dict | None:
    """``"a=b,c=d"`` or a JSON object -> dict; ``None`` stays ``None``.

    >>> parse_mapping("noi_dung=text,nhan=label")
    {'noi_dung': 'text', 'nhan': 'label'}
    """
    if text is None:
        return None
    text = text.strip()
    if text.startswith("{"):
        try:
            out = json.loads(text)
        except json.JSONDecodeError as e:
            raise argparse.ArgumentTypeError(f"not a JSON object: {e}") from e
        if not isinstance(out, dict):
            raise argparse.ArgumentTypeError("expected a JSON object")
        return out
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        if "=" not in part:
            raise argparse.ArgumentTypeError(f"{part!r} is not FROM=TO; write e.g. noi_dung=text,nhan=label")
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _labels_arg(text: str | None):
    if text is None or text in ("taxonomy", "infer"):
        return text
    return [t.strip() for t in text.split(",") if t.strip()]


def _add_user_data_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("your labelled articles")
    g.add_argument("--data-file", action="append", metavar="FILE", default=[],
                   help="labelled articles: .jsonl, .json, .csv, .tsv or .parquet (repeatable)")
    g.add_argument("--column-mapping", type=parse_mapping, metavar="MAP",
                   help="rename your columns: noi_dung=text,nhan=label,tieu_de=title (or a JSON object); "
                        "text and label are required")
    g.add_argument("--label-mapping", type=parse_mapping, metavar="MAP",
                   help="rename label values first, e.g. 'hội nghị sơ kết=interim_review'")
    g.add_argument("--labels", type=_labels_arg, metavar="SET",
                   help="label set: taxonomy (default), infer (the labels found in your files) or a,b,c")


def _load_user(args):
    from .labelled_data import LabelledData, load_labelled

    parts = [load_labelled(f, column_mapping=args.column_mapping, labels=args.labels,
                           label_mapping=args.label_mapping) for f in args.data_file]
    if not parts:
        return None
    label_sets = {p.labels for p in parts}
    if len(label_sets) > 1:
        raise ValueError(f"your files have different label sets {sorted(label_sets)}; pass --labels a,b,c")
    return LabelledData(tuple(r for p in parts for r in p.records), parts[0].labels,
                        "+".join(p.source for p in parts), tuple(n for p in parts for n in p.notes))


def _seeds(quiet: bool = False) -> list[dict]:
    from .data import CorpusError, load_seeds

    try:
        return load_seeds()
    except CorpusError as e:
        if not quiet:
            print(f"vnyouth: {e}; seeds skipped", file=sys.stderr)
        return []


def _save_plots(metrics: dict, reference: dict | None, names: tuple[str, str], folder: str) -> list[Path]:
    from .plots import plot_confusion_matrix, plot_reliability

    out = []
    for split, m in metrics.items():
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in split)
        out.append(Path(folder) / f"confusion_{safe}.png")
        plot_confusion_matrix(m, title=f"{names[0]} on {split}", path=out[-1])
        if m.get("reliability"):
            out.append(Path(folder) / f"reliability_{safe}.png")
            plot_reliability(m, reference=(reference or {}).get(split), names=names,
                             title=f"reliability on {split}", path=out[-1])
    return out


# -- train -------------------------------------------------------------------------------

def _fit_without_dev(train, settings):
    est = settings.estimator().fit([{"title": r.get("title"), "text": r["text"]} for r in train],
                                   [r["label"] for r in train],
                                   groups=[r.get("family") or r["id"] for r in train])
    return est, None


def _usage_errors(func):
    """Run a command; bad data or settings (ValueError) print one line and exit 2."""
    def run(args) -> int:
        try:
            return func(args)
        except ValueError as e:
            print(f"vnyouth: error: {e}", file=sys.stderr)
            return 2
    run.__name__, run.__doc__ = func.__name__, func.__doc__
    return run


@_usage_errors
def cmd_train(args) -> int:
    """``vnyouth train``: train, compare with the reference model, write a model folder."""
    from .data import load_split
    from .evaluation import format_metrics
    from .labelled_data import map_labels, merge_with_corpus, split_labelled
    from .model_folder import DEFAULT_MODELS, read_meta
    from .model_io import save_model
    from .training import SETTINGS_NOTE, ClassifierSettings, corpus_fingerprint, train_classifier

    settings = ClassifierSettings()
    if args.settings:
        settings = ClassifierSettings.from_dict(json.loads(Path(args.settings).read_text(encoding="utf-8")))
    user = _load_user(args)
    if args.no_corpus and user is None:
        raise ValueError("--no-corpus needs --data-file")
    eval_sets: dict[str, list] = {}
    training_data = None
    if user is None:  # the corpus alone: what the shipped model is trained on
        train_data = load_split("train", args.data)
        dev = load_split("dev", args.data)
        eval_sets = {"dev": dev, "test": load_split("test", args.data)}
        training_data = {**corpus_fingerprint(args.data), "n": len(train_data)}
    else:
        if args.holdout > 0:
            user_train, user_held = split_labelled(user, args.holdout, random_state=settings.random_state)
        else:
            user_train, user_held = user, []
        if args.no_corpus:  # no dev set: no threshold is chosen
            train_data, dev = user_train, []
        else:
            mapping = args.corpus_label_mapping or {}
            train_data = merge_with_corpus(user_train, data_dir=args.data, corpus_label_mapping=mapping)
            dev = map_labels(load_split("dev", args.data), mapping)
            eval_sets = {"dev": dev, "test": map_labels(load_split("test", args.data), mapping)}
        if len(user_held):
            eval_sets["yours (held out)"] = list(user_held)
        else:
            print("vnyouth: none of your articles held out, so none are scored "
                  "(too few articles, or --holdout 0)", file=sys.stderr)
        if not eval_sets:
            raise ValueError("nothing to score the model on: with --no-corpus, keep --holdout above 0 "
                             "and give at least two articles per label")
    if user is None or user.is_taxonomy:
        seeds = _seeds()
        if seeds:
            eval_sets["seeds"] = seeds
    train = list(train_data)
    est, info = train_classifier(train, dev, settings) if dev else _fit_without_dev(train, settings)
    name = args.name or (Path(args.out).name if args.out else DEFAULT_MODELS["classifier"])
    out = Path(args.out) if args.out else Path("models") / name
    reference = None if args.compare_to in (None, "none") else args.compare_to
    save_model(out, est, eval_sets=eval_sets, train_data=train_data, reference=reference, settings=settings,
               training_info=info, training_data=training_data, name=name, plots=args.plots_in_folder,
               description=SETTINGS_NOTE if user is None and not args.settings else "")
    meta = read_meta(out)
    print(f"wrote {out}  ({meta['n_train']} training articles"
          + (f"; threshold {meta['threshold']:.2f} chosen on dev)" if info else "; no dev set, threshold 0)"))
    ref_name = (meta.get("reference_model") or {}).get("name")
    for split in meta.get("eval_sets") or list(meta["metrics"]):
        print(format_metrics(split, meta["metrics"][split]))
        if ref_name:
            print(f"  {ref_name} macro-F1: {meta['reference_metrics'][split]['macro_f1']:.3f}")
        if "baseline_metrics" in meta:
            print(f"  keyword-rule baseline macro-F1: {meta['baseline_metrics'][split]['macro_f1']:.3f}")
    for note in meta.get("notes", []):
        print(f"note: {note}", file=sys.stderr)
    if args.plots:
        files = _save_plots(meta["metrics"], meta.get("reference_metrics"), (name, ref_name or "reference"),
                            args.plots)
        print(f"plots: {', '.join(str(f) for f in files)}")
    print(f"model card: {out / 'README.md'}")
    return 0


# -- evaluate --------------------------------------------------------------------------------

@_usage_errors
def cmd_evaluate(args) -> int:
    """``vnyouth evaluate``: score a model folder, optionally next to others, list errors, save plots."""
    from .data import load_split
    from .evaluation import format_metrics
    from .labels import LABELS
    from .model_folder import default_model_dir
    from .model_io import SHIPPED, load_model, shipped_model_path
    from .reports import compare_models, evaluate_classifier, misclassified
    from .rules import KeywordRuleClassifier

    if args.summaries:
        return _evaluate_summaries(args)
    path = Path(args.model) if args.model else default_model_dir("classifier")
    est, meta = load_model(path)
    name = meta.get("name") or path.name
    user = _load_user(args)
    if user is not None:
        splits = {user.source: list(user)}
    else:
        splits = {s: load_split(s, args.data) for s in args.splits}
        if set(meta.get("labels", [])) <= set(LABELS):
            seeds = _seeds()
            if seeds:
                splits["seeds"] = seeds
    metrics = {s: evaluate_classifier(est, recs) for s, recs in splits.items()}
    if args.json:
        print(json.dumps({"model": name, "metrics": metrics}, ensure_ascii=False, indent=2))
    else:
        print(f"model: {name}  threshold {meta.get('threshold')}")
        taxonomy = meta.get("label_set", {}).get("taxonomy", True)
        rules = KeywordRuleClassifier().fit([], []) if taxonomy else None
        for s, recs in splits.items():
            print(format_metrics(s, metrics[s]))
            if "ece" in metrics[s]:
                print(f"  expected calibration error: {metrics[s]['ece']:.3f}")
            if rules is not None:
                print(f"  keyword-rule baseline macro-F1: {evaluate_classifier(rules, recs)['macro_f1']:.3f}")
    others = {}
    for other in args.compare or []:
        other_path = shipped_model_path() if other == SHIPPED else Path(other)
        other_est, other_meta = load_model(other_path)
        other_name = other_meta.get("name") or other_path.name
        if other_name == name or other_name in others:
            other_name = f"{other_name} ({other_path})"
        others[other_name] = other_est
    if others and not args.json:
        print()
        print(compare_models({name: est, **others}, splits))
    if args.errors and not args.json:
        for s, recs in splits.items():
            table = misclassified(est, recs)
            title, table.title, table.rows = table.title, "", table.rows[:args.errors]
            print()
            print(f"{s}: {title}" + (f"; the {len(table)} most confident:" if len(table) else ""))
            if len(table):
                print(table)
    if args.plots:
        reference = None
        ref_name = "reference"
        if others:
            ref_name, ref_est = next(iter(others.items()))
            reference = {s: evaluate_classifier(ref_est, recs) for s, recs in splits.items()}
        files = _save_plots(metrics, reference, (name, ref_name), args.plots)
        print(f"plots: {', '.join(str(f) for f in files)}", file=sys.stderr if args.json else sys.stdout)
    return 0


def _evaluate_summaries(args) -> int:
    """``vnyouth evaluate --summaries``: syllable ROUGE of the summarizer vs the baselines, by length."""
    from .data import load_split
    from .plots import plot_rouge_by_length
    from .reports import rouge_by_length, summary_rouge
    from .summarizer import summarize_document

    model = args.model

    def system(doc):
        return summarize_document(doc, model=model)

    user = _load_user(args)
    splits = {user.source: list(user)} if user is not None else {s: load_split(s, args.data) for s in args.splits}
    files = []
    for split, records in splits.items():
        records = [r for r in records if isinstance(r.get("summary"), str) and r["summary"].strip()]
        if not records:
            print(f"vnyouth: {split}: no reference summaries; skipped", file=sys.stderr)
            continue
        print(f"{split}: {len(records)} articles with reference summaries")
        print(summary_rouge(records, {"summarizer": system}, oracle=True))
        table = rouge_by_length(records, {"summarizer": system})
        print()
        print(table)
        print()
        if args.plots:
            safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in split)
            files.append(Path(args.plots) / f"rouge_by_length_{safe}.png")
            plot_rouge_by_length(table, title=f"ROUGE-1 by article length on {split}", path=files[-1])
    if files:
        print(f"plots: {', '.join(str(f) for f in files)}")
    return 0


# -- cv ------------------------------------------------------------------------------------

@_usage_errors
def cmd_cv(args) -> int:
    """``vnyouth cv``: family-grouped cross-validation, or a grid search."""
    from .data import load_split
    from .model_selection import DEFAULT_GRID, cross_validate, grid_search
    from .training import ClassifierSettings

    settings = ClassifierSettings()
    if args.settings:
        settings = ClassifierSettings.from_dict(json.loads(Path(args.settings).read_text(encoding="utf-8")))
    user = _load_user(args)
    records = [] if (user is not None and args.no_corpus) else [r for s in args.splits
                                                                 for r in load_split(s, args.data)]
    if user is not None:
        records += list(user)
    if args.grid or args.grid_json:
        grid = json.loads(args.grid_json) if args.grid_json else DEFAULT_GRID
        best, table = grid_search(records, grid, base=settings, n_splits=args.folds)
        print(table)
        print(f"\nbest: {json.dumps({k: getattr(best, k) for k in grid})}")
        if args.write_settings:
            Path(args.write_settings).write_text(json.dumps(best.to_dict(), indent=2) + "\n", encoding="utf-8")
            print(f"wrote {args.write_settings}; use it with: vnyouth train --settings {args.write_settings}")
    else:
        print(cross_validate(records, settings, n_splits=args.folds))
    return 0


# -- parsers ----------------------------------------------------------------------------------

def add_workflow_parsers(subparsers) -> None:
    """Add ``train``, ``evaluate`` and ``cv`` to the ``vnyouth`` sub-command parsers."""
    fmt = argparse.RawDescriptionHelpFormatter
    t = subparsers.add_parser(
        "train", help="retrain the classifier (corpus, plus your labelled files) into a model folder",
        formatter_class=fmt, epilog=TRAIN_EPILOG,
        description="Fit on data/train.jsonl (plus your --data-file articles), choose the 'other' fallback "
                    "threshold on dev, score dev, test, the seeds and the held-out part of your articles next "
                    "to the shipped model, and write a model folder: model.joblib, meta.json and a model "
                    "card (README.md) with both models' metrics.")
    t.add_argument("--out", help="output model folder (default: models/<name>)")
    t.add_argument("--name", help="model name recorded in meta.json (default: the folder name)")
    t.add_argument("--data", help="corpus folder with train/dev/test.jsonl (default: the checkout's data/)")
    t.add_argument("--settings", metavar="JSON_FILE",
                   help="ClassifierSettings as JSON (e.g. written by vnyouth cv --grid --write-settings)")
    _add_user_data_options(t)
    t.add_argument("--holdout", type=float, default=0.25, metavar="SHARE",
                   help="share of your articles held out for scoring, by family and label (default 0.25; "
                        "0 trains on all of them)")
    t.add_argument("--no-corpus", action="store_true", help="train on your articles alone")
    t.add_argument("--corpus-label-mapping", type=parse_mapping, metavar="MAP",
                   help="with your own label set: map corpus labels onto yours, e.g. "
                        "year_end_review=hoi_nghi,interim_review=hoi_nghi,...")
    t.add_argument("--compare-to", default="shipped", metavar="MODEL",
                   help="model folder to compare with in the card: shipped (default), a path, or none")
    t.add_argument("--plots", metavar="DIR", help="also save confusion matrices and reliability diagrams (PNG)")
    t.add_argument("--plots-in-folder", action="store_true",
                   help="save the plots inside the model folder and show them in its card")
    t.set_defaults(func=cmd_train)

    e = subparsers.add_parser(
        "evaluate", help="score a model folder; compare it with others; list its errors; plot",
        formatter_class=fmt, epilog=EVALUATE_EPILOG,
        description="Score a classifier model folder on the corpus splits and the seeds (or on your "
                    "labelled file), with per-class P/R/F1, macro-F1, ECE and the keyword-rule baseline.")
    e.add_argument("--model", help="model folder (default: $VNYOUTH_CLASSIFIER_MODEL or the shipped model)")
    e.add_argument("--data", help="corpus folder (default: the checkout's data/)")
    e.add_argument("--splits", nargs="+", default=["dev", "test"], choices=["train", "dev", "test"])
    _add_user_data_options(e)
    e.add_argument("--compare", action="append", metavar="MODEL",
                   help="another model folder (or 'shipped') scored on the same articles, in one table")
    e.add_argument("--errors", type=int, default=0, metavar="N",
                   help="list the N most confident mistakes per split, with their evidence")
    e.add_argument("--plots", metavar="DIR", help="save confusion matrices and reliability diagrams (PNG)")
    e.add_argument("--json", action="store_true", help="print the metrics as JSON")
    e.add_argument("--summaries", action="store_true",
                   help="evaluate the summarizer instead (--model: a summarizer folder): syllable ROUGE "
                        "vs Lead-k, TextRank and the oracle, and by article length (PNG with --plots)")
    e.set_defaults(func=cmd_evaluate)

    c = subparsers.add_parser(
        "cv", help="cross-validate by family, or search the settings grid",
        formatter_class=fmt, epilog=CV_EPILOG,
        description="Family-grouped, label-stratified cross-validation (no article family is split "
                    "between folds); with --grid, every setting of a small grid on the same folds.")
    c.add_argument("--data", help="corpus folder (default: the checkout's data/)")
    c.add_argument("--splits", nargs="+", default=["train", "dev"], choices=["train", "dev", "test"],
                   help="corpus splits to cross-validate on (default: train dev)")
    _add_user_data_options(c)
    c.add_argument("--no-corpus", action="store_true", help="only your --data-file articles")
    c.add_argument("--folds", type=int, default=5, help="number of folds (default 5; 3 for --grid is plenty)")
    c.add_argument("--settings", metavar="JSON_FILE", help="base ClassifierSettings as JSON")
    c.add_argument("--grid", action="store_true",
                   help="search the documented grid: C 2/8/32, char_weight 0/0.5, body_weight 0.5/1")
    c.add_argument("--grid-json", metavar="JSON", help="your own grid, e.g. '{\"C\": [4, 8, 16]}'")
    c.add_argument("--write-settings", metavar="JSON_FILE", help="write the best settings for vnyouth train")
    c.set_defaults(func=cmd_cv)
