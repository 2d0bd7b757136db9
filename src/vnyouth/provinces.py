"""Vietnam's provinces before and after the 2025 merger, with the spellings articles use.

Facts and their source
----------------------
* The 63 provincial-level units (58 provinces, 5 centrally-run cities) as they
  stood until 30 June 2025. Thừa Thiên Huế became the centrally-run city of
  Huế on 1 January 2025; both names are listed under the same entry.
* The 34 units from 1 July 2025 (28 provinces, 6 centrally-run cities) set by
  Resolution 202/2025/QH15 of the National Assembly on the arrangement of
  provincial-level administrative units, adopted 12 June 2025, in force
  1 July 2025. Eleven units are unchanged (Hà Nội, Huế, Lai Châu, Điện Biên,
  Sơn La, Lạng Sơn, Quảng Ninh, Thanh Hóa, Nghệ An, Hà Tĩnh, Cao Bằng); the
  other 52 were merged into 23 units, each named after one of its members.

The table was transcribed on 2025-11-21 from the project's corpus authoring
brief, which restates the resolution's list, and checked against the
resolution's published list of merged units. Names are given in the
new-style tone placement of official documents ("Thanh Hóa", "Khánh Hòa");
:func:`lookup` also accepts the old placement ("Thanh Hoá"), common
abbreviations ("TP.HCM", "TT-Huế", "BR-VT") and the older spellings
("Đăk Lăk", "Bắc Cạn").

>>> lookup("TP.HCM").name, lookup("Hoà Bình").current, current_unit("Thừa Thiên Huế")
('TP Hồ Chí Minh', 'Phú Thọ', 'Huế')
>>> members("Ninh Bình")
('Ninh Bình', 'Hà Nam', 'Nam Định')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from .normalize import canonical_tones

__all__ = [
    "Province",
    "PROVINCES",
    "UNITS_2025",
    "RESOLUTION",
    "EFFECTIVE_DATE",
    "lookup",
    "current_unit",
    "members",
    "find_provinces",
    "province_at",
    "ProvinceMention",
]

#: The resolution that set the 34 units.
RESOLUTION = "Resolution 202/2025/QH15"
#: The day the 34 units came into force.
EFFECTIVE_DATE = "2025-07-01"


@dataclass(frozen=True)
class Province:
    """One of the 63 pre-July-2025 provincial-level units.

    Attributes
    ----------
    name : str
        Canonical name before 1 July 2025 ("Thừa Thiên Huế", "TP Hồ Chí Minh").
    kind : str
        ``"tỉnh"`` or ``"thành phố"`` (centrally-run city) before the merger.
    current : str
        The unit it belongs to from 1 July 2025 (one of :data:`UNITS_2025`).
    variants : tuple of str
        Other ways articles write it (besides tone-placement and case variants).
    """

    name: str
    kind: str
    current: str
    variants: tuple[str, ...] = ()


# (name, kind, current unit, variants). Order: the resolution's merged groups,
# the new unit's namesake first.
_TABLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # unchanged
    ("Hà Nội", "thành phố", "Hà Nội", ("TP Hà Nội", "Thủ đô Hà Nội")),
    (
        "Thừa Thiên Huế",
        "tỉnh",
        "Huế",
        ("Thừa Thiên - Huế", "Thừa Thiên – Huế", "TT-Huế", "TT - Huế", "Huế"),
    ),
    ("Lai Châu", "tỉnh", "Lai Châu", ()),
    ("Điện Biên", "tỉnh", "Điện Biên", ()),
    ("Sơn La", "tỉnh", "Sơn La", ()),
    ("Lạng Sơn", "tỉnh", "Lạng Sơn", ()),
    ("Quảng Ninh", "tỉnh", "Quảng Ninh", ()),
    ("Thanh Hóa", "tỉnh", "Thanh Hóa", ()),
    ("Nghệ An", "tỉnh", "Nghệ An", ()),
    ("Hà Tĩnh", "tỉnh", "Hà Tĩnh", ()),
    ("Cao Bằng", "tỉnh", "Cao Bằng", ()),
    # merged
    ("Tuyên Quang", "tỉnh", "Tuyên Quang", ()),
    ("Hà Giang", "tỉnh", "Tuyên Quang", ()),
    ("Lào Cai", "tỉnh", "Lào Cai", ()),
    ("Yên Bái", "tỉnh", "Lào Cai", ()),
    ("Thái Nguyên", "tỉnh", "Thái Nguyên", ()),
    ("Bắc Kạn", "tỉnh", "Thái Nguyên", ("Bắc Cạn",)),
    ("Phú Thọ", "tỉnh", "Phú Thọ", ()),
    ("Vĩnh Phúc", "tỉnh", "Phú Thọ", ()),
    ("Hòa Bình", "tỉnh", "Phú Thọ", ()),
    ("Bắc Ninh", "tỉnh", "Bắc Ninh", ()),
    ("Bắc Giang", "tỉnh", "Bắc Ninh", ()),
    ("Hưng Yên", "tỉnh", "Hưng Yên", ()),
    ("Thái Bình", "tỉnh", "Hưng Yên", ()),
    ("Hải Phòng", "thành phố", "Hải Phòng", ("TP Hải Phòng",)),
    ("Hải Dương", "tỉnh", "Hải Phòng", ()),
    ("Ninh Bình", "tỉnh", "Ninh Bình", ()),
    ("Hà Nam", "tỉnh", "Ninh Bình", ()),
    ("Nam Định", "tỉnh", "Ninh Bình", ()),
    ("Quảng Trị", "tỉnh", "Quảng Trị", ()),
    ("Quảng Bình", "tỉnh", "Quảng Trị", ()),
    ("Đà Nẵng", "thành phố", "Đà Nẵng", ("TP Đà Nẵng",)),
    ("Quảng Nam", "tỉnh", "Đà Nẵng", ()),
    ("Quảng Ngãi", "tỉnh", "Quảng Ngãi", ()),
    ("Kon Tum", "tỉnh", "Quảng Ngãi", ("Kontum",)),
    ("Gia Lai", "tỉnh", "Gia Lai", ()),
    ("Bình Định", "tỉnh", "Gia Lai", ()),
    ("Khánh Hòa", "tỉnh", "Khánh Hòa", ()),
    ("Ninh Thuận", "tỉnh", "Khánh Hòa", ()),
    ("Lâm Đồng", "tỉnh", "Lâm Đồng", ()),
    ("Đắk Nông", "tỉnh", "Lâm Đồng", ("Đăk Nông", "Đắc Nông", "Dak Nong")),
    ("Bình Thuận", "tỉnh", "Lâm Đồng", ()),
    (
        "Đắk Lắk",
        "tỉnh",
        "Đắk Lắk",
        ("Đăk Lăk", "Đắc Lắc", "Đắk Lăk", "Đăk Lắk", "Dak Lak", "Daklak", "ĐắkLắk"),
    ),
    ("Phú Yên", "tỉnh", "Đắk Lắk", ()),
    (
        "TP Hồ Chí Minh",
        "thành phố",
        "TP Hồ Chí Minh",
        (
            "TP.HCM",
            "TP. HCM",
            "TP HCM",
            "TPHCM",
            "Tp.HCM",
            "Tp HCM",
            "TP.Hồ Chí Minh",
            "TP. Hồ Chí Minh",
            "Tp. Hồ Chí Minh",
            "Tp Hồ Chí Minh",
            "Thành phố Hồ Chí Minh",
            "thành phố Hồ Chí Minh",
            "Thành phố HCM",
            "thành phố HCM",
        ),
    ),
    ("Bình Dương", "tỉnh", "TP Hồ Chí Minh", ()),
    (
        "Bà Rịa - Vũng Tàu",
        "tỉnh",
        "TP Hồ Chí Minh",
        (
            "Bà Rịa-Vũng Tàu",
            "Bà Rịa – Vũng Tàu",
            "Bà Rịa–Vũng Tàu",
            "Bà Rịa Vũng Tàu",
            "BR-VT",
            "BR - VT",
            "BRVT",
            "Vũng Tàu",
        ),
    ),
    ("Đồng Nai", "tỉnh", "Đồng Nai", ()),
    ("Bình Phước", "tỉnh", "Đồng Nai", ()),
    ("Tây Ninh", "tỉnh", "Tây Ninh", ()),
    ("Long An", "tỉnh", "Tây Ninh", ()),
    ("Cần Thơ", "thành phố", "Cần Thơ", ("TP Cần Thơ",)),
    ("Sóc Trăng", "tỉnh", "Cần Thơ", ()),
    ("Hậu Giang", "tỉnh", "Cần Thơ", ()),
    ("Vĩnh Long", "tỉnh", "Vĩnh Long", ()),
    ("Bến Tre", "tỉnh", "Vĩnh Long", ()),
    ("Trà Vinh", "tỉnh", "Vĩnh Long", ()),
    ("Đồng Tháp", "tỉnh", "Đồng Tháp", ()),
    ("Tiền Giang", "tỉnh", "Đồng Tháp", ()),
    ("Cà Mau", "tỉnh", "Cà Mau", ()),
    ("Bạc Liêu", "tỉnh", "Cà Mau", ()),
    ("An Giang", "tỉnh", "An Giang", ()),
    ("Kiên Giang", "tỉnh", "An Giang", ()),
)

#: The 63 pre-July-2025 units, in the order of the resolution's groups.
PROVINCES: tuple[Province, ...] = tuple(Province(n, k, c, v) for n, k, c, v in _TABLE)

_CITIES_2025 = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP Hồ Chí Minh", "Cần Thơ")
#: The 34 units from 1 July 2025: name -> ``"tỉnh"`` or ``"thành phố"``.
UNITS_2025: dict[str, str] = {
    c: ("thành phố" if c in _CITIES_2025 else "tỉnh")
    for c in dict.fromkeys(p.current for p in PROVINCES)
}

_BY_NAME = {p.name: p for p in PROVINCES}
_PREFIX = regex.compile(r"^(?:tỉnh|thành phố|tp\.?|t\.p\.?)\s*(?=\p{L})", regex.I)
_DASH = regex.compile(r"\s*[-–—]\s*")
_SPACE = regex.compile(r"\s+")


def _key(name: str) -> str:
    """Lookup key: NFC, new-style tones, case-folded, dashes and spaces unified."""
    text = canonical_tones(unicodedata.normalize("NFC", name)).strip().casefold()
    text = _DASH.sub("-", _SPACE.sub(" ", text))
    return text.replace("tp. ", "tp ").replace("tp.", "tp ")


@lru_cache(maxsize=1)
def _keys() -> dict[str, Province]:
    keys: dict[str, Province] = {}
    for p in PROVINCES:
        for v in (p.name, *p.variants):
            keys.setdefault(_key(v), p)
    # The new unit "Huế" is the old Thừa Thiên Huế.
    keys.setdefault(_key("Huế"), _BY_NAME["Thừa Thiên Huế"])
    return keys


def lookup(name: str) -> Province | None:
    """Return the :class:`Province` a name refers to, or ``None``.

    Accepts the canonical name, the variants, old/new tone placement, any
    case, and a leading "tỉnh"/"thành phố"/"TP". A name of a post-2025 unit
    returns the pre-2025 province of the same name (its namesake member).

    >>> lookup("tỉnh Thanh Hoá").name, lookup("Đăk Lăk").name, lookup("Paris")
    ('Thanh Hóa', 'Đắk Lắk', None)
    """
    if not isinstance(name, str):
        raise TypeError(f"lookup() expects str, got {type(name).__name__}")
    keys = _keys()
    k = _key(name)
    if k in keys:
        return keys[k]
    stripped = _PREFIX.sub("", k).strip()
    return keys.get(stripped)


def current_unit(name: str) -> str | None:
    """The unit (from 1 July 2025) that a pre- or post-2025 province name belongs to.

    >>> current_unit("Bình Dương"), current_unit("Kiên Giang"), current_unit("Atlantis")
    ('TP Hồ Chí Minh', 'An Giang', None)
    """
    p = lookup(name)
    return p.current if p else None


def members(unit: str) -> tuple[str, ...]:
    """The pre-2025 provinces that form a post-2025 unit (namesake first); empty if unknown."""
    p = lookup(unit)
    if p is None:
        return ()
    return tuple(q.name for q in PROVINCES if q.current == p.current)


# ---------------------------------------------------------------- finding names in text


@dataclass(frozen=True)
class ProvinceMention:
    """A province name found in a text: the text as written, its :class:`Province`, its span."""

    text: str
    province: Province
    start: int
    end: int


# Strings that contain a province name but are not the province: they are
# matched first and thrown away.
_BLOCKERS = ("Thái Bình Dương", "Điện Biên Phủ", "Hồ Chí Minh")


def _old_tones(text: str) -> str:
    """New-style → old-style tone placement for "oa/oe/uy" at word end (Hòa → Hoà)."""
    pairs = {
        "òa": "oà",
        "óa": "oá",
        "ỏa": "oả",
        "õa": "oã",
        "ọa": "oạ",
        "òe": "oè",
        "óe": "oé",
        "ỏe": "oẻ",
        "õe": "oẽ",
        "ọe": "oẹ",
        "ùy": "uỳ",
        "úy": "uý",
        "ủy": "uỷ",
        "ũy": "uỹ",
        "ụy": "uỵ",
    }
    for new, old in pairs.items():
        text = regex.sub(new + r"(?!\w)", old, text)
    return text


@lru_cache(maxsize=1)
def _finder() -> tuple[dict[str, regex.Pattern], dict[str, Province | None], re.Pattern]:
    forms: dict[str, Province | None] = {}
    for p in PROVINCES:
        for v in (p.name, *p.variants):
            for f in {v, _old_tones(v), v.upper(), _old_tones(v).upper()}:
                forms.setdefault(f, p)
    for b in _BLOCKERS:
        for f in (b, b.upper()):
            forms.setdefault(f, None)
    # A cheap first pass (the standard library's engine) finds where a name can start; a small
    # pattern per first word then matches the whole name there.
    by_first: dict[str, list[str]] = {}
    for f in forms:
        by_first.setdefault(regex.match(r"[\p{L}\p{M}]+", f).group(), []).append(f)
    patterns = {
        w: regex.compile(
            r"(?:"
            + "|".join(regex.escape(f) for f in sorted(fs, key=len, reverse=True))
            + r")(?![\p{L}\p{M}\p{N}])"
        )
        for w, fs in by_first.items()
    }
    prefilter = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(w) for w in sorted(by_first, key=len, reverse=True))
        + r")(?!\w)"
    )
    return patterns, forms, prefilter


_WORD = regex.compile(r"[\p{L}\p{M}]+")


def province_at(text: str, pos: int) -> ProvinceMention | None:
    """The province name that starts exactly at ``text[pos]``, if any (blockers give ``None``).

    >>> province_at("Tỉnh đoàn Hoà Bình", 10).province.name, province_at("Tỉnh đoàn Hoà Bình", 0)
    ('Hòa Bình', None)
    """
    if pos and (text[pos - 1].isalnum() or unicodedata.combining(text[pos - 1])):
        return None
    patterns, forms, _ = _finder()
    m = _WORD.match(text, pos)
    if not m or m.group() not in patterns:
        return None
    hit = patterns[m.group()].match(text, pos)
    if hit is None:
        return None
    p = forms.get(hit.group())
    return ProvinceMention(hit.group(), p, hit.start(), hit.end()) if p is not None else None


def find_provinces(text: str) -> list[ProvinceMention]:
    """Every province name in ``text`` (as written, in any listed spelling), in order.

    Names inside longer proper names that are not the province ("Thái Bình
    Dương", "Đoàn TNCS Hồ Chí Minh") are skipped; matching is case-sensitive
    except for all-capital forms ("SƠN LA").

    >>> [(m.text, m.province.name) for m in find_provinces("Tỉnh đoàn Thanh Hoá và Đoàn TNCS Hồ Chí Minh TP.HCM")]
    [('Thanh Hoá', 'Thanh Hóa'), ('TP.HCM', 'TP Hồ Chí Minh')]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_provinces() expects str, got {type(text).__name__}")
    patterns, forms, prefilter = _finder()
    out = []
    pos = 0
    for c in prefilter.finditer(text):
        if c.start() < pos or (c.start() and unicodedata.combining(text[c.start() - 1])):
            continue
        m = patterns[c.group()].match(text, c.start())
        if m is None:
            continue
        pos = m.end()
        p = forms.get(m.group())
        if p is not None:
            out.append(ProvinceMention(m.group(), p, m.start(), m.end()))
    return out
