"""The province table (63 → 34, Resolution 202/2025/QH15), lookups and finding names in text."""

import unicodedata

import pytest

from vnyouth import provinces as P
from vnyouth.data import load_split

UNCHANGED = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
]
MERGED = {  # new unit -> its pre-2025 members, namesake first (the authoring brief's table)
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "TP Hồ Chí Minh": ("TP Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}


def test_table_sizes():
    assert len(P.PROVINCES) == 63
    assert len({p.name for p in P.PROVINCES}) == 63
    assert len(P.UNITS_2025) == 34
    assert sorted(u for u, kind in P.UNITS_2025.items() if kind == "thành phố") == sorted(
        ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP Hồ Chí Minh", "Cần Thơ"]
    )
    assert (
        sum(1 for p in P.PROVINCES if p.kind == "thành phố") == 5
    )  # before 2025 Huế was counted as a province
    assert P.RESOLUTION == "Resolution 202/2025/QH15" and P.EFFECTIVE_DATE == "2025-07-01"


def test_every_unit_and_merger():
    assert set(UNCHANGED) | set(MERGED) == set(P.UNITS_2025)
    for unit in UNCHANGED:
        assert len(P.members(unit)) == 1
    for unit, members in MERGED.items():
        assert P.members(unit) == members, unit
    assert P.members("Thừa Thiên Huế") == ("Thừa Thiên Huế",)
    assert P.current_unit("Thừa Thiên Huế") == "Huế"


@pytest.mark.parametrize(
    "written, name",
    [
        ("TP.HCM", "TP Hồ Chí Minh"),
        ("TP Hồ Chí Minh", "TP Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "TP Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "TP Hồ Chí Minh"),
        ("tp.hcm", "TP Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Đắk Lắk", "Đắk Lắk"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Đắk Nông", "Đắk Nông"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Hòa Bình", "Hòa Bình"),
        ("Hoà Bình", "Hòa Bình"),
        ("Thanh Hóa", "Thanh Hóa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hòa", "Khánh Hòa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("tỉnh Sơn La", "Sơn La"),
        ("SƠN LA", "Sơn La"),
        ("  Lạng   Sơn ", "Lạng Sơn"),
        (unicodedata.normalize("NFD", "Thanh Hoá"), "Thanh Hóa"),
    ],
)
def test_lookup_variants(written, name):
    assert P.lookup(written).name == name


@pytest.mark.parametrize("written", ["", "Paris", "Hồ Chí Minh", "Việt Nam", "tỉnh", "Tây Nguyên"])
def test_lookup_unknown(written):
    assert P.lookup(written) is None
    assert P.current_unit(written) is None
    assert P.members(written) == ()


def test_lookup_rejects_non_str():
    with pytest.raises(TypeError, match="expects str"):
        P.lookup(None)
    with pytest.raises(TypeError, match="expects str"):
        P.find_provinces(b"Son La")


def test_find_provinces_spans_and_blockers():
    text = (
        "Đoàn TNCS Hồ Chí Minh tỉnh Thanh Hoá làm việc với Thành đoàn TP.HCM bên bờ Thái Bình Dương; "
        "HÒA BÌNH, Bà Rịa-Vũng Tàu, kỷ niệm chiến thắng Điện Biên Phủ."
    )
    found = P.find_provinces(text)
    assert [(m.text, m.province.name) for m in found] == [
        ("Thanh Hoá", "Thanh Hóa"),
        ("TP.HCM", "TP Hồ Chí Minh"),
        ("HÒA BÌNH", "Hòa Bình"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ]
    for m in found:
        assert text[m.start : m.end] == m.text
    assert P.find_provinces("hòa bình và phát triển") == []  # the common noun "peace"
    assert P.find_provinces("Hải Dươngxx Sơn Lam") == []


def test_province_at():
    text = "Tỉnh đoàn Hoà Bình và thành phố Hồ Chí Minh"
    assert P.province_at(text, 10).province.name == "Hòa Bình"
    assert P.province_at(text, 0) is None
    assert P.province_at(text, text.index("thành phố")).province.name == "TP Hồ Chí Minh"


def test_corpus_gold_agrees_with_the_table():
    """Every province the corpus authors wrote maps to the 2025 unit they recorded."""
    for split in ("train", "dev", "test"):
        for r in load_split(split):
            f = r["facts"]
            if f.get("province"):
                p = P.lookup(f["province"])
                assert p is not None, (r["id"], f["province"])
                assert p.current == f["province_current"], (r["id"], f["province"])
