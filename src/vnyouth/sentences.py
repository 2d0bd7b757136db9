"""Sentence splitting for Vietnamese news prose.

Rule-based and paragraph-aware: a paragraph never shares a sentence with the
next one. Splits after ``.``, ``!``, ``?``, ``…``/``...`` and the official
``./.`` ending when the next word starts a sentence, and not:

* after abbreviations ("TP.", "Th.S", "PGS.TS", "T.Ư", "ThS.", "TS."),
* inside numbers and dates ("1.700", "2,819", "15/11/2021", "9/1"),
* inside a quotation that closes later in the same paragraph.

It also splits where an editor forgot the space ("cấp tỉnh.100% cán bộ",
"143 đồng chí.Nhiều cán bộ"). underthesea's ``sent_tokenize`` was measured
against this splitter (``benchmarks/bench_sentences.py``): it ignores
paragraph breaks, so titles and leads run together.
"""
from __future__ import annotations

import regex

__all__ = ["split_sentences", "split_paragraphs"]

# Words after which a period does not end a sentence (compared case-sensitively).
ABBREVIATIONS = frozenset(
    "TP Tp tp Th ThS Ths TS Ts PGS GS BS KS CN ThS.BS TT Q P X H Mr Mrs Ms Dr St No Nxb NXB tr Tr "
    "v.v vv đ/c Đ/c Cty cty Co Ltd Inc Jr Sr".split()
)
_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
_CLOSERS = "\"'”’»)]"
# Candidate boundary: terminal punctuation, optional closers, then whitespace or
# a sentence-initial character glued on.
_BOUNDARY = regex.compile(
    r"(?P<end>\./\.|\.{3}|…|[.!?]+)(?P<close>[" + regex.escape(_CLOSERS) + r"]*)(?P<space>\s*)"
)
_STARTER = regex.compile(r"[\p{Lu}\p{N}\"'“‘«(\[\-–•*+]")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}\p{N}./]*)$")
_LOWER = regex.compile(r"\p{Ll}")


def split_paragraphs(text: str) -> list[str]:
    """Split normalised text into paragraphs: one per non-empty line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _quote_open(text: str, upto: int) -> bool:
    """True when a quotation opened before ``upto`` is still open there and closes later."""
    head = text[:upto]
    depth = sum(head.count(q) for q in _OPEN_QUOTES) - sum(head.count(q) for q in _CLOSE_QUOTES)
    if depth > 0:
        return any(q in text[upto:] for q in _CLOSE_QUOTES)
    straight = head.count('"')
    return straight % 2 == 1 and '"' in text[upto:]


def _is_boundary(text: str, m: regex.Match) -> bool:
    end, space = m.group("end"), m.group("space")
    after = m.end()
    if after >= len(text):
        return False
    if not _STARTER.match(text, after):
        return False
    if end == ".":
        word = _WORD_BEFORE.search(text[max(0, m.start() - 24):m.start()]).group(1)
        if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
            return False
        if not space:
            # No space after the period: "1.700", "T.Ư", "PGS.TS" stay whole;
            # "tỉnh.100%" and "chí.Nhiều" are split.
            if not word or not _LOWER.search(word) or word[-1].isdigit():
                return False
            if len(word) < 2 and not m.group("close"):
                return False
        elif len(word) == 1 and word.isupper():
            return False  # initials: "Nguyễn V. An"
    elif end in ("...", "…") and not space:
        return False
    if _quote_open(text, m.start()) and not m.group("close"):
        return False
    return True


def _split_paragraph(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        if _is_boundary(paragraph, m):
            piece = paragraph[start:m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, never across a paragraph (line) break.

    >>> split_sentences("TP. Hồ Chí Minh có 1.700 ĐVTN. PGS.TS Lê An phát biểu./.")
    ['TP. Hồ Chí Minh có 1.700 ĐVTN.', 'PGS.TS Lê An phát biểu./.']
    """
    out: list[str] = []
    for paragraph in split_paragraphs(text):
        out.extend(_split_paragraph(paragraph))
    return out
