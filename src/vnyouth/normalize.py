"""Unicode and spacing normalisation for Vietnamese text.

Two levels:

* :func:`normalize` makes text safe and uniform without changing its words:
  NFC, HTML given by mistake reduced to text, odd spaces and stray control
  characters removed, line breaks unified. Summaries are cut from this text,
  so it keeps the article's own spelling.
* :func:`canonical_tones` additionally rewrites the old ("hoà", "uỷ",
  "thuỷ", "khoẻ") tone placement into the new one ("hòa", "ủy", "thủy",
  "khỏe") so that both spellings give the same features. We chose the new
  placement because it is the one of current official documents and of most
  sites since about 2018; the choice only matters for features, never for
  text shown to a reader.
"""
from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

import regex

__all__ = ["normalize", "is_normalized", "canonical_tones", "html_to_text", "looks_like_html"]

# Zero-width and bidi marks, BOM, soft hyphen (invisible, never meaningful here)
# and C0/C1 control characters except tab and newline are deleted.
_DELETE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\ufeff]")
# Runs of two or more horizontal spaces, or one that is not a plain space
# (tab, NBSP, thin, ideographic ...): all become one plain space.
_HSPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# Anything normalize() would change besides NFC and HTML: odd or doubled
# spaces, spaces at line ends, three or more line breaks, deleted characters.
_NOT_NORMAL = re.compile(r"[^\S\n ]|  | \n|\n |\n\n\n|\r|" + _DELETE.pattern)
_HTML_TAG = regex.compile(r"<\s*/?\s*(p|div|br|span|a|img|figure|figcaption|h[1-6]|li|ul|table|strong|em|b|i|html|body)\b[^>]*>", regex.I)

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
               "figure", "section", "article", "header", "footer", "blockquote", "title"}
_SKIP_TAGS = {"script", "style", "noscript", "figcaption", "nav", "iframe", "svg", "head"}


def looks_like_html(text: str) -> bool:
    """Return True when ``text`` holds at least two HTML tags we know."""
    return len(_HTML_TAG.findall(text[:20000])) >= 2


class _TextExtractor(HTMLParser):
    """Collect visible text, one block element per line, dropping scripts and captions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001 - HTMLParser API
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Reduce an HTML page or fragment to its visible text, one block per paragraph.

    Photo captions (``<figcaption>``), scripts, styles and navigation are dropped.
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))


def normalize(text: str) -> str:
    """Return ``text`` in NFC with uniform spaces and line breaks.

    HTML given by mistake is reduced to text; invisible and control characters
    are removed; every run of horizontal spaces becomes one space; lines are
    stripped and runs of blank lines become one blank line (a paragraph break).

    >>> normalize("Hoa\\u0300 Bi\\u0300nh\\u00a0\\u00a0 2023")
    'Hoà Bình 2023'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, got {type(text).__name__}")
    if looks_like_html(text):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = _DELETE.sub("", text)
    text = _HSPACE.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def is_normalized(text: str) -> bool:
    """True when :func:`normalize` would return ``text`` unchanged (cheap; may say False when unsure).

    >>> is_normalized("Tỉnh đoàn"), is_normalized("Tỉnh  đoàn")
    (True, False)
    """
    return (text == text.strip() and not looks_like_html(text) and "\u2028" not in text
            and "\u2029" not in text and unicodedata.is_normalized("NFC", text)
            and _NOT_NORMAL.search(text) is None)


# Old -> new tone placement: the tone mark moves from the second to the first
# vowel of "oa", "oe", "uy" when the syllable ends there ("hoà" -> "hòa"), but
# not after "q" ("quý" keeps its tone on "y") and not before a final consonant
# ("hoàng", "khuyến" are the same in both styles).
_TONES = {  # base vowel -> its five toned forms (huyền, sắc, hỏi, ngã, nặng)
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
    "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ",
}
_TONED = {c: (base, i) for base, forms in _TONES.items() for i, c in enumerate(forms)}
# Candidates only: "o" + toned a/e, or "u" + toned y, at the end of a word,
# with the letter before (if any) captured to spot "qu".
_OLD_STYLE = re.compile(r"(\w?)([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\w)")


def _move_tone(m: re.Match) -> str:
    before, pair = m.group(1), m.group(2)
    first, toned = pair[0], pair[1]
    if first in "uU" and before in ("q", "Q"):
        return m.group(0)
    base, tone = _TONED[toned]
    return before + _TONES[first][tone] + base


def canonical_tones(text: str) -> str:
    """Rewrite old-style tone placement into the new style (hoà → hòa, uỷ → ủy).

    >>> canonical_tones("Thanh Hoá, thuỷ lợi, khoẻ mạnh, Uỷ ban, quý, hoàng")
    'Thanh Hóa, thủy lợi, khỏe mạnh, Ủy ban, quý, hoàng'
    """
    return _OLD_STYLE.sub(_move_tone, text)
