"""The document model: raw article text → title, lead and clean body sentences.

Data flows one way: raw text → :func:`vnyouth.normalize.normalize` →
furniture removed (:mod:`vnyouth.clean`) → paragraphs → sentences
(:mod:`vnyouth.sentences`). Classifier, summarizer and extraction all start
from the same :class:`Document`, so the text is processed once per article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from . import clean
from .normalize import normalize
from .sentences import split_sentences
from .syllables import count_syllables

__all__ = ["Document", "Sentence", "parse", "MAX_CHARS"]

#: Input longer than this many characters is truncated before parsing, so time
#: and memory stay bounded (real articles are under 30,000 characters).
MAX_CHARS = 200_000
#: The lead is the first body sentences up to at least this many syllables.
LEAD_SYLLABLES = 60
_TITLE_MAX_SYLLABLES = 60
_HAS_WORD = regex.compile(r"[\p{L}\p{N}]")


@dataclass(frozen=True)
class Sentence:
    """A body sentence with the index of its paragraph and its position in the body."""

    text: str
    paragraph: int
    index: int


@dataclass(frozen=True)
class Document:
    """A parsed article.

    Attributes
    ----------
    title : str or None
        The headline, given or found as the first short unpunctuated line.
    sentences : tuple of Sentence
        Body sentences in order, furniture removed.
    removed : tuple of (kind, line)
        Lines dropped as furniture: ``caption``, ``byline``, ``source``,
        ``timestamp``, ``furniture``, ``duplicate``, ``heading``.
    truncated : bool
        True when the input was cut at :data:`MAX_CHARS`.
    text : str
        The whole input after :func:`~vnyouth.normalize.normalize` (read up to
        :data:`MAX_CHARS`), which fact extraction indexes; ``""`` when unknown.
    """

    title: str | None
    sentences: tuple[Sentence, ...]
    removed: tuple[tuple[str, str], ...] = field(default=())
    truncated: bool = False
    text: str = field(default="", repr=False, compare=False)

    @property
    def lead(self) -> str:
        """The first body sentences, at least ``LEAD_SYLLABLES`` syllables."""
        out, n = [], 0
        for s in self.sentences:
            out.append(s.text)
            n += count_syllables(s.text)
            if n >= LEAD_SYLLABLES:
                break
        return " ".join(out)

    @property
    def body(self) -> str:
        """All body sentences, one paragraph per line."""
        lines: list[list[str]] = []
        last = None
        for s in self.sentences:
            if s.paragraph != last:
                lines.append([])
                last = s.paragraph
            lines[-1].append(s.text)
        return "\n".join(" ".join(p) for p in lines)

    @property
    def is_empty(self) -> bool:
        """True when neither a title nor any body sentence was found."""
        return not self.title and not self.sentences


def _looks_like_title(line: str) -> bool:
    return not clean.ends_like_prose(line) and 0 < count_syllables(line) <= _TITLE_MAX_SYLLABLES


def _furniture_kind(line: str) -> str | None:
    if clean.is_caption(line):
        return "caption"
    if clean.is_site_furniture(line):
        return "furniture"
    if clean.is_timestamp_line(line):
        return "timestamp"
    if clean.is_source_line(line):
        return "source"
    return None


def parse(text: str, title: str | None = None, captions: list[str] | tuple[str, ...] = ()) -> Document:
    """Parse raw article text into a :class:`Document`.

    Parameters
    ----------
    text : str
        The article as published: body, possibly preceded by its title and
        surrounded by captions, bylines, counters and site furniture. HTML is
        reduced to text.
    title : str, optional
        The headline when known; otherwise the first short unpunctuated line
        is taken as the title.
    captions : sequence of str, optional
        Known photo captions; body lines equal to one are dropped (VietNews
        repeats its captions inside the body).

    >>> doc = parse("Tỉnh đoàn tổng kết năm 2023\\n\\nNgày 5/1, Tỉnh đoàn tổ chức hội nghị. Ảnh: Minh Hà\\n\\nHội nghị đã biểu dương 20 tập thể.\\n\\nTHU TRANG")
    >>> doc.title, [s.text for s in doc.sentences], [k for k, _ in doc.removed]
    ('Tỉnh đoàn tổng kết năm 2023', ['Hội nghị đã biểu dương 20 tập thể.'], ['caption', 'byline'])
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() expects str, got {type(text).__name__}")
    truncated = len(text) > MAX_CHARS
    text = normalize(text[:MAX_CHARS] if truncated else text)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    caption_set = {normalize(c).strip() for c in captions if c and c.strip()}
    removed: list[tuple[str, str]] = []
    body: list[str] = []
    seen: set[str] = set()
    # A short line printed twice is a photo caption (sites repeat them).
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    repeated = {ln for ln, c in counts.items() if c > 1 and count_syllables(ln) <= 40}
    found_title = title.strip() if title and title.strip() else None
    if found_title:
        found_title = normalize(found_title)

    # Pass 1: furniture, captions, title.
    for line in lines:
        kind = "caption" if line in caption_set or line in repeated else _furniture_kind(line)
        if kind:
            removed.append((kind, line))
            continue
        if found_title is None and not body and _looks_like_title(line) and not clean.is_byline(line):
            found_title = line
            continue
        if found_title is not None and not body and line == found_title:
            removed.append(("duplicate", line))
            continue
        if line in seen:
            removed.append(("duplicate", line))
            continue
        seen.add(line)
        body.append(line)

    if not body and found_title is not None and title is None:
        body.append(found_title)  # a one-line article: its only line is the body, not a title
        found_title = None

    # Pass 2: trailing bylines and short unpunctuated lines (captions without
    # credit, subheadings) that are not list items.
    while body and (clean.is_byline(body[-1]) or clean.is_source_line(body[-1])):
        removed.append(("byline", body.pop()))
    kept: list[str] = []
    for i, line in enumerate(body):
        if not clean.ends_like_prose(line) and not clean.is_list_item(line) and count_syllables(line) <= 40:
            removed.append(("heading", line))
            continue
        if i == 0 or not kept:
            line = clean.strip_dateline(line)
        kept.append(line)
    if not kept and body:
        # Nothing but short unpunctuated lines: they are all the article has.
        kept = body
        removed = [(k, ln) for k, ln in removed if not (k == "heading" and ln in body)]

    sentences: list[Sentence] = []
    for p, paragraph in enumerate(kept):
        for s in split_sentences(paragraph):
            if _HAS_WORD.search(s):
                sentences.append(Sentence(s, p, len(sentences)))
    return Document(found_title, tuple(sentences), tuple(removed), truncated, text)
