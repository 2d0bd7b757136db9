"""Classifier features: title, lead and body of an article as separate fields.

The label is the main event of the title and lead, so each field gets its own
vocabulary: a phrase in the title weighs differently from the same phrase deep
in the body. Text is tone-canonical, lower-cased and digit-masked
(:func:`vnyouth.syllables.feature_tokens`), so old/new spellings and
particular years or counts do not matter.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .document import Document, parse
from .normalize import canonical_tones
from .syllables import feature_tokens

__all__ = ["ArticleFields", "article_fields", "fields_of", "as_text_and_title", "tokenize"]


@dataclass(frozen=True)
class ArticleFields:
    """The three text fields a classifier looks at, already canonical."""

    title: str
    lead: str
    body: str


def tokenize(text: str) -> list[str]:
    """Analyzer for the vectorizers: canonical, lower-cased, digit-masked syllables."""
    return feature_tokens(text)


def as_text_and_title(item) -> tuple[str, str | None]:
    """Accept a raw string or a mapping with ``text`` (and optional ``title``)."""
    if isinstance(item, str):
        return item, None
    if isinstance(item, Mapping):
        text = item.get("text")
        if not isinstance(text, str):
            raise TypeError(f"a record needs a str 'text' field, got {type(text).__name__}")
        title = item.get("title")
        if title is not None and not isinstance(title, str):
            raise TypeError(f"'title' must be a str or None, got {type(title).__name__}")
        return text, title
    raise TypeError(f"expected a str or a mapping with 'text', got {type(item).__name__}")


def fields_of(doc: Document) -> ArticleFields:
    """Title, lead and body of a parsed document, tone-canonical."""
    lead = doc.lead
    return ArticleFields(
        title=canonical_tones(doc.title or ""),
        lead=canonical_tones(lead),
        body=canonical_tones(doc.body),
    )


def article_fields(item) -> ArticleFields:
    """Parse a raw article (str or record) and return its fields."""
    if isinstance(item, Document):
        return fields_of(item)
    text, title = as_text_and_title(item)
    return fields_of(parse(text, title=title))
