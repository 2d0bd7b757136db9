"""Honest classification metrics: per-class P/R/F1, macro-F1, confusion matrix, calibration."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from .labels import LABELS

__all__ = ["classification_metrics", "expected_calibration_error", "reliability_curve", "format_metrics"]


def reliability_curve(y_true: Sequence[str], proba: np.ndarray, classes: Sequence[str],
                      n_bins: int = 10) -> list[dict]:
    """Top-label reliability: per confidence bin, the count, mean confidence and accuracy.

    Bins are equal-width over ``[0, 1]`` as in
    :func:`expected_calibration_error`, whose value is
    ``sum(n_b / n * |accuracy_b - confidence_b|)`` over these bins. Empty bins
    have ``n == 0`` and ``None`` for the means.

    >>> rows = reliability_curve(["a", "b"], np.array([[0.9, 0.1], [0.6, 0.4]]), ["a", "b"], n_bins=2)
    >>> [(r["n"], r["confidence"], r["accuracy"]) for r in rows]
    [(0, None, None), (2, 0.75, 0.5)]
    """
    if n_bins < 1:
        raise ValueError(f"n_bins={n_bins!r} must be >= 1")
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or proba.shape[1] != len(classes) or proba.shape[0] != len(y_true):
        raise ValueError(f"proba has shape {proba.shape}; expected ({len(y_true)}, {len(classes)})")
    conf = proba.max(axis=1)
    pred = np.asarray(list(classes), dtype=object)[proba.argmax(axis=1)]
    correct = pred == np.asarray(list(y_true), dtype=object)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    rows = []
    for b in range(n_bins):
        mask = bins == b
        n = int(mask.sum())
        rows.append({"bin": b, "lower": b / n_bins, "upper": (b + 1) / n_bins, "n": n,
                     "confidence": float(conf[mask].mean()) if n else None,
                     "accuracy": float(correct[mask].mean()) if n else None})
    return rows


def expected_calibration_error(y_true: Sequence[str], proba: np.ndarray, classes: Sequence[str],
                               n_bins: int = 10) -> float:
    """ECE of the top-label confidence over the bins of :func:`reliability_curve`."""
    rows = reliability_curve(y_true, proba, classes, n_bins)
    n = sum(r["n"] for r in rows)
    return float(sum(r["n"] / n * abs(r["accuracy"] - r["confidence"]) for r in rows if r["n"])) if n else 0.0


def classification_metrics(y_true: Sequence[str], y_pred: Sequence[str],
                           labels: Sequence[str] = LABELS) -> dict:
    """Macro-F1, accuracy, per-class precision/recall/F1/support and the confusion matrix.

    Macro-F1 averages over the labels that occur in ``y_true`` or ``y_pred``.
    """
    y_true, y_pred = list(y_true), list(y_pred)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(labels), zero_division=0)
    # Macro-average over the labels that occur (in truth or predictions), as
    # scikit-learn does by default: a label absent from a small set (the five
    # seeds have no ``other``) must not count as F1 = 0.
    present = [lab for lab in labels if lab in set(y_true) | set(y_pred)] or list(labels)
    return {
        "n": len(y_true),
        "macro_f1": float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)),
        "accuracy": float(np.mean(np.array(y_true, dtype=object) == np.array(y_pred, dtype=object)))
        if y_true else 0.0,
        "per_class": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                            "support": int(s[i])} for i, lab in enumerate(labels)},
        "confusion": {"labels": list(labels),
                      "matrix": confusion_matrix(y_true, y_pred, labels=list(labels)).tolist()},
    }


def format_metrics(name: str, m: dict) -> str:
    """A short plain-text table of one metrics dict."""
    lines = [f"{name}: n={m['n']}  macro-F1={m['macro_f1']:.3f}  accuracy={m['accuracy']:.3f}"]
    for lab, v in m["per_class"].items():
        lines.append(f"  {lab:<20} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} n={v['support']}")
    return "\n".join(lines)
