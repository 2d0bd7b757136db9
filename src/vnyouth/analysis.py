"""One pass over an article: label, confidence, scores, evidence, summary and facts.

:func:`analyze` parses the text once and hands the same
:class:`~vnyouth.document.Document` to the classifier, the summarizer and the
fact extractor, so nothing is done twice. :func:`analyze_many` does the same for a batch: it
classifies the whole batch in one call (much faster than one by one), then summarises every
article, then extracts their facts.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .api import _results, parse_checked
from .document import Document
from .model_folder import load_default

__all__ = ["AnalysisResult", "analyze", "analyze_many"]


@dataclass(frozen=True)
class AnalysisResult:
    """Everything ``vnyouth`` says about one article.

    Attributes
    ----------
    label, confidence, scores, evidence
        As in :class:`vnyouth.ClassificationResult`.
    summary : str
        Extractive summary (TAXONOMY's budget by default: 3 sentences, 60 syllables).
    summary_sentences : tuple of int
        Indices (in ``Document.sentences``) of the sentences in the summary.
    facts : vnyouth.Facts
        When, where, which bodies, who, which period and figures, each with
        its character span (see :func:`vnyouth.extract`).
    models : Mapping[str, str]
        Name of the classifier and summarizer model folders used.
    """

    label: str
    confidence: float
    scores: Mapping[str, float] = field(repr=False)
    evidence: tuple[str, ...]
    summary: str
    summary_sentences: tuple[int, ...]
    facts: Any = field(repr=False)
    models: Mapping[str, str] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready plain dict."""
        return {"label": self.label, "confidence": self.confidence, "scores": dict(self.scores),
                "evidence": list(self.evidence), "summary": self.summary,
                "summary_sentences": list(self.summary_sentences), "facts": self.facts.to_dict(),
                "models": dict(self.models)}


def _analyze_docs(items: list[tuple[Document, str, str | None]], classifier, summarizer,
                  max_sentences: int, max_syllables: int) -> list[AnalysisResult]:
    from .extract import extract_document
    from .summarizer import summarize_document

    # One stage at a time over the whole batch rather than article by article: each stage then
    # finds its tables and patterns still in the CPU caches, a few per cent faster.
    classified = _results([doc for doc, _, _ in items], classifier)
    _, summarizer_meta = load_default("summarizer", summarizer)
    summaries = [summarize_document(doc, max_sentences=max_sentences, max_syllables=max_syllables,
                                    model=summarizer) for doc, _, _ in items]
    facts = [extract_document(doc, text, title=title) for doc, text, title in items]
    return [AnalysisResult(c.label, c.confidence, c.scores, c.evidence, s.text, tuple(s.indices), f,
                           MappingProxyType({"classifier": c.model,
                                             "summarizer": summarizer_meta.get("name", "")}))
            for c, s, f in zip(classified, summaries, facts)]


def analyze(text: str, *, title: str | None = None, classifier: "str | os.PathLike | None" = None,
            summarizer: "str | os.PathLike | None" = None, max_sentences: int = 3,
            max_syllables: int = 60) -> AnalysisResult:
    """Classify and summarise one article in one pass.

    Raises the same ``TypeError``/``ValueError`` as :func:`vnyouth.classify`
    for bad input.
    """
    doc = parse_checked(text, title)
    return _analyze_docs([(doc, text, title)], classifier, summarizer, max_sentences, max_syllables)[0]


def analyze_many(items: Iterable, *, classifier=None, summarizer=None, max_sentences: int = 3,
                 max_syllables: int = 60) -> list[AnalysisResult]:
    """Analyse many articles: each item a str or a mapping with ``text`` (and ``title``).

    The error for a bad item names its index.
    """
    if isinstance(items, (str, bytes, Mapping)):
        raise TypeError("analyze_many() expects a list of articles; use analyze() for one text")
    parsed = []
    for i, item in enumerate(items):
        try:
            text, title = (item.get("text"), item.get("title")) if isinstance(item, Mapping) else (item, None)
            parsed.append((parse_checked(text, title), text, title))
        except (TypeError, ValueError) as e:
            raise type(e)(f"items[{i}]: {e}") from e
    return _analyze_docs(parsed, classifier, summarizer, max_sentences, max_syllables) if parsed else []
