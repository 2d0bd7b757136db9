import unicodedata

import pytest

from vnyouth.normalize import canonical_tones, html_to_text, normalize


def test_nfc_from_decomposed():
    decomposed = unicodedata.normalize("NFD", "Tuyên Quang, Đoàn viên")
    assert decomposed != "Tuyên Quang, Đoàn viên"
    assert normalize(decomposed) == "Tuyên Quang, Đoàn viên"


def test_odd_spaces_and_controls():
    assert normalize("a\u00a0\u2009b\u200b\u00adc\x07d\te") == "a bcd e"


def test_line_breaks_and_blank_runs():
    assert normalize("x\r\n\r\n\r\n\ny\rz") == "x\n\ny\nz"


@pytest.mark.parametrize("old,new", [
    ("hoà", "hòa"), ("Thanh Hoá", "Thanh Hóa"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"),
    ("khoẻ", "khỏe"), ("luỹ kế", "lũy kế"), ("HOÀ", "HÒA"),
])
def test_old_tone_placement_becomes_new(old, new):
    assert canonical_tones(old) == new


@pytest.mark.parametrize("word", ["quý", "Quỳnh", "hoàng", "khuyến", "toàn", "hòa", "ủy", "qua"])
def test_tone_placement_left_alone(word):
    assert canonical_tones(word) == word


def test_html_is_reduced_to_text_without_captions():
    page = ("<html><head><style>p{}</style></head><body><h1>Tỉnh đoàn tổng kết</h1><p>Ngày 5/1,&nbsp;hội nghị.</p>"
            "<figure><img src='a.jpg'><figcaption>Quang cảnh. Ảnh: A</figcaption></figure>"
            "<script>var x=1;</script><p>Đoạn hai.</p></body></html>")
    out = normalize(page)
    assert out.split("\n\n") == ["Tỉnh đoàn tổng kết", "Ngày 5/1, hội nghị.", "Đoạn hai."]
    assert "Ảnh" not in html_to_text(page)


def test_normalize_rejects_non_str():
    with pytest.raises(TypeError, match="expects str"):
        normalize(b"bytes")
