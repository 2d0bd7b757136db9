"""Evaluation reports: metrics with calibration, errors with their evidence, model comparisons, ROUGE.

Everything here returns plain numbers (JSON-ready dicts) or a :class:`Table`,
which prints as Markdown, shows as an HTML table in a notebook and converts to
pandas with :meth:`Table.to_pandas`. The same numbers feed the plots
(:mod:`vnyouth.plots`) and the model card (:func:`vnyouth.model_io.save_model`),
so what a notebook shows, what the CLI prints and what the card says agree.

* :func:`evaluate_classifier` — per-class P/R/F1, macro-F1, confusion matrix,
  ECE and the reliability curve of one classifier on labelled records;
* :func:`misclassified` — the articles a classifier gets wrong, most
  confident first, with the phrases that pushed it to its answer and those
  that speak for the right one;
* :func:`compare_models` — two (or more) model folders or estimators on the
  same records, in one table;
* :func:`summary_rouge` and :func:`rouge_by_length` — syllable ROUGE of
  summaries against Lead-k, TextRank and (optionally) the extractive oracle.
"""
from __future__ import annotations

import html
import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .evaluation import classification_metrics, expected_calibration_error, reliability_curve
from .labelled_data import labels_of_estimator

__all__ = [
    "LENGTH_BINS",
    "Table",
    "compare_models",
    "evaluate_classifier",
    "evaluate_models",
    "misclassified",
    "reliability_curve",
    "rouge_by_length",
    "summary_examples",
    "summary_rouge",
]

#: Article length bins (in syllables) for :func:`rouge_by_length`.
LENGTH_BINS = (0, 300, 500, 800, math.inf)


class Table:
    """Rows of a report with named columns.

    ``str(table)`` is a Markdown table; in Jupyter it shows as HTML;
    :meth:`to_pandas` gives a DataFrame (pandas is not a vnyouth dependency).

    >>> t = Table([{"model": "a", "macro_f1": 0.5}, {"model": "b", "macro_f1": 0.75}])
    >>> print(t)
    | model | macro_f1 |
    |---|---:|
    | a | 0.500 |
    | b | 0.750 |
    >>> t.column("macro_f1")
    [0.5, 0.75]
    """

    def __init__(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None,
                 title: str = "", digits: int = 3):
        self.rows = [dict(r) for r in rows]
        self.columns = list(columns) if columns is not None else list(
            dict.fromkeys(k for r in self.rows for k in r))
        self.title = title
        self.digits = digits

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __getitem__(self, i: int) -> dict:
        return self.rows[i]

    def __repr__(self) -> str:
        return f"Table({len(self.rows)} rows, columns={self.columns})"

    def column(self, name: str) -> list:
        """The values of one column, in row order (``None`` where a row lacks it)."""
        if name not in self.columns:
            raise KeyError(f"no column {name!r}; columns are {self.columns}")
        return [r.get(name) for r in self.rows]

    def where(self, **equal: Any) -> Table:
        """The rows whose columns equal the given values, as a new table."""
        return Table([r for r in self.rows if all(r.get(k) == v for k, v in equal.items())],
                     self.columns, self.title, self.digits)

    def _cell(self, v: Any) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        if isinstance(v, (float, np.floating)):
            return f"{v:.{self.digits}f}"
        if isinstance(v, (list, tuple)):
            return "; ".join(str(x) for x in v)
        return str(v)

    def _numeric(self, col: str) -> bool:
        vals = [r.get(col) for r in self.rows if r.get(col) is not None]
        return bool(vals) and all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                                  for v in vals)

    def to_markdown(self) -> str:
        """The table in Markdown (numbers right-aligned, floats with ``digits`` decimals)."""
        head = "| " + " | ".join(self.columns) + " |"
        rule = "|" + "|".join("---:" if self._numeric(c) else "---" for c in self.columns) + "|"
        body = ["| " + " | ".join(self._cell(r.get(c)).replace("|", "\\|").replace("\n", " ")
                                  for c in self.columns) + " |" for r in self.rows]
        return "\n".join(([f"**{self.title}**", ""] if self.title else []) + [head, rule, *body])

    __str__ = to_markdown

    def _repr_html_(self) -> str:
        cap = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(
                f"<td style='text-align:{'right' if self._numeric(c) else 'left'}'>"
                f"{html.escape(self._cell(r.get(c)))}</td>" for c in self.columns) + "</tr>"
            for r in self.rows)
        return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def to_dicts(self) -> list[dict]:
        """The rows as plain dicts (a copy)."""
        return [dict(r) for r in self.rows]

    def to_pandas(self):
        """The table as a ``pandas.DataFrame`` (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install 'vnyouth[notebooks]'") from e
        return pd.DataFrame(self.rows, columns=self.columns)


# -- classification -------------------------------------------------------------------

def _xy(records: Sequence[Mapping]) -> tuple[list[dict], list[str]]:
    X, y = [], []
    for i, r in enumerate(records):
        if "label" not in r or r["label"] is None:
            raise ValueError(f"record {i} ({r.get('id', '?')}) has no 'label'; reports need labelled records")
        X.append({"title": r.get("title"), "text": r["text"]})
        y.append(str(r["label"]))
    return X, y


def _predict(estimator, X, top_k: int = 0):
    """Labels, probabilities (or None) and evidence (or empty tuples) in one pass."""
    if hasattr(estimator, "predict_explained"):
        labels, proba, evidence = estimator.predict_explained(X, top_k=top_k)
        return np.asarray(labels, dtype=object), np.asarray(proba), list(evidence)
    labels = np.asarray(estimator.predict(X), dtype=object)
    proba = np.asarray(estimator.predict_proba(X)) if hasattr(estimator, "predict_proba") else None
    return labels, proba, [()] * len(labels)


def _evaluate(estimator, records, labels, n_bins) -> tuple[dict, np.ndarray, list[str]]:
    X, y = _xy(records)
    if not X:
        raise ValueError("no records to evaluate on")
    labels = list(labels) if labels is not None else labels_of_estimator(estimator)
    extra = sorted(set(y) - set(labels))
    if extra:
        raise ValueError(f"the records have labels {extra} that the classifier does not know "
                         f"({labels}); evaluate on data with the same label set")
    pred, proba, _ = _predict(estimator, X)
    m = classification_metrics(y, pred, labels=labels)
    if proba is not None:
        classes = [str(c) for c in estimator.classes_]
        m["ece"] = expected_calibration_error(y, proba, classes, n_bins=n_bins)
        m["reliability"] = reliability_curve(y, proba, classes, n_bins=n_bins)
    return m, pred, y


def evaluate_classifier(estimator, records: Sequence[Mapping], *, labels: Sequence[str] | None = None,
                        n_bins: int = 10) -> dict:
    """Everything about one classifier on labelled records, JSON-ready.

    Returns :func:`vnyouth.evaluation.classification_metrics` (``n``,
    ``macro_f1``, ``accuracy``, ``per_class``, ``confusion``) plus, for
    classifiers with probabilities, ``ece`` and ``reliability`` (see
    :func:`reliability_curve`). ``labels`` defaults to TAXONOMY's labels, or to
    the classifier's own label set when it was trained on other labels.
    """
    return _evaluate(estimator, records, labels, n_bins)[0]


def misclassified(estimator, records: Sequence[Mapping], *, top_k: int = 5) -> Table:
    """The articles the classifier gets wrong, most confident mistakes first.

    Columns: ``id``, ``title``, ``label`` (the truth), ``predicted``,
    ``confidence`` (probability of the prediction), ``p_label`` (probability
    the model gave the truth), ``evidence`` (phrases that pushed towards the
    prediction) and ``evidence_for_label`` (phrases that speak for the truth).
    Evidence needs a classifier with ``explain`` (:class:`vnyouth.ArticleClassifier`);
    otherwise it is empty.
    """
    X, y = _xy(records)
    pred, proba, evidence = _predict(estimator, X, top_k=top_k)
    wrong = [i for i in range(len(y)) if pred[i] != y[i]]
    classes = [str(c) for c in getattr(estimator, "classes_", ())]
    truth_evidence: list[tuple] = [()] * len(wrong)
    if wrong and hasattr(estimator, "explain"):
        known = [i for i in wrong if y[i] in classes]
        ev = estimator.explain([X[i] for i in known], labels=[y[i] for i in known], top_k=top_k) if known else []
        lookup = dict(zip(known, ev))
        truth_evidence = [lookup.get(i, ()) for i in wrong]
    rows = []
    for i, tev in zip(wrong, truth_evidence):
        r = records[i]
        title = r.get("title") or " ".join(str(r["text"]).split()[:12]) + " …"
        row = {"id": r.get("id", str(i)), "title": title, "label": y[i], "predicted": str(pred[i])}
        if proba is not None:
            p = proba[i]
            row["confidence"] = float(p.max())
            row["p_label"] = float(p[classes.index(y[i])]) if y[i] in classes else 0.0
        row["evidence"] = list(evidence[i])
        row["evidence_for_label"] = list(tev)
        rows.append(row)
    if proba is not None:
        rows.sort(key=lambda r: -r["confidence"])
    cols = ["id", "title", "label", "predicted"] + (["confidence", "p_label"] if proba is not None else []) \
        + ["evidence", "evidence_for_label"]
    return Table(rows, cols, title=f"{len(rows)} of {len(y)} articles misclassified")


def _load(model) -> tuple[Any, str]:
    """An estimator and a display name from a model folder path or an estimator."""
    if isinstance(model, (str, os.PathLike)):
        from .model_io import load_model

        est, meta = load_model(model)
        return est, str(meta.get("name") or Path(model).name)
    if hasattr(model, "predict"):
        return model, type(model).__name__
    raise TypeError(f"expected a model folder path or a fitted classifier, got {type(model).__name__}")


def _named_models(models) -> dict[str, Any]:
    if isinstance(models, Mapping):
        return {str(k): _load(v)[0] for k, v in models.items()}
    out: dict[str, Any] = {}
    for m in models:
        est, name = _load(m)
        base, k = name, 2
        while name in out:
            name, k = f"{base} ({k})", k + 1
        out[name] = est
    return out


def _evaluate_all(models, eval_sets, labels) -> tuple[dict, dict]:
    named = _named_models(models)
    metrics: dict[str, dict[str, dict]] = {}
    correct: dict[str, dict[str, np.ndarray]] = {}
    for name, est in named.items():
        metrics[name], correct[name] = {}, {}
        for split, records in eval_sets.items():
            m, pred, y = _evaluate(est, records, labels, 10)
            metrics[name][split] = m
            correct[name][split] = np.asarray(pred, dtype=object) == np.asarray(y, dtype=object)
    return metrics, correct


def evaluate_models(models, eval_sets: Mapping[str, Sequence[Mapping]], *,
                    labels: Sequence[str] | None = None) -> dict[str, dict[str, dict]]:
    """:func:`evaluate_classifier` of each model on each evaluation set: ``{model: {set: metrics}}``.

    ``models`` is a dict ``{name: model folder or estimator}`` or a list of
    model folders (named after their ``meta.json``).
    """
    return _evaluate_all(models, eval_sets, labels)[0]


def _f1_or_none(m: dict, label: str) -> float | None:
    """A label's F1, or None when it neither occurs nor is predicted (F1 is undefined, not 0)."""
    conf = m["confusion"]
    j = conf["labels"].index(label)
    predicted = sum(row[j] for row in conf["matrix"])
    if m["per_class"][label]["support"] == 0 and predicted == 0:
        return None
    return m["per_class"][label]["f1"]


def compare_models(models, eval_sets: Mapping[str, Sequence[Mapping]], *,
                   labels: Sequence[str] | None = None) -> Table:
    """Two or more classifiers on the same records, side by side in one table.

    Parameters
    ----------
    models : dict or list
        ``{"shipped": path, "mine": estimator}``, or a list of model folder
        paths (named from their ``meta.json``).
    eval_sets : dict
        ``{"test": records, "seeds": records, ...}``; every model sees the same records.

    Returns
    -------
    Table
        One row per (set, metric): ``n``, ``macro-F1``, ``accuracy``, ``ECE``,
        ``F1 <label>`` for each label (empty when the label neither occurs in
        the set nor is predicted), and ``right, others wrong`` (articles
        only this model gets right); one column per model, and a
        ``difference`` column (second minus first) when there are two.
    """
    if not eval_sets:
        raise ValueError("eval_sets is empty; pass e.g. {'test': load_split('test')}")
    results, correct_by = _evaluate_all(models, eval_sets, labels)
    names = list(results)
    if not names:
        raise ValueError("no models to compare")
    rows = []
    for split in eval_sets:
        ms = [results[n][split] for n in names]
        label_list = list(ms[0]["per_class"])
        metric_rows: list[tuple[str, list]] = [
            ("n", [m["n"] for m in ms]),
            ("macro-F1", [m["macro_f1"] for m in ms]),
            ("accuracy", [m["accuracy"] for m in ms]),
            ("ECE", [m.get("ece") for m in ms]),
        ]
        metric_rows += [(f"F1 {lab}", [_f1_or_none(m, lab) for m in ms]) for lab in label_list]
        if len(names) > 1:
            correct = np.array([correct_by[n][split] for n in names])
            only = [int(np.sum(correct[k] & ~np.delete(correct, k, axis=0).any(axis=0)))
                    for k in range(len(names))]
            metric_rows.append(("right, others wrong", only))
        for metric, values in metric_rows:
            row = {"set": split, "metric": metric, **dict(zip(names, values))}
            if len(names) == 2:
                a, b = values
                row["difference"] = (b - a) if a is not None and b is not None and metric != "n" else None
            rows.append(row)
    cols = ["set", "metric", *names] + (["difference"] if len(names) == 2 else [])
    return Table(rows, cols, title=" vs ".join(names))


# -- summaries -----------------------------------------------------------------------------

SummarySystem = Callable[[Any], Any]


def _systems(systems: Mapping[str, SummarySystem] | None, baselines: bool, oracle: bool,
             max_sentences: int) -> dict[str, Callable]:
    from .summary_baselines import BASELINES, greedy_oracle

    out: dict[str, Callable] = {}
    if baselines:
        out.update({name: (lambda doc, ref, f=f: f(doc)) for name, f in BASELINES.items()})
    for name, f in (systems or {}).items():
        out[name] = lambda doc, ref, f=f: f(doc)
    if oracle:
        out["Oracle"] = lambda doc, ref: greedy_oracle(doc, ref, max_sentences=max_sentences)
    if not out:
        raise ValueError("no summary systems: pass systems={...} or baselines=True")
    return out


def _summary_text(doc, output) -> str:
    from .summary_baselines import join_sentences

    if isinstance(output, str):
        return output
    if hasattr(output, "text") and isinstance(output.text, str):
        return output.text
    return join_sentences(doc, [int(i) for i in output])


def _summaries(records: Sequence[Mapping], systems: Mapping[str, Callable]) -> tuple[list, dict[str, list[str]]]:
    from .document import parse

    docs, outputs = [], {name: [] for name in systems}
    for i, r in enumerate(records):
        if not isinstance(r.get("summary"), str) or not r["summary"].strip():
            raise ValueError(f"record {i} ({r.get('id', '?')}) has no reference 'summary'")
        doc = parse(r["text"], title=r.get("title"))
        docs.append(doc)
        for name, f in systems.items():
            outputs[name].append(_summary_text(doc, f(doc, r["summary"])))
    return docs, outputs


def summary_rouge(records: Sequence[Mapping], systems: Mapping[str, SummarySystem] | None = None, *,
                  baselines: bool = True, oracle: bool = False, max_sentences: int = 3) -> Table:
    """Syllable ROUGE-1/2/L F1 (×100) of each summary system against the reference summaries.

    Parameters
    ----------
    records : list of dict
        Articles with ``text``, ``title`` and a reference ``summary``.
    systems : dict, optional
        ``{name: function(Document) -> sentence indices, a summary str, or an
        object with .text}``, e.g. your summarizer.
    baselines : bool, default True
        Add Lead-1, Lead-2, Lead-3 and TextRank (:mod:`vnyouth.summary_baselines`).
    oracle : bool, default False
        Add the greedy extractive oracle (an upper bound; it sees the reference).

    Needs ``rouge-score`` (``pip install 'vnyouth[test]'``).
    """
    from .rouge import rouge_corpus

    systems_ = _systems(systems, baselines, oracle, max_sentences)
    _, outputs = _summaries(records, systems_)
    refs = [r["summary"] for r in records]
    rows = []
    for name, preds in outputs.items():
        s = rouge_corpus(zip(preds, refs))
        rows.append({"system": name, "rouge1": s.rouge1, "rouge2": s.rouge2, "rougeL": s.rougeL, "n": s.n})
    return Table(rows, ["system", "rouge1", "rouge2", "rougeL", "n"], title="syllable ROUGE F1 ×100", digits=2)


def rouge_by_length(records: Sequence[Mapping], systems: Mapping[str, SummarySystem] | None = None, *,
                    baselines: bool = True, bins: Sequence[float] = LENGTH_BINS,
                    rouge_type: str = "rouge1") -> Table:
    """Mean ROUGE (×100) per article-length bin (syllables of the body), one column per system.

    Rows: ``length`` (e.g. ``"300-500"``), ``n`` and one column per system;
    bins with no article are left out. Feeds :func:`vnyouth.plots.plot_rouge_by_length`.
    """
    from .rouge import rouge_scores
    from .syllables import count_syllables

    bins = list(bins)
    if len(bins) < 2 or any(b >= c for b, c in zip(bins, bins[1:])):
        raise ValueError(f"bins={bins!r} must be at least two increasing edges")
    systems_ = _systems(systems, baselines, False, 3)
    docs, outputs = _summaries(records, systems_)
    lengths = [sum(count_syllables(s.text) for s in d.sentences) for d in docs]
    rows = []
    for lo, hi in zip(bins, bins[1:]):
        idx = [i for i, n in enumerate(lengths) if lo <= n < hi]
        if not idx:
            continue
        label = f"{int(lo)}-{int(hi)}" if hi != math.inf else f"{int(lo)}+"
        row: dict[str, Any] = {"length": label, "lower": lo, "upper": hi, "n": len(idx)}
        for name, preds in outputs.items():
            row[name] = 100.0 * float(np.mean(
                [rouge_scores(preds[i], records[i]["summary"], types=(rouge_type,))[rouge_type] for i in idx]))
        rows.append(row)
    return Table(rows, ["length", "n", *outputs], title=f"{rouge_type} F1 ×100 by article length (syllables)",
                 digits=2)


def summary_examples(records: Sequence[Mapping], system: SummarySystem, *, k: int = 3,
                     best: bool = True) -> Table:
    """The ``k`` articles where ``system`` scores best (or worst) ROUGE-1 against the reference.

    Columns: ``id``, ``rouge1`` (×100), ``summary`` (the system's) and ``reference``.
    """
    from .rouge import rouge_scores

    _, outputs = _summaries(records, {"system": lambda doc, ref: system(doc)})
    rows = [{"id": r.get("id", str(i)), "rouge1": 100.0 * rouge_scores(p, r["summary"])["rouge1"],
             "summary": p, "reference": r["summary"]}
            for i, (r, p) in enumerate(zip(records, outputs["system"]))]
    rows.sort(key=lambda r: -r["rouge1"] if best else r["rouge1"])
    return Table(rows[:k], ["id", "rouge1", "summary", "reference"],
                 title=f"{'best' if best else 'worst'} {k} summaries by ROUGE-1", digits=1)
