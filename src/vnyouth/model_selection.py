"""Cross-validation by ``family`` groups and a small hyper-parameter grid search.

Articles of one ``family`` (re-tellings of the same event, near-duplicates)
always fall in the same fold, so no fold is scored on a sibling of an article
it was trained on — otherwise cross-validated scores are too good to be true.
Folds are also stratified by label.

Cross-validation scores the model **without** the ``other`` fallback
(threshold 0): the threshold is a separate choice made on ``dev`` by
:func:`vnyouth.train_classifier`.

The default grid (:data:`DEFAULT_GRID`, 12 settings) varies what matters most
for this model on this corpus:

* ``C`` (2, 8, 32): regularisation of the logistic regression;
* ``char_weight`` (0, 0.5): whether character n-grams of title and lead help;
* ``body_weight`` (0.5, 1): how much the body counts next to title and lead.

One 3-fold cross-validation of the default settings on the 502 ``train`` +
``dev`` articles takes 20 seconds to a minute on two shared cores, so the full
grid takes about 4 to 10 minutes; pass a smaller grid, ``n_splits=2`` or a
subset to explore faster.
"""
from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from .evaluation import classification_metrics, expected_calibration_error
from .features import article_fields
from .labelled_data import labels_of_estimator
from .reports import Table
from .training import ClassifierSettings

__all__ = ["DEFAULT_GRID", "cross_validate", "grid_search", "group_folds"]

logger = logging.getLogger(__name__)

#: The documented default grid of :func:`grid_search` (see the module docstring).
DEFAULT_GRID: Mapping[str, tuple] = {"C": (2.0, 8.0, 32.0), "char_weight": (0.0, 0.5),
                                     "body_weight": (0.5, 1.0)}


def _families(records: Sequence[Mapping]) -> list[str]:
    return [str(r.get("family") or r.get("id") or i) for i, r in enumerate(records)]


def group_folds(records: Sequence[Mapping], n_splits: int = 5,
                random_state: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(train_indices, test_indices)`` of label-stratified folds that never split a family.

    Raises
    ------
    ValueError
        When there are fewer families than folds, or a label has fewer
        families than two (it could not be both trained on and tested).
    """
    if n_splits < 2:
        raise ValueError(f"n_splits={n_splits!r} must be at least 2")
    y = np.array([str(r["label"]) for r in records], dtype=object)
    groups = np.array(_families(records), dtype=object)
    n_groups = len(set(groups))
    if n_groups < n_splits:
        raise ValueError(f"{n_groups} families cannot fill n_splits={n_splits} folds; use fewer folds")
    fam_by_label: dict[str, set] = {}
    for lab, g in zip(y, groups):
        fam_by_label.setdefault(lab, set()).add(g)
    thin = sorted(lab for lab, fams in fam_by_label.items() if len(fams) < 2)
    if thin:
        raise ValueError(f"labels {thin} have fewer than two families; add articles or drop those labels")
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    return [(np.asarray(tr), np.asarray(te)) for tr, te in splitter.split(np.zeros(len(y)), y, groups)]


def _fields(records: Sequence[Mapping]) -> list:
    return [article_fields({"title": r.get("title"), "text": r["text"]}) for r in records]


def _cv(fields_, y, groups, folds, settings: ClassifierSettings, labels) -> list[dict]:
    rows = []
    for k, (tr, te) in enumerate(folds):
        t0 = time.perf_counter()
        est = settings.estimator().fit([fields_[i] for i in tr], y[tr], groups=groups[tr])
        proba = est.predict_proba([fields_[i] for i in te])
        classes = [str(c) for c in est.classes_]
        pred = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
        fold_labels = labels if labels is not None else labels_of_estimator(est)
        m = classification_metrics(y[te], pred, labels=fold_labels)
        row = {"fold": str(k), "n_train": len(tr), "n_test": len(te), "macro_f1": m["macro_f1"],
               "accuracy": m["accuracy"], "ece": expected_calibration_error(y[te], proba, classes)}
        row.update({f"f1 {lab}": v["f1"] for lab, v in m["per_class"].items()})
        row["seconds"] = time.perf_counter() - t0
        rows.append(row)
        logger.info("fold %d: macro-F1 %.3f (%.1f s)", k, row["macro_f1"], row["seconds"])
    return rows


def _summary_rows(rows: list[dict]) -> list[dict]:
    numeric = [c for c in rows[0] if c not in ("fold",)]
    mean = {"fold": "mean", **{c: float(np.mean([r[c] for r in rows])) for c in numeric}}
    std = {"fold": "std", **{c: float(np.std([r[c] for r in rows])) for c in numeric}}
    for c in ("n_train", "n_test"):
        std[c] = None
    return [mean, std]


def cross_validate(records: Sequence[Mapping], settings: ClassifierSettings | None = None, *,
                   n_splits: int = 5, random_state: int = 0,
                   labels: Sequence[str] | None = None) -> Table:
    """Family-grouped, label-stratified cross-validation of a classifier with ``settings``.

    Parameters
    ----------
    records : list of dict
        Labelled articles (``text``, ``label``, optional ``title`` and
        ``family``), e.g. ``load_split("train") + load_split("dev")`` or a
        :class:`~vnyouth.labelled_data.LabelledData`.
    settings : ClassifierSettings, optional
    n_splits : int, default 5
    labels : list of str, optional
        Label set to score (default: TAXONOMY's, or the data's own labels).

    Returns
    -------
    Table
        One row per fold (``fold``, ``n_train``, ``n_test``, ``macro_f1``,
        ``accuracy``, ``ece``, ``f1 <label>``, ``seconds``) and two more
        rows, ``mean`` and ``std``.
    """
    settings = settings or ClassifierSettings()
    records = list(records)
    folds = group_folds(records, n_splits, random_state)
    y = np.array([str(r["label"]) for r in records], dtype=object)
    groups = np.array(_families(records), dtype=object)
    rows = _cv(_fields(records), y, groups, folds, settings, labels)
    return Table(rows + _summary_rows(rows), title=f"{n_splits}-fold cross-validation by family")


def _grid_combos(grid: Mapping[str, Sequence], base: ClassifierSettings) -> list[dict]:
    known = [f.name for f in fields(ClassifierSettings)]
    unknown = [k for k in grid if k not in known]
    if unknown:
        raise ValueError(f"unknown settings {unknown} in the grid; known: {known}")
    empty = [k for k, v in grid.items() if isinstance(v, (str, bytes)) or len(list(v)) == 0]
    if empty:
        raise ValueError(f"grid values for {empty} must be non-empty lists of candidate values")
    keys = list(grid)
    combos = [dict(zip(keys, values)) for values in itertools.product(*(list(grid[k]) for k in keys))]
    for c in combos:
        replace(base, **c)  # validates each combination up front
    return combos


def grid_search(records: Sequence[Mapping], grid: Mapping[str, Sequence] | None = None, *,
                base: ClassifierSettings | None = None, n_splits: int = 3, random_state: int = 0,
                labels: Sequence[str] | None = None) -> tuple[ClassifierSettings, Table]:
    """Cross-validate every combination of ``grid`` on the same folds; return the best settings and a table.

    Parameters
    ----------
    records : list of dict
        Labelled articles (see :func:`cross_validate`).
    grid : dict, optional
        ``{setting name: candidate values}``; default :data:`DEFAULT_GRID`.
        Every name must be a :class:`~vnyouth.training.ClassifierSettings` field.
    base : ClassifierSettings, optional
        Settings for everything the grid does not vary (default: the defaults).
    n_splits : int, default 3

    Returns
    -------
    (ClassifierSettings, Table)
        The settings with the best mean macro-F1 (ties: the earlier in grid
        order), and one row per combination, best first: the grid values,
        ``mean_macro_f1``, ``std_macro_f1``, ``mean_accuracy``, ``mean_ece``
        and ``seconds``.
    """
    base = base or ClassifierSettings()
    grid = dict(DEFAULT_GRID if grid is None else grid)
    combos = _grid_combos(grid, base)
    records = list(records)
    folds = group_folds(records, n_splits, random_state)
    y = np.array([str(r["label"]) for r in records], dtype=object)
    groups = np.array(_families(records), dtype=object)
    fields_ = _fields(records)
    rows = []
    for i, combo in enumerate(combos):
        t0 = time.perf_counter()
        cv = _cv(fields_, y, groups, folds, replace(base, **combo), labels)
        f1 = [r["macro_f1"] for r in cv]
        rows.append({**combo, "mean_macro_f1": float(np.mean(f1)), "std_macro_f1": float(np.std(f1)),
                     "mean_accuracy": float(np.mean([r["accuracy"] for r in cv])),
                     "mean_ece": float(np.mean([r["ece"] for r in cv])),
                     "seconds": time.perf_counter() - t0, "_order": i})
        logger.info("%s: mean macro-F1 %.3f", combo, rows[-1]["mean_macro_f1"])
    rows.sort(key=lambda r: (-round(r["mean_macro_f1"], 9), r["_order"]))
    for r in rows:
        del r["_order"]
    best = replace(base, **{k: rows[0][k] for k in grid})
    return best, Table(rows, title=f"grid search, {n_splits}-fold cross-validation by family")
