"""The plain functions most users call: :func:`classify` and :func:`classify_many`.

Models load on first use, once, through :func:`vnyouth.model_folder.load_default`;
``import vnyouth`` loads nothing.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .document import Document, parse
from .features import fields_of
from .labels import LABELS
from .model_folder import load_default

__all__ = ["ClassificationResult", "classify", "classify_many", "check_text", "load_classifier",
           "parse_checked"]

ModelLike = "str | os.PathLike | None"


@dataclass(frozen=True)
class ClassificationResult:
    """What :func:`classify` returns; immutable and the same shape for every input.

    Attributes
    ----------
    label : str
        One of :data:`vnyouth.LABELS`; ``other`` also when the model is not
        confident enough (below its recorded threshold).
    confidence : float
        Calibrated probability of the top label (before the ``other`` fallback).
    scores : Mapping[str, float]
        Calibrated probability of every label, in :data:`vnyouth.LABELS` order.
    evidence : tuple of str
        The phrases that weighed most towards ``label``, as ``"field: phrase"``
        with field ``title``, ``lead`` or ``body`` (lower-cased, digits as 0).
    model : str
        Name of the model folder that produced it.
    """

    label: str
    confidence: float
    scores: Mapping[str, float] = field(repr=False)
    evidence: tuple[str, ...] = ()
    model: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready plain dict."""
        return {"label": self.label, "confidence": self.confidence, "scores": dict(self.scores),
                "evidence": list(self.evidence), "model": self.model}


def check_text(text: Any, what: str = "text") -> str:
    """Return ``text`` if it is a non-blank str; otherwise raise a clear error."""
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(f"{what} must be str, got bytes: decode it first, e.g. data.decode('utf-8')")
    if isinstance(text, (list, tuple)) :
        raise TypeError(f"{what} must be str, got a {type(text).__name__}; use classify_many() for lists")
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, got {type(text).__name__}")
    if not text.strip():
        raise ValueError(f"{what} is empty or only whitespace")
    return text


def parse_checked(text: Any, title: str | None = None) -> Document:
    """Check and parse one article; raise ``ValueError`` if nothing is left after cleaning."""
    check_text(text)
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be str or None, got {type(title).__name__}")
    doc = parse(text, title=title)
    if doc.is_empty:
        raise ValueError("no article text left after removing captions, bylines, timestamps and "
                         "site furniture")
    return doc


def load_classifier(model: "str | os.PathLike | None" = None):
    """Return ``(estimator, meta)`` of a classifier model folder (default: the shipped one)."""
    return load_default("classifier", model)


def _results(docs: list[Document], model) -> list[ClassificationResult]:
    estimator, meta = load_classifier(model)
    labels, proba, evidence = estimator.predict_explained([fields_of(d) for d in docs])
    classes = [str(c) for c in estimator.classes_]
    name = meta.get("name", "")
    out = []
    for label, row, ev in zip(labels, proba, evidence):
        scores = {c: float(row[classes.index(c)]) for c in LABELS if c in classes}
        scores.update({c: float(p) for c, p in zip(classes, row) if c not in scores})
        out.append(ClassificationResult(str(label), float(row.max()), MappingProxyType(scores), ev, name))
    return out


def classify(text: str, *, title: str | None = None,
             model: "str | os.PathLike | None" = None) -> ClassificationResult:
    """Label one article by the event it reports.

    Parameters
    ----------
    text : str
        The article as published (title first line optional; captions,
        bylines, counters and HTML are cleaned). Input over
        :data:`vnyouth.document.MAX_CHARS` characters is truncated.
    title : str, optional
        The headline, when you have it apart from the body.
    model : path, optional
        A model folder; default ``$VNYOUTH_CLASSIFIER_MODEL`` or the shipped model.

    Raises
    ------
    TypeError
        ``text`` is not a str (bytes, ``None``, a list, ...).
    ValueError
        ``text`` is blank, or holds nothing but captions and site furniture.

    Examples
    --------
    >>> r = classify("Thường trực Tỉnh ủy làm việc với Tỉnh đoàn\\n\\nSáng 9/1, Thường trực Tỉnh ủy "
    ...              "đã làm việc với Ban Thường vụ Tỉnh đoàn về kết quả công tác Đoàn năm 2023.")
    >>> r.label
    'working_session'
    """
    return _results([parse_checked(text, title)], model)[0]


def classify_many(texts: Iterable[str], *, model: "str | os.PathLike | None" = None) -> list[ClassificationResult]:
    """Label many articles at once (faster than calling :func:`classify` in a loop).

    Every item must be a non-blank str; the error names the first bad index.
    """
    if isinstance(texts, (str, bytes)):
        raise TypeError("classify_many() expects a list of str; use classify() for one text")
    docs = []
    for i, text in enumerate(texts):
        try:
            docs.append(parse_checked(text))
        except (TypeError, ValueError) as e:
            raise type(e)(f"texts[{i}]: {e}") from e
    return _results(docs, model) if docs else []
