"""Recognise the site furniture around a news article's prose.

Each function here looks at one line (paragraph) of normalised text and says
whether it is a photo caption, a byline, a source line, a timestamp or view
counter, or other site furniture ("Liên kết website", "Tin liên quan"). The
document model (:mod:`vnyouth.document`) applies them in order; keeping the
rules here keeps them testable one by one.
"""
from __future__ import annotations

import regex

from .syllables import count_syllables

__all__ = [
    "is_caption", "is_byline", "is_source_line", "is_timestamp_line", "is_site_furniture",
    "is_list_item", "ends_like_prose", "strip_dateline",
]

_PHOTO = regex.compile(r"(?:^|[\s(\[])(?:Ảnh|Ảnh minh họa|Ảnh minh hoạ|Ảnh tư liệu|Nguồn ảnh|Video|Clip)\s*[:：]", regex.I)
_PHOTO_START = regex.compile(r"^(?:Ảnh|Hình|Video|Clip|Photo)\b", regex.I)
_PHOTO_CREDIT_TAIL = regex.compile(r"[(\[]?\s*(?:Ảnh|Nguồn)\s*[:：][^.!?]{1,60}[)\]]?\.?\s*$", regex.I)
_FURNITURE = regex.compile(
    r"^(?:Liên kết website|Liên kết|Tin liên quan|Bài liên quan|Tin cùng chuyên mục|Tin khác|Tin mới|"
    r"Các tin khác|Xem thêm|Đọc thêm|Chia sẻ|Bình luận|Ý kiến bạn đọc|In bài|In trang|Gửi bài|Gửi email|"
    r"Lên đầu trang|Về đầu trang|Quay lại|Trở về|Bản in|Tags?|Từ khóa|Từ khoá|Chuyên mục|Danh mục|"
    r"Trang chủ|Lượt xem|Lượt truy cập|Đang truy cập|Facebook|Zalo|Twitter|Email|Tweet|Like|Share|"
    r"Mới nhất|Xem nhiều|Đọc nhiều|Tải về|Tải xuống|File đính kèm|Tệp đính kèm)\b",
    regex.I,
)
_URL = regex.compile(r"https?://|www\.", regex.I)
_SOURCE = regex.compile(r"^\(?(?:Nguồn|Theo|Trích|Nguồn tin)\s*[:\-–]?\s*", regex.I)
_WEEKDAY = r"(?:Thứ\s*(?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s*nhật|CN|T[2-7])"
_TIME_TOKENS = regex.compile(
    r"^(?:" + _WEEKDAY + r"|\d{1,2}[:h]\d{2}(?::\d{2})?|\d{1,4}[/\-.]\d{1,2}(?:[/\-.]\d{2,4})?|\d+|"
    r"GMT|\+7|\(GMT\+7\)|SA|CH|AM|PM|am|pm|lượt xem|Lượt xem|lượt|xem|ngày|Ngày|giờ|Cập nhật|cập nhật|"
    r"Đăng|đăng|lúc|lúc:|[|,\-–:•·()])$"
)
_LIST_ITEM = regex.compile(r"^(?:[-–—+•*▪●○◦]|\d{1,2}[.)]|[a-zđ][.)]|[IVX]{1,4}[.)])\s")
_PROSE_END = regex.compile(r"(?:[.!?…:;]|\./\.)[\"'”’»)\]]*$")
_PAREN_TAIL = regex.compile(r"\s*\([^)]{0,60}\)\s*$")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_DIGIT = regex.compile(r"\d")
_BYLINE_PUNCT = regex.compile(r"[,;:!?\"“”]")
_TS_SPLIT = regex.compile(r"\s+|(?<=,)|(?=,)|(?<=\|)|(?=\|)")
_DATELINE = regex.compile(
    r"^(?:(?P<crumb>[\p{L} ]{2,40}?)\s+)?(?P<code>\(?[\p{Lu}Đ]{2,7}\)?|\([\p{Lu} ]{2,15}\))\s*[-–—:]\s*(?=[\p{Lu}(\d])"
)


def ends_like_prose(line: str) -> bool:
    """True when ``line`` ends with sentence punctuation (possibly quoted)."""
    return bool(_PROSE_END.search(line.rstrip()))


def is_list_item(line: str) -> bool:
    """True for list items ("- ...", "+ ...", "1. ...", "a) ...")."""
    return bool(_LIST_ITEM.match(line))


_CAPTION_HINTS = ("Ảnh", "ảnh", "ẢNH", "Video", "video", "Clip", "clip", "Hình", "Photo", "Nguồn", "nguồn")


def is_caption(line: str) -> bool:
    """True for photo captions: "... Ảnh: Name.", "(Ảnh: TL)", "Ảnh hội nghị", "Video: ..."."""
    if not any(h in line for h in _CAPTION_HINTS):
        return False
    if _PHOTO.search(line) or _PHOTO_CREDIT_TAIL.search(line):
        return True
    return bool(_PHOTO_START.match(line)) and count_syllables(line) <= 25


def is_site_furniture(line: str) -> bool:
    """True for navigation, sharing and related-links lines, and bare URLs."""
    if len(line) <= 120 and _FURNITURE.match(line) and count_syllables(line) <= 15:
        return True
    if "http" not in line and "www." not in line:
        return False
    stripped = _URL.sub("", line)
    return bool(_URL.search(line)) and count_syllables(stripped) <= 12


def is_source_line(line: str) -> bool:
    """True for "Nguồn: ..." / "Theo Báo X" attribution lines (short, no clause)."""
    if len(line) > 300:
        return False
    m = _SOURCE.match(line)
    if not m:
        return False
    n = count_syllables(line)
    if line.lower().startswith(("nguồn", "(nguồn", "trích")):
        return n <= 25
    return n <= 10 and "," not in line


def is_timestamp_line(line: str) -> bool:
    """True for date/time/view-counter lines ("18:35 29/11/2023   3724", "Thứ hai, 02/08/2021")."""
    if len(line) > 80 or not any(c.isdigit() for c in line[:12]) and not line.startswith(("Thứ", "Chủ", "Cập", "Đăng", "Ngày", "Lượt")):
        return False
    words = _TS_SPLIT.split(line.strip())
    words = [w for w in words if w]
    i = 0
    ok = 0
    while i < len(words):
        w = words[i]
        pair = " ".join(words[i:i + 2])
        if _TIME_TOKENS.match(pair) and " " in pair:
            i += 2
        elif _TIME_TOKENS.match(w):
            i += 1
        else:
            return False
        ok += 1
    return ok > 0 and bool(_DIGIT.search(line))


def is_byline(line: str) -> bool:
    """True for a short line that is only names: "THU TRANG", "Ân Nghĩa- Đức Lam", "PV", "Thùy Linh."."""
    text = line.strip().rstrip(".")
    text = _PAREN_TAIL.sub("", text)  # "Minh Hà (Tỉnh đoàn)"
    sylls = _LETTERS.findall(text)
    if not sylls or len(sylls) > 8 or _DIGIT.search(text):
        return False
    if _BYLINE_PUNCT.search(text):
        return False
    return all(s[0].isupper() for s in sylls)


def strip_dateline(line: str) -> str:
    """Remove an agency/site code before the lead: "LSO-Sáng nay ..." → "Sáng nay ...".

    Also drops a short category crumb in front of it ("Xây dựng Đoàn ĐTN: ...").
    """
    m = _DATELINE.match(line)
    if not m:
        return line
    code = m.group("code").strip("()")
    if code.isupper() or code.replace(" ", "").isupper():
        return line[m.end():]
    return line
