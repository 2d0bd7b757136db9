"""Encoding detection for article files."""
import codecs
import unicodedata

import pytest

from vnyouth.normalize import normalize
from vnyouth.reading import BinaryFileError, decode_bytes, read_text_file

TEXT = ("Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2023, "
        "triển khai nhiệm vụ năm 2024. Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị. ") * 3
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: tone marks as separate combining characters."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        out.append(base + "".join(c for c in d if c in _TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT.encode("utf-16"),
    TEXT.encode("utf-16-le"), TEXT.encode("utf-16-be"), to_cp1258(TEXT),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1258"])
def test_encodings_round_trip(data):
    assert normalize(decode_bytes(data)) == normalize(TEXT)


@pytest.mark.parametrize("data", [b"\x00\x01\x02" * 200, bytes(range(256)) * 20, b"\x89PNG\r\n\x1a\n\x00\x00" * 50])
def test_binary_is_refused(data):
    with pytest.raises(BinaryFileError, match="binary|not text"):
        decode_bytes(data, "x.bin")


def test_read_text_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(to_cp1258(TEXT))
    assert normalize(read_text_file(p)) == normalize(TEXT)
