"""Structured facts from one article: when, where, which bodies, who, which period, which figures.

:func:`extract` reads an article and returns :class:`Facts`: the date of the
event, the province, the organising and participating bodies, the named
people with their titles, the period reviewed or planned and the headline
figures. It uses rules and regular expressions written for the register of
Youth Union reporting — no model — so it is fast and its decisions can be
read in this file.

Spans
-----
Every value carries the character span it came from, ``(start, end)``, and a
``source``: ``"text"`` or ``"title"`` (the ``title`` argument, when the
headline was given apart from the body).

* For plain-text input — everything except HTML — spans index into the
  string you passed: ``text[start:end]`` is the value as written, whatever
  the input's Unicode form (NFD, NFC), spacing or line breaks.
  ``Facts.span_basis`` is ``"input"``.
* HTML input is reduced to text first (:func:`vnyouth.normalize.normalize`);
  spans then index into ``vnyouth.normalize(text)`` and ``span_basis`` is
  ``"normalized"``. Input over :data:`vnyouth.document.MAX_CHARS` characters
  is read up to that point only.

How each field is found
-----------------------
* ``event_date``: the first date phrase of the lead paragraph ("Ngày 5/1",
  "Sáng 29/11", "chiều 14-7", "Trong 2 ngày 9 và 10/8/2022", "Sáng nay (9/1)"),
  else a sentence-initial one in the next paragraphs; a date that follows a
  document number ("Kết luận số 07-KL/TWĐTN, ngày 14/02/2019") is not the event.
* ``province``: every spelling in :mod:`vnyouth.provinces`, weighted by where
  it stands (headline, lead, after "tỉnh"/"Tỉnh đoàn", in a caption or byline,
  after "huyện"/"xã"), skipping names inside people's names; ``None`` when no
  province is named with enough weight (national news).
* ``organizers``/``participants`` (rules of ``data/ANNOTATION.md``): body
  names (a head such as Tỉnh đoàn, Ban, Sở, UBND, T.Ư Đoàn, "đoàn công tác ..."
  and the words that continue a name) in the lead sentence, split by its verb:
  who "tổ chức"/"làm việc với"/"kiểm tra" whom; when a person convenes, the
  body of the first leadership office of their title ("đồng chí X, Ủy viên
  Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh làm việc với ..." →
  Tỉnh ủy; "X báo cáo ... với Y" and "X làm việc với đoàn công tác của Y"
  make Y the organizer). Participants also come from "Dự/Tham dự/Tiếp đoàn
  có ..." lists anywhere (with "các sở: Nội vụ, Tài chính" lists and, for a
  named attendee, the body of their first leadership office), from units
  visited, inspected, represented, enumerated ("4 đội ... gồm ...") or
  speaking anywhere in the body ("kiểm tra trực tiếp tại Huyện đoàn X",
  "đại diện Quận đoàn Y chia sẻ", "Đoàn phường Z giới thiệu"), in text order;
  the body of a person who only speaks is left out, and so are unnamed
  plurals ("các Huyện đoàn", "Đoàn xã") and a body named twice ("Nội vụ" and
  "Sở Nội vụ"; "Đoàn Khối" after its full name; one place's Tỉnh đoàn is not
  another's).
* ``people``: a name after an honorific ("đồng chí", "anh", ranks), a name
  followed by ", Title", or a title followed by a name; a name must start with
  a Vietnamese family name unless an honorific introduces it. One entry per
  person, with the title of the formal "Name, Title" mention.
* ``period``: the first "năm 2022", "6 tháng đầu năm 2024", "quý I/2023",
  "năm học 2022 - 2023", "nhiệm kỳ 2022 - 2027", "giai đoạn 2019 - 2022",
  "hè năm 2023", "nửa nhiệm kỳ", "từ đầu năm đến nay" (after a review word),
  "3 năm" (of "sơ kết 3 năm", "kết quả 15 năm thực hiện ...", resolved to a
  range of as many years named anywhere, "(2022 - 2023)") of the lead (after
  the date), then the lead paragraph, the headline and the next sentence when
  it restates the event ("Buổi làm việc ...", "Trong năm 2017, ..."); a bare
  year counts only next to work words ("tổng kết", "công tác", "kết quả",
  "trong" ...) or as an event's edition ('"Thanh niên tiêu biểu" năm 2017');
  skipped are the term in a body's name ("khóa XI, nhiệm kỳ 2022 - 2027"),
  periods planned ("bàn chương trình năm 2019", "6 tháng cuối năm"),
  details ("Riêng quý IV") and the period of a conference held before the
  event ("Ngay sau hội nghị sơ kết 6 tháng đầu năm, ..."). A meeting whose lead
  names no period takes the one of the conference the body says it reviews.
* ``figures``: every quantity written in digits with what it counts
  (percentages included), title first, then the body in order, each distinct
  quantity once; leaving out dates, years, ages, period lengths, ordinals,
  numbers of documents and numbers inside names (``data/ANNOTATION.md``).
* Text that does not look Vietnamese (under 5% of its letters Vietnamese
  ones, e.g. English or Vietnamese typed without diacritics) gets empty fields.

Year inference
--------------
A date written without its year ("Ngày 5/1") gets one only from the article
itself, in this order: a dateline or timestamp line up to 60 days after the
day ("18:35 29/11/2023"); the same day written with its year elsewhere; the
period reviewed (a whole year 2022 reviewed on 5/1 → 2023-01-05; "6 tháng
đầu năm 2024" → 2024; "năm học 2022 - 2023" before September → 2023; a
congress of "nhiệm kỳ 2022 - 2027" → 2022; a mid-term review of it → 2024; a
programme for "giai đoạn 2021 - 2026" signed → 2021); "kỷ niệm 92 năm Ngày
thành lập Đoàn" around March → 2023; the years named in the lead, the
headline, then the body. When none of these settles it the ISO date is left
``None`` (the phrase is kept) and ``year_from`` says which rule gave a year.

>>> f = extract("Tỉnh đoàn Ninh Bình tổng kết năm 2022\\n\\nNgày 5/1, Ban Thường vụ Tỉnh đoàn "
...             "tổ chức hội nghị tổng kết công tác Đoàn năm 2022. Năm qua, toàn tỉnh có "
...             "1.700 hoạt động tình nguyện, giải ngân 2,819 tỷ đồng.")
>>> f.event_date.iso, f.province.name, f.organizers[0].name, f.period.text
('2023-01-05', 'Ninh Bình', 'Ban Thường vụ Tỉnh đoàn', 'năm 2022')
>>> [(x.value, x.unit, x.counts) for x in f.figures]
[(1700, None, 'hoạt động tình nguyện'), (2.819, 'tỷ đồng', '')]
"""

from __future__ import annotations

import bisect
import datetime as _dt
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from .document import MAX_CHARS, Document, parse
from .patterns import compile as _compile
from .normalize import canonical_tones, is_normalized, looks_like_html, normalize
from .provinces import find_provinces, province_at

__all__ = [
    "Facts",
    "EventDate",
    "ProvinceFact",
    "Body",
    "Person",
    "Period",
    "Figure",
    "extract",
    "extract_document",
    "parse_number",
    "normalize_body",
]

logger = logging.getLogger(__name__)

Span = tuple[int, int]


_RX: dict[tuple[str, int], "re.Pattern[str] | regex.Pattern"] = {}


def _rx(pattern: str, flags: int = 0) -> "re.Pattern[str] | regex.Pattern":
    """A compiled pattern, cached here (``regex``'s own cache lookup is slow in hot loops)."""
    key = (pattern, int(flags))
    rx = _RX.get(key)
    if rx is None:
        rx = _RX[key] = _compile(pattern, flags)
    return rx


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class EventDate:
    """The day of the event.

    ``iso`` is ``"YYYY-MM-DD"``, or ``None`` when the year cannot be known from
    the article; ``phrase`` is the date as written ("Sáng 29/11");
    ``year_from`` says where the year came from: ``phrase``, ``timestamp``,
    ``text``, ``period``, ``lead`` or ``""`` (unknown).
    """

    iso: str | None
    phrase: str
    span: Span
    year_from: str = ""
    source: str = "text"


@dataclass(frozen=True)
class ProvinceFact:
    """The province: ``text`` as written, ``name`` (pre-July-2025 canonical), ``current`` (the 2025 unit)."""

    text: str
    name: str
    current: str
    span: Span
    source: str = "text"


@dataclass(frozen=True)
class Body:
    """An organisation: ``name`` normalised ("Ban Thường vụ Tỉnh đoàn Sơn La"), ``unit`` the same
    without its place ("Ban Thường vụ Tỉnh đoàn"), ``text`` as written ("BTV Tỉnh đoàn Sơn La")."""

    name: str
    unit: str
    text: str
    span: Span
    source: str = "text"


@dataclass(frozen=True)
class Person:
    """A named person with the title written next to the name ("" if none); ``span`` is the name's."""

    name: str
    title: str
    span: Span
    title_span: Span | None = None
    source: str = "text"


@dataclass(frozen=True)
class Period:
    """The period reviewed or planned, as written ("6 tháng đầu năm 2024"), with its kind and years.

    ``kind`` is one of ``year``, ``months`` (6/9 tháng, quý, nửa năm, hè,
    Tháng Thanh niên), ``school_year``, ``term`` (nhiệm kỳ), ``phase`` (giai đoạn)
    or ``years`` ("sơ kết 3 năm ...": the years reviewed, ``years`` empty).
    """

    text: str
    kind: str
    years: tuple[int, ...]
    span: Span
    source: str = "text"


@dataclass(frozen=True)
class Figure:
    """A headline number: ``value`` parsed the Vietnamese way, its ``unit`` ("tỷ đồng", "km", "%")
    or ``None``, what it ``counts`` ("hoạt động tình nguyện") and the whole phrase as ``text``.

    ``qualifier`` is the word that makes the number a bound or an estimate ("hơn", "gần",
    "khoảng", "trên", "ít nhất", "dưới"), lower-cased, or ``None`` when the number is exact;
    ``text`` and ``span`` include it ("hơn 1.700 hoạt động").
    """

    value: int | float
    unit: str | None
    counts: str
    text: str
    span: Span
    source: str = "text"
    qualifier: str | None = None


@dataclass(frozen=True)
class Facts:
    """The facts of one article; every field is empty (``None`` or ``()``) when not found.

    Attributes
    ----------
    event_date : EventDate or None
    province : ProvinceFact or None
    organizers : tuple of Body
        Bodies that held, hosted or led the event.
    participants : tuple of Body
        Bodies worked with, inspected, or attending.
    people : tuple of Person
        Named people, one entry per person.
    period : Period or None
    figures : tuple of Figure
    span_basis : str
        ``"input"`` (spans index the strings given) or ``"normalized"``
        (HTML input: spans index ``vnyouth.normalize(text)``).
    """

    event_date: EventDate | None = None
    province: ProvinceFact | None = None
    organizers: tuple[Body, ...] = ()
    participants: tuple[Body, ...] = ()
    people: tuple[Person, ...] = ()
    period: Period | None = None
    figures: tuple[Figure, ...] = ()
    span_basis: str = "input"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready plain dict (spans as two-item lists)."""

        def conv(v: Any) -> Any:
            if v is None or isinstance(v, (str, int, float, bool)):
                return v
            if isinstance(v, tuple):
                return [conv(x) for x in v]
            return {k: conv(getattr(v, k)) for k in v.__dataclass_fields__}

        return {k: conv(getattr(self, k)) for k in self.__dataclass_fields__}


# ----------------------------------------------------------------------------- public functions


def extract(text: str, *, title: str | None = None) -> Facts:
    """Extract the structured facts of one article.

    Parameters
    ----------
    text : str
        The article as published (title line, captions, bylines, timestamps
        may be included; they are recognised).
    title : str, optional
        The headline, when you have it apart from the body.

    Returns
    -------
    Facts
        Empty fields for text that holds nothing recognisable (English,
        random, blank); never raises for a ``str``.

    Raises
    ------
    TypeError
        ``text`` is not a str, or ``title`` is neither str nor None.

    Examples
    --------
    >>> f = extract("Sáng 29/11, đoàn công tác T.Ư Đoàn do đồng chí Nguyễn Văn An, Ủy viên BTV "
    ...             "T.Ư Đoàn làm trưởng đoàn đã làm việc với BTV Tỉnh đoàn Sơn La.")
    >>> f.organizers[0].name, f.participants[0].name, f.people[0].title
    ('đoàn công tác T.Ư Đoàn', 'Ban Thường vụ Tỉnh đoàn Sơn La', 'Ủy viên BTV T.Ư Đoàn')
    >>> f.event_date.iso is None, f.event_date.phrase
    (True, 'Sáng 29/11')
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() expects str, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be str or None, got {type(title).__name__}")
    return extract_document(parse(text, title=title), text, title=title)


def extract_document(doc: Document, text: str, *, title: str | None = None) -> Facts:
    """Extract facts reusing a :class:`~vnyouth.document.Document` already parsed from ``text``.

    ``doc`` must be ``parse(text, title=title)`` of the same ``text`` and
    ``title``; this spares parsing twice when the caller (``analyze()``)
    already has the document. Spans are as in :func:`extract`.
    """
    if not isinstance(doc, Document):
        raise TypeError(f"extract_document() expects a Document, got {type(doc).__name__}")
    if not isinstance(text, str):
        raise TypeError(f"extract_document() expects str text, got {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be str or None, got {type(title).__name__}")
    ctx = _Context(doc, text, title)
    if ctx.empty or not _looks_vietnamese(ctx.norm):
        return Facts(span_basis=ctx.basis)
    people = _people(ctx)
    person_spans = [((p.start, p.end), p.source) for p in people]
    date = _event_date(ctx)
    period, dated_by = _period(ctx, date)
    date = _date_with_year(ctx, date, dated_by)
    organizers, participants = _bodies(ctx, date, people)
    return Facts(
        event_date=ctx.export_date(date),
        province=ctx.export_province(_province(ctx, person_spans)),
        organizers=tuple(ctx.export_body(b) for b in organizers),
        participants=tuple(ctx.export_body(b) for b in participants),
        people=tuple(ctx.export_person(p) for p in people),
        period=ctx.export_period(period),
        figures=tuple(ctx.export_figure(f) for f in _figures(ctx, date)),
        span_basis=ctx.basis,
    )


_VI_LETTERS = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_VI_LETTER = re.compile("[" + _VI_LETTERS + _VI_LETTERS.upper() + "]")


def _looks_vietnamese(text: str) -> bool:
    """True when at least 5% of the characters (of the first 500 or 3,000, spaces aside) are Vietnamese letters.

    Vietnamese prose has about a quarter of its letters with a diacritic or "đ";
    English, random text and Vietnamese typed without diacritics have almost none.
    """
    if len(_VI_LETTER.findall(text, 0, 200)) >= 25:  # 25 = 5% of 500: enough, whatever follows
        return True
    for n in (500, 3000):  # most articles pass on their first 500 characters
        head = text[:n]
        chars = len(head) - head.count(" ") - head.count("\n")
        if chars > 0 and len(_VI_LETTER.findall(head)) >= max(2, 0.05 * chars):
            return True
        if len(text) <= n:
            break
    return False


# ----------------------------------------------------------------------------- numbers

_NUM = _compile(r"^(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2})$")


def parse_number(text: str) -> int | float | None:
    """Parse a number written the Vietnamese way: ``.`` groups thousands, ``,`` marks decimals.

    >>> parse_number("1.700"), parse_number("2,819"), parse_number("397,8"), parse_number("15.000.000")
    (1700, 2.819, 397.8, 15000000)
    >>> parse_number("09"), parse_number("1.5"), parse_number("abc")
    (9, 1.5, None)

    A dot followed by one or two digits ("1.5") is read as a decimal point,
    since thousands always come in threes.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number() expects str, got {type(text).__name__}")
    t = text.strip()
    if t.isascii() and t.isdigit():  # the common case, "1700" (what _NUM would pass and int() read)
        return int(t)
    if not _NUM.match(t):
        return None
    if _rx(r"\d+\.\d{1,2}").fullmatch(t):
        return float(t)
    t = t.replace(".", "")
    if "," in t:
        return float(t.replace(",", "."))
    return int(t)


# ----------------------------------------------------------------------------- context


def _align(original: str, norm: str) -> list[int] | None:
    """Map each index of ``norm`` (plus its end) to an index of ``original``; None if impossible.

    ``norm`` must come from ``original`` by NFC composition, deleting
    invisible characters, and collapsing or trimming whitespace, which is
    what :func:`normalize` does to plain text.
    """
    out = [0] * (len(norm) + 1)
    n = len(original)
    i = 0
    pending = ""  # NFC characters of the current original cluster not yet matched
    pending_at = 0
    for j, c in enumerate(norm):
        if pending:
            if pending[0] != c:
                return None
            out[j] = pending_at
            pending = pending[1:]
            continue
        if c == " " or c == "\n":
            while (
                i < n
                and not original[i].isspace()
                and unicodedata.category(original[i]) in ("Cf", "Cc")
            ):
                i += 1
            if i < n and original[i].isspace():
                out[j] = i
                i += 1
                # swallow the rest of this whitespace run unless norm keeps more of it
                if j + 1 < len(norm) and norm[j + 1] not in " \n":
                    while i < n and (
                        original[i].isspace() or unicodedata.category(original[i]) in ("Cf", "Cc")
                    ):
                        i += 1
                continue
            return None
        while i < n and (
            original[i].isspace() or unicodedata.category(original[i]) in ("Cf", "Cc")
        ):
            i += 1
        if i >= n:
            return None
        k = i + 1
        while k < n and unicodedata.combining(original[k]):
            k += 1
        cluster = unicodedata.normalize("NFC", original[i:k])
        if not cluster or cluster[0] != c:
            return None
        out[j] = i
        pending, pending_at = cluster[1:], i
        i = k
    if pending:
        return None
    out[len(norm)] = i
    return out


_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_NON_SPACE = re.compile(r"\S+")
# Characters :func:`_align` treats specially inside a word, and more: marks (every character
# with a combining class is one) and invisible (Cf, Cc) characters that are not spaces.
_SPECIAL = regex.compile(r"[\p{M}\p{Cf}\p{Cc}--\s]", regex.V1)


def _align_spaces(original: str, norm: str) -> list[int] | None:
    """:func:`_align` for a line that normalisation changed in its spaces only; None for any other line.

    Each word maps one to one; a space maps to the first space of its run, as in :func:`_align`.
    """
    if _SPECIAL.search(original):
        return None
    words = list(_NON_SPACE.finditer(original))
    if " ".join(m.group() for m in words) != norm:
        return None
    out: list[int] = []
    for m in words:
        if out:
            out.append(out[-1] + 1)  # the first space after the word before
        out.extend(range(m.start(), m.end()))
    out.append(words[-1].end() if words else 0)
    return out


def _align_lines(original: str, norm: str) -> list[int] | None:
    """:func:`_align`, line by line: lines that normalisation leaves alone map one to one.

    Every non-blank line of ``norm`` comes from one line of ``original`` (normalisation never
    joins or splits lines, only drops blank ones), so only changed lines need the slow walk.
    """
    if looks_like_html(original):
        return None
    out = [0] * (len(norm) + 1)
    raw_lines = []
    pos = 0
    for m in _LINE_BREAK.finditer(original):
        raw_lines.append((pos, m.start()))
        pos = m.end()
    raw_lines.append((pos, len(original)))
    k = 0
    npos = 0
    last_raw_end = 0
    for line in norm.split("\n"):
        if line:
            while k < len(raw_lines):
                a, b = raw_lines[k]
                k += 1
                raw = original[a:b]
                if raw == line:
                    out[npos : npos + len(line)] = range(a, a + len(line))
                    break
                if not raw.strip() or normalize(raw) == "":
                    continue
                sub = _align_spaces(raw, line)
                if sub is None:
                    sub = _align(raw, line)
                if sub is None:
                    return None
                out[npos : npos + len(line)] = [a + x for x in sub[: len(line)]]
                break
            else:
                return None
            last_raw_end = out[npos + len(line) - 1] + 1
        if npos + len(line) < len(norm):
            out[npos + len(line)] = last_raw_end  # the line break
        npos += len(line) + 1
    out[len(norm)] = len(original)
    return out


@dataclass(slots=True)
class _Item:
    """An internal value with its span in the normalised text (or title)."""

    start: int
    end: int
    source: str = "text"
    data: dict = field(default_factory=dict)


# Capitalised words, ``(?<!\w)\p{Lu}\w*`` found faster: a capital and the word characters after it,
# dropping those that start inside a word ("iPhone"); without the look-behind ``re`` skips ahead.
_CAP_RUN = _compile(r"\p{Lu}\w*")
_WORD_CHAR = _compile(r"\w")


def _capwords(text: str) -> list[tuple[int, int, str]]:
    """The matches of ``(?<!\\w)\\p{Lu}\\w*`` in ``text`` as (start, end, word)."""
    return [
        (m.start(), m.end(), m.group())
        for m in _CAP_RUN.finditer(text)
        if not (m.start() and text[m.start() - 1] != " " and _WORD_CHAR.match(text, m.start() - 1))
    ]


class _Context:
    """Normalised text, its lines and sentences with offsets, and span export."""

    def __init__(self, doc: Document, text: str, title: str | None) -> None:
        raw = text[:MAX_CHARS]
        # parse() has normalised the same text already
        self.norm = doc.text or (raw if is_normalized(raw) else normalize(raw))
        self.dates: list[_Item] | None = None
        self.empty = not self.norm.strip()
        self.basis = "input"
        self._map: list[int] | None = None
        self._raw = raw
        failed = False
        if self.norm != raw:
            self._map = _align_lines(raw, self.norm)
            failed = self._map is None
        self.title = None
        self._title_map: list[int] | None = None
        self._title_raw = title
        if title is not None and title.strip():
            # parse() normalised the stripped title already
            tn = doc.title if doc.title is not None and title == title.strip() else normalize(title)
            self.title = tn
            if tn != title:
                self._title_map = _align_lines(title, tn)
                failed = failed or self._title_map is None
        if failed:  # HTML: spans index the normalised text and title, both
            self.basis = "normalized"
            self._map = self._title_map = None
        # Lines with their kind.
        removed: dict[str, str] = {}
        for kind, line in doc.removed:
            removed.setdefault(line, kind)
        self.lines: list[tuple[int, int, str]] = []  # (start, end, kind)
        pos = 0
        title_line = doc.title if self.title is None else None
        for line in self.norm.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip():
                continue
            if title_line is not None and line == title_line:
                kind = "title"
                title_line = None
            else:
                kind = removed.get(line, "body")
            self.lines.append((start, end, kind))
        # Body sentences with offsets, in order, with their paragraph number.
        self.sentences: list[tuple[int, int, int]] = []
        p = 0
        for s in doc.sentences:
            k = self.norm.find(s.text, p)
            if k < 0:
                continue
            self.sentences.append((k, k + len(s.text), s.paragraph))
            p = k + len(s.text)
        if not self.sentences:  # nothing kept as body: fall back to every non-furniture line
            for start, end, kind in self.lines:
                if kind in ("body", "heading", "title"):
                    self.sentences.append((start, end, len(self.sentences)))
        self._line_starts = [s for s, _, _ in self.lines]
        self._caps: list[tuple[int, int, str]] | None = None
        self._head_starts: list[int] | None = None
        self.timestamps = [self.norm[s:e] for s, e, k in self.lines if k == "timestamp"]
        self.title_text = (
            self.title
            if self.title is not None
            else (next((self.norm[s:e] for s, e, k in self.lines if k == "title"), None))
        )
        self.title_span = next(((s, e) for s, e, k in self.lines if k == "title"), None)

    # -- helpers
    def capwords(self) -> list[tuple[int, int, str]]:
        """Capitalised words of the normalised text: (start, end, word), computed once."""
        if self._caps is None:
            self._caps = _capwords(self.norm)
        return self._caps

    def head_starts(self) -> list[int]:
        """Start offsets of the capitalised words that may start a body head (``_HEAD_FIRST``)
        after a space or tab, in order, computed once."""
        if self._head_starts is None:
            norm = self.norm
            self._head_starts = [
                p for p, _, w in self.capwords() if w in _HEAD_FIRST and norm[p - 1] in " \t"
            ]
        return self._head_starts

    def line_at(self, pos: int) -> tuple[int, int, str] | None:
        k = bisect.bisect_right(self._line_starts, pos) - 1
        if k >= 0 and pos < self.lines[k][1]:
            return self.lines[k]
        return None

    def sentence_at(self, pos: int) -> tuple[int, int, int] | None:
        for s in self.sentences:
            if s[0] <= pos < s[1]:
                return s
        return None

    def first_paragraph(self) -> list[tuple[int, int, int]]:
        if not self.sentences:
            return []
        p0 = self.sentences[0][2]
        return [s for s in self.sentences if s[2] == p0]

    def body_spans(self) -> list[tuple[int, int]]:
        return [(s, e) for s, e, _ in self.sentences]

    def text_of(self, item: _Item) -> str:
        src = self.title if item.source == "title" else self.norm
        return src[item.start : item.end]

    # -- export to the input's coordinates
    def span(self, start: int, end: int, source: str) -> Span:
        m = self._title_map if source == "title" else self._map
        raw = self._title_raw if source == "title" else self._raw
        if m is None:
            return (start, end)
        a = m[start]
        b = m[end - 1] + 1 if end > start else a
        # Take in the marks NFC composed into the last character, unless the normalised text keeps
        # a mark right after the value (a stray dot below after "12/1" is not part of the date).
        norm = self.title if source == "title" else self.norm
        if end >= len(norm) or not unicodedata.combining(norm[end]):
            while b < len(raw) and unicodedata.combining(raw[b]):
                b += 1
        return (a, b)

    def export_date(self, d: _Item | None) -> EventDate | None:
        if d is None:
            return None
        return EventDate(
            d.data.get("iso"),
            self.text_of(d),
            self.span(d.start, d.end, d.source),
            d.data.get("year_from", ""),
            d.source,
        )

    def export_province(self, p: _Item | None) -> ProvinceFact | None:
        if p is None:
            return None
        return ProvinceFact(
            self.text_of(p),
            p.data["name"],
            p.data["current"],
            self.span(p.start, p.end, p.source),
            p.source,
        )

    def export_body(self, b: _Item) -> Body:
        t = self.text_of(b)
        name, unit = normalize_body(t, with_unit=True)
        return Body(name, unit, t, self.span(b.start, b.end, b.source), b.source)

    def export_person(self, p: _Item) -> Person:
        ts = p.data.get("title_span")
        title = ""
        tspan = None
        if ts:
            src = self.title if p.source == "title" else self.norm
            title = src[ts[0] : ts[1]]
            tspan = self.span(ts[0], ts[1], p.source)
        return Person(p.data["name"], title, self.span(p.start, p.end, p.source), tspan, p.source)

    def export_period(self, p: _Item | None) -> Period | None:
        if p is None:
            return None
        return Period(
            self.text_of(p),
            p.data["kind"],
            p.data["years"],
            self.span(p.start, p.end, p.source),
            p.source,
        )

    def export_figure(self, f: _Item) -> Figure:
        return Figure(
            f.data["value"],
            f.data["unit"],
            f.data["counts"],
            self.text_of(f),
            self.span(f.start, f.end, f.source),
            f.source,
            f.data["qualifier"],
        )


# ----------------------------------------------------------------------------- dates

_DAYPART = r"(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)"
_DATE = _compile(
    r"(?<![\p{L}\p{M}\p{N}/.,-])"
    r"(?P<prefix>(?:(?:vào\s+)?(?:buổi\s+)?"
    + _DAYPART
    + r"(?:\s+nay)?|từ\s+ngày|trong\s+(?:hai|ba|2|3|02|03)\s+ngày)\s*)?"
    r"(?:(?P<paren>\()\s*)?"
    r"(?P<d>\d{1,2})(?:\s*(?:và|,|-|–|đến)\s*(?P<d2>\d{1,2}))?"
    r"(?:(?P<sep>[/.\-])(?P<m>\d{1,2})|\s+tháng\s+(?P<mw>\d{1,2}))"
    r"(?:(?P=sep)(?P<y>(?:19|20)\d{2})|\s+năm\s+(?P<yw>(?:19|20)\d{2}))?"
    r"(?(paren)\s*\))"
    r"(?![\p{N}]|[/.\-]\d|,\d)",
    regex.I,
)
_NAY = _compile(r"(?<![\p{L}\p{M}])(?:sáng|chiều|tối|trưa|hôm)\s+nay(?![\p{L}\p{M}])", regex.I)
_TS_DATE = _compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d{2})(?!\d)")
_DOCREF = _compile(
    r"(?:\bsố\s*\S*\d|\d+[-/][\p{Lu}Đ]|Nghị quyết|Kết luận|Chỉ thị|Quyết định|Hướng dẫn|"
    r"Công văn|Thông báo|Kế hoạch số|Điều lệ)",
    regex.I,
)


def _valid(y: int | None, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    if y is None:
        return d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


# (Written to start with a single class, \d\d? for \d{1,2}: ``re`` then skips ahead to digits.)
_DATE_HINT = re.compile(
    r"\d\d?\s*(?:(?:và|,|-|–|đến)\s*\d{1,2}\s*)?(?:[/.\-]\d{1,2}|\s+tháng\s+\d)"
)
_DATELINE_CODE = _compile(r"^[\p{Lu}Đ()\s.]{2,12}\s*[-–—:]\s*$")


def _date_candidates(ctx: _Context) -> list[_Item]:
    """Every date phrase of the body, in order (computed once per article)."""
    if ctx.dates is not None:
        return ctx.dates
    out: list[_Item] = []
    seen: set[int] = set()
    starts = [s for s, _, _ in ctx.sentences]
    norm = ctx.norm
    for hint in _DATE_HINT.finditer(norm):
        k = bisect.bisect_right(starts, hint.start()) - 1
        if k < 0 or hint.start() >= ctx.sentences[k][1]:
            continue
        s, e, p = ctx.sentences[k]
        seg = norm[s:e]
        m = _DATE.search(seg, max(0, hint.start() - s - 45), min(e, hint.end() + 30) - s)
        if m is None or s + m.start() in seen:
            continue
        seen.add(s + m.start())
        ms = m.start()
        prefix = m.group("prefix")
        sep = m.group("sep")
        if not prefix and not m.group("paren") and not (sep == "/" and m.group("y")):
            continue  # a bare "11/12" is more often a fraction than a date
        if not prefix and m.group("paren") and not _NAY.search(seg[max(0, ms - 15) : ms]):
            continue
        d = int(m.group("d"))
        mo = int(m.group("m") or m.group("mw"))
        y = m.group("y") or m.group("yw")
        y = int(y) if y else None
        if not _valid(y, mo, d):
            continue
        before = seg[max(0, ms - 60) : ms]
        docref = bool(_DOCREF.search(before)) and not _rx(r"[.;:]\s*$").search(before) and ms > 0
        start = s + ms
        # "Sáng nay (9/1)": take the phrase from "Sáng nay".
        if m.group("paren"):
            nay = list(_NAY.finditer(seg[max(0, ms - 15) : ms]))
            if nay:
                start = s + max(0, ms - 15) + nay[-1].start()
        out.append(
            _Item(
                start,
                s + m.end(),
                data={
                    "d": d,
                    "m": mo,
                    "y": y,
                    "prefix": bool(prefix or m.group("paren")),
                    "para": p,
                    "sent": k,
                    "initial": ms <= 2 or bool(_DATELINE_CODE.match(seg[:ms])),
                    "docref": docref,
                },
            )
        )
    out.sort(key=lambda it: it.start)
    ctx.dates = out
    return out


def _event_date(ctx: _Context) -> _Item | None:
    cands = [c for c in _date_candidates(ctx) if not c.data["docref"]]
    if not cands:
        # "Tối nay, ..." with a dated timestamp line: the event is that day.
        for s, e, p in ctx.sentences[:3]:
            m = _NAY.search(ctx.norm, s, e)
            if m and ctx.timestamps:
                ts = _TS_DATE.search(ctx.timestamps[0])
                if ts:
                    d, mo, y = int(ts.group(1)), int(ts.group(2)), int(ts.group(3))
                    if _valid(y, mo, d):
                        return _Item(
                            m.start(),
                            m.end(),
                            data={
                                "d": d,
                                "m": mo,
                                "y": y,
                                "prefix": True,
                                "para": p,
                                "nay_ts": True,
                            },
                        )
        return None
    first_para = ctx.sentences[0][2] if ctx.sentences else 0
    para_order = []
    for _, _, p in ctx.sentences:
        if p not in para_order:
            para_order.append(p)
    rank = {p: i for i, p in enumerate(para_order)}
    # 1. the first dated phrase of the first paragraph; 2. a sentence-initial date in the next two.
    for c in cands:
        if c.data["para"] == first_para:
            return c
    for c in cands:
        if rank.get(c.data["para"], 99) <= 2 and c.data["initial"]:
            return c
    for c in cands:
        if rank.get(c.data["para"], 99) <= 4 and c.data["prefix"] and c.data["initial"]:
            return c
    for c in cands:  # "... tại hội nghị sáng 10/1/2019"
        if rank.get(c.data["para"], 99) <= 2 and _rx(r"(?:sáng|chiều|tối|trưa)\b", regex.I).match(
            ctx.norm, c.start, c.end
        ):
            return c
    return None


_YEAR_WORD = _compile(r"(?<![\p{L}\p{M}])năm\s+((?:19|20)\d{2})(?!\d)", regex.I)
_FAR = _compile(
    r"(?:đến|tới|tầm nhìn|giai đoạn\s+\d{4}\s*[-–]|(?-i:Luật)[\p{L}\s]{0,20}|số\s*\S*)\s*(?:năm\s+)?$",
    regex.I,
)
_REVIEW_CUE = _compile(
    r"(?:tổng kết|kết quả|đánh giá|nhìn lại|trong năm|báo cáo|thực hiện|công tác)", regex.I
)


def _years_in(text: str) -> list[int]:
    out = []
    for m in _YEAR_WORD.finditer(text):
        if _FAR.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        out.append(int(m.group(1)))
    return out


def _date_with_year(ctx: _Context, date: _Item | None, period: _Item | None) -> _Item | None:
    if date is None:
        return None
    d, m, y = date.data["d"], date.data["m"], date.data["y"]
    src = "phrase" if y else ""
    if date.data.get("nay_ts"):
        src = "timestamp"
    if y is None:
        y, src = _infer_year(ctx, date, period)
    if y is not None and _valid(y, m, d):
        date.data["iso"] = f"{y:04d}-{m:02d}-{d:02d}"
        date.data["year_from"] = src
    else:
        date.data["iso"] = None
        date.data["year_from"] = ""
    return date


def _infer_year(ctx: _Context, date: _Item, period: _Item | None) -> tuple[int | None, str]:
    d, m = date.data["d"], date.data["m"]
    # 1. A timestamp or dateline line up to 60 days after the day.
    stamps = list(ctx.timestamps)
    for s, e, k in ctx.lines:
        if k in ("heading", "title", "body") and e - s <= 40:
            stamps.append(ctx.norm[s:e])
    for line in stamps:
        for t in _TS_DATE.finditer(line):
            td, tm, ty = int(t.group(1)), int(t.group(2)), int(t.group(3))
            if not _valid(ty, tm, td):
                continue
            stamp = _dt.date(ty, tm, td)
            for y in (ty, ty - 1):
                if _valid(y, m, d) and 0 <= (stamp - _dt.date(y, m, d)).days <= 60:
                    return y, "timestamp"
    # 2. The same day written with its year elsewhere in the body.
    for c in _date_candidates(ctx):
        if c.data["d"] == d and c.data["m"] == m and c.data["y"]:
            return c.data["y"], "text"
    # 3. The period reviewed.
    lead_sent = ctx.sentence_at(date.start)
    lead = ctx.norm[lead_sent[0] : lead_sent[1]] if lead_sent else ""
    head = (ctx.title_text or "") + " " + lead
    if period is not None and period.data["years"]:
        kind, ys = period.data["kind"], period.data["years"]
        near = set(_years_in(lead)) | set(_years_in(ctx.title_text or ""))
        if kind == "year" and len(near) == 2 and max(near) == min(near) + 1:
            return (
                max(near) if m <= 6 else min(near)
            ), "lead"  # "kết quả năm 2023, chương trình năm 2024"
        if kind in ("term", "phase") and len(ys) == 2:
            if _rx(r"(?:giữa|nửa(?:\s+đầu)?)\s+nhiệm\s+kỳ|nửa\s+chặng\s+đường", regex.I).search(
                head
            ):
                return ys[0] + (ys[1] - ys[0]) // 2, "period"  # a mid-term review
            after = _rx(
                r"[Ss]au\s+(hai|ba|bốn|năm|\d)\s+năm(\s+rưỡi)?\s+(?:triển\s+khai|thực\s+hiện)"
            ).search(head)
            if after:
                n = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5}.get(after.group(1)) or int(
                    after.group(1)
                )
                return ys[0] + n, "period"
        if kind == "year":
            y = ys[0]
            ptext = ctx.text_of(period)
            before = (ctx.title if period.source == "title" else ctx.norm)[
                max(0, period.start - 80) : period.start
            ]
            mentions_next = (y + 1) in _years_in(lead) or (y + 1) in _years_in(ctx.title_text or "")
            reviewed = bool(_REVIEW_CUE.search(before[-40:] + ptext))
            if m <= 4 and (mentions_next or reviewed):
                return y + 1, "period"
            return y, "period"
        if kind == "months":
            return ys[-1], "period"
        if kind == "school_year" and len(ys) == 2:
            return (ys[0] if m >= 9 else ys[1]), "period"
        if kind == "term" and len(ys) == 2:
            if _rx(r"(?<!Nghị quyết )Đại hội(?! Đoàn toàn quốc)").search(head) and not _rx(
                r"Nghị\s+quyết\s+Đại\s+hội|giữa nhiệm kỳ|sơ kết|tổng kết nhiệm kỳ", regex.I
            ).search(head):
                return ys[0], "period"
        if (
            kind == "phase"
            and len(ys) == 2
            and _rx(r"ký\s+kết|phát\s+động|ban\s+hành|khởi\s+động").search(lead)
        ):
            return ys[0], "period"  # a programme for a phase is signed or launched at its start
    # 4. "kỷ niệm 92 năm Ngày thành lập Đoàn" (26/3/1931), around March.
    ann = _rx(
        r"kỷ\s+niệm\s+(\d{2})\s+năm\s+(?:Ngày\s+)?thành\s+lập\s+Đoàn(?!\s+Thanh\s+niên\s+(?!Cộng))",
    ).search(" ".join(ctx.norm[s:e] for s, e, _ in ctx.sentences[:3]))
    if ann and 2 <= m <= 4:
        return 1931 + int(ann.group(1)), "text"
    # 5. The years named in the lead sentence, then the first paragraph, then the title, then the body.
    body = " ".join(ctx.norm[s:e] for s, e, _ in ctx.sentences)
    scopes = [
        lead,
        " ".join(ctx.norm[s:e] for s, e, _ in ctx.first_paragraph()),
        ctx.title_text or "",
        body,
    ]
    for i, scope in enumerate(scopes):
        ys = sorted(set(_years_in(scope)))
        if len(ys) == 1:
            y = ys[0]
            if (
                i == 3
                and m <= 3
                and _rx(r"(?:[Tt]rong|[Kk]ết\s+quả|tổng\s+kết)[^.]{0,40}năm\s+" + str(y)).search(
                    scope
                )
            ):
                return y + 1, "text"  # the results of a whole year, reported early the next
            return y, "lead"
        if len(ys) == 2 and ys[1] == ys[0] + 1:
            return (ys[1] if m <= 6 else ys[0]), "lead"
    return None, ""


# ----------------------------------------------------------------------------- period

_Y = r"(?:19|20)\d{2}"
_RANGE = r"(?P<a>" + _Y + r")\s*[-–—]\s*(?P<b>" + _Y + r")"
_MONTHS_NUM = r"(?:\d{1,2}|sáu|chín|ba|bảy|tám|mười)"
_QUARTER = r"quý\s+(?:IV|I{1,3}|[1-4])(?![\p{L}])"
_PERIOD = _compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:"
    r"(?P<school>(?:học\s+kỳ\s+(?:I{1,2}|[12])\s+)?năm\s+học\s+"
    + _RANGE.replace("a>", "sa>").replace("b>", "sb>")
    + r")"
    r"|(?P<term>(?:giữa\s+|nửa\s+(?:đầu\s+|cuối\s+)?)?nhiệm\s+kỳ\s+"
    + _RANGE.replace("a>", "ta>").replace("b>", "tb>")
    + r")"
    r"|(?P<phase>giai\s+đoạn\s+" + _RANGE.replace("a>", "pa>").replace("b>", "pb>") + r")"
    # "nửa nhiệm kỳ thực hiện Nghị quyết": half a term, its years not named here
    r"|(?P<half>nửa\s+(?:đầu\s+|cuối\s+)?nhiệm\s+kỳ)(?!\s*,?\s*" + _Y + r")"
    # "kết quả ... từ đầu năm đến nay"
    r"|(?P<sofar>từ\s+đầu\s+năm(?:\s+(?P<sfy>" + _Y + r"))?\s+(?:đến|tới)\s+(?:nay|hết\s+tháng\s+\d{1,2}(?:/"
    + _Y
    + r")?))"
    r"|(?P<months>(?:" + _QUARTER + r"(?:\s+và\s+" + _MONTHS_NUM + r"\s+tháng\s+đầu\s+năm)?"
    r"|"
    + _MONTHS_NUM
    + r"\s+tháng\s+(?:đầu\s+|cuối\s+)?năm|nửa\s+đầu\s+năm|Tháng\s+Thanh\s+niên(?:\s+năm)?"
    r"|hè(?:\s+năm)?)(?:\s*/\s*(?P<my>" + _Y + r")|\s+(?:năm\s+)?(?P<my2>" + _Y + r"))?)"
    r"|(?P<year>năm\s+(?P<y>" + _Y + r"))"
    r")(?![\p{N}]|\s*[-–—]\s*" + _Y + r")",
    regex.I,
)


_PERIOD_CUE = _compile(
    r"(?:tổng\s+kết|sơ\s+kết|kết\s+quả|đánh\s+giá|công\s+tác|nhiệm\s+vụ|chương\s+trình|"
    r"phương\s+hướng|trong|triển\s+khai|thực\s+hiện|nhìn\s+lại|thi\s+đua|hoạt\s+động|"
    r"kế\s+hoạch|chỉ\s+tiêu|báo\s+cáo|kiểm\s+tra|giám\s+sát|tuyên\s+dương|vinh\s+danh|"
    # an event's edition: "Giải bóng đá ... năm 2020", "Hội đua bò lần thứ 30 năm 2023"
    r"giải|hội\s+thi|cuộc\s+thi|chiến\s+dịch|ngày\s+hội|diễn\s+đàn|liên\s+hoan|hội\s+trại|"
    r"hội\s+thao|lần\s+thứ)",
    regex.I,
)


_TERM_OF_NAME = _compile(
    r"(?:kh(?:o[áa]|óa)\s+[IVXLC]+\s*,?|Đại\s+hội\s+Đoàn\s+các\s+cấp|từ\s+đầu|đầu)\s*$"
)
# The year of an edition: '"Thanh niên tiêu biểu" năm 2017', "Tháng Thanh niên năm 2024".
_EDITION = _compile(r"(?:[\"”»]|Tháng\s+Thanh\s+niên)\s*$")


# "sơ kết 3 năm thực hiện Đề án ...": the years reviewed, unless a span of as many years is named.
_NYEARS = _compile(
    r"(?<![\p{L}\p{M}])(?:sơ|tổng)\s+kết\s+(?P<span>(?P<n>0?\d{1,2})\s+năm)(?!\s+học)(?![\p{L}\p{M}])",
    regex.I,
)


# A period that is not the one under review (data/ANNOTATION.md, "period"):
# the conference an event followed ("Ngay sau hội nghị sơ kết 6 tháng đầu năm, ..."),
_PRIOR_REVIEW = _compile(
    r"sau\s+(?:khi\s+)?[^,.;()\n]{0,60}?hội\s+nghị\s+(?:tổng|sơ)\s+kết[^,.;()\n]{0,60}$", regex.I
)
# a plan ("bàn chương trình năm 2019", "những tháng còn lại của năm 2018"),
_PLANNED = _compile(
    r"(?:(?:triển\s+khai|đề\s+ra|bàn|thống\s+nhất|dự\s+kiến|ký\s+kết)(?:,?\s+[\p{L}\p{M}]+){0,7}?"
    r"|những\s+tháng\s+(?:còn\s+lại|cuối)(?:\s+của)?)\s+$",
    regex.I,
)
_PLANNED_WORDS = ("triển khai", "đề ra", "bàn", "thống nhất", "dự kiến", "những tháng", "ký kết")
# a detail of the results ("Riêng 6 tháng cuối năm", "Chỉ trong quý IV").
_DETAIL = _compile(r"(?:^|[.;:]\s*|,\s*)(?:riêng|chỉ\s+trong|trong\s+đó)(?:\s+trong)?\s+$", regex.I)


def _prior_review(before: str) -> bool:
    low = before.lower()
    return "sau" in low and "kết" in low and bool(_PRIOR_REVIEW.search(before))


def _planned(before: str) -> bool:
    low = before.lower()
    return any(w in low for w in _PLANNED_WORDS) and bool(_PLANNED.search(before))


def _detail(before: str) -> bool:
    low = before.lower()
    return ("riêng" in low or "trong" in low) and bool(_DETAIL.search(before))


# "từ đầu năm đến nay" is the period reviewed only after a review word.
_SOFAR_CUE = _compile(r"kết\s+quả|đánh\s+giá|nhìn\s+lại|tổng\s+kết|sơ\s+kết", regex.I)
# "kết quả 15 năm thực hiện Luật Thanh niên", "sau 30 tháng thực thi Đề án", "trong 5 năm đầu".
_SPAN_DONE = _compile(
    r"(?<![\p{L}\p{M}])(?:(?:kết\s+quả|sau|qua|đánh\s+giá|nhìn\s+lại)\s+(?:hơn\s+)?(?P<span>(?P<n>0?\d{1,2})\s+(?P<u>năm|tháng))\s+"
    r"(?:thực\s+hiện|thực\s+thi|triển\s+khai)|trong\s+(?P<span2>(?P<n2>0?\d{1,2})\s+năm)\s+đầu)(?![\p{L}\p{M}])",
    regex.I,
)


def _period_items(text: str, base: int, source: str) -> list[_Item]:
    out = _years_reviewed(text, base, source)
    ys: tuple[int, ...]
    for m in _PERIOD.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        wide = text[max(0, m.start() - 90) : m.start()]
        if _prior_review(wide) or _detail(before[-20:]):
            continue
        # inside a quoted name: Đề án “Hỗ trợ thanh niên khởi nghiệp giai đoạn 2019 - 2025”
        quoted = "“" in wide and bool(_QUOTED_NAME.search(wide)) and "”" in text[m.end() : m.end() + 40]
        if m.group("school"):
            if _planned(wide[-70:]):
                continue  # "triển khai phương hướng, nhiệm vụ năm học 2024 - 2025"
            kind, ys = "school_year", (int(m.group("sa")), int(m.group("sb")))
        elif m.group("term"):
            half = m.group("term").lower().startswith(("giữa", "nửa"))  # a span of the term, reviewed
            if not half and _TERM_OF_NAME.search(text[max(0, m.start() - 40) : m.start()]):
                continue  # the term in a body's name: "Ban Chấp hành ... khóa XI, nhiệm kỳ 2022 - 2027"
            kind, ys = "term", (int(m.group("ta")), int(m.group("tb")))
        elif m.group("phase"):
            kind, ys = "phase", (int(m.group("pa")), int(m.group("pb")))
        elif m.group("half"):
            kind, ys = "term", ()
        elif m.group("sofar"):
            if not _SOFAR_CUE.search(wide[-70:]):
                continue
            y = m.group("sfy")
            out.append(
                _Item(base + m.start(), base + m.end(), source,
                      {"kind": "months", "years": (int(y),) if y else (), "sofar": True})
            )
            continue
        elif m.group("months"):
            y = m.group("my") or m.group("my2")
            kind, ys = "months", ((int(y),) if y else ())
            low = m.group("months").lower()
            if low.startswith(("hè", "tháng thanh niên")):
                if not y:
                    continue  # a season without its year
            elif "cuối" in low or _planned(wide[-70:]):
                continue  # the months still to come
        else:
            if _rx(r"(?:tháng\s+\d{1,2}|\d{1,2}/\d{1,2}|ngày\s+\d{1,2})\s*$", regex.I).search(
                before
            ):
                continue  # part of a date
            if _FAR.search(before):
                continue
            opens = not before.strip(" \t\"“(") and text.startswith((",", ":"), m.end())
            if not _PERIOD_CUE.search(wide[-70:]) and not _EDITION.search(before) and not opens:
                continue  # a year named in passing, not a period reviewed or planned
            if _planned(wide[-70:]):
                continue
            kind, ys = "year", (int(m.group("y")),)
        data = {"kind": kind, "years": ys, "quoted": True} if quoted else {"kind": kind, "years": ys}
        out.append(_Item(base + m.start(), base + m.end(), source, data))
    if len(out) > 1 and "n" in out[0].data:
        n = out[0].data["n"]
        if out[0].data["kind"] == "years" and any(
            len(it.data["years"]) == 2 and it.data["years"][1] - it.data["years"][0] == n for it in out[1:]
        ):
            out = out[1:]
        out.sort(key=lambda it: it.start)
    return out


# An opening curly quote not closed before the end: a programme's or plan's quoted name.
_QUOTED_NAME = _compile(r"“[^”]{0,90}$")


def _years_reviewed(text: str, base: int, source: str) -> list[_Item]:
    """"sơ kết 3 năm ...", else "kết quả 15 năm thực hiện ...": the length of the span reviewed."""
    m = _NYEARS.search(text)
    if m:
        if _prior_review(text[max(0, m.start() - 90) : m.start()]):
            return []
        a, b = m.span("span")
        return [_Item(base + a, base + b, source, {"kind": "years", "years": (), "n": int(m.group("n"))})]
    m = _SPAN_DONE.search(text)
    if not m:
        return []
    if m.group("span"):
        (a, b), n, unit = m.span("span"), int(m.group("n")), m.group("u").lower()
    else:
        (a, b), n, unit = m.span("span2"), int(m.group("n2")), "năm"
    kind = "years" if unit == "năm" else "months"
    return [_Item(base + a, base + b, source, {"kind": kind, "years": (), "n": n})]


# A sentence after the lead names the event's period only when it restates the event or opens with
# the period; otherwise its years are those of results reported ("Báo cáo cho thấy, năm 2021 ...").
_RESTATES = _compile(
    r"\W*(?:(?:Trong\s+)?(?:[Nn]ăm\s+(?:19|20)\d{2}|giai\s+đoạn|nhiệm\s+kỳ|\d{1,2}\s+tháng)\b|Buổi\s+làm\s+việc|"
    r"Hội\s+nghị|Cuộc\s+(?:làm\s+việc|kiểm\s+tra|giám\s+sát|họp)|Đợt\s+(?:kiểm\s+tra|giám\s+sát)|"
    r"Chuyến\s+công\s+tác|Buổi\s+(?:kiểm\s+tra|giám\s+sát))"
)
# "Giai đoạn 2022 - 2023" or "(2022 - 2023)" anywhere: the years of a "sơ kết 2 năm".
_BARE_RANGE = _compile(
    r"(?<![\p{N}])(?:giai\s+đoạn\s+)?(?P<a>(?:19|20)\d{2})\s*[-–]\s*(?P<b>(?:19|20)\d{2})(?![\p{N}])", regex.I
)
# The conference a meeting reviews, named in the body: "Hội nghị tổng kết công tác Đoàn ... năm 2020".
_BODY_REVIEW = _compile(
    r"(?:hội\s+nghị|báo\s+cáo)\s+(?:sơ|tổng)\s+kết\s+(?:công\s+tác\s+[^,.;]{0,60}?)?$", regex.I
)
_BODY_PERIOD = _compile(
    _PERIOD.pattern.replace(r"|(?P<year>", r"|(?P<bare>" + _MONTHS_NUM + r"\s+tháng)(?=[,.;\s])|(?P<year>", 1),
    regex.I,
)
_MEETING = _compile(r"hội\s+nghị|(?<![\p{L}\p{M}])họp(?![\p{L}\p{M}])|nhìn\s+lại|đánh\s+giá", regex.I)
_WORK_SESSION = _compile(r"làm\s+việc", regex.I)
_TO_COME = _compile(r"chuẩn\s+bị|(?<![\p{L}\p{M}])sẽ(?![\p{L}\p{M}])", regex.I)


def _span_years(ctx: _Context, item: _Item) -> _Item:
    """"sơ kết 2 năm": the first range of as many years (or one fewer, counted inclusively) in the text."""
    n = item.data["n"]
    for m in _BARE_RANGE.finditer(ctx.norm):
        a, b = int(m.group("a")), int(m.group("b"))
        if b - a in (n, n - 1):
            return _Item(m.start(), m.end(), "text", {"kind": "phase", "years": (a, b)})
    return item


def _reviewed_in_body(ctx: _Context, lead: tuple[int, int, int] | None) -> _Item | None:
    """The period of the conference a meeting reviews, when only the body names it."""
    text = ctx.norm
    if lead is None:
        return None
    head = text[lead[0] : lead[1]]
    if not _MEETING.search(head) or _WORK_SESSION.search(head):
        return None
    for m in _BODY_PERIOD.finditer(text):
        wide = text[max(0, m.start() - 90) : m.start()]
        if not _BODY_REVIEW.search(wide) or _prior_review(wide):
            continue
        if _TO_COME.search(wide):
            continue  # a conference still to come
        if m.group("bare"):
            return _Item(m.start(), m.end(), "text", {"kind": "months", "years": ()})
        if m.group("months") or m.group("year"):
            y = m.group("my") or m.group("my2") or m.group("y")
            kind = "months" if m.group("months") else "year"
            return _Item(m.start(), m.end(), "text", {"kind": kind, "years": (int(y),) if y else ()})
    return None


def _period(ctx: _Context, date: _Item | None) -> tuple[_Item | None, _Item | None]:
    """The first period of the lead sentence (after the date), else of the lead paragraph, else the title.

    Returns it and the period that dates the event: the same one when it has years, else the
    first one with years in those places ("nửa nhiệm kỳ ..., nhiệm kỳ 2022 - 2027").
    """
    lead = ctx.sentence_at(date.start) if date is not None else None
    scopes: list[tuple[int, int, str]] = []
    if lead is not None:
        scopes.append((date.end, lead[1], "text"))
    fp = ctx.first_paragraph()
    if fp:
        scopes.append((fp[0][0], fp[0][1], "text"))
        scopes.append((fp[0][0], fp[-1][1], "text"))
    if ctx.title is not None:
        scopes.append((0, len(ctx.title), "title"))
    elif ctx.title_span is not None:
        scopes.append((ctx.title_span[0], ctx.title_span[1], "text"))
    if len(ctx.sentences) > 1:
        # the paragraphs after the lead's, less those that list who attended ("Về dự có …")
        after = [x for x in ctx.sentences if x[2] != (fp[0][2] if fp else -1)]
        listing = {p for a, b, p in after if _ATTEND_OPENER.match(ctx.norm, a, b)}
        second = [x for x in after if x[2] not in listing][:PERIOD_LOOKAHEAD]
    else:
        second = []
    # Scan each stretch of text once; the scopes above only choose among the periods found.
    cache: dict[tuple[int, int, str], list[_Item]] = {}

    def items_in(a: int, b: int, src: str) -> list[_Item]:
        for (x, y, s2), found in cache.items():
            if s2 == src and x <= a and b <= y:
                return [it for it in found if a <= it.start and it.end <= b]
        text = ctx.title if src == "title" else ctx.norm
        found = _period_items(text[a:b], a, src) if _PERIOD_HINT.search(text, a, b) else []
        cache[(a, b, src)] = found
        return found

    if fp:
        items_in(fp[0][0], max(fp[-1][1], lead[1] if lead is not None else 0), "text")
    restating = [(s, e, "text") for s, e, _ in second if _RESTATES.match(ctx.norm, s, e)]
    if restating and ctx.norm.startswith("Năm", restating[0][0]) and not (
        fp and _REVIEW_START.search(ctx.norm, fp[0][0], fp[-1][1])
    ):
        restating = []  # "Năm 2017, khi ..." tells a story unless the lead opens a review
    items = next((items for a, b, src in scopes + restating if (items := items_in(a, b, src))), [])
    chosen = _reviewed_first(ctx, items) if items else None
    if chosen is not None and fp and not _names_review(ctx, chosen):
        # "Năm học 2020 - 2021, X xác định … tại hội nghị tổng kết công tác … năm học 2019 - 2020":
        # the lead paragraph's reviewing meeting names the period; the fronted one is the next.
        chosen = next(
            (it for it in items_in(fp[0][0], fp[-1][1], "text")
             if it.start > chosen.start and it.data["years"] and _names_review(ctx, it)),
            chosen,
        )
    if chosen is not None and chosen.data["kind"] == "years":
        chosen = _span_years(ctx, chosen)
    if chosen is None or (chosen.data.get("sofar") and not chosen.data["years"]):
        chosen = _reviewed_in_body(ctx, lead) or chosen
    if chosen is not None and chosen.data["years"]:
        return chosen, chosen
    scopes += [(s, e, "text") for s, e, _ in second]
    return chosen, next((it for a, b, src in scopes for it in items_in(a, b, src) if it.data["years"]), None)


_PERIOD_HINT = re.compile(r"(?i)năm|quý|kỳ|đoạn|tháng|hè")
# A sentence that opens by listing who attended: "Về dự có …", "Tham dự hội nghị có …".
_ATTEND_OPENER = _compile(
    r"\W*(?:(?:Đến|Về|Tới|Cùng)\s+(?:dự|tham\s+dự)|Tham\s+dự|Dự|Cùng\s+(?:tham\s+)?dự|Hội\s+nghị\s+vinh\s+dự)"
    r"(?![\p{L}\p{M}])(?!\s+(?:kiến|án|thảo|báo|toán|định|trù)(?![\p{L}\p{M}]))"
)
_REVIEW_START = _compile(r"(?:sơ|tổng)\s+kết|nhìn\s+lại|giao\s+ban", regex.I)
_REVIEWED_BEFORE = _compile(r"(?:sơ|tổng)\s+kết\s+$", regex.I)
# A reviewing meeting and what it reviews, up to the period: "hội nghị giao ban công tác Đoàn khối
# các Đoàn trực thuộc 9 tháng năm 2024", "tổng kết công tác Đoàn, Hội và phong trào sinh viên năm học …".
_REVIEW_OF = _compile(
    r"(?:hội\s+nghị|buổi)\s+(?:(?:sơ|tổng)\s+kết|giao\s+ban)"
    r"(?:\s+(?:công\s+tác|hoạt\s+động|phong\s+trào|kết\s+quả)[^.;:]{0,70}?)?\s+$",
    regex.I,
)


def _names_review(ctx: _Context, it: _Item) -> bool:
    """True when the period is what a reviewing meeting named just before it reviews."""
    text = ctx.title if it.source == "title" else ctx.norm
    return bool(_REVIEW_OF.search(text, max(0, it.start - 110), it.start))


def _reviewed_first(ctx: _Context, items: list[_Item]) -> _Item:
    """The first of ``items``, unless only a later one follows "sơ kết"/"tổng kết" and names its year:
    "giao ban công tác Đoàn quý II, sơ kết 6 tháng đầu năm 2026" reviews the half-year."""
    def reviewed(it: _Item) -> bool:
        text = ctx.title if it.source == "title" else ctx.norm
        return bool(_REVIEWED_BEFORE.search(text, max(0, it.start - 12), it.start))

    first = items[0]
    if first.data.get("quoted"):  # a plan's term in its quoted name, when the text names another period
        first = next((it for it in items if not it.data.get("quoted")), first)
    if reviewed(first):
        return first
    return next((it for it in items[1:] if it.data["years"] and reviewed(it)), first)


#: After the lead paragraph and the title, how many more sentences may name the period.
PERIOD_LOOKAHEAD = 1


# ----------------------------------------------------------------------------- province

_UNIT_BEFORE = _compile(
    r"(?:tỉnh|thành phố|TP\.?|Tỉnh đoàn|Thành đoàn|Tỉnh ủy|Thành ủy|Tỉnh Đoàn|Thành Đoàn|UBND|HĐND|"
    r"tuổi trẻ|Tuổi trẻ|Đoàn TNCS Hồ Chí Minh|Công an|Biên phòng|Báo|Đài)\s*$"
)
# Matched backwards from the end (only whether it matches is used): case-insensitive, ``re``
# would try every position of the text before.
_PLACE_BEFORE = _compile(
    r"(?:huyện|quận|thị xã|thị trấn|xã|phường|bản|thôn|xóm|sông|đèo|núi)\s*$",
    regex.I | regex.REVERSE,
)


def _provinces_in(ctx: _Context) -> list:
    """The province names of the text, found from its capitalised words (no extra scan)."""
    out = []
    end = -1
    norm = ctx.norm
    first_words = _province_first_words()
    for c0, c1, w in ctx.capwords():
        if c0 < end or (w not in first_words and w not in _BLOCK_FIRST):
            continue
        at = c0 - 10 if norm.startswith("thành phố ", c0 - 10) and c0 >= 10 else c0
        mention = province_at(norm, at) or (province_at(norm, c0) if at != c0 else None)
        if mention is None and w in _BLOCK_FIRST and _BLOCKED.match(norm, c0):
            end = _BLOCKED.match(norm, c0).end()
            continue
        if mention is not None:
            out.append(mention)
            end = mention.end
    return out


_BLOCK_FIRST = frozenset(["Thái", "Điện", "Hồ"])


@lru_cache(maxsize=1)
def _province_first_words() -> frozenset[str]:
    from .provinces import _finder

    return frozenset(_finder()[0])


_BLOCKED = _compile(r"(?:Thái Bình Dương|Điện Biên Phủ|Hồ Chí Minh)(?![\p{L}\p{M}])")


# How much a province name counts, by the kind of line it is on.
_LINE_WEIGHT = {
    "title": 3.0,
    "body": 1.0,
    "heading": 1.0,
    "caption": 0.5,
    "byline": 0.4,
    "source": 0.4,
    "duplicate": 0.0,
    "timestamp": 0.0,
    "furniture": 0.2,
}


def _province(ctx: _Context, person_spans: list[tuple[Span, str]]) -> _Item | None:
    scores: dict[str, float] = {}
    first: dict[str, _Item] = {}
    current: dict[str, str] = {}
    fp = ctx.first_paragraph()
    fp_end = fp[-1][1] if fp else 0

    def inside_person(a: int, b: int, src: str) -> bool:
        return any(src == ps and a >= sp[0] and b <= sp[1] + 1 for sp, ps in person_spans)

    def add(mention, a: int, b: int, src: str, weight: float) -> None:
        if inside_person(a, b, src):
            return
        full = ctx.title if src == "title" else ctx.norm
        before = full[max(0, a - 25) : a]
        w = weight
        if _PLACE_BEFORE.search(before):
            w *= 0.3
        elif _UNIT_BEFORE.search(before):
            w *= 2.0
        if src == "text" and a < fp_end and weight >= 1.0:
            w += 1.0
        name = mention.province.name
        scores[name] = scores.get(name, 0.0) + w
        current[name] = mention.province.current
        first.setdefault(
            name, _Item(a, b, src, {"name": name, "current": mention.province.current})
        )

    if ctx.title is not None:
        for mention in find_provinces(ctx.title):
            add(mention, mention.start, mention.end, "title", 3.0)
    for mention in _provinces_in(ctx):
        line = ctx.line_at(mention.start)
        w = _LINE_WEIGHT.get(line[2], 0.5) if line else 0.0
        if w:
            add(mention, mention.start, mention.end, "text", w)
    if not scores:
        return None
    best = max(
        scores, key=lambda k: (scores[k], -first[k].start if first[k].source == "text" else 0)
    )
    if scores[best] < 1.0:
        return None
    # Prefer a body mention for the span when the winner was first seen in the title.
    return first[best]


# ----------------------------------------------------------------------------- people

_SURNAMES = frozenset(
    """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Đinh Lương Trương Trịnh
Lâm Mai Cao Hà Tạ Vương Chu Lưu Tô Thái Châu Kiều Triệu Tăng Quách Phùng La Lạc Khổng Khúc Lã Ninh Nghiêm
Thân Tiêu Từ Mạc Mạch Hứa Hầu Giang Khương Kha Lục Bạch Diệp Tống Đàm Văn Quan Phí Nông Bế Lò Lường Quàng
Cầm Tòng Sầm Vi Vy Ma Lù Vàng Giàng Sùng Thào Mùa Hờ Lầu Má Cứ Vừ Chẩu Phàn Mông Ksor Siu Rơ Rmah Nay Y
Điểu Thạch Sơn Kim Danh Chau Mẫn Bành Giáp Đậu Ôn Giản Quản Tất Khâu Đổng Viên Mã Ân Hàn Phó Yên Pi Kpă
Niê Êban Đàng Trà Chế Lộc Tôn Âu Ông Doãn Lại Lữ Trình Ung Nhan Hán Khuất Cù Cồ Phương Tào Thiều Thiệu
Tiết Mùi Hạng Tẩn Lìu Sần Nịnh Lèo Lô Lục Nùng Hoàng Thân Văn Tráng Đồng Đèo Kơ Rah Bế Ngọ
Lỳ Chảo Sìn Phừ Vương Bàn Dìu Triệu Hùng Lương Âu Đường Bạch Kiều Hạ Quang Lưu Thượng Bá Ưng
""".split()
)
_HONORIFIC = (
    r"(?:[Đđ]ồng\s+chí|[Đđ]/[Cc]|[Aa]nh|[Cc]hị|[Ôô]ng|[Bb]à|[Tt]hầy|[Cc]ô|[Ee]m|[Bb]ạn|"
    r"Đại\s+tá|Thượng\s+tá|Trung\s+tá|Thiếu\s+tá|Đại\s+úy|Thượng\s+úy|Trung\s+úy|Thiếu\s+úy|"
    r"Đại\s+uý|Thượng\s+uý|Trung\s+uý|Thiếu\s+uý|Thiếu\s+tướng|Trung\s+tướng|Thượng\s+tướng|Đại\s+tướng|"
    r"Nhà\s+giáo|Nghệ\s+sĩ|NSND|NSƯT|Bác\s+sĩ|Luật\s+sư|Kỹ\s+sư|(?:PGS\.?\s*|GS\.?\s*)?TS\.?|ThS\.?|Ths\.?)"
)
# One capitalised syllable of a name (letters, optional apostrophe: "H'Hen", "K'Linh").
_NSYL = r"(?:[\p{Lu}][\p{Ll}\p{M}]*(?:'[\p{L}][\p{Ll}\p{M}]*)?)"
_NAME = _compile(_NSYL + r"(?:[ \t]+" + _NSYL + r"){1,4}")
_TITLE_HEAD = _compile(
    r"(?:nguyên\s+)?(?:Phó\s+|Ủy\s+viên\s+|Uỷ\s+viên\s+|UV\s+)?"
    r"(?:Bí\s+thư|Chủ\s+tịch|Chủ\s+nhiệm|Trưởng|Giám\s+đốc|Ủy\s+viên|Uỷ\s+viên|Chánh|Tổng\s+Giám\s+đốc|"
    r"Tổng\s+Bí\s+thư|Hiệu\s+trưởng|Chỉ\s+huy\s+trưởng|Chính\s+ủy|Chính\s+uỷ|Tư\s+lệnh|Thứ\s+trưởng|"
    r"Bộ\s+trưởng|Đại\s+biểu|Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|Tổng\s+Thư\s+ký|Thư\s+ký|"
    r"Chủ\s+nhiệm|Đội\s+trưởng|Đồn\s+trưởng|Tổng\s+biên\s+tập|Trưởng\s+đoàn|Trưởng\s+ban|Trưởng\s+phòng|"
    r"Phó\s+trưởng|Thường\s+trực|Bí\s+thư\s+thứ\s+nhất|Giám\s+thị|Hiệu\s+phó|Kỹ\s+sư|Phó|"
    r"(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[uủ][ỷy]\s+viên)"
    r"(?![\p{L}\p{M}])"
)
# Lower-case descriptions written after a name instead of an office: "Nguyễn Thị An, sinh viên ...".
_LOWER_TITLE = _compile(
    r"(?:sinh\s+viên|học\s+sinh|công\s+nhân|đoàn\s+viên|hội\s+viên|chủ|kỹ\s+sư|bác\s+sĩ|giáo\s+viên|"
    r"giảng\s+viên|cán\s+bộ|chiến\s+sĩ|thuyền\s+trưởng|tổ\s+trưởng|đội\s+trưởng|trưởng\s+(?:thôn|bản|nhóm|ấp)|"
    r"nông\s+dân|vận\s+động\s+viên|phóng\s+viên|nhân\s+viên|bộ\s+đội|thanh\s+niên|giám\s+đốc|"
    r"nghệ\s+sĩ|doanh\s+nhân|tình\s+nguyện\s+viên)(?![\p{L}\p{M}])"
)
_RANK = _compile(
    r"(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|úy|uý|tướng)|Đại\s+tướng|(?:PGS\.?\s*|GS\.?\s*)?TS\.?|ThS\.?|"
    r"Ths\.?|Bác\s+sĩ|Luật\s+sư|Kỹ\s+sư|Nhà\s+giáo|Nghệ\s+sĩ|NSND|NSƯT"
)
_ELECTED = _compile(
    r"[ \t]+(?:được\s+(?:bầu|hiệp\s+thương|cử|bổ\s+nhiệm|giao)(?:\s+(?:lại|cử))?|tái\s+đắc\s+cử|"
    r"đắc\s+cử|giữ\s+chức)(?:\s+(?:giữ|làm))?(?:\s+chức(?:\s+vụ)?)?[ \t]+(?=\S)"
)
# Lower-case words that may continue a title or a body name ("Ban Đoàn kết tập hợp thanh niên").
_NAME_LOWER = frozenset(
    """
và các của tỉnh thành phố huyện quận xã phường thị trấn khu cơ quan doanh nghiệp nông thôn thanh niên xã hội
tập hợp công nghiệp chế xuất chi nhánh nhân dân dân tộc nội trú khóa khoá lần thứ nhất trực thuộc việc làm
khởi nghiệp đô thị trường học thiếu nhi thường trực thường vụ đoàn công tác kết dục tạo triển nông lao động
thương binh thông tin truyền kế hoạch đầu tư khoa học công nghệ tài chính nội vụ giáo vận tải môi trường
nghiệp phát và ban đảng chính sách hội đồng đội viên chấp hành kiểm tra giám sát tổ chức tuyên dân văn hóa
hoá thể thao du lịch y tế tư pháp xây dựng ngoại vụ quốc phòng sinh viên học sinh trẻ nữ biên phòng quân sự
chỉ huy cảnh sát an ninh đại học cao đẳng phổ thông trung học cơ sở tiểu học mầm non liên đoàn lao động
mặt trận tổ quốc cựu chiến binh phụ nữ nông dân hợp tác xuất nhập khẩu tín dụng ngân hàng bảo hiểm điện lực
kinh tế ngân sách pháp chế quốc hội chính phủ trung ương đại biểu ủy uỷ
""".split()
)


_ORG_AFTER_DOAN = frozenset(
    "Khối Thanh TNCS TN Trường Học Đại Bộ Tổng Công Cơ Xã Phường Thị Khoa Chủ Đặc "
    "Kiểm Giám Công".split()
)


@lru_cache(maxsize=1)
def _place_forms() -> frozenset[str]:
    from .provinces import _finder

    return frozenset(f for f in _finder()[1] if " " in f or f.isalpha())


def _has_place(tokens: list[str]) -> bool:
    """True when some run of ``tokens`` spells a province name ("Hà Giang" in "Nguyễn Hà Giang")."""
    forms = _place_forms()
    n = len(tokens)
    return any(
        " ".join(tokens[i:j]) in forms for i in range(n) for j in range(i + 1, min(n, i + 5) + 1)
    )


def _strip_name(name: str) -> str:
    return " ".join(name.split())


def _is_name(tokens: list[str], anchored: bool) -> bool:
    if len(tokens) < 2 or len(tokens) > 5:
        return False
    if not anchored and tokens[0] not in _SURNAMES:
        return False
    joined = " ".join(tokens)
    if joined in ("Hồ Chí Minh",) or joined.startswith(("Hồ Chí Minh ",)):
        return False
    if not anchored and _has_place(tokens):
        return False
    if any(t.isupper() and len(t) > 1 for t in tokens) or any(
        "." in t for t in tokens
    ):  # "UBND", "T.Ư"
        return False
    if tokens[0] == "Đoàn" and tokens[1] in _ORG_AFTER_DOAN:
        return False  # "Đoàn Khối", "Đoàn Thanh niên": an organisation
    if not anchored and len(tokens) < 3:
        return False
    return True


_TITLE_STOP = _compile(
    r"(?:\s*[;.:!?\"“”(]|\s+(?:đã|đang|sẽ|cùng|cũng|và\s+các|làm\s+trưởng|dẫn\s+đầu|phát\s+biểu|cho\s+biết|"
    r"nhấn\s+mạnh|chủ\s+trì|dự|tham\s+dự|đến\s+dự|báo\s+cáo|trình\s+bày|đề\s+nghị|yêu\s+cầu|ghi\s+nhận|"
    r"khẳng\s+định|chia\s+sẻ|trao|tặng|được|đánh\s+giá|thông\s+tin|trao\s+đổi|kết\s+luận|cho\s+rằng|"
    r"thống\s+nhất|làm\s+việc|kiểm\s+tra|tiếp|thăm|nêu|nói|lưu\s+ý|mong|giao|chỉ\s+đạo|đề\s+xuất|bày\s+tỏ))"
)


def _title_end(text: str, pos: int, limit: int) -> int:
    """End of a title phrase starting at ``pos``: comma-separated components "Office Body"."""
    end = pos
    i = pos
    while i < limit:
        m = _TITLE_HEAD.match(text, i, limit)
        if not m:
            break
        j = _body_end(text, m.end(), limit)
        # "Trưởng Ban Dân vận": the body after the office word
        end = j
        nxt = _COMMA.match(text, j, limit)
        if nxt and _TITLE_HEAD.match(text, nxt.end(), limit):
            i = nxt.end()
            continue
        break
    return end


def _lower_title_end(text: str, pos: int, limit: int) -> int:
    """End of a lower-case description ("sinh viên Trường Đại học Cần Thơ") starting at ``pos``."""
    m = _LOWER_TITLE.match(text, pos, limit)
    if not m:
        return pos
    j = m.end()
    n = 0
    while j < limit and n < 10:
        tok = _LOWER_TOKEN_W.match(text, j, limit)
        if not tok or _TITLE_STOP.match(text, j):
            break
        j = tok.end()
        n += 1
    return j


_PERSON_ANCHOR = _compile(r"(?<![\p{L}\p{M}])" + _HONORIFIC + r"\s*:?\s+")
_NAME_THEN_TITLE = _compile(
    r"(?<![\p{L}\p{M}])" + _NSYL + r"(?:[ \t]+" + _NSYL + r"){1,4}(?=\s*(?:,|\s[-–—])\s*)"
)


_SPACES = _compile(r"[ \t]+")
_TOKEN_W = _compile(r"[\p{L}\p{M}\p{N}.&'/-]+")
_AFTER_NAME = _compile(r"\s*(?:,|[-–—]|\()\s*")
_COMMA = _compile(r"\s*,\s*")
_LOWER_TOKEN_W = _compile(r"[ \t]+([\p{L}\p{M}\p{N}.&'/-]+)")


def _person_at(text: str, pos: int, limit: int, anchored: bool) -> tuple[int, int, int, int] | None:
    """A name at ``pos`` (optionally after a title), and its title: (ns, ne, ts, te) or None."""
    title_span = None
    t = _TITLE_HEAD.match(text, pos, limit)
    name_start = pos
    if t:
        # title before the name: "Bí thư Tỉnh ủy Chẩu Văn Lâm"
        k = t.end()
        found = None
        while k < limit and k - pos < 120:
            m = _SPACES.match(text, k, limit)
            if not m:
                break
            k = m.end()
            # "T.Ư Đoàn", "Trung ương Hội": the body goes on, no name starts here
            glued = False
            if text.startswith(("Đoàn", "Hội", "Đảng"), k):
                prev = text[max(pos, k - 12) : k].split()
                glued = bool(prev) and prev[-1] in ("T.Ư", "TW", "TƯ", "T.W", "ương", "Ương")
            if text[k : k + 1].isupper() and not glued:
                nm = _NAME.match(text, k, limit)
                if (
                    nm
                    and nm.group().split()[0] in _SURNAMES
                    and _is_name(nm.group().split(), False)
                    and not _continues_body(text, nm.end(), limit)
                ):
                    found = nm
                    break
            w = _TOKEN_W.match(text, k, limit)
            if not w:
                break
            word = w.group()
            if not (word[0].isupper() or word[0].isdigit() or word.lower() in _NAME_LOWER):
                break
            k = w.end()
        if found is None:
            return None
        title_span = (pos, pos + len(text[pos : found.start()].rstrip(" \t")))
        name_start, name_end = found.start(), found.end()
    else:
        nm = _NAME.match(text, pos, limit)
        if not nm:
            return None
        toks = nm.group().split()
        # stop the name before a title word glued after it ("Nguyễn Văn An Bí thư ...")
        cut = len(toks)
        for i in range(2, len(toks)):
            if _TITLE_HEAD.match(" ".join(toks[i:])):
                cut = i
                break
        toks = toks[:cut]
        if not _is_name(toks, anchored):
            return None
        name_end = (
            pos + len(" ".join(toks))
            if text[pos : pos + len(" ".join(toks))] == " ".join(toks)
            else nm.end()
        )
        if _continues_body(text, name_end, limit):
            return None
    # title after the name: ", Title" / " - Title" / "(Title)" / "được bầu giữ chức Title"
    after = _AFTER_NAME.match(text, name_end, limit)
    if after and title_span is None:
        ts = after.end()
        te = _title_end(text, ts, limit)
        if te == ts and text[name_end:ts].strip() == ",":
            te = _lower_title_end(text, ts, limit)
        if te > ts:
            title_span = (ts, te)
    if title_span is None:
        el = _ELECTED.match(text, name_end, limit)
        if el and _TITLE_HEAD.match(text, el.end(), limit):
            te = _title_end(text, el.end(), limit)
            if te > el.end():
                title_span = (el.end(), te)
    if title_span is None and not anchored:
        return None
    ts, te = title_span if title_span else (0, 0)
    return name_start, name_end, ts, te


def _continues_body(text: str, pos: int, limit: int) -> bool:
    """True when the words after a would-be name show it is an organisation ("Đoàn Thanh niên ...")."""
    return bool(_rx(r"[ \t]+(?:niên|Thanh niên|Khối|TNCS)(?![\p{L}\p{M}])").match(text, pos, limit))


# The honorifics of _HONORIFIC as lower-cased one- and two-word strings, to test cheaply first.
_HONORIFIC_1 = frozenset(
    "đ/c anh chị ông bà thầy cô em bạn nsnd nsưt ts ts. ths ths. pgs.ts gs.ts pgs.ts. gs.ts.".split()
)
_HONORIFIC_2 = frozenset(
    [
        "đồng chí",
        "đại tá",
        "thượng tá",
        "trung tá",
        "thiếu tá",
        "đại úy",
        "thượng úy",
        "trung úy",
        "thiếu úy",
        "đại uý",
        "thượng uý",
        "trung uý",
        "thiếu uý",
        "thiếu tướng",
        "trung tướng",
        "thượng tướng",
        "đại tướng",
        "nhà giáo",
        "nghệ sĩ",
        "bác sĩ",
        "luật sư",
        "kỹ sư",
        "pgs. ts",
        "gs. ts",
        "pgs ts",
        "gs ts",
        "pgs. ts.",
        "gs. ts.",
    ]
)
_HONORIFIC_LAST = frozenset(w.split()[-1] for w in _HONORIFIC_1 | _HONORIFIC_2) | frozenset(
    ["chí:", "đ/c"]
)
# Last characters of those words, either case, and ":" ("Đồng chí: X"): a cheap test first.
_HONORIFIC_END = frozenset(w[-1] for w in _HONORIFIC_LAST) | {w[-1].upper() for w in _HONORIFIC_LAST} | {":"}
_TITLE_PREFIXES = (
    "Bí thư",
    "Chủ tịch",
    "Chủ nhiệm",
    "Trưởng",
    "Giám đốc",
    "Ủy viên",
    "Uỷ viên",
    "UV ",
    "Chánh",
    "Tổng ",
    "Hiệu ",
    "Chỉ huy",
    "Chính ủy",
    "Chính uỷ",
    "Tư lệnh",
    "Thứ trưởng",
    "Bộ trưởng",
    "Đại biểu",
    "Cục trưởng",
    "Vụ trưởng",
    "Viện trưởng",
    "Thư ký",
    "Đội trưởng",
    "Đồn trưởng",
    "Thường trực",
    "Giám thị",
    "Kỹ sư",
    "Phó",
    "Tỉnh ủy viên",
    "Tỉnh uỷ viên",
    "Thành ủy viên",
    "Thành uỷ viên",
    "Huyện ủy viên",
    "Huyện uỷ viên",
    "Quận ủy viên",
    "Quận uỷ viên",
    "Thị ủy viên",
    "Thị uỷ viên",
    "Đảng ủy viên",
    "Đảng uỷ viên",
)
_ANCHOR_BEFORE = _compile(r"(?<![\p{L}\p{M}])" + _HONORIFIC + r"\s*:?\s+$")
_TITLE_FIRST = frozenset(
    "Phó Ủy Uỷ UV Bí Chủ Trưởng Giám Chánh Tổng Hiệu Chỉ Chính Tư Thứ Bộ Đại Cục Vụ Viện Thư "
    "Đội Đồn Thường Kỹ Tỉnh Thành Huyện Quận Thị Đảng".split()
)


class _PersonCues:
    """The capitalised words of a text (start offsets) where each rule of :func:`_people_in` may
    start: after an honorific's last letter and a space, a surname, a title's first word."""

    def __init__(self, text: str, caps: list[tuple[int, int, str]]) -> None:
        self.honorific = [
            c0 for c0, _, _ in caps if c0 >= 2 and text[c0 - 2] in _HONORIFIC_END and text[c0 - 1].isspace()
        ]
        self.surname = [c0 for c0, _, w in caps if w in _SURNAMES]
        self.title = [
            c0 for c0, _, w in caps if w in _TITLE_FIRST and text.startswith(_TITLE_PREFIXES, c0)
        ]

    @staticmethod
    def _within(starts: list[int], a: int, b: int) -> list[int]:
        return starts[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]

    def line(self, a: int, b: int) -> tuple[list[int], list[int], list[int]]:
        """The three lists for the line ``[a, b)``."""
        within = self._within
        return within(self.honorific, a, b), within(self.surname, a, b), within(self.title, a, b)


def _people_in(
    text: str, a: int, b: int, src: str, cues: tuple[list[int], list[int], list[int]], found: list
) -> None:
    """People of one line ``text[a:b]``; ``cues`` are the line's lists of :class:`_PersonCues`."""
    taken: list[tuple[int, int]] = []
    honorific, surnames, titles = cues
    for c0 in honorific:
        if c0 - 1 <= a:
            continue
        k = text.rfind(" ", a, c0 - 1)
        last_word = text[k + 1 if k >= 0 else a : c0 - 1].rstrip(":").lower()
        if last_word not in _HONORIFIC_LAST:
            continue
        tail = text[max(a, c0 - 22) : c0].rstrip(" :\t").rsplit(None, 2)
        if not tail or not (
            tail[-1].lower() in _HONORIFIC_1 or " ".join(tail[-2:]).lower() in _HONORIFIC_2
        ):
            continue
        m = _ANCHOR_BEFORE.search(text, max(a, c0 - 30), c0)
        if not m:
            continue
        r = _person_at(text, c0, b, True)
        if r:
            if r[3] <= r[2]:
                written = m.group().strip(" :")
                if _RANK.fullmatch(written):  # "Thượng úy Vàng A Chứ": the rank is the title written
                    r = (r[0], r[1], m.start(), m.start() + len(written))
            found.append((*r, src))
            taken.append((r[0], r[1]))
    if not surnames:  # the next two rules need a surname
        return
    # "; Lê Thị Kim Dung, Phó Bí thư ..." and "Chủ tịch UBND tỉnh Hoàng Việt Cường"
    last = -1
    for c0 in surnames:
        if c0 < last:
            continue
        m = _NAME_THEN_TITLE.match(text, c0, b)
        if not m:
            continue
        last = m.end()
        if any(x < m.end() and m.start() < y for x, y in taken):
            continue
        r = _person_at(text, m.start(), b, False)
        if r and r[3] > r[2]:
            found.append((*r, src))
            taken.append((r[0], r[1]))
    last = -1
    # A title before a name ("Bí thư Tỉnh ủy Chẩu Văn Lâm") needs a surname after it.
    for c0 in titles:
        if c0 < last:
            continue
        k = bisect.bisect_right(surnames, c0)
        if k == len(surnames) or surnames[k] - c0 > 130:
            continue
        m = _TITLE_HEAD.match(text, c0, b)
        if not m:
            continue
        last = m.end()
        if any(x <= m.start() < y for x, y in taken):
            continue
        r = _person_at(text, m.start(), b, False)
        if r and not any(x <= r[0] < y for x, y in taken):
            found.append((*r, src))
            taken.append((r[0], r[1]))


#: Kinds of line people are read from.
_PEOPLE_LINES = ("body", "caption", "heading", "title")


def _people(ctx: _Context) -> list[_Item]:
    found: list[tuple[int, int, int, int, str]] = []
    if ctx.title is not None:
        cues = _PersonCues(ctx.title, _capwords(ctx.title))
        _people_in(ctx.title, 0, len(ctx.title), "title", cues.line(0, len(ctx.title)), found)
    cues = _PersonCues(ctx.norm, ctx.capwords())
    for s, e, kind in ctx.lines:
        if kind in _PEOPLE_LINES:
            _people_in(ctx.norm, s, e, "text", cues.line(s, e), found)
    # Deduplicate by name; keep the first mention, with the first title written after a name
    # (the formal "Name, Title" style), else the first title before it.
    order: list[str] = []
    best: dict[str, _Item] = {}
    found.sort(key=lambda f: (f[4] != "title", f[0]))
    for ns, ne, ts, te, src in found:
        text = ctx.title if src == "title" else ctx.norm
        name = _strip_name(text[ns:ne])
        key = canonical_tones(name).casefold()
        longer = [k for k in order if k.endswith(" " + key)]
        if longer:
            key = longer[0]  # "Bảo Ngọc" after "Đinh Thị Bảo Ngọc": the same person
        after = ts > ne
        item = _Item(
            ns, ne, src, {"name": name, "title_span": (ts, te) if te > ts else None, "after": after}
        )
        if key not in best:
            best[key] = item
            order.append(key)
            continue
        cur = best[key]
        # A shorter form of the name ("Bảo Ngọc") lends its title but not its span: the span
        # stays on the name as the entry writes it.
        moves = name == cur.data["name"]
        if (
            cur.data["title_span"] is None
            and item.data["title_span"] is not None
            and (moves or item.source == cur.source)
        ):
            cur.data["title_span"] = item.data["title_span"]
            cur.data["after"] = after
            if moves:
                cur.start, cur.end, cur.source = item.start, item.end, item.source
        elif (
            cur.data["title_span"] is not None
            and not cur.data["after"]
            and after
            and item.source == cur.source
        ):
            cur.data["title_span"] = item.data["title_span"]
            cur.data["after"] = True
            if moves:
                cur.start, cur.end = item.start, item.end
    return [best[k] for k in order]


# ----------------------------------------------------------------------------- bodies

# Each replacement with the words one of which every match contains (a cheap test first; the
# case-insensitive ones are tested on the lower-cased name).
_ABBREV = [
    (r"\bBTV\b", "Ban Thường vụ", ("BTV",)),
    (r"\bBCH\b", "Ban Chấp hành", ("BCH",)),
    (r"\bBĐBP\b", "Bộ đội Biên phòng", ("BĐBP",)),
    (r"\bUBKT\b", "Ủy ban Kiểm tra", ("UBKT",)),
    (r"(?<![\p{L}\p{M}])(?:Trung ương|TƯ|T\.Ư\.?|TW|T\.W|Trung Ương)\s+Đoàn\b", "T.Ư Đoàn", ("Đoàn",)),
    (r"(?<![\p{L}\p{M}])(?:Trung ương|TƯ|T\.Ư\.?|TW|T\.W|Trung Ương)\s+Hội\b", "T.Ư Hội", ("Hội",)),
    (r"\bỦy ban nhân dân\b", "UBND", ("Ủy ban nhân dân",)),
    (r"\bHội đồng nhân dân\b", "HĐND", ("Hội đồng nhân dân",)),
    (r"\bĐoàn đại biểu Quốc hội\b", "Đoàn ĐBQH", ("Đoàn đại biểu Quốc hội",)),
    (r"\bỦy ban Mặt trận Tổ quốc Việt Nam\b", "Ủy ban MTTQ Việt Nam", ("Mặt trận",)),
    (r"\bHội Liên hiệp Thanh niên Việt Nam\b", "Hội LHTN Việt Nam", ("Liên hiệp",)),
    (r"\bĐoàn Thanh niên Cộng sản\b", "Đoàn TNCS", ("Cộng sản",)),
    (
        r"(?<![\p{L}\p{M}])(?:TP\.?\s*HCM|TPHCM|Thành phố Hồ Chí Minh|TP\.?\s*Hồ Chí Minh)(?![\p{L}\p{M}])",
        "TP Hồ Chí Minh",
        ("TP", "Thành phố"),
    ),
]
_ABBREV_RE = [(_compile(p), r, words) for p, r, words in _ABBREV]
_CASE_FIX = [
    (_compile(p, regex.I), r, (r.lower(),) if r != "Đoàn xã" else ("xã đoàn",))
    for p, r in [
        (r"\btỉnh đoàn\b", "Tỉnh đoàn"),
        (r"\bthành đoàn\b", "Thành đoàn"),
        (r"\bhuyện đoàn\b", "Huyện đoàn"),
        (r"\bquận đoàn\b", "Quận đoàn"),
        (r"\bthị đoàn\b", "Thị đoàn"),
        (r"\btỉnh ủy\b", "Tỉnh ủy"),
        (r"\bthành ủy\b", "Thành ủy"),
        (r"\bhuyện ủy\b", "Huyện ủy"),
        (r"\bban thường vụ\b", "Ban Thường vụ"),
        (r"\bban chấp hành\b", "Ban Chấp hành"),
        (r"^thường trực\b", "Thường trực"),
        (r"\bxã đoàn\b", "Đoàn xã"),
    ]
]


@lru_cache(maxsize=4096)
def normalize_body(text: str, with_unit: bool = False):
    """Normalise a body name: tones, spacing, abbreviations (BTV, BCH, UBND, T.Ư Đoàn), capitals.

    With ``with_unit=True`` returns ``(name, unit)`` where ``unit`` drops the
    place ("Tỉnh đoàn Sơn La" → "Tỉnh đoàn").

    >>> normalize_body("BTV Tỉnh Đoàn Sơn La", with_unit=True)
    ('Ban Thường vụ Tỉnh đoàn Sơn La', 'Ban Thường vụ Tỉnh đoàn')
    >>> normalize_body("Trung ương Đoàn"), normalize_body("Ủy ban nhân dân tỉnh Thanh Hoá")
    ('T.Ư Đoàn', 'UBND tỉnh Thanh Hóa')
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize_body() expects str, got {type(text).__name__}")
    t = canonical_tones(unicodedata.normalize("NFC", text))
    t = " ".join(t.replace("–", "-").split())
    # (loops with break, not any() over a generator: this runs for every new name)
    for rx, rep, words in _ABBREV_RE:
        for w in words:
            if w in t:
                t = rx.sub(rep, t)
                break
    low = t.lower()
    for rx, rep, words in _CASE_FIX:
        for w in words:
            if w in low:
                t = rx.sub(rep, t)
                low = t.lower()
                break
    t = t.strip(" ,;.:")
    if not with_unit:
        return t
    unit = t
    for mention in reversed(find_provinces(t)):
        if mention.end >= len(t) - 1:
            unit = t[: mention.start].rstrip()
            if unit.endswith(" thành phố") or unit.endswith(" TP"):
                unit = unit.rsplit(" ", 2 if unit.endswith(" thành phố") else 1)[0]
            if unit.endswith(
                (
                    "UBND",
                    "HĐND",
                    "Công an",
                    "Bộ Chỉ huy Quân sự",
                    "Ủy ban MTTQ Việt Nam",
                    "Bộ Chỉ huy Bộ đội Biên phòng",
                )
            ):
                unit += " tỉnh"
            break
    if "khóa" in unit:
        unit = _rx(r"\s+khóa\s+[IVXLC]+$").sub("", unit)
    return t, unit or t


# Organisation heads: a body name starts with one of these (case-sensitive).
_HEAD = _compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:"
    r"(?P<deleg>[đĐ]oàn\s+(?:công\s+tác|kiểm\s+tra|giám\s+sát|khảo\s+sát)(?:\s*,\s*(?:kiểm\s+tra|giám\s+sát))*"
    r"(?:\s+(?:số|liên\s+ngành)(?:\s+\d+)?)?(?:\s+(?:chuyên\s+đề|liên\s+ngành))?(?:\s+của)?\s+(?=[\p{Lu}]|tỉnh(?!\w)|do\s))"
    r"|(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+[đĐ]oàn|(?:huyện|xã|thị|quận|chi)\s+đoàn(?=\s+[\p{Lu}])"
    r"|(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+[uủ][ỷy]"
    r"|(?:Trung\s+ương|Trung\s+Ương|T\.Ư\.?|TƯ|TW|T\.W)(?=\s+(?:Đoàn|Hội|Đảng)(?!\w))"
    r"|Đoàn(?=\s+(?:[\p{Lu}]|xã|phường|thị\s+trấn|trường|cơ\s+sở|các|đặc\s+khu))"
    r"|Chi\s+đoàn|Liên\s+chi\s+đoàn|Liên\s+đoàn|Công\s+đoàn|Tập\s+đoàn|Hợp\s+tác\s+xã|Tổng\s+công\s+ty|Công\s+ty"
    r"|UBND|HĐND|MTTQ|UBKT|BTV|BCH|BĐBP|Thường\s+trực(?=\s+(?:[\p{Lu}]|tỉnh|huyện))"
    r"|Thường\s+vụ(?=\s+(?:Đảng|Tỉnh|Thành|Huyện|Quận|Thị)\s+[uủ][ỷy])"
    r"|LĐLĐ(?=\s+(?:[\p{Lu}]|tỉnh|thành\s+phố|huyện|quận))"
    r"|[UỦ][ỷy]\s+ban(?=\s+(?:[\p{Lu}]|nhân\s+dân))|Hội\s+đồng(?=\s+(?:[\p{Lu}]|nhân\s+dân))"
    r"|(?:Trung|Sư|Lữ|Tiểu)\s+đoàn(?=\s+\d)|Hiệp\s+hội(?=\s+[\p{Lu}])|Liên\s+minh(?=\s+[\p{Lu}])"
    r"|(?:Tiểu\s+ban|Liên\s+đội|Vụ|Quỹ|Ban|Sở|Bộ|Hội|Trường|Học\s+viện|Viện|Tổng\s+cục|Cục|Trung\s+tâm|"
    r"Ngân\s+hàng|Văn\s+phòng|Phòng|Đồn|"
    r"Bộ\s+đội|Công\s+an|Đại\s+học|Đài|Nhà\s+máy|Câu\s+lạc\s+bộ|Khoa|Kho\s+bạc|Nhà\s+Thiếu\s+nhi)(?=\s+[\p{Lu}\p{N}])"
    r"|Nhà\s+Thiếu\s+nhi(?=\s+(?:tỉnh|thành\s+phố))"
    r"|Công\s+an(?=\s+(?:tỉnh|thành\s+phố|huyện|xã|phường))|Ban(?=\s+chuyên\s+môn)"
    r"|(?<=[Tt]rưởng\s)ban(?=\s+[\p{Lu}])"
    r")"
)
# The first word (as _capwords reads it) of every capitalised start of a _HEAD match.
_HEAD_FIRST = frozenset(
    """
Đoàn Tỉnh Thành Huyện Quận Thị Đảng Trung T TƯ TW Chi Liên Công Tập Hợp Tổng UBND HĐND MTTQ UBKT BTV BCH
BĐBP Thường Ủy Uỷ Uy Ủỷ Hội Tiểu Vụ Quỹ Ban Sở Bộ Trường Học Viện Cục Ngân Văn Phòng Đồn Đại Đài Nhà
Sư Lữ Hiệp LĐLĐ Câu Khoa Kho
""".split()
)
# Lower-case second syllables of capitalised words in organisation names ("Nông nghiệp", "Đào tạo").
_SECOND = frozenset(
    """
bạc nghiệp triển dục tạo nguyên trường học nghệ tin thông động binh hội hoạch tư chính vụ phạm khoa tế niên kết hợp
thôn thị nhân dân lập ương hiệp phòng sự an lực hàng sách nhánh tâm viện hóa hoá thao lịch dựng trợ khẩu xuất thương
pháp đạo tộc giáo vận chức tra sát hành ban đồng thư đốc hiệu huy lệnh quốc quan chủ ninh hải lợi sản dược liệu thuật
tuyến tác lý luận thống kê thuế toán chí sĩ nữ quyền mại gia ngữ lâm điện khí dầu không sắt mỏ than cảng
biển phẩm doanh lương thực vật trúc kiến mỹ nhạc ảnh hình thủy thuỷ lợi cư xá tịch viên bộ nhi đội phong lĩnh
tướng tá nước nội ngoại sinh tiến hóa vực đô phố xã trấn khu cụm cấp tuyến bào tài cứu nông công cục đẳng
phần tử lượng su trị phê huấn luật nhiên nguyện da may mặc thép
""".split()
)
# Lower-case syllables that only follow particular capitalised ones ("Tỉnh đoàn", "Tỉnh ủy").
_AFTER = {
    "đoàn": ("Tỉnh", "Thành", "Huyện", "Quận", "Thị", "Xã", "Công", "Liên", "Tập", "Tổng", "Chi",
             "Sư", "Quân", "Lữ", "Trung", "Tiểu"),  # and the army's "Sư đoàn 312", "Quân đoàn 12"
    "biểu": ("Đại",),  # "Đoàn Đại biểu Quốc hội", not "… Sơn La biểu dương"
    "minh": ("Liên",),  # "Liên minh Hợp tác xã"
    "ủy": ("Tỉnh", "Thành", "Huyện", "Quận", "Thị", "Đảng", "Xã", "Phường"),
    "uỷ": ("Tỉnh", "Thành", "Huyện", "Quận", "Thị", "Đảng", "Xã", "Phường"),
    "vụ": ("Thường", "Nội", "Ngoại", "Dịch", "Nghiệp"),
    "hành": ("Chấp", "Điều", "Thi"),
    "trực": ("Thường",),
    "ty": ("Công", "công"),  # "Công ty", "Tổng công ty"
    "nghiệp": ("công",),  # "Khu công nghiệp"
    "dầu": ("hóa", "hoá"),  # "Lọc hóa dầu"
    "ký": ("Thư",),  # "Ban Thư ký", not "… Huế ký kết"
    "chuyên": ("THPT", "THCS", "PTDTNT", "Trường"),  # "Trường THPT chuyên Lê Quý Đôn"
}
# A unit's number or a class code ("Trung đoàn 990", "Chi đoàn 10A2", "lớp 12A1"), and the
# places that are numbered ("Chi đoàn khóm 2", "Đoàn phường 1").
_UNIT_NUMBER = _compile(r"[ \t]+(?:\d{1,2}[A-Z]\d{0,2}|\d{1,4})(?![\p{L}\p{M}\p{N}])")
_NUMBERED_PLACES = (" thôn", " khóm", " ấp", " bản", " tổ", " khu phố", " khu", " xóm", " lớp", " phường")
# After these a surname starts the person a school or border post is named for, not a person:
# "Trường THPT Huỳnh Thúc Kháng", "Đồn Biên phòng Tống Lê Chân".
_SCHOOL_WORDS = frozenset(
    ["THPT", "THCS", "PTDTNT", "PTDTBT", "PTDT", "TH", "Trường", "học", "Chuyên", "chuyên", "Chính", "phòng"]
)
# Lower-case phrases that continue a body name ("... tỉnh", "Ban Quản lý các khu công nghiệp").
_LOWER_PHRASES = sorted(
    """
tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu|nông thôn|thanh niên|thiếu nhi|công nhân|đô thị
trường học|xã hội|tập hợp thanh niên|khu công nghiệp|các khu công nghiệp|và chế xuất|chế xuất|các cơ quan|cơ quan
doanh nghiệp|chi nhánh|nội trú|dân tộc|thường trực|của Quốc hội|nhân dân|quốc tế|cửa khẩu|việc làm|khởi nghiệp
sư phạm|kỹ thuật|trực thuộc|chuyên môn|quân sự|biên phòng|cơ động|các trường|đại học|cao đẳng|phổ thông|kinh tế
chính sách xã hội|chính sách|chính trị|liên hiệp|doanh nhân trẻ|sinh viên|học sinh|thanh niên khởi nghiệp|trẻ
nghiên cứu|y tế|khoa học|công nghệ|các cấp|cơ sở|thành viên|và doanh nghiệp|công tác thanh niên|công tác thiếu nhi|hợp tác xã|nhà trường
đại biểu|cán bộ|chiến binh|quốc gia|các khu chế xuất|khu chế xuất|và công nghiệp|và các khu công nghiệp|đảng và công tác chính trị|và công tác chính trị|và công tác quần chúng|học sinh, sinh viên|xã đảo|thôn|bản|ấp|buôn|khu phố|khu|tổ dân phố|các Khu công nghiệp|ngành|khoa|lớp|cổ phần|miền|trường|khóm|tư tưởng
""".replace("\n", "|").split("|"),
    key=len,
    reverse=True,
)
_LOWER_RE = _compile(
    r"[ \t]+(?:" + "|".join(regex.escape(p) for p in _LOWER_PHRASES if p) + r")(?![\p{L}\p{M}])"
)
_HYPHEN = _compile(r"[ \t]*[-–][ \t]*(?=[\p{Lu}])")
_CAP_WORD_AT = _compile(r"[\p{Lu}][\p{L}\p{M}]*")
_COMMA_NAME = _compile(
    r",[ \t]*(?=[\p{Lu}][\p{L}\p{M}]*(?:[ \t]+[\p{Ll}][\p{L}\p{M}]*)?[ \t]+(?:và|của)[ \t])"
)
_LOWER_FIRST = frozenset(ph.split()[0] for ph in _LOWER_PHRASES if ph)
_CAP_TOKEN = _compile(r"[ \t]+(?P<w>[\p{Lu}][\p{L}\p{M}\p{N}.&'’/]*)")
_LOW_TOKEN = _compile(r"[ \t]+(?P<w>[\p{Ll}][\p{L}\p{M}]*)(?![\p{L}\p{M}])")
_NUM_TOKEN = _compile(r"[ \t]+(?:\d{1,2}[A-Z]\d{0,2}|\d{1,2})(?![\p{L}\p{M}\p{N}])")
# Verbs whose first syllable also continues a name ("quan" of "cơ quan", "chủ" of "Chủ tịch").
_VERB_AFTER_NAME = _compile(
    r"[ \t]+(?:quan[ \t]+tâm|chủ[ \t]+trì|kiến[ \t]+nghị|chỉ[ \t]+đạo|phát[ \t]+biểu|tham[ \t]+dự|"
    r"cho[ \t]+biết|đề[ \t]+nghị|trao[ \t]+đổi|đánh[ \t]+giá|thông[ \t]+tin)(?![\p{L}\p{M}])"
)
# "Sở Văn hóa, Thể thao và Du lịch": a comma inside the name.
_CULTURE_AND = _compile(
    r",[ \t]*(?:Thể[ \t]+thao[ \t]+và[ \t]+Du[ \t]+lịch|Thể[ \t]+thao|Giáo[ \t]+dục|Thông[ \t]+tin)"
    r"(?![\p{L}\p{M}])"
)
_ROMAN_AFTER = _compile(r"[ \t]+(?:khóa|khoá|lần\s+thứ)[ \t]+[IVXLC]+(?![\p{L}\p{M}])")


def _starts_person(text: str, pos: int, limit: int) -> bool:
    """True when a person's name (surname + given name) starts at ``pos``."""
    m = _NAME.match(text, pos, limit)
    if not m:
        return False
    toks = m.group().split()
    return (
        toks[0] in _SURNAMES
        and not _has_place(toks)
        and not _HEAD.match(text, pos, limit)
        and len(toks) >= 3
        and not _continues_body(text, m.end(), limit)
        and toks[0] != "Hồ"
    )


def _body_end(text: str, pos: int, limit: int) -> int:
    """End of a body name whose head ends at ``pos``."""
    j = pos
    k = text.rfind(" ", max(0, pos - 20), pos)
    last = text[k + 1 if k >= 0 else max(0, pos - 20) : pos]
    while j < limit:
        k = j
        while k < limit and text[k] in " \t":
            k += 1
        if k >= limit:
            break
        c = text[k]
        if k > j and c.isupper():
            m = _CAP_TOKEN.match(text, j, limit)
            if m:
                w = m.group("w").rstrip(".")
                if w in _SURNAMES and last not in _SCHOOL_WORDS and _starts_person(text, m.start("w"), limit):
                    break
                j = m.start("w") + len(w)
                last = w
                continue
        if k > j and c.islower():
            if text.startswith(("khóa", "khoá", "lần"), k):
                m = _ROMAN_AFTER.match(text, j, limit)
                if m:
                    j, last = m.end(), "khóa"
                    continue
            m = _LOW_TOKEN.match(text, j, limit)
            if m:
                w = m.group("w")
                if _VERB_AFTER_NAME.match(text, j, limit):
                    break  # "Hội LHTN Việt Nam quan tâm": a verb, not "quan" of a name
                # a phrase before a single syllable: "Đoàn thị trấn X", not "Đoàn thị"
                lp = _LOWER_RE.match(text, j, limit) if w in _LOWER_FIRST else None
                if lp and lp.end() > m.end():
                    j, last = lp.end(), "x"
                    continue
                if (last[:1].isupper() and w in _SECOND) or last in _AFTER.get(w, ()):
                    j, last = m.end(), w
                    continue
                if lp:
                    j, last = lp.end(), "x"
                    continue
                if w == "và" and last == "ĐBQH" and text.startswith("HĐND", m.end() + 1):
                    j, last = m.end(), "và"  # "Văn phòng Đoàn ĐBQH và HĐND tỉnh" is one office
                    continue
                if w == "và" and not last[:1].isupper():  # "Giáo dục và Đào tạo", not "Hải Dương và Hưng Yên"
                    nxt = _CAP_TOKEN.match(text, m.end(), limit)
                    if (
                        nxt
                        and not _HEAD.match(text, nxt.start("w"), limit)
                        and not _starts_person(text, nxt.start("w"), limit)
                        and not _TITLE_HEAD.match(text, nxt.start("w"), limit)
                    ):
                        j = m.end()
                        last = "và"
                        continue
            break
        if k > j and c.isdigit():
            unit = last in ("đoàn", "đội")  # "Trung đoàn 990", "Hải đội 2"
            if last[:1].isupper() or unit or text[max(pos, j - 9) : j].endswith(_NUMBERED_PLACES):
                m = (_UNIT_NUMBER if unit else _NUM_TOKEN).match(text, j, limit)
                if m:
                    j = m.end()
                    last = "0"
                    continue
            break
        if c in "-–" and j > pos:
            m = _HYPHEN.match(text, j, limit)
            if m:
                nxt = _CAP_WORD_AT.match(text, m.end(), limit)
                if (
                    nxt
                    and not _HEAD.match(text, m.end(), limit)
                    and not _starts_person(text, m.end(), limit)
                ):
                    j = nxt.end()
                    last = nxt.group()
                    continue
            break
        if c == "," and k == j and text[max(pos, j - 7) : j] in ("Văn hóa", "Văn hoá"):
            m = _CULTURE_AND.match(text, j, limit)
            if m:
                j, last = m.end(), "x"
                continue
        if c == "," and k == j and last[:1].isupper():
            m = _COMMA_NAME.match(text, j, limit)
            if m and not _HEAD.match(text, m.end(), limit):
                j += 1  # consume the comma; the next loop takes the capitalised word
                continue
        break
    seg = text[pos:j]
    if not seg.endswith(_TRAILING_LINKS):  # cheap test first: the pattern below can only match then
        return j
    trimmed = _rx(r"(?:[ \t]+(?:và|các|của|cùng|với))+$").sub("", seg)
    return pos + len(trimmed)


#: The link words :func:`_body_end` trims off a name's end ("\n": ``$`` matches before one).
_TRAILING_LINKS = ("và", "các", "của", "cùng", "với", "\n")


# Heads that need a name after them ("Sở Nội vụ", not "Sở").
_BARE = _compile(
    r"^(?:Ban|Sở|Bộ|Hội|Trường|Học viện|Viện|Cục|Trung tâm|Ngân hàng|Văn phòng|Phòng|Đồn|Bộ đội|"
    r"Đài|Nhà máy|Đoàn|Hội đồng|Ủy ban|Uỷ ban|Thường trực|Ban Thường vụ|Ban Chấp hành|BTV|BCH|"
    r"Đảng ủy|Đảng uỷ|Công ty|Chi đoàn|Liên đoàn|Công đoàn|Tập đoàn|Ban Bí thư)$"
)
_NOT_BODY = _compile(
    r"^(?:Đoàn TNCS Hồ Chí Minh|Đoàn Thanh niên Cộng sản Hồ Chí Minh|Đoàn Thanh niên|"
    r"Hội LHTN Việt Nam|Hội Liên hiệp Thanh niên Việt Nam|Hội Sinh viên Việt Nam|"
    r"Đội TNTP Hồ Chí Minh|Tỉnh ủy viên|Thành ủy viên|Ban Thường vụ Tỉnh ủy viên|"
    r"Bộ đội Biên phòng|Hội nghị.*|Hội thi.*|Hội trại.*|Hội thao.*|Hội diễn.*|Đoàn Chủ tịch.*|"
    r"Đoàn các cấp|Đoàn các|Đoàn cơ sở|Trung tâm Hội nghị.*|Nhà văn hóa.*|Hội trường.*)$"
)


_SHORT_GENERIC = _compile(r"(?:Ban|Hội|Trường|Trung tâm|Đại học|Ủy ban|Uỷ ban)\s+\S+$")
_SHORT_OK = _compile(
    r"Ban\s+(?:Tổ|Tuyên|Dân|Bí)|Trường\s+Chính|Ủy\s+ban|Uỷ\s+ban|Hội\s+đồng|Đại\s+học"
)


def _find_bodies(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Body names in ``text[a:b]``, in order, as (start, end)."""
    out: list[tuple[int, int]] = []
    i = a
    while i < b:
        m = _HEAD.search(text, i, b)
        if not m:
            break
        if m.group("deleg"):
            inner = _HEAD.match(text, m.end(), b)
            end = _body_end(text, inner.end(), b) if inner else _body_end(text, m.end() - 1, b)
            if not inner and text.startswith("tỉnh", m.end()):
                end = m.end() + 4
            if not inner and text.startswith("do", m.end()):
                end = m.end() - 1  # "Đoàn công tác số 3 do đồng chí X dẫn đầu"
                out.append((m.start(), end))
                i = m.end()
                continue
        else:
            end = _body_end(text, m.end(), b)
        name = text[m.start() : end].rstrip(" .,")
        end = m.start() + len(name)
        core = name
        if m.group("deleg"):
            core = name[m.end() - m.start() :]
        # A generic head with a single word after it ("Ban Thi", "Hội Xuân") is rarely a body.
        short = _SHORT_GENERIC.match(core) and not _SHORT_OK.match(core)
        if end > m.start() and not _BARE.match(core) and not _NOT_BODY.match(core) and not short:
            out.append((m.start(), end))
        i = max(end, m.end())
    return out


_WORK_VERB = _compile(
    r"(?<![\p{L}\p{M}])(?:(?:đến|về|đã|có\s+buổi|thăm\s+và|thăm,)\s+)*"
    r"(?:làm\s+việc|gặp\s+mặt|trao\s+đổi|tọa\s+đàm|toạ\s+đàm|kiểm\s+tra|giám\s+sát|khảo\s+sát|thăm|nghe|tiếp)"
    r"(?:\s*,\s*(?:làm\s+việc|kiểm\s+tra|giám\s+sát|khảo\s+sát))*"
    r"(?:\s+(?:với|tại|và\s+làm\s+việc\s+với|và\s+làm\s+việc\s+tại|công\s+tác[\p{L}\p{M}\s,]{0,80}?tại))?(?=\s)"
)
_HOLD_VERB = _compile(
    r"(?<![\p{L}\p{M}])(?:tổ\s+chức|chủ\s+trì|khai\s+mạc|ra\s+quân|phát\s+động|ký\s+kết|ban\s+hành|"
    r"long\s+trọng|triển\s+khai|sơ\s+kết|tổng\s+kết|trao|tặng|tuyên\s+dương|đã\s+diễn\s+ra|diễn\s+ra|"
    r"họp|có\s+buổi|phối\s+hợp\s+tổ\s+chức|khánh\s+thành|bế\s+mạc|đón|vinh\s+danh|hướng\s+dẫn)(?![\p{L}\p{M}])"
)
_ATTEND = _compile(
    r"(?:^|[.;:]\s*|sự\s+tham\s+dự\s+của\s+|(?<=,\s)|(?<=có\s))(?:(?:Đến|Về|Cùng)\s+)?(?:Tham\s+dự|Cùng\s+dự|(?<=Về\s)dự|Cùng\s+tham\s+dự|Dự|Tiếp(?:\s+và\s+làm\s+việc\s+với)?\s+đoàn|"
    # "Tại xã Đức Hòa, tiếp đoàn có ...", "Đón và làm việc với đoàn có ..."
    r"(?:(?<=,\s)tiếp|Đón)(?:\s+và\s+làm\s+việc\s+với)?\s+đoàn(?=\s+có\s)|(?<=[,;]\s)dự(?=\s+có\s)|"
    r"Làm\s+việc\s+với\s+đoàn|Về\s+phía|Tham\s+gia|Đến\s+dự|Cùng\s+đi|Đi\s+cùng|Cùng\s+làm\s+việc|"
    r"Chứng\s+kiến|Cùng\s+ký\s+kết)(?![\p{L}\p{M}])"
    r"(?!\s+(?:kiến|án|thảo|báo|toán|định|trù)(?![\p{L}\p{M}]))"  # "Dự kiến", "Dự thảo": not attendance
)
_ATTEND_WORDS = (
    "dự",
    "Dự",
    "Tiếp",
    "tiếp đoàn",
    "tiếp và",
    "Đón",
    "Về phía",
    "Làm việc với đoàn",
    "Tham gia",
    "Cùng đi",
    "Đi cùng",
    "Cùng làm việc",
    "Chứng kiến",
    "Cùng ký kết",
)
_ATTEND_HINT = re.compile("|".join(map(re.escape, _ATTEND_WORDS)))
# "Đồng chí X, Trưởng Ban Dân vận Tỉnh ủy dự." (not "dự án", "dự thảo", ...)
_ATTEND_VERB = _compile(
    r"(?<![\p{L}\p{M}])(?:[Dd]ự|[Tt]ham\s+dự)(?!\s+(?:án|thảo|kiến|báo|toán|thi|bị|trữ|định|khuyết|tuyển|giờ))"
    r"(?![\p{L}\p{M}])"
)
_YOUTH_UNIT = _compile(
    r"(?:(?:Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành|BTV|BCH|Thường\s+trực)\s+)?"
    r"(?:Tỉnh\s+[đĐ]oàn|Thành\s+[đĐ]oàn|Huyện\s+[đĐ]oàn|Quận\s+[đĐ]oàn|Thị\s+[đĐ]oàn|"
    r"huyện\s+đoàn|xã\s+đoàn|Đoàn\s+(?:xã|phường|thị\s+trấn|trường|Trường|Khối|Thanh\s+niên)|"
    r"Chi\s+đoàn|Hợp\s+tác\s+xã|Đồn)"
)


_PLURAL_HEAD = _compile(
    r"(?<![\p{L}\p{M}])các\s+(?:[sS]ở|[bB]an|Tỉnh\s+đoàn|Thành\s+đoàn|Huyện\s+đoàn|Bộ|[pP]hòng)"
    r"(?:\s*,\s*ngành)?\s*:?(?=\s+\p{Lu})"
)
_LIST_SEP = _compile(r"\s*(?:,|và)\s*")


def _list_items(
    text: str, starts: list[int], limit: int, bodies: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Names listed after a shared head, up to the first thing that is not one.

    After "các sở:" the first name follows directly; after a body ("Huyện đoàn Đông
    Anh") the list goes on with ", Sóc Sơn, Mê Linh". Body names and people end it."""
    out: list[tuple[int, int]] = []
    taken = {a for a, _ in bodies}
    for pos in starts:
        first = True
        while pos < limit:
            if first and not any(x[1] == pos for x in bodies):
                m = _rx(r"\s+").match(text, pos, limit)
            else:
                m = _LIST_SEP.match(text, pos, limit)
            first = False
            if not m or m.end() >= limit or not text[m.end()].isupper():
                break
            a = m.end()
            if a in taken or _HEAD.match(text, a, limit) or _starts_person(text, a, limit):
                break
            if text.startswith(("Các ", "Những "), a):
                break  # "Các huyện, thành Đoàn": an unnamed plural
            if _TITLE_HEAD.match(text, a, limit) or _PERSON_ANCHOR.match(text, a, limit):
                break
            b = _body_end(text, a - 1, limit)
            if b <= a:
                break
            out.append((a, b))
            pos = b
    return out


def _bodies(
    ctx: _Context, date: _Item | None, people: list[_Item]
) -> tuple[list[_Item], list[_Item]]:
    norm = ctx.norm
    title_spans = [
        p.data["title_span"] for p in people if p.data.get("title_span") and p.source == "text"
    ]
    name_spans = [(p.start, p.end) for p in people if p.source == "text"]

    def in_person(a: int, b: int) -> bool:
        return any(x <= a and b <= y + 1 for x, y in title_spans) or any(
            x <= a < y for x, y in name_spans
        )

    lead = ctx.sentence_at(date.start) if date is not None and date.source == "text" else None
    if lead is None:
        lead = next(
            (
                (s, e, p)
                for s, e, p in ctx.sentences[:6]
                if _HOLD_VERB.search(norm, s, e) or _WORK_VERB.search(norm, s, e)
            ),
            ctx.sentences[0] if ctx.sentences else None,
        )
    organizers: list[_Item] = []
    participants: list[_Item] = []
    if lead is not None:
        ls, le, _ = lead
        start = (
            date.end if date is not None and date.source == "text" and ls <= date.start < le else ls
        )
        organizers, participants = _roles(ctx, norm, start, le, "text", people, in_person)
        if not organizers and start > ls:
            organizers, p2 = _roles(ctx, norm, ls, le, "text", people, in_person)
            participants = participants or p2
    if not organizers:
        # The event may be named only in a caption: "Toàn cảnh buổi làm việc của X với Y."
        for s, e, kind in ctx.lines:
            if kind == "caption" and _WORK_VERB.search(norm, s, e):
                o2, p2 = _roles(ctx, norm, s, e, "text", [], lambda a, b: False)
                if o2:
                    organizers = o2
                    participants = participants + p2
                    break
    if not organizers:
        tt = (
            ctx.title
            if ctx.title is not None
            else (norm[ctx.title_span[0] : ctx.title_span[1]] if ctx.title_span else None)
        )
        if tt:
            src = "title" if ctx.title is not None else "text"
            base = 0 if ctx.title is not None else ctx.title_span[0]
            o2, p2 = _roles(
                ctx,
                ctx.title if src == "title" else norm,
                base,
                base + len(tt),
                src,
                [],
                lambda a, b: False,
            )
            organizers = o2
            if not participants:
                participants = p2
    # Attendance anywhere in the body ("Dự buổi làm việc có ..." often closes an article).
    for s, e, _ in ctx.sentences:
        seg = norm[s:e]
        if not _ATTEND_HINT.search(norm, s, e):
            continue
        attend = False
        for m in _ATTEND.finditer(seg):
            attend = True
            found = _find_bodies(norm, s + m.end(), e)
            # "các sở: Nội vụ, Tài chính": the list after a plural head.
            starts = [x.end() for x in _PLURAL_HEAD.finditer(norm, s + m.end(), e)]
            for a, b in found:
                if norm[a - 1] == "(" and norm[b : b + 1] == ")":
                    continue  # "Vụ Giáo dục Đại học (Bộ GD-ĐT)": the parent of the body before it
                if not in_person(a, b):
                    participants.append(_Item(a, b))
                    starts.append(b)  # "Huyện đoàn Đông Anh, Sóc Sơn, Mê Linh"
            for a, b in _list_items(norm, sorted(starts), e, found):
                participants.append(_Item(a, b))
        if attend or _ATTEND_VERB.search(seg):
            # A named attendee stands for the body of their first leadership office.
            for p in people:
                ts = p.data.get("title_span")
                if p.source == "text" and ts and s <= p.start < e:
                    pick = _leader_body(norm, _find_bodies(norm, ts[0], ts[1]))
                    host = _HOST_PARTY.search(norm, ts[0], ts[1])
                    if host and (pick is None or host.start("b") < pick[0]):
                        pick = host.span("b")
                    if pick is not None:
                        participants.append(_Item(*pick))
    participants.extend(_visited_and_speakers(ctx, in_person))
    participants = [it for it in participants if not _generic_participant(ctx, it)]
    participants.sort(key=lambda it: (it.source != "title", it.start))  # text order
    orgs = _dedupe_bodies(ctx, organizers)
    return orgs, _dedupe_bodies(ctx, participants, exclude=orgs)


# The host's own Party committee in an attendee's title, named without a place:
# "Phó Bí thư Đảng ủy, Phó Hiệu trưởng nhà trường", "Bí thư Đảng ủy trường".
_HOST_PARTY = _compile(
    r"(?<![\p{L}\p{M}])(?:Phó\s+)?Bí\s+thư\s+(?:Thường\s+trực\s+)?"
    r"(?P<b>Đảng\s+[uủ][ỷy](?:\s+(?:nhà\s+trường|trường|xã|phường|thị\s+trấn|cơ\s+quan|công\s+ty))?)"
    r"(?![\p{L}\p{M}])(?!\s+[\p{Lu}\p{N}])"
)
# Unnamed plurals and generic mentions are not participants (data/ANNOTATION.md):
# "Bí thư các Huyện đoàn, Thị đoàn, Thành đoàn và Đoàn trực thuộc",
_GENERIC_UNIT = _compile(
    r"^(?:(?:Huyện|Thành|Thị|Quận|Tỉnh)\s+đoàn|Đoàn\s+(?:xã|phường|thị\s+trấn))"
    r"(?:\s*(?:,|và)\s*(?:(?:Huyện|Thành|Thị|Quận)\s+đoàn|Đoàn\s+trực\s+thuộc))*$"
)
_PLURAL_BEFORE = _compile(
    r"(?:các|những|\d+)\s+$|(?:các|những)\s+(?:(?:Huyện|Thành|Thị|Quận)\s+đoàn\s*,\s*)+$"
)
# "Đoàn xã" alone, "Đoàn cơ sở trực thuộc", "Đoàn các trường đại học thành viên",
_GENERIC_NAME = _compile(r"^Đoàn\s+(?:(?:xã|phường|thị\s+trấn)$|các\b|cơ\s+sở(?:\s+trực\s+thuộc)?$)")
# "Ban Chỉ huy Quân sự các huyện", "các đồng chí nguyên lãnh đạo Tỉnh đoàn".
_PLURAL_AFTER = _compile(r"\s+các\s+(?:huyện|xã|phường|quận|thị\s+xã|đơn\s+vị|trường|tỉnh)\b")
_FORMER_BEFORE = _compile(r"nguyên\s+(?:lãnh\s+đạo|cán\s+bộ)\s+$")


def _generic_participant(ctx: _Context, it: _Item) -> bool:
    """True for a participant that names no one body (an unnamed plural or a generic mention)."""
    if it.source != "text":
        return False
    norm = ctx.norm
    name = norm[it.start : it.end]
    before = norm[max(0, it.start - 40) : it.start]
    return bool(
        (_GENERIC_UNIT.match(name) and _PLURAL_BEFORE.search(before))
        or _GENERIC_NAME.match(name)
        or _PLURAL_AFTER.match(norm, it.end, it.end + 30)
        or _FORMER_BEFORE.search(before)
    )


# Units that take part later in the article: visited, inspected, speaking, presenting.
_PART_CUE = _compile(
    r"(?<![\p{L}\p{M}])(?:[Đđ]ại\s+diện|(?<![Hh]ội\s+)[Đđ]ại\s+biểu(?!\s+(?:HĐND|Quốc\s+hội))|"
    r"thăm(?:(?:,|\s+và)\s*(?:chúc\s+Tết|tặng\s+quà|động\s+viên))?(?:\s+(?:cán\s+bộ,\s+)?chiến\s+sĩ(?:\s+trẻ)?)?|"
    # "thăm mô hình Hợp tác xã Thanh niên X", units joined online, partners signing with the host
    r"(?:thăm|tham\s+quan|khảo\s+sát)\s+(?:các\s+)?mô\s+hình|"
    r"kết\s+nối(?:\s+trực\s+tuyến)?\s+(?:với|tới|đến)(?:\s+(?:các\s+)?(?:\d+\s+)?điểm\s+cầu)?|"
    r"ký\s+kết(?:\s+(?:chương\s+trình|quy\s+chế|kế\s+hoạch)\s+phối\s+hợp[^.;]{0,60}?)?\s+với|"
    # "thăm mô hình nuôi tôm của Chi đoàn thôn X": the unit that runs what was visited
    # "khảo sát hoạt động của đội hình … tại Đoàn phường X", "thăm khu nhà ở … của Công ty X"
    r"(?:thăm|tham\s+quan|kiểm\s+tra|khảo\s+sát)\s+(?:các\s+)?"
    r"(?:mô\s+hình|khu|công\s+trình|hoạt\s+động|đội\s+hình|nhà|điểm)[^.;]{0,80}?\s+(?:của|do|tại)|"
    r"(?:kiểm\s+tra|giám\s+sát|khảo\s+sát|xem\s+xét)"
    r"(?:\s+(?:thực\s+tế|trực\s+tiếp|hồ\s+sơ|hoạt\s+động\s+của))?(?:\s+tại)?|"
    r"(?:đi\s+)?thực\s+tế\s+tại|"
    r"(?:tham\s+)?dự\s+(?:một\s+)?(?:buổi\s+)?sinh\s+hoạt(?:\s+dưới\s+cờ)?\s+(?:của|với|cùng)|"
    r"(?:gặp\s+gỡ|trao\s+đổi\s+với|làm\s+việc\s+với)\s+cán\s+bộ|"
    r"(?:hồ\s+sơ|sổ\s+sách|chứng\s+từ)(?:\s*,\s*(?:hồ\s+sơ|sổ\s+sách|chứng\s+từ))*\s+(?:của|tại)|"
    # "4 đội ... gồm Huyện đoàn A, Huyện đoàn B", "hai đơn vị là ...", "giữa đội X và đội Y"
    r"(?:gồm|là)(?<=(?:đội|đơn\s+vị|cơ\s+sở|Đoàn\s+trực\s+thuộc)[^.;]{0,40}?(?:gồm|là))\s*:?|(?:giữa|và)\s+đội|"
    r"hồ\s+sơ\s+tại|đến\s+từ|đã\s+về|đến|[Ll]ãnh\s+đạo|báo\s+cáo\s+của|"
    # the people who teach or judge: "Báo cáo viên là cán bộ X", "giảng viên Trường Chính trị tỉnh"
    r"(?:[Bb]áo\s+cáo\s+viên|[Gg]iảng\s+viên)\s+là\s+cán\s+bộ|giảng\s+viên|"
    r"(?:làm\s+việc|gặp\s+mặt|trao\s+đổi|t[oọ]a\s+đàm|kiểm\s+tra|giám\s+sát|khảo\s+sát|thăm)"
    r"(?:\s+(?:và|,)\s+làm\s+việc)?(?:\s+(?:trực\s+tiếp|thực\s+tế))?(?:\s+công\s+tác[^.;]{0,60}?)?"
    r"\s+(?:với|tại))[ \t]+(?=\p{Lu})"
)
# An enumeration of units in a sentence that gives awards lists winners, not participants.
_ENUM_CUE = _compile(r"(?:gồm|là)(?![\p{L}\p{M}])")
_AWARD = _compile(
    r"(?<![\p{L}\p{M}])(?:tặng|trao|khen|[Cc]ờ\s+thi\s+đua|[Bb]ằng\s+khen|giải|vinh\s+danh|tuyên\s+dương)"
    r"(?![\p{L}\p{M}])"
)
_BARE_YOUTH_UNIT = _compile(r"(?:Huyện|Tỉnh|Thành|Quận|Thị)\s+đoàn")
_SPEAK = _compile(
    r"[ \t]+(?:(?:đã|cũng|đều|lần\s+lượt|được\s+mời|tiếp\s+tục)\s+)*"
    r"(?:chia\s+sẻ|trình\s+bày|nêu|kiến\s+nghị|đề\s+xuất|tham\s+luận|phát\s+biểu|phản\s+ánh|thông\s+tin\s+về|"
    r"giới\s+thiệu(?!\s+\d)|cho\s+biết|báo\s+cáo(?:\s+tham\s+luận)?|"
    # "Tỉnh đoàn và Trường Cao đẳng X ký kết chương trình phối hợp": the partners signing
    r"ký\s+kết(?=\s+(?:chương\s+trình|quy\s+chế|kế\s+hoạch|thỏa\s+thuận|thoả\s+thuận|biên\s+bản)))(?![\p{L}\p{M}])"
)
# Before a speaking unit: "trong đó Đoàn phường X giới thiệu", "Bí thư Tỉnh đoàn X kiến nghị".
_SPEAKER_PREFIX = _compile(
    r"(?:(?:trong\s+đó|riêng|còn|đồng\s+thời)\s+)?"
    r"(?:(?P<title>(?:Phó\s+)?Bí\s+thư\s+)|[Ll]ãnh\s+đạo\s+|[Đđ]ại\s+diện\s+)?"
)
# The same cues matched backwards from a body head: they end where a head starts, so only the
# capitalised words that start a head need trying (far fewer than the places a cue word stands).
# (Its look-ahead for the capital is dropped: a match cannot see past where it ends; the
# forward pattern then confirms a match.)
_PART_CUE_BEFORE = _compile(_PART_CUE.pattern.removesuffix(r"(?=\p{Lu})"), regex.REVERSE)
assert _PART_CUE_BEFORE.pattern != _PART_CUE.pattern
# The last word of every cue ``_PART_CUE`` matches: a cue is tried only where the text before the
# spaces ends with one (tests/test_patterns.py checks an example of every kind of cue).
_PART_CUE_LAST = (
    "diện", "biểu", "thăm", "Tết", "quà", "viên", "sĩ", "trẻ", "hình", "với", "tới", "đến", "cầu", "của", "do",
    "tại", "tra", "sát", "xét", "tế", "tiếp", "sơ", "cùng", "bộ", "gồm", "là", ":", "đội", "từ", "về", "đạo",
)


def _may_end_cue(text: str, start: int, p: int) -> bool:
    """False only where no ``_PART_CUE`` in ``text[start:p]`` can end at ``p`` (after spaces)."""
    q = p
    while q > start and text[q - 1] in " \t":
        q -= 1
    return text.endswith(_PART_CUE_LAST, start, q)


def _part_cues(ctx: _Context, start: int, end: int):
    """Cues of ``_PART_CUE`` in ``ctx.norm[start:end]`` right before a body head, in order."""
    norm = ctx.norm
    heads = ctx.head_starts()
    for k in range(bisect.bisect_right(heads, start), bisect.bisect_left(heads, end)):
        p = heads[k]
        m = _may_end_cue(norm, start, p) and _PART_CUE_BEFORE.match(norm, start, p)
        if m and _HEAD.match(norm, p, min(end, p + _CUE_WINDOW)):
            m = _PART_CUE.match(norm, m.start(), end)  # the look-aheads past p, as written
            if m and m.end() == p:
                yield m


# Substrings one of which every match of _SPEAK contains (a cheap test first).
_SPEAK_WORDS = (
    "chia sẻ", "trình bày", "nêu", "kiến nghị", "đề xuất", "tham luận", "phát biểu", "giới thiệu", "cho biết",
    "báo cáo", "phản ánh", "thông tin về", "ký kết",
)
_SPEAK_HINT = re.compile("|".join(_SPEAK_WORDS))
# A list separator, after an optional note on the item before it: "Liên đội Trường A (huyện X), Liên đội B".
_CHAIN = _compile(r"(?:\s*\([^()\n]{1,60}\))?\s*(?:,|và|;)\s*")
_CLAUSE_START = _compile(r"(?:[,:;]|\.(?!\S))\s*|^\s*")  # not the dot of "TP.HCM"
#: How far after a cue a unit's name may run.
_CUE_WINDOW = 160
_WORD_END = _compile(r"[\p{L}\p{M}\p{N}]*")


def _cue_chain(norm: str, found: list[tuple[int, int]], limit: int, in_person) -> list[tuple[int, int]]:
    """The bodies after a cue, back to back, with the names listed after them:
    "Huyện đoàn Đắk Glei, Ngọc Hồi và Đoàn xã Đắk Long" is three units."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(found):
        chain = [found[i]]
        i += 1
        while i < len(found) and _CHAIN.fullmatch(norm, chain[-1][1], found[i][0]):
            chain.append(found[i])
            i += 1
        out.extend(x for x in chain if not in_person(*x))
        # no list after a bare head: "Theo báo cáo của Huyện đoàn, Lâm Bình có ..."
        if _BARE_YOUTH_UNIT.fullmatch(norm, *chain[-1]):
            break
        items = _list_items(norm, [chain[-1][1]], limit, found)
        out.extend(items)
        if not items or i == len(found) or not _CHAIN.fullmatch(norm, items[-1][1], found[i][0]):
            break
    return out


def _visited_and_speakers(ctx: _Context, in_person) -> list[_Item]:
    """Units visited, inspected, represented or speaking anywhere in the body."""
    norm = ctx.norm
    out: list[_Item] = []
    groups = _group_heads(norm)
    for s, e, _ in ctx.sentences:
        speak = _SPEAK_HINT.search(norm, s, e)
        for m in _part_cues(ctx, s, e):
            lim = _WORD_END.match(norm, min(e, m.end() + _CUE_WINDOW), e).end()  # never inside a word
            found = _find_bodies(norm, m.end(), lim)
            if not found or found[0][0] != m.end():
                continue
            if _ENUM_CUE.match(m.group()) and _AWARD.search(norm, s, e):
                continue
            out.extend(_Item(a, b) for a, b in _cue_chain(norm, found, lim, in_person))
        prev = -1
        for m in _SPEAK.finditer(norm, s, e) if speak else ():
            if m.start() == prev:  # "trình bày tham luận", "trình bày cho biết": one verb phrase
                continue
            prev = m.end()
            found = _speakers_before(norm, s, m.start())
            # "Thị đoàn A, Huyện đoàn B và Đoàn Khối C báo cáo": the clause was cut at a comma of the list
            while found and (comma := _LIST_COMMA.match(norm, s, found[0][0])):
                more = _speakers_before(norm, s, comma.start(), listed=True)
                if not more:
                    break
                found = more + found
            out.extend(_Item(a, b) for a, b in found if not in_person(a, b))
        if speak and "tham luận" in norm[s:e]:
            out.extend(_Item(a, b) for a, b in _presenters(norm, s, e) if not in_person(a, b))
        if groups and groups[-1] >= s:
            _add_groups(norm, [p for p in groups if s <= p < e], s, e, out, in_person)
    return out


# Youth groups and co-operatives named by what they do, visited or listed with the units visited:
# "tham quan mô hình … của tổ hợp tác thanh niên thôn Lùng Hóa", "thăm điểm sinh hoạt “Câu lạc bộ
# thanh niên giữ gìn văn hóa cồng chiêng”", "Chi đoàn nghiệp đoàn nghề cá An Vĩnh". The head is
# followed by lower-case words (a capitalised name after the head is read by _HEAD already).
_GROUP_HEAD = _compile(
    r"(?<![\p{L}\p{M}])(?:[Tt]ổ\s+hợp\s+tác|[Tt]ổ\s+thanh\s+niên|[Cc]âu\s+lạc\s+bộ|[Hh]ợp\s+tác\s+xã|[Cc]hi\s+đoàn)"
    r"(?=[ \t]+\p{Ll})"
)
# A visit to a model named in quotes: "thăm mô hình “…”", "đi thực tế điểm sinh hoạt “…”".
_GROUP_QUOTE_CUE = _compile(
    r"(?<![\p{L}\p{M}])(?:thăm|tham\s+quan|khảo\s+sát|kiểm\s+tra|thực\s+tế)"
    r"(?:\s+(?:mô\s+hình|điểm\s+sinh\s+hoạt))?[ \t]+[\"“]$",
    regex.REVERSE,
)
_GROUP_WORD = _compile(r"[ \t]+([\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'-]*)")
_GROUP_STOP = frozenset(
    "của do tại ở và với cùng đã đang sẽ để nhằm trong trên cho được có là nơi này đó thuộc gồm vừa mới "
    "hiện ngay khi từ theo".split()
)


def _group_end(norm: str, pos: int, limit: int) -> tuple[int, int, bool]:
    """End of a group's description from ``pos`` (after its head): (end, lower-case words, ends in a name)."""
    j, lower = pos, 0
    while lower < 8:
        m = _GROUP_WORD.match(norm, j, limit)
        if not m:
            break
        w = m.group(1)
        if w[0].isupper() or w[0].isdigit():  # the place or name that ends it: "thôn Lùng Hóa"
            while m and (m.group(1)[0].isupper() or m.group(1)[0].isdigit()):
                j = m.end()
                m = _GROUP_WORD.match(norm, j, limit)
            return j, lower, True
        if w in _GROUP_STOP:
            break
        j, lower = m.end(), lower + 1
    return j, lower, False


# The heads of _GROUP_HEAD without their first letter, to find them with str.find (far faster).
_GROUP_TAILS = ("ổ hợp tác", "ổ thanh niên", "âu lạc bộ", "ợp tác xã", "hi đoàn")


def _group_heads(norm: str) -> list[int]:
    """Start offsets of the _GROUP_HEAD matches of ``norm``, in order."""
    found = []
    for tail in _GROUP_TAILS:
        k = norm.find(tail, 1)
        while k > 0:
            if _GROUP_HEAD.match(norm, k - 1):
                found.append(k - 1)
            k = norm.find(tail, k + 1)
    return sorted(found)


def _add_groups(norm: str, heads: list[int], s: int, e: int, out: list[_Item], in_person) -> None:
    """Add to ``out`` the groups of sentence ``norm[s:e]`` (their heads at ``heads``) that a visit cue
    or a list of visited units names."""
    for p in heads:
        m = _GROUP_HEAD.match(norm, p, e)
        if m is None:  # its look-ahead ran past the sentence
            continue
        if norm[p - 1 : p] in ('"', "“"):
            # a quoted "Chi đoàn …" names a kind of model ("Chi đoàn kết nghĩa"), not one unit
            if norm.startswith(("Chi", "chi"), p) or not _GROUP_QUOTE_CUE.match(norm, s, p):
                continue
            close = norm.find("”" if norm[p - 1] == "“" else '"', p, min(e, p + 90))
            if close < 0:
                continue
            end = p + len(norm[p:close].rstrip())  # not a space typed before the closing quote
            lower, named = int(_GROUP_WORD.match(norm, m.end(), end) is not None), True
        else:
            # matched backwards: it ends at p
            cue = _PART_CUE_BEFORE.match(norm, s, p) if _may_end_cue(norm, s, p) else None
            listed = any(it.end <= p and _CHAIN.fullmatch(norm, it.end, p) for it in out)
            if cue is None and not listed:
                continue
            end, lower, named = _group_end(norm, m.end(), e)
            named = named or (norm[p].isupper() and lower >= 2)  # "Hợp tác xã rau sạch"
        if not lower or not named or in_person(p, end):
            continue
        out[:] = [it for it in out if it.start != p]  # the head alone, read before ("Hợp tác xã")
        out.append(_Item(p, end))


_PAPERS_OF = _compile(r"(?<![\p{L}\p{M}])tham\s+luận\s+của\s+", regex.I)
# Between two presenters: the first one's topic ("về mô hình …"), then a list separator.
_PRESENTER_GAP = _compile(r"(?:\s+về\s+[^.;]*?)?\s*(?:,|;|và)\s*")


def _presenters(norm: str, s: int, e: int) -> list[tuple[int, int]]:
    """Units whose papers a meeting heard: "nghe các tham luận của Huyện đoàn A về …, Huyện đoàn B
    về … và Đoàn Khối C về …" is three units. A unit named inside a topic is not one."""
    out: list[tuple[int, int]] = []
    for m in _PAPERS_OF.finditer(norm, s, e):
        prev = m.end()
        for a, b in _find_bodies(norm, m.end(), e):
            if a < prev:
                continue
            if a != m.end() and not _PRESENTER_GAP.fullmatch(norm, prev, a):
                break
            out.append((a, b))
            prev = b
    return out


_LIST_COMMA = _compile(r",[ \t]*", regex.REVERSE)  # matched backwards: it ends where a name starts


def _speakers_before(norm: str, s: int, end: int, listed: bool = False) -> list[tuple[int, int]]:
    """The bodies that make up the clause ending at ``end`` (a speaking verb, or with ``listed`` the
    comma before the next unit of the list), or none."""
    start = max(s, end - _CUE_WINDOW)
    cut = max((x.end() for x in _CLAUSE_START.finditer(norm, start, end)), default=start)
    pre = _SPEAKER_PREFIX.match(norm, cut, end)
    cut = pre.end()
    if not _HEAD.match(norm, cut, end):
        return []
    found = _find_bodies(norm, cut, end)
    if pre.group("title") and found and len(norm[found[0][0] : found[0][1]].split()) <= 2:
        return []  # "Bí thư Tỉnh ủy cho biết": a person speaking, the body not named
    if not found or found[0][0] != cut:
        return []
    # The clause is the bodies alone, back to back: "A, B và C (huyện X) đã trình bày". A name's
    # lower-case end that the name reader stopped at is kept when a separator or the verb follows
    # it: "Chi đoàn Phòng Cảnh sát cơ động, … và Đoàn cơ sở Phòng Cảnh sát giao thông trình bày".
    out = []
    for i, (a, b) in enumerate(found):
        last = i == len(found) - 1
        gap = _LIST_GAP.fullmatch(norm, b, end if last else found[i + 1][0])
        if gap is None or (last and gap.group("sep")) or (not last and not gap.group("sep")):
            return []
        tail = gap.group("tail")
        # before the verb only in a list of units: "Tỉnh đoàn thẳng thắn nêu" is one body and a manner
        if tail and (not last or listed or len(found) > 1) and not _STOP_IN_TAIL.search(tail):
            b += len(tail)
        elif tail:
            return []
        out.append((a, b))
    return out


# What may stand between two bodies of a list, or after the last one: lower-case words ending the
# name, a note in brackets, then a separator (none after the last).
_LIST_GAP = _compile(
    r"(?P<tail>(?:[ \t]+\p{Ll}[\p{L}\p{M}]*){1,3})?(?:\s*\([^()\n]{1,60}\))?(?P<sep>\s*(?:,|;|và)\s*)?"
)
# Words that cannot end a name (a clause goes on): "Huyện đoàn A tích cực chia sẻ" is not read as one.
_STOP_IN_TAIL = _compile(
    r"(?<![\p{L}\p{M}])(?:và|các|của|với|cùng|về|tại|ở|đã|được|cũng|đều|đang|sẽ|lần|cho|trong|để|có|là|"
    r"tích|nhiệt|tiếp|mới|vừa|hiện|thì|mà|này|đó|ngay|rất|luôn)(?![\p{L}\p{M}])"
)


# A place, not a party: "tại Nhà Điều hành Đại học Quốc gia", "tại Hội trường Tỉnh ủy".
_VENUE_BEFORE = _compile(
    r"(?<![\p{L}\p{M}])(?:tại|ở)\s+(?:[\p{Lu}][\p{L}\p{M}]*(?:\s+[\p{Ll}][\p{L}\p{M}]*)?\s+){0,3}$"
)


def _roles(
    ctx: _Context, text: str, start: int, end: int, source: str, people: list[_Item], in_person
):
    """Organizers and participants of one sentence (the lead)."""
    bodies = [
        (a, b)
        for a, b in _find_bodies(text, start, end)
        if not in_person(a, b)
        and not (_VENUE_BEFORE.search(text, max(0, a - 40), a) and not _YOUTH_UNIT.match(text, a))
    ]

    def outside(m) -> bool:
        return not any(a <= m.start() < b for a, b in bodies)

    # "X đã báo cáo ... với Y": Y hears the report (data/ANNOTATION.md: the organizer)
    if bodies:
        a0, b0 = bodies[0]
        m = _REPORTS_TO.match(text, b0, end)
        if m:
            nxt = [x for x in bodies if x[0] == m.end()]
            if nxt:
                return [_Item(*nxt[0], source)], [_Item(a0, b0, source)]
    work = next((m for m in _WORK_VERB.finditer(text, start, end) if outside(m)), None)
    hold = next((m for m in _HOLD_VERB.finditer(text, start, end) if outside(m)), None)
    organizers: list[_Item] = []
    participants: list[_Item] = []
    verb = None
    for v in (work, hold):
        if v is not None and (verb is None or v.start() < verb.start()):
            verb = v
    if verb is hold and work is not None and _CHAIRS_MEETING.fullmatch(text, hold.start(), work.start()):
        verb = work  # "X chủ trì buổi làm việc của A với B": the meeting's own parties
    if verb is None:
        # passive: "... do X tổ chức" / "dưới sự chủ trì của X"
        m = _rx(r"(?<![\p{L}\p{M}])(?:do|của)\s+(?=[\p{Lu}])").search(text[start:end])
        if m and bodies:
            for a, b in bodies:
                if a == start + m.end():
                    organizers.append(_Item(a, b, source))
                    break
        elif bodies:
            organizers.append(_Item(*bodies[0], source))
        return organizers, participants
    subj = [(a, b) for a, b in bodies if b <= verb.start()]
    # not the body whose congress is prepared: "chuẩn bị Đại hội đại biểu Đoàn TNCS ... tỉnh X"
    obj = [(a, b) for a, b in bodies if a >= verb.end() - 1 and not _CONGRESS_OF.search(text, max(0, a - 25), a)]
    # "buổi làm việc của X với Y"
    if verb is work and not subj and _rx(r"\s+của\s+").match(text, verb.end(), end) and obj:
        subj, obj = obj[:1], obj[1:]
        if obj and not _rx(r"\s*(?:,\s*)?với\s+$").match(text[subj[0][1] : obj[0][0]]):
            obj = []
    deleg = [(a, b) for a, b in subj if _rx(r"[đĐ]oàn\s+(?:công|kiểm|giám|khảo)").match(text, a, b)]
    if deleg:
        organizers.append(_Item(*deleg[0], source))
    elif subj:
        organizers.append(_Item(*subj[0], source))
        for a, b in subj[1:]:
            gap = text[organizers[-1].end : a]
            if _rx(r"\s*(?:,|và|phối\s+hợp(?:\s+với)?|cùng|cùng\s+với|với)\s*").fullmatch(gap):
                organizers.append(_Item(a, b, source))
    else:
        for p in people:
            ts = p.data.get("title_span")
            if p.source == source and ts and start <= p.start < verb.start():
                tb = _find_bodies(text, ts[0], ts[1])
                if tb:
                    pick = _pick_title_body(ctx, text, tb)
                    organizers.append(_Item(pick[0], pick[1], source))
                break
        if not organizers:
            # "Thường trực Tỉnh ủy" as a leader's title without a name: "Bí thư Tỉnh ủy làm việc với"
            m = _rx(
                r"(?:(?:Phó\s+)?(?:Bí\s+thư|Chủ\s+tịch)(?:\s+Thường\s+trực|\s+thường\s+trực)?)\s+(?=[\p{Lu}])",
            ).search(text[start : verb.start()])
            if m:
                tb = _find_bodies(text, start + m.end(), verb.start())
                if tb:
                    organizers.append(_Item(*tb[0], source))
    # "X phối hợp (với) Y tổ chức": Y co-organises.
    if hold is not None and organizers:
        m = _rx(r"phối\s+hợp(?:\s+với)?\s+$").search(
            text[organizers[-1].end : organizers[-1].end + 20]
        ) or _rx(r"\s+phối\s+hợp(?:\s+với)?\s+").match(text, organizers[-1].end, end)
        if m:
            nxt = [(a, b) for a, b in bodies if a > organizers[-1].end][:1]
            for a, b in nxt:
                organizers.append(_Item(a, b, source))
    # "X có buổi làm việc với đoàn công tác của Y": the central delegation is the organizer
    if (
        verb is work
        and obj
        and organizers
        and _DELEGATION.match(text, obj[0][0])
        and not _DELEGATION.match(text, organizers[0].start)
    ):
        return [_Item(*obj[0], source)], [_Item(organizers[0].start, organizers[0].end, source)]
    if verb is work and obj:
        participants.append(_Item(*obj[0], source))
        for a, b in obj[1:]:
            if _rx(r"\s*(?:,|và)\s*").fullmatch(text, participants[-1].end, a):
                participants.append(_Item(a, b, source))
            else:
                break
    return organizers, participants


# "chủ trì buổi làm việc": the chair's verb before the meeting's own.
_CHAIRS_MEETING = _compile(r"chủ\s+trì\s+(?:buổi|cuộc)\s+")
# "X đã báo cáo ... với Y": Y hears the report (data/ANNOTATION.md: the organizer).
_REPORTS_TO = _compile(r"\s+(?:đã\s+)?(?:có\s+buổi\s+)?báo\s+cáo(?![\p{L}\p{M}])[^.;]{0,160}?\s+với\s+")
_DELEGATION = _compile(r"[đĐ]oàn\s+(?:công|kiểm|giám|khảo)")
_CONGRESS_OF = _compile(r"Đại\s+hội\s+(?:đại\s+biểu\s+)?$")
_LEADER_OFFICE = _compile(
    r"(?<![\p{L}\p{M}])(?:Phó\s+)?(?:Bí\s+thư|Chủ\s+tịch|Chủ\s+nhiệm|[Tt]rưởng|Giám\s+đốc|Chánh|"
    r"Chỉ\s+huy\s+trưởng|Tư\s+lệnh|Hiệu\s+trưởng|Chính\s+[uủ][ỷy])(?:\s+[Tt]hường\s+trực)?\s+$",
    regex.REVERSE,
)


def _pick_title_body(ctx: _Context, text: str, bodies: list[tuple[int, int]]) -> tuple[int, int]:
    """The body of the first leadership office of a convener's title (data/ANNOTATION.md):
    "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" → "Tỉnh ủy"; else the last body."""
    return _leader_body(text, bodies) or bodies[-1]


def _leader_body(text: str, bodies: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first of a title's ``bodies`` that follows a leadership office ("Bí thư Tỉnh ủy").

    "Phó Bí thư Thường trực Tỉnh ủy" holds an office of the Tỉnh ủy: "Thường trực" is the office's."""
    x = next((x for x in bodies if _LEADER_OFFICE.search(text, max(0, x[0] - 30), x[0])), None)
    if x is not None and text.startswith(("Thường trực ", "thường trực "), x[0]) and x[1] > x[0] + 12:
        x = (x[0] + 12, x[1])
    return x


# Leadership prefixes that do not change which body is meant ("Ban Thường vụ Tỉnh đoàn" is Tỉnh đoàn's).
_BOARD_PREFIX = _compile(r"^(?:Ban Thường vụ|Ban Chấp hành|Thường trực|lãnh đạo|đại diện)\s+")
_BOARD_PREFIX_CF = _compile(r"^(?:ban thường vụ|ban chấp hành|thường trực|lãnh đạo|đại diện|ban bí thư)\s+")
_DELEGATION_PREFIX = _compile(
    r"^(?:đoàn\s+(?:công\s+tác|kiểm\s+tra|giám\s+sát|khảo\s+sát)\S*(?:\s+của)?\s+)", regex.I
)
_TERM_SUFFIX = _compile(r"\s+khóa\s+[IVXLC]+$", regex.I)
# "Sở Nội vụ" is "Nội vụ" of a "các sở: Nội vụ, ..." list; "Huyện đoàn Sóc Sơn" is "Sóc Sơn" of one.
_UNIT_HEAD = _compile(r"^(?:sở|ban|phòng|chi nhánh|huyện đoàn|tỉnh đoàn|thành đoàn|quận đoàn|thị đoàn)\s+")
# A body over another: "Ban Tổ chức T.Ư Đoàn" is not "Ban Tổ chức" of a province.
_PARENT_BODY = _compile(r"\s(T\.Ư Đoàn|T\.Ư Hội|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy Khối|tỉnh|thành phố)$")
_PARENT_REST = _compile(
    r"^(?:t\.ư đoàn|t\.ư hội|tỉnh ủy|thành ủy|huyện ủy|đảng ủy|tỉnh đoàn|thành đoàn|tỉnh|thành phố)"
)
_SUB_BODY = _compile(r"^(?:Ban|Văn phòng|Ủy ban|Trung tâm|Viện)\s")
_SECRETARIAT = _compile(r"^Ban Bí thư\s+")


@lru_cache(maxsize=4096)
def _body_key(text: str) -> str:
    """The unit a body name stands for, without its place or board: "tỉnh đoàn"."""
    unit = normalize_body(text, with_unit=True)[1]
    k = _BOARD_PREFIX.sub("", _DELEGATION_PREFIX.sub("", unit))
    return _SECRETARIAT.sub("", k).casefold()


@lru_cache(maxsize=4096)
def _place_of(text: str) -> str:
    """The place a body name ends with ("sơn la" of "Tỉnh đoàn Sơn La"), or ""."""
    name, unit = normalize_body(text, with_unit=True)
    name = _TERM_SUFFIX.sub("", name)
    return name[len(unit) :].strip().casefold() if name.startswith(unit) else ""


@lru_cache(maxsize=4096)
def _full_key(text: str) -> str:
    """The whole name, place included, without its board or term: "tỉnh đoàn sơn la"."""
    return _BOARD_PREFIX_CF.sub("", _TERM_SUFFIX.sub("", normalize_body(text).casefold()))


def _shared_parents(ctx: _Context, items: list[_Item]) -> dict[tuple[str, int], str]:
    """"Ban Tổ chức, Ban Tuyên giáo, Văn phòng T.Ư Đoàn": the earlier items of a list share its parent.

    Returns the full name each such item stands for, by (source, start).
    """
    out: dict[tuple[str, int], str] = {}
    run: list[_Item] = []

    def close() -> None:
        while len(run) > 1:
            m = _PARENT_BODY.search(normalize_body(ctx.text_of(run[-1])))
            if not m:
                run.pop()
                continue
            for it in run[:-1]:
                name = normalize_body(ctx.text_of(it))
                if _SUB_BODY.match(name) and not name.endswith(m.group(1)):
                    out[(it.source, it.start)] = name + " " + m.group(1)
            return

    for it in sorted(items, key=lambda x: (x.source, x.start)):
        if run and (run[-1].source, run[-1].start) == (it.source, it.start):
            continue
        text = ctx.title if it.source == "title" else ctx.norm
        if run and (run[-1].source != it.source or not _LIST_SEP.fullmatch(text, run[-1].end, it.start)):
            close()
            run = []
        run.append(it)
    close()
    return out


def _dedupe_bodies(ctx: _Context, items: list[_Item], exclude: Sequence[_Item] = ()) -> list[_Item]:
    """Each body once, in order, leaving out the bodies of ``exclude`` (the organizers).

    Two mentions are one body when their units match and their places match or one
    has none ("Ban Chấp hành Tỉnh đoàn" after "Ban Chấp hành Tỉnh đoàn Sơn La khóa XIV"),
    when one is the other without its head ("Nội vụ", "Sở Nội vụ"), or when a later one is
    an earlier one cut short ("Đoàn Khối" after "Đoàn Khối các cơ quan tỉnh") but not
    short of a parent ("Ban Tổ chức" is not "Ban Tổ chức T.Ư Đoàn").
    """
    parents = _shared_parents(ctx, items)
    org_keys = {_body_key(ctx.text_of(x)) for x in exclude}
    known = [(_body_key(ctx.text_of(x)), _place_of(ctx.text_of(x))) for x in exclude]
    seen: list[tuple[str, str]] = []  # names kept (a list's shared parent included), without their heads
    fulls: list[str] = []
    out: list[_Item] = []
    for it in items:
        t = ctx.text_of(it).strip()
        if len(t) < 3:
            continue
        k, place = _body_key(t), _place_of(t)
        if any(
            kk == k
            # cut short ("Thành đoàn" after "Thành đoàn Thủ Đức"), unless it names its own province
            or (kk in org_keys and ((kk.startswith(k + " ") and not place) or k.startswith(kk + " ")))
            for kk, pp in known
            if not (place and pp and place != pp)
        ):
            continue
        full = _full_key(t)
        names = {full}
        if (it.source, it.start) in parents:
            names.add(_full_key(parents[(it.source, it.start)]))
        stripped = [(a, _UNIT_HEAD.sub("", a)) for a in names]
        if any(a == s or a == s_bare or a_bare == s for a, a_bare in stripped for s, s_bare in seen):
            continue
        if any(f.startswith(full + " ") and not _PARENT_REST.match(f[len(full) + 1 :]) for f in fulls):
            continue
        known.append((k, place))
        seen.extend(stripped)
        fulls.append(full)
        out.append(it)
    return out


# ----------------------------------------------------------------------------- figures

_FIG = _compile(
    r"(?<![\p{L}\p{M}\p{N}/.,:\-])"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:/(?P<den>\d{1,3})(?![\d/]))?"
    r"(?P<pct>\s?%)?"
    r"(?:[ \t]+(?P<unit>tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|ngàn\s+đồng|tỷ|triệu|nghìn|ngàn|km|ha|tấn|kg|m2|m²|"
    r"lượt|USD))?(?![\p{L}\p{M}\p{N}])"
)
# A word after a number, matched where the one before it ends.
_COUNT_WORD = _compile(r"[ \t]+([\p{L}\p{M}][\p{L}\p{M}\p{N}\-]*|\"[^\"]{1,40}\"|“[^”]{1,40}”)")
# A word before a number that makes it a bound or an estimate ("hơn 1.700", "gần 3 tỷ đồng").
_QUALIFIER = _compile(
    r"(?<![\p{L}\p{M}])(hơn|gần|khoảng|trên|ít\s+nhất|dưới|ngót|xấp\s+xỉ|tối\s+thiểu)[ \t]+$",
    regex.IGNORECASE | regex.REVERSE,  # anchored at the end: matching backwards from it is faster
)
_QUOTE_OPEN = _compile(r"[\"“][^\"”]{0,20}$")
_QUOTE_CLOSE = _compile(r"[^\"”]{0,30}[\"”]")
# What a figure never counts: time, age, order (data/ANNOTATION.md, "figures").
_NOT_COUNT = _compile(
    r"(?:ngày(?!\s+(?:công|hội)(?![\p{L}\p{M}]))|tháng|năm|giờ(?!\s+công)|phút|tuổi|lần\s+thứ|thứ|số|khóa|khoá|"
    r"kỳ|quý|giây|tuần|mùa|"
    r"giai\s+đoạn|km/h)(?![\p{L}\p{M}])",
    regex.I,
)
_FIG_EXCLUDE_BEFORE = _compile(
    r"(?:lần\s+thứ|thứ|số|khóa|khoá|Nghị\s+quyết|Kết\s+luận|Chỉ\s+thị|Quyết\s+định|Điều|Luật[\p{L}\s]{0,20}|"
    r"ngày|tháng|năm|Năm|quý|Quý|giai\s+đoạn|nhiệm\s+kỳ|năm\s+học|lớp|Hướng\s+dẫn|Kế\s+hoạch|Đề\s+án|Chương\s+trình|"
    r"top|Top|hạng|mã|QL|Quốc\s+lộ|phòng|Phòng|Trường|trường|Tiểu\s+đoàn|Sư\s+đoàn|Trung\s+đoàn|"
    r"Quân\s+khu|Quân\s+đoàn|Lữ\s+đoàn|Đội|Tổ|Khu|khu|Ấp|ấp|Tổ\s+dân\s+phố|Xóm|xóm|Thôn|thôn|Bản|bản|"
    r"Phường|phường|Quận|quận|Khóa|Khoá|đường|Đường|số\s+nhà|Hotline|hotline|ĐT|điện\s+thoại)\s*$",
    regex.REVERSE,  # anchored at the end: matching backwards from it is faster
)
# The last word of every alternative of ``_FIG_EXCLUDE_BEFORE`` but "Luật …" (whose words vary), and of
# ``_QUALIFIER``: the patterns are tried only where the text before a figure ends so (a cheap test first).
_FIG_EXCLUDE_LAST = tuple(
    "thứ số khóa khoá quyết luận thị định Điều ngày tháng năm Năm quý Quý đoạn kỳ học lớp dẫn hoạch án trình top "
    "Top hạng mã QL lộ phòng Phòng Trường trường đoàn khu Khu Đội Tổ Ấp ấp phố Xóm xóm Thôn thôn Bản bản Phường "
    "phường Quận quận Khóa Khoá đường Đường nhà Hotline hotline ĐT thoại".split()
)
_QUALIFIER_LAST = ("hơn", "gần", "khoảng", "trên", "nhất", "dưới", "ngót", "xỉ", "thiểu")


def _excluded_before(before: str) -> bool:
    """``_FIG_EXCLUDE_BEFORE.search(before)``, the pattern run only where it can match."""
    if not (before.rstrip().endswith(_FIG_EXCLUDE_LAST) or "Luật" in before):
        return False
    return _FIG_EXCLUDE_BEFORE.search(before) is not None


def _qualifier(before: str):
    """``_QUALIFIER.search(before)``, the pattern run only where it can match."""
    if not before.rstrip().lower().endswith(_QUALIFIER_LAST):
        return None
    return _QUALIFIER.search(before)


_COUNT_STOP = frozenset(
    "và với cho của trong tại được đã đang sẽ là có từ đến để nhằm theo trên hơn gần khoảng "
    "đạt thu hút tham gia mỗi này đó".split()
)
_COUNT_VERB = frozenset(
    "tham hỗ trao tặng giúp thực tổ xây vận đóng ủng nhận lên xuống về ra vào đi khám cấp phát "
    "kết hoàn vượt bằng so trị tương được".split()
)


_DIGIT = re.compile(r"\d")  # same digits as ``regex``'s \d: Unicode decimal digits
_DIGIT_RUN = re.compile(r"\d\d*")  # not \d+: a pattern that starts with a single class is scanned faster


def _fig_matches(seg: str):
    """``_FIG.finditer(seg)``, trying only where a run of digits starts (where any match starts)."""
    end = 0
    for r in _DIGIT_RUN.finditer(seg):
        if r.start() >= end:
            m = _FIG.match(seg, r.start())
            if m:
                end = m.end()
                yield m


def _figures(ctx: _Context, date: _Item | None) -> list[_Item]:
    """Every quantity in digits with what it counts (data/ANNOTATION.md), title first, in order."""
    out: list[_Item] = []
    seen: set[tuple[float, str]] = set()
    scopes: list[tuple[str, int, int, str]] = []
    if ctx.title is not None:
        scopes.append((ctx.title, 0, len(ctx.title), "title"))
    scopes.extend((ctx.norm, s, e, "text") for s, e, _ in ctx.sentences)
    for text, s, e, src in scopes:
        if not _DIGIT.search(text, s, e):
            continue
        seg = text[s:e]
        for m in _fig_matches(seg):
            a = m.start()
            before = seg[max(0, a - 25) : a]
            if _excluded_before(before):
                continue
            num, den, pct, unit = m.group("num", "den", "pct", "unit")
            value = parse_number(num)
            if value is None or value == 0:
                continue
            if (
                src == "text"
                and date is not None
                and date.source == "text"
                and s + a < date.end
                and s + m.end() > date.start
            ):
                continue
            if ('"' in before or "“" in before) and _QUOTE_OPEN.search(before) and _QUOTE_CLOSE.match(
                seg, m.end()
            ):
                continue  # inside a quoted name: "3 cùng"
            if len(num) == 4 and 1900 <= value <= 2100 and not unit and not pct:
                continue  # a year
            unit = "%" if pct else (" ".join(unit.split()) if unit else None)
            j = m.end()
            words: list[str] = []
            w = _COUNT_WORD.match(seg, j)
            while w and len(words) < 6:
                word = w.group(1)
                low = word.lower()
                if low in _COUNT_STOP or (words and (word[0].isdigit() or low in _COUNT_VERB)):
                    break
                words.append(word)
                j = w.end()
                w = _COUNT_WORD.match(seg, j)
            if unit == "lượt":
                words = ["lượt"] + words
                unit = None
            if not words and unit is None:
                continue
            counts = " ".join(words).rstrip(",;:")
            if counts and _NOT_COUNT.match(counts):
                continue
            if den and not counts:
                continue
            if value == 1 and not unit:
                continue
            key = (float(value), counts.split()[0].casefold() if counts else (unit or ""))
            if key in seen:
                continue  # the same quantity again (title and lead, or a recap)
            seen.add(key)
            end = len(seg[:j].rstrip(",;: ")) if words else m.end()
            q = _qualifier(before)
            qualifier = " ".join(q.group(1).lower().split()) if q else None
            start = a - (len(before) - q.start()) if q else a
            out.append(
                _Item(
                    s + start,
                    s + end,
                    src,
                    data={"value": value, "unit": unit, "counts": counts, "qualifier": qualifier},
                )
            )
    return out
