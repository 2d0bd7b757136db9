"""Train, tune and evaluate the extractive summarizer; write its model folder.

One command reproduces the shipped model and every figure in its card::

    PYTHONPATH=src python -m vnyouth.summary_training --vietnews ../shared/data/vietnews \\
        --out models/sentence-scorer-vietnews-v1

Steps (:func:`train_summarizer`):

1. Read VietNews ``train`` (``--limit`` articles, default all 30,000). The
   last ``tune_size`` of them are held out for tuning; the scorer is fitted
   on the rest. Each body sentence (after :func:`vnyouth.document.parse`,
   captions dropped) is a row of :func:`vnyouth.summary_features.featurize`;
   its target is the sentence's own syllable ROUGE-1 F1 + ROUGE-2 F1 against
   the abstract (regressing this graded target ranks sentences better than
   classifying the greedy-oracle labels, measured on val).
2. Tune the selection (``relative_threshold``, ``redundancy``) on the held-out
   train slice, at the default budget (3 sentences / 60 syllables), for the
   highest ROUGE-1 + ROUGE-2. ``val`` is never used for fitting or tuning.
3. Evaluate on VietNews ``val`` next to Lead-1/2/3, TextRank and the greedy
   oracle, all with syllable ROUGE (:mod:`vnyouth.rouge`), and on the
   project corpus (``data/test.jsonl``, ``data/dev.jsonl``) against its
   reference summaries when those files exist.
4. Save the scorer as a model folder with the settings and metrics in
   ``meta.json`` and a model card.

``--eval-only`` skips 1, 2 and 4 and evaluates an existing model folder.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from . import summary_baselines as sb
from ._paths import repo_root
from .document import Document, parse
from .model_folder import DEFAULT_MODELS, load_model_folder, save_model_folder
from .rouge import rouge_corpus, rouge_n_f1, tokenize
from .summarizer import (DEFAULT_MAX_SENTENCES, DEFAULT_MAX_SYLLABLES, SentenceScorer, _compose,
                         summarize_document)
from .summary_features import FEATURE_NAMES, featurize
from .vietnews import read_vietnews, to_document, vietnews_dir

__all__ = ["TrainingConfig", "evaluate", "main", "sentence_targets", "train_summarizer"]

logger = logging.getLogger(__name__)

MODEL_NAME = DEFAULT_MODELS["summarizer"]


@dataclass
class TrainingConfig:
    """Every setting of a summarizer training run (saved into ``meta.json``).

    Parameters
    ----------
    train_limit : int or None
        VietNews train articles to read (None = all 30,000).
    tune_size : int
        Articles at the end of those held out to tune the selection.
    val_limit : int or None
        VietNews val articles to evaluate on (None = all 3,000).
    alpha, n_knots : scorer settings (see :class:`~vnyouth.summarizer.SentenceScorer`).
    thresholds, redundancies : the grid searched for the selection settings.
    max_sentences, max_syllables : the budget used for tuning and evaluation.
    """

    train_limit: int | None = None
    tune_size: int = 2000
    val_limit: int | None = None
    alpha: float = 1.0
    n_knots: int = 5
    thresholds: tuple[float, ...] = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)
    redundancies: tuple[float, ...] = (0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
    max_sentences: int = DEFAULT_MAX_SENTENCES
    max_syllables: int = DEFAULT_MAX_SYLLABLES
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("train_limit", "val_limit"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ValueError(f"{name} must be a positive int or None, got {value!r}")
        if not isinstance(self.tune_size, int) or self.tune_size < 1:
            raise ValueError(f"tune_size must be a positive int, got {self.tune_size!r}")
        if self.train_limit is not None and self.train_limit <= self.tune_size:
            raise ValueError(f"train_limit ({self.train_limit}) must exceed tune_size ({self.tune_size}); "
                             "lower --tune-size or raise --limit")
        if self.alpha < 0 or self.n_knots < 0:
            raise ValueError("alpha and n_knots must be >= 0")
        if not self.thresholds or any(not 0 <= t <= 1 for t in self.thresholds):
            raise ValueError(f"thresholds must be a non-empty list of values in [0, 1], got {self.thresholds!r}")
        if not self.redundancies or any(not 0 < r <= 1 for r in self.redundancies):
            raise ValueError(f"redundancies must be values in (0, 1], got {self.redundancies!r}")
        if self.max_sentences < 1 or self.max_syllables < 1:
            raise ValueError("max_sentences and max_syllables must be >= 1")
        self.thresholds = tuple(float(t) for t in self.thresholds)
        self.redundancies = tuple(float(r) for r in self.redundancies)

    def to_dict(self) -> dict:
        """The settings as a JSON-ready dict."""
        d = asdict(self)
        d["thresholds"] = list(self.thresholds)
        d["redundancies"] = list(self.redundancies)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> TrainingConfig:
        """Rebuild a config from :meth:`to_dict` output (unknown keys are an error)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"unknown TrainingConfig keys {unknown}; expected some of {sorted(known)}")
        d = dict(d)
        for key in ("thresholds", "redundancies"):
            if key in d:
                d[key] = tuple(d[key])
        return cls(**d)


# --------------------------------------------------------------------------- data


def sentence_targets(doc: Document | Sequence[str], reference: str) -> np.ndarray:
    """Each sentence's own syllable ROUGE-1 F1 + ROUGE-2 F1 against ``reference``."""
    ref = tokenize(reference)
    return np.array([rouge_n_f1(toks, ref, 1) + rouge_n_f1(toks, ref, 2)
                     for toks in (tokenize(s) for s in sb.sentence_texts(doc))])


def _progress(it: Iterable, total: int | None, desc: str, enabled: bool) -> Iterable:
    if not enabled:
        return it
    from tqdm.auto import tqdm

    return tqdm(it, total=total, desc=desc, unit="art", leave=False, file=sys.stderr)


@dataclass
class _Article:
    doc: Document
    reference: str
    raw_lines: list[str]


def _load_vietnews(split: str, folder: Path, limit: int | None, progress: bool) -> list[_Article]:
    total = limit or (30_000 if split == "train" else 3_000)
    out = []
    for rec in _progress(read_vietnews(split, folder, limit), total, f"read {split}", progress):
        lines = [ln for ln in rec["text"].split("\n") if ln.strip()]
        out.append(_Article(to_document(rec), rec["summary"], lines))
    return out


def _load_corpus(path: Path) -> list[_Article]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                doc = parse(rec["text"], title=rec.get("title"))
                out.append(_Article(doc, rec["summary"], [s.text for s in doc.sentences]))
    return out


# --------------------------------------------------------------------------- fit and tune


def _rows(articles: Sequence[_Article], progress: bool, desc: str):
    X, y = [], []
    for a in _progress(articles, len(articles), desc, progress):
        f = featurize(a.doc)
        if len(f.X):
            X.append(f.X)
            y.append(sentence_targets(a.doc, a.reference))
    return np.vstack(X), np.concatenate(y)


def _fast_score(pred: str, ref_tokens: list[str]) -> float:
    toks = tokenize(pred)
    return rouge_n_f1(toks, ref_tokens, 1) + rouge_n_f1(toks, ref_tokens, 2)


def _tune(scorer: SentenceScorer, articles: Sequence[_Article], config: TrainingConfig,
          progress: bool) -> dict:
    """Grid-search the selection settings on held-out articles; set them on ``scorer``."""
    prepared = []
    for a in _progress(articles, len(articles), "features (tune)", progress):
        f = featurize(a.doc)
        prepared.append((a.doc, f, scorer._score_rows(f.X), tokenize(a.reference)))
    results = {}
    grid = [(t, r) for t in config.thresholds for r in config.redundancies]
    for t, r in _progress(grid, len(grid), "tune", progress):
        total = 0.0
        for doc, f, scores, ref in prepared:
            if not len(scores):
                continue
            s = _compose(doc, f, scores, max_sentences=config.max_sentences, max_syllables=config.max_syllables,
                         relative_threshold=t, redundancy=r, event_lead=scorer.event_lead, trim=True).text
            total += _fast_score(s, ref)
        results[(t, r)] = 100 * total / max(len(prepared), 1)
    # Ties go to the higher threshold (fewer sentences) and the higher redundancy cut.
    (best_t, best_r), best = max(results.items(), key=lambda kv: (round(kv[1], 6), kv[0]))
    scorer.set_params(relative_threshold=best_t, redundancy=best_r)
    logger.info("tuned relative_threshold=%s redundancy=%s (R1+R2 %.2f)", best_t, best_r, best)
    return {"relative_threshold": best_t, "redundancy": best_r, "tune_rouge1_plus_rouge2": round(best, 2),
            "grid": {f"{t}/{r}": round(v, 2) for (t, r), v in sorted(results.items())}}


# --------------------------------------------------------------------------- evaluation


def evaluate(scorer: SentenceScorer, articles: Sequence[_Article], *, config: TrainingConfig | None = None,
             progress: bool = False, raw_baselines: bool = True) -> dict[str, dict]:
    """ROUGE of the summarizer and of every baseline on ``articles``.

    Returns ``{system: {"rouge1", "rouge2", "rougeL", "n", "mean_syllables"}}``.
    Baselines run on the parsed sentences; with ``raw_baselines`` also on the
    raw body lines (as in the VietNews README, captions included).
    """
    config = config or TrainingConfig()
    refs = [a.reference for a in articles]
    systems: dict[str, list[str]] = {"summarizer": []}
    for a in _progress(articles, len(articles), "summarise", progress):
        systems["summarizer"].append(summarize_document(
            a.doc, model=scorer, max_sentences=config.max_sentences, max_syllables=config.max_syllables).text)
    sources: list[tuple[str, Callable[[_Article], Any]]] = [("", lambda a: a.doc)]
    if raw_baselines:
        sources.append((" (raw lines)", lambda a: a.raw_lines))
    for suffix, get in sources:
        for name, fn in sb.BASELINES.items():
            systems[name + suffix] = [sb.join_sentences(get(a), fn(get(a))) for a in articles]
        systems["Oracle" + suffix] = [sb.join_sentences(get(a), sb.greedy_oracle(get(a), a.reference))
                                      for a in articles]
    out = {}
    for name, preds in _progress(systems.items(), len(systems), "ROUGE", progress):
        scores = rouge_corpus(zip(preds, refs)).as_dict()
        scores["mean_syllables"] = round(float(np.mean([len(tokenize(p)) for p in preds])), 1)
        out[name] = scores
    return out


def _format_table(results: dict[str, dict], title: str) -> str:
    lines = [f"### {title}", "", "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | mean syllables |",
             "|---|---:|---:|---:|---:|"]
    for name, s in results.items():
        bold = "**" if name == "summarizer" else ""
        lines.append(f"| {bold}{name}{bold} | {s['rouge1']:.2f} | {s['rouge2']:.2f} | {s['rougeL']:.2f} | "
                     f"{s['mean_syllables']} |")
    n = next(iter(results.values()))["n"]
    lines.append("")
    lines.append(f"{n} articles; syllable ROUGE F1 ×100, mean of per-article scores.")
    return "\n".join(lines)


# --------------------------------------------------------------------------- model card


def _delta_line(results: dict[str, dict]) -> str:
    ours = results["summarizer"]
    lines = []
    for name in ("Lead-2 (raw lines)", "Lead-2"):
        if name in results:
            b = results[name]
            lines.append(f"{name}: {ours['rouge1'] - b['rouge1']:+.2f} ROUGE-1, {ours['rouge2'] - b['rouge2']:+.2f} "
                         f"ROUGE-2, {ours['rougeL'] - b['rougeL']:+.2f} ROUGE-L")
    return "Summarizer vs " + "; vs ".join(lines) + "."


def _card(meta: dict, tables: list[str]) -> str:
    s = meta["selection"]
    td = meta["training_data"]
    val = meta["metrics"]["vietnews_val"]
    return f"""# {meta['name']}

The sentence scorer behind `vnyouth.summarize()`: an extractive summarizer for
Vietnamese news that picks at most {meta['budget']['max_sentences']} sentences and
{meta['budget']['max_syllables']} syllables (TAXONOMY's summary) from the article's own text.

## What it is
- A `vnyouth.summarizer.SentenceScorer`: ridge regression (alpha {meta['settings']['alpha']}) on
  {len(meta['features'])} per-sentence features of `vnyouth.summary_features` — position, length,
  overlap with the title (syllables and bigrams), centrality (TF-IDF cosine to the article's
  centroid and to other sentences), similarity to the photo captions the parser removed, openers
  that mark follow-up sentences, a dated opening — with {meta['settings']['n_knots']} hinge knots per
  continuous feature. Counts of numbers, dates, named units, capitalised names, event words and
  quote marks were tried and dropped: they did not change ROUGE on held-out data.
- Target: each sentence's own syllable ROUGE-1 F1 + ROUGE-2 F1 against the article's abstract
  (regression on this graded target ranked sentences better than a classifier of the greedy
  oracle's labels: top-1 ROUGE-1 31.5 vs 30.2 on val in development).
- Selection, tuned on {td['tune_articles']} held-out train articles (not on val): a sentence after
  the best one enters only if its score is at least {s['relative_threshold']} × the best score, fits
  the budget and has TF-IDF cosine ≤ {s['redundancy']} with the chosen ones — so the model decides
  how many sentences an article needs. When the best sentence is undated and one of the first three
  opens with its date and reports a meeting, conference or inspection, that sentence leads
  (`event_lead`; TAXONOMY's summary must say who met whom and when).
- A sentence over the budget is shortened faithfully: a person's titles after the name, then
  parenthetical asides, then a cut at a clause boundary marked `…`. A leading "Theo đó," or
  news-source attribution and trailing source credits are dropped.

## Training data
VietNews (VNDS; Nguyen et al., NICS 2019), the project's plain-text sample
`{td['file']}` (sha256 `{str(td['sha256'])[:16]}…`): the first {td['fit_articles'] + td['tune_articles']}
articles, {td['fit_articles']} fitted ({td['fit_sentences']} sentences), the last
{td['tune_articles']} held out for tuning. Research use only; see the data README. `val` is used
only for the figures below. Fitting takes about {meta['timing_s']['features_and_fit']:.0f} s and the
whole run about {meta['timing_s']['total']:.0f} s on 2 CPU cores.

## Results
{_delta_line(val)}

{(chr(10) + chr(10)).join(tables)}

Baselines "(raw lines)" pick from the raw body lines as in the VietNews README (captions
included); the others from the parsed sentences the summarizer sees. Lead-k and TextRank have no
syllable budget; the summarizer keeps to {meta['budget']['max_syllables']} syllables. The VietNews
README reports on its hidden test sample: Lead-2 28.31 / 14.93 / 20.49, oracle 48.05 / 31.51 / 36.60.

## Limits
- VietNews is general news with one-sentence abstracts of about 35 syllables; the project's Youth
  Union articles differ in register and their reference summaries run to about 55 syllables. The
  features are generic (no vocabulary is learned), which is what lets the model transfer.
- Extractive: every word comes from the article, in its own spelling (old or new tone placement).
- Speed: `PYTHONPATH=src python benchmarks/bench_summarize.py` (3 KB articles, one process).
- Reproduce: `{meta['command']}`.
"""


# --------------------------------------------------------------------------- main entry


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _corpus_dir(corpus: str | Path | None) -> Path | None:
    if corpus is not None:
        return Path(corpus)
    root = repo_root()
    return root / "data" if root is not None else None


def _corpus_results(scorer: SentenceScorer, corpus: Path | None, config: TrainingConfig,
                    progress: bool) -> dict[str, dict]:
    out = {}
    if corpus is None:
        return out
    for split in ("test", "dev"):
        path = corpus / f"{split}.jsonl"
        if not path.is_file():
            logger.info("corpus split %s not found; skipped", path)
            continue
        articles = _load_corpus(path)
        if articles:
            out[split] = evaluate(scorer, articles, config=config, progress=progress, raw_baselines=False)
    return out


def train_summarizer(config: TrainingConfig | None = None, *, vietnews: str | Path | None = None,
                     out: str | Path | None = None, corpus: str | Path | None = None,
                     progress: bool = True, command: str = "") -> tuple[SentenceScorer, dict]:
    """Train, tune, evaluate and (when ``out`` is given) save the summarizer; return ``(scorer, meta)``."""
    config = config or TrainingConfig()
    folder = vietnews_dir(vietnews)
    t0 = time.perf_counter()
    train = _load_vietnews("train", folder, config.train_limit, progress)
    if len(train) <= config.tune_size:
        raise ValueError(f"only {len(train)} train articles; need more than tune_size={config.tune_size}")
    fit_part, tune_part = train[:-config.tune_size], train[-config.tune_size:]
    X, y = _rows(fit_part, progress, "features")
    scorer = SentenceScorer(alpha=config.alpha, n_knots=config.n_knots).fit(X, y)
    t_fit = time.perf_counter() - t0
    selection = _tune(scorer, tune_part, config, progress)
    val = _load_vietnews("val", folder, config.val_limit, progress)
    val_results = evaluate(scorer, val, config=config, progress=progress)
    corpus_results = _corpus_results(scorer, _corpus_dir(corpus), config, progress)
    train_file = folder / "train.jsonl.gz"
    meta = {
        "kind": "summarizer",
        "name": MODEL_NAME,
        "estimator": "vnyouth.summarizer.SentenceScorer",
        "features": list(FEATURE_NAMES),
        "settings": config.to_dict(),
        "selection": selection,
        "budget": {"max_sentences": config.max_sentences, "max_syllables": config.max_syllables},
        "training_data": {
            "id": "vietnews-sample-train", "file": "../shared/data/vietnews/train.jsonl.gz",
            "sha256": _sha256(train_file) if train_file.is_file() else None,
            "fit_articles": len(fit_part), "fit_sentences": len(y), "tune_articles": len(tune_part),
        },
        "metrics": {"vietnews_val": val_results,
                    **{f"corpus_{k}": v for k, v in corpus_results.items()}},
        "timing_s": {"features_and_fit": round(t_fit, 1), "total": round(time.perf_counter() - t0, 1)},
        "command": command or "python -m vnyouth.summary_training",
    }
    if out is not None:
        tables = [_format_table(val_results, "VietNews val")]
        tables += [_format_table(v, f"Project corpus `{k}` split (reference summaries)")
                   for k, v in corpus_results.items()]
        save_model_folder(out, scorer, meta, _card(meta, tables))
        logger.info("wrote %s", out)
    return scorer, meta


def _default_out() -> Path:
    root = repo_root()
    return (root / "models" if root else Path("models")) / MODEL_NAME


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: train (or ``--eval-only`` evaluate) the summarizer and print the tables."""
    p = argparse.ArgumentParser(prog="python -m vnyouth.summary_training", description=__doc__.split("\n")[0])
    p.add_argument("--vietnews", metavar="DIR", help="VietNews folder (default: ../shared/data/vietnews)")
    p.add_argument("--out", metavar="DIR", default=None,
                   help=f"model folder to write (default: models/{MODEL_NAME})")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="read only N VietNews train articles")
    p.add_argument("--val-limit", type=int, default=None, metavar="N", help="evaluate on N val articles")
    p.add_argument("--tune-size", type=int, default=2000, metavar="N", help="train articles held out for tuning")
    p.add_argument("--corpus", metavar="DIR", default=None, help="project corpus folder (default: data/)")
    p.add_argument("--eval-only", action="store_true", help="evaluate the model folder at --out; do not train")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    out = Path(args.out) if args.out else _default_out()
    progress = not args.no_progress
    try:
        if args.eval_only:
            config = TrainingConfig(val_limit=args.val_limit)
            scorer, _meta = load_model_folder(out, "summarizer")
            val = _load_vietnews("val", vietnews_dir(args.vietnews), args.val_limit, progress)
            results = {"VietNews val": evaluate(scorer, val, config=config, progress=progress)}
            for k, v in _corpus_results(scorer, _corpus_dir(args.corpus), config, progress).items():
                results[f"Project corpus `{k}` split"] = v
        else:
            config = TrainingConfig(train_limit=args.limit, val_limit=args.val_limit, tune_size=args.tune_size)
            command = "PYTHONPATH=src python -m vnyouth.summary_training " + " ".join(
                argv if argv is not None else sys.argv[1:])
            scorer, meta = train_summarizer(config, vietnews=args.vietnews, out=out, corpus=args.corpus,
                                            progress=progress, command=command.strip())
            print(f"wrote {out}  (relative_threshold={meta['selection']['relative_threshold']}, "
                  f"redundancy={meta['selection']['redundancy']})")
            results = {"VietNews val": meta["metrics"]["vietnews_val"]}
            for k, v in meta["metrics"].items():
                if k.startswith("corpus_"):
                    results[f"Project corpus `{k[7:]}` split"] = v
    except (OSError, ValueError, RuntimeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for title, table in results.items():
        print()
        print(_format_table(table, title))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
