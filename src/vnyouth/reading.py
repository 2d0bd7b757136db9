"""Reading article files: bytes → text with the encoding detected.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised directly;
anything else is handed to ``charset-normalizer`` (which knows windows-1258,
the legacy Vietnamese code page). Binary files are refused with a clear error.
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path

__all__ = ["detect_encoding", "decode_bytes", "read_text_file", "BinaryFileError", "MAX_FILE_BYTES"]

#: Files larger than this are refused (a news article is well under 1 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def detect_encoding(data: bytes, source: str = "input", complete: bool = True) -> str:
    """The codec name of article bytes (BOM, UTF-16 without BOM, UTF-8, else charset-normalizer).

    ``complete=False`` says ``data`` is only the start of a file, which may end
    inside a UTF-8 character. Raises :class:`BinaryFileError` for binary data.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte of Vietnamese/ASCII text.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > 0.3 * (len(head) / 2) and min(even, odd) < 0.05 * (len(head) / 2):
            return "utf-16-be" if even > odd else "utf-16-le"
        raise BinaryFileError(f"{source}: looks binary (NUL bytes); expected a text or HTML article")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise BinaryFileError(f"{source}: not text in any known encoding")
    return best.encoding


def decode_bytes(data: bytes, source: str = "input") -> str:
    """Decode article bytes, detecting the encoding; raise :class:`BinaryFileError` if binary."""
    return _checked(data.decode(detect_encoding(data, source), errors="replace"), source)


def _checked(text: str, source: str) -> str:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t")
    if sample and controls > 0.05 * len(sample):
        raise BinaryFileError(f"{source}: looks binary (control characters); expected a text or HTML article")
    return text


def read_text_file(path: str | os.PathLike) -> str:
    """Read one article file (.txt or .html), detecting its encoding."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{p}: {size} bytes is larger than the {MAX_FILE_BYTES} byte limit for one article")
    return decode_bytes(p.read_bytes(), str(p))
