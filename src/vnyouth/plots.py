"""Plots of evaluation results with matplotlib: confusion matrix, reliability diagram, ROUGE by length.

Each function takes the numbers that :mod:`vnyouth.reports` computes (the
same numbers the model card prints), returns a ``matplotlib.figure.Figure``
(shown inline when it is the last expression of a notebook cell after
``%matplotlib inline``) and, when ``path`` is given, saves it as PNG.

The figures are built with matplotlib's object interface, never ``pyplot``,
so nothing global changes and they work in scripts, servers and the CLI.
matplotlib is an optional dependency: ``pip install 'vnyouth[notebooks]'``
(or ``vnyouth[plots]``).
"""
from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["plot_confusion_matrix", "plot_reliability", "plot_rouge_by_length", "save_figure"]


def _figure(width: float, height: float):
    try:
        from matplotlib.figure import Figure
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("plots need matplotlib: pip install 'vnyouth[notebooks]' "
                          "(or 'vnyouth[plots]')") from e
    return Figure(figsize=(width, height), layout="constrained")


def save_figure(fig, path: str | os.PathLike, dpi: int = 120) -> Path:
    """Save a figure as PNG (folders created); return the path."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ValueError(f"{path}: plots are saved as PNG; use a .png file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, format="png")
    return path


def _confusion_of(data: Any, labels: Sequence[str] | None) -> tuple[np.ndarray, list[str]]:
    if isinstance(data, Mapping) and "confusion" in data:
        data = data["confusion"]
    if isinstance(data, Mapping) and "matrix" in data:
        return np.asarray(data["matrix"], dtype=float), list(labels or data["labels"])
    matrix = np.asarray(data, dtype=float)
    if labels is None:
        raise ValueError("pass labels=... with a bare confusion matrix")
    return matrix, list(labels)


def plot_confusion_matrix(data: Any, *, labels: Sequence[str] | None = None, normalize: bool = False,
                          title: str | None = None, path: str | os.PathLike | None = None):
    """Confusion matrix (rows: true label, columns: predicted), counts written in each cell.

    Parameters
    ----------
    data : dict or array
        A metrics dict of :func:`vnyouth.reports.evaluate_classifier` (or of
        :func:`vnyouth.evaluation.classification_metrics`), its ``"confusion"``
        entry, or a square array with ``labels``.
    normalize : bool, default False
        Colour by the share of each true label (the row) instead of counts;
        the cells still show counts.
    path : path, optional
        Save the figure there as PNG.
    """
    matrix, labels = _confusion_of(data, labels)
    if matrix.ndim != 2 or matrix.shape != (len(labels), len(labels)):
        raise ValueError(f"confusion matrix of shape {matrix.shape} does not fit {len(labels)} labels")
    shown = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1) if normalize else matrix
    k = len(labels)
    fig = _figure(1.2 + 0.9 * k, 1.0 + 0.8 * k)
    ax = fig.add_subplot()
    im = ax.imshow(shown, cmap="Blues", vmin=0)
    ax.set_xticks(range(k), labels, rotation=35, ha="right")
    ax.set_yticks(range(k), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    top = shown.max() if shown.size else 0
    for i in range(k):
        for j in range(k):
            ax.text(j, i, f"{int(matrix[i, j])}", ha="center", va="center",
                    color="white" if top and shown[i, j] > 0.6 * top else "black")
    fig.colorbar(im, ax=ax, shrink=0.8, label="share of true label" if normalize else "articles")
    ax.set_title(title or "confusion matrix")
    if path is not None:
        save_figure(fig, path)
    return fig


def _reliability_rows(data: Any) -> tuple[list[dict], float | None]:
    if isinstance(data, Mapping):
        if "reliability" not in data:
            raise ValueError("the metrics have no 'reliability': the classifier gave no probabilities")
        return list(data["reliability"]), data.get("ece")
    rows = list(data)
    n = sum(r["n"] for r in rows)
    ece = sum(r["n"] / n * abs(r["accuracy"] - r["confidence"]) for r in rows if r["n"]) if n else None
    return rows, ece


def plot_reliability(data: Any, *, reference: Any = None, names: Sequence[str] = ("model", "reference"),
                     title: str | None = None, path: str | os.PathLike | None = None):
    """Reliability diagram: accuracy against mean confidence per bin, with the bin counts below.

    A calibrated model lies on the diagonal; the ECE (in the legend) is the
    count-weighted mean distance to it.

    Parameters
    ----------
    data : dict or list of dict
        A metrics dict of :func:`vnyouth.reports.evaluate_classifier` or the
        rows of :func:`vnyouth.reports.reliability_curve`.
    reference : dict or list of dict, optional
        The same for a second model (e.g. the shipped one), drawn alongside.
    names : (str, str)
        Legend names of ``data`` and ``reference``.
    """
    series = [(names[0], *_reliability_rows(data))]
    if reference is not None:
        series.append((names[1] if len(names) > 1 else "reference", *_reliability_rows(reference)))
    fig = _figure(5.0, 5.4)
    ax, hist = fig.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    width = 1.0 / max(len(series[0][1]), 1)
    for k, (name, rows, ece) in enumerate(series):
        pts = [(r["confidence"], r["accuracy"]) for r in rows if r["n"]]
        label = f"{name} (ECE {ece:.3f})" if ece is not None else name
        if pts:
            xs, ys = zip(*pts)
            ax.plot(xs, ys, marker="os"[k % 2], label=label)
        centers = [(r["lower"] + r["upper"]) / 2 for r in rows]
        offset = (k - (len(series) - 1) / 2) * width / len(series)
        hist.bar([c + offset for c in centers], [r["n"] for r in rows], width=width / len(series), label=name)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("accuracy")
    ax.legend(loc="upper left", fontsize="small")
    ax.set_title(title or "reliability diagram")
    hist.set_xlabel("confidence of the top label")
    hist.set_ylabel("articles")
    if path is not None:
        save_figure(fig, path)
    return fig


def plot_rouge_by_length(table: Any, *, systems: Sequence[str] | None = None, title: str | None = None,
                         path: str | os.PathLike | None = None):
    """Mean ROUGE per article-length bin, one line per summary system.

    ``table`` is the :class:`~vnyouth.reports.Table` of
    :func:`vnyouth.reports.rouge_by_length` (or its rows).
    """
    rows = list(getattr(table, "rows", table))
    if not rows:
        raise ValueError("no rows to plot")
    fixed = {"length", "lower", "upper", "n"}
    systems = list(systems) if systems is not None else [k for k in rows[0] if k not in fixed]
    missing = [s for s in systems if s not in rows[0]]
    if missing:
        raise ValueError(f"no column for {missing}; the table has {list(rows[0])}")
    fig = _figure(6.0, 4.0)
    ax = fig.add_subplot()
    x = np.arange(len(rows))
    for k, name in enumerate(systems):
        ax.plot(x, [r[name] for r in rows], marker="o^sDv"[k % 5], label=name)
    ax.set_xticks(x, [f"{r['length']}\n(n={r['n']})" for r in rows])
    ax.set_xlabel("article length (syllables)")
    ax.set_ylabel("ROUGE F1 ×100")
    ax.legend(fontsize="small")
    ax.set_title(title or "ROUGE by article length")
    low = min(min(r[s] for s in systems) for r in rows)
    ax.set_ylim(max(0.0, math.floor(low / 10) * 10 - 5), None)
    if path is not None:
        save_figure(fig, path)
    return fig
