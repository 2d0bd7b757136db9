"""Which unlabelled articles to label next: rank them by the classifier's uncertainty.

Labelling the articles the model is least sure about teaches it more per
article than labelling ones it already gets right (uncertainty sampling).
:func:`rank_by_uncertainty` scores each article with one of three usual
measures of the calibrated probabilities and returns them most uncertain
first:

* ``"margin"`` (default): 1 − (top probability − second probability); two
  labels nearly tied;
* ``"entropy"``: entropy of the probabilities, normalised to ``[0, 1]``;
* ``"least_confident"``: 1 − top probability.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .reports import Table

__all__ = ["METHODS", "rank_by_uncertainty", "uncertainty_scores"]

#: The uncertainty measures of :func:`rank_by_uncertainty`.
METHODS = ("margin", "entropy", "least_confident")


def uncertainty_scores(proba: np.ndarray, method: str = "margin") -> np.ndarray:
    """Uncertainty in ``[0, 1]`` of each row of class probabilities (higher: less sure).

    >>> uncertainty_scores(np.array([[0.5, 0.5], [1.0, 0.0]])).tolist()
    [1.0, 0.0]
    """
    if method not in METHODS:
        raise ValueError(f"method={method!r}; expected one of {list(METHODS)}")
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or proba.shape[1] < 2:
        raise ValueError(f"proba must be (n_articles, n_classes >= 2), got shape {proba.shape}")
    top2 = -np.sort(-proba, axis=1)[:, :2]
    if method == "margin":
        return 1.0 - (top2[:, 0] - top2[:, 1])
    if method == "least_confident":
        return 1.0 - top2[:, 0]
    p = np.clip(proba, 1e-12, 1.0)
    return -(p * np.log(p)).sum(axis=1) / np.log(proba.shape[1])


def rank_by_uncertainty(estimator, articles: Sequence, *, method: str = "margin",
                        top: int | None = None) -> Table:
    """Rank unlabelled articles, most uncertain first, for labelling.

    Parameters
    ----------
    estimator : fitted classifier with ``predict_proba`` and ``classes_``
    articles : list of str or dict
        Raw texts, or records with ``text`` (and ``title``, ``id``); a
        ``label`` field, if present, is ignored.
    method : {"margin", "entropy", "least_confident"}
    top : int, optional
        Keep only the ``top`` most uncertain.

    Returns
    -------
    Table
        Columns ``rank``, ``id``, ``title``, ``uncertainty``, ``predicted``,
        ``confidence``, ``second`` (runner-up label) and ``second_p``.
    """
    if not hasattr(estimator, "predict_proba"):
        raise TypeError(f"{type(estimator).__name__} has no predict_proba; uncertainty needs probabilities")
    items = list(articles)
    X = [{"title": a.get("title"), "text": a["text"]} if isinstance(a, Mapping) else a for a in items]
    proba = np.asarray(estimator.predict_proba(X)) if X else np.zeros((0, len(estimator.classes_)))
    if not len(proba):
        return Table([], ["rank", "id", "title", "uncertainty", "predicted", "confidence", "second", "second_p"])
    scores = uncertainty_scores(proba, method)
    classes = [str(c) for c in estimator.classes_]
    order = np.argsort(-scores, kind="stable")
    rows = []
    for rank, i in enumerate(order[:top] if top else order, 1):
        a = items[i]
        best = np.argsort(-proba[i], kind="stable")[:2]
        title = (a.get("title") if isinstance(a, Mapping) else None) or " ".join(
            str(a["text"] if isinstance(a, Mapping) else a).split()[:12])
        rows.append({"rank": rank, "id": a.get("id", str(i)) if isinstance(a, Mapping) else str(i),
                     "title": title, "uncertainty": float(scores[i]), "predicted": classes[best[0]],
                     "confidence": float(proba[i, best[0]]), "second": classes[best[1]],
                     "second_p": float(proba[i, best[1]])})
    return Table(rows, title=f"articles to label next ({method} uncertainty, highest first)")
