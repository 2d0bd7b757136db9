"""Run ``regex``-syntax patterns on the standard ``re`` engine where it can.

The fact extractor's rules are written for the ``regex`` module: they use Unicode
property classes (``\\p{L}``, ``\\p{Lu}``, ...), which ``re`` lacks. ``re`` matches
the same patterns with less overhead per call, which is what extraction inside
``analyze()`` is sensitive to (``benchmarks/bench_extract.py``). :func:`compile`
rewrites the property classes and ``\\w``, ``\\W``, ``\\s``, ``\\S`` as explicit
character sets read from ``regex`` itself, so both engines agree on every character
below U+3000 (every alphabetic script, Vietnamese, combining marks, punctuation).
Above it (CJK, Hangul, Yi, full-width forms) the rewritten sets hold nothing: spelling
those out too made compiling the extractor's patterns five times slower. A pattern that
needs what ``re`` has not (``REVERSE``, ``\\G``, a look-behind of variable width,
...) or uses ``\\b``/``\\B`` (slow to spell out) is compiled by ``regex`` unchanged.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import regex

__all__ = ["compile"]

_LIMIT = 0x3000  # classes are spelled out below this code point (see the module docstring)
_RE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
_CLASSES = {
    "L": r"\p{L}", "M": r"\p{M}", "N": r"\p{N}", "Lu": r"\p{Lu}", "Ll": r"\p{Ll}",
    "w": r"\w", "s": r"\s",
}


@lru_cache(maxsize=None)
def _ranges(name: str) -> str:
    """The characters below ``_LIMIT`` that ``regex`` puts in class ``name``, as the inside of ``[...]``."""
    bmp = "".join(map(chr, range(_LIMIT)))
    parts = []
    for m in regex.finditer(_CLASSES[name] + "+", bmp):
        a, b = ord(m.group()[0]), ord(m.group()[-1])
        parts.append(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}")
    return "".join(parts)


class _Unsupported(Exception):
    """The pattern uses a construct this rewrite does not handle."""


_PROPERTY = re.compile(r"\\([pP])\{(\w+)\}")
_INLINE_I = re.compile(r"\(\?[a-zA-Z]*i")  # "(?i)", "(?si:...)": case ignored inside the pattern


def _translate(pattern: str, ignorecase: bool) -> str:
    """``pattern`` with the classes above spelled out for ``re``; raises _Unsupported."""
    out: list[str] = []
    i, in_set, n = 0, False, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise _Unsupported(pattern)
            e = pattern[i + 1]
            if e in "pP":
                m = _PROPERTY.match(pattern, i)
                if not m or m.group(2) not in _CLASSES or m.group(2) in ("w", "s"):
                    raise _Unsupported(pattern)
                if ignorecase and m.group(2) in ("Lu", "Ll"):
                    raise _Unsupported(pattern)  # case-insensitive case classes: leave to regex
                r = _ranges(m.group(2))
                negated = e == "P"
                if in_set:
                    if negated:
                        raise _Unsupported(pattern)
                    out.append(r)
                else:
                    out.append(("[^" if negated else "[") + r + "]")
                i = m.end()
                continue
            if e in "wWsS":
                r = _ranges(e.lower())
                if in_set:
                    if e.isupper():
                        raise _Unsupported(pattern)
                    out.append(r)
                else:
                    out.append(("[^" if e.isupper() else "[") + r + "]")
                i += 2
                continue
            if e in "bBG" and not in_set:
                raise _Unsupported(pattern)  # \b spelled out compiles slowly (four large sets); \G is regex's
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[" and not in_set:
            in_set = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if c == "]" and in_set:
            in_set = False
        out.append(c)
        i += 1
    return "".join(out)


def compile(pattern: str, flags: int = 0) -> "re.Pattern[str] | regex.Pattern":  # noqa: A001
    """Compile ``pattern`` (``regex`` syntax) with ``re`` if it can run it, else with ``regex``.

    >>> p = compile(r"(?<![\\p{L}\\p{M}])Đoàn(?![\\p{L}\\p{M}])")
    >>> type(p).__module__, p.search("Tỉnh Đoàn Sơn La, Đoànx").start()
    ('re', 5)
    >>> type(compile(r"\\d+$", regex.REVERSE)).__module__
    '_regex'
    """
    f = int(flags)
    if f & ~_RE_FLAGS:
        return regex.compile(pattern, flags)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: not the same pattern
            ignorecase = bool(f & re.IGNORECASE) or _INLINE_I.search(pattern) is not None
            return re.compile(_translate(pattern, ignorecase), f)
    except (_Unsupported, re.error, FutureWarning, DeprecationWarning):
        return regex.compile(pattern, flags)
