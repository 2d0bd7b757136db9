"""Syllables: the unit of Vietnamese text for counting, features and ROUGE.

A syllable is a run of letters and digits with their diacritics, as written
between spaces and punctuation ("Đoàn", "TNCS", "2023", "1" and "700" in
"1.700"). Summary budgets are counted in syllables.
"""
from __future__ import annotations

import regex

__all__ = ["syllables", "count_syllables", "feature_tokens"]

_SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_DIGITS = regex.compile(r"\d")


def syllables(text: str) -> list[str]:
    """Return the syllables of ``text`` in order, as written.

    >>> syllables("Ngày 5/1, Tỉnh đoàn có 1.700 ĐVTN.")
    ['Ngày', '5', '1', 'Tỉnh', 'đoàn', 'có', '1', '700', 'ĐVTN']
    """
    return _SYLLABLE.findall(text)


def count_syllables(text: str) -> int:
    """Return the number of syllables in ``text``."""
    return len(_SYLLABLE.findall(text))


def feature_tokens(text: str) -> list[str]:
    """Syllables for features: lower-cased, every digit replaced by ``0``.

    Text is expected to be tone-canonical already (see
    :func:`vnyouth.normalize.canonical_tones`). Digits are masked so that a
    model learns "năm 0000" rather than particular years or counts. One-letter
    syllables ("ủy", "y", "o") are kept.
    """
    return _SYLLABLE.findall(_DIGITS.sub("0", text.lower()))
