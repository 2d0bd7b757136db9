"""Reading article files: bytes → text with the encoding detected.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised directly;
anything else is handed to ``charset-normalizer`` (which knows windows-1258,
the legacy Vietnamese code page). Binary files are refused with a clear error.
"""
from __future__ import annotations

import codecs
import os
from pathlib import Path

__all__ = ["decode_bytes", "read_text_file", "BinaryFileError", "MAX_FILE_BYTES"]

#: Files larger than this are refused (a news article is well under 1 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024


class BinaryFileError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def decode_bytes(data: bytes, source: str = "input") -> str:
    """Decode article bytes, detecting the encoding; raise :class:`BinaryFileError` if binary."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise BinaryFileError(f"{source}: looks binary (NUL bytes); expected a text or HTML article")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise BinaryFileError(f"{source}: not text in any known encoding")
    return data.decode(best.encoding, errors="replace")


def read_text_file(path: str | os.PathLike) -> str:
    """Read one article file (.txt or .html), detecting its encoding."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"{p}: {size} bytes is larger than the {MAX_FILE_BYTES} byte limit for one article")
    return decode_bytes(p.read_bytes(), str(p))
