"""Cleaning and the document model, on hand-built texts and on the five seeds."""
import pytest

from vnyouth import clean
from vnyouth.document import MAX_CHARS, parse


@pytest.mark.parametrize("line", [
    "Toàn cảnh buổi làm việc. Ảnh: Thanh Phúc.", "Đồng chí A phát biểu (Ảnh: TL)", "Ảnh hội nghị sơ kết",
    "Video: Toàn cảnh lễ ra quân", "Các đại biểu dự hội nghị. Ảnh: Minh Hà",
])
def test_captions(line):
    assert clean.is_caption(line)


@pytest.mark.parametrize("line", ["THU TRANG", "Ân Nghĩa- Đức Lam", "Thùy Linh.", "PV", "Minh Hà (Tỉnh đoàn)"])
def test_bylines(line):
    assert clean.is_byline(line)


@pytest.mark.parametrize("line", ["18:35 29/11/2023     3724", "Thứ hai,  02/08/2021", "Thứ Ba, 14/03/2023 - 08:30",
                                  "08:15 12/04/2022 | 1250 lượt xem"])
def test_timestamps(line):
    assert clean.is_timestamp_line(" ".join(line.split()))


@pytest.mark.parametrize("line", ["Nguồn: Báo Ninh Bình", "Theo Cổng TTĐT tỉnh", "Nguồn Ninh Bình: https://x.vn/a.htm"])
def test_source_lines(line):
    assert clean.is_source_line(line)


@pytest.mark.parametrize("line", [
    "Theo đồng chí Bí thư, năm 2024 Tỉnh đoàn cần chủ động hơn trong chuyển đổi số.",
    "Ngày 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác năm 2022.",
    "Đồng chí Nguyễn Văn An, Bí thư Tỉnh đoàn phát biểu.",
])
def test_prose_is_not_furniture(line):
    assert not (clean.is_caption(line) or clean.is_byline(line) or clean.is_timestamp_line(line)
                or clean.is_source_line(line) or clean.is_site_furniture(line))


@pytest.mark.parametrize("furniture", ["Liên kết website", "Tin liên quan", "Chia sẻ", "https://tinhdoan.vn/a/b.html"])
def test_site_furniture(furniture):
    assert clean.is_site_furniture(furniture)


def test_dateline_codes_are_stripped():
    assert clean.strip_dateline("LSO-Sáng nay (9/1), đoàn công tác làm việc.") == "Sáng nay (9/1), đoàn công tác làm việc."
    assert clean.strip_dateline("(TTXVN) - Chiều 3/2, hội nghị.") == "Chiều 3/2, hội nghị."
    assert clean.strip_dateline("UBND tỉnh họp.") == "UBND tỉnh họp."


def test_parse_finds_title_lead_and_drops_furniture():
    raw = ("Thứ Ba, 14/03/2023\n\nThường trực Tỉnh ủy làm việc với Tỉnh đoàn\n\n"
           "Sáng 14/3, Thường trực Tỉnh ủy làm việc với Tỉnh đoàn. Dự có 30 đại biểu.\n\n"
           "Quang cảnh buổi làm việc. Ảnh: Hà An\n\nĐồng chí Bí thư đề nghị Tỉnh đoàn đổi mới.\n\n"
           "Lãnh đạo tặng hoa cho Tỉnh đoàn.\n\nLãnh đạo tặng hoa cho Tỉnh đoàn.\n\nHÀ AN\n\nLiên kết website")
    doc = parse(raw)
    assert doc.title == "Thường trực Tỉnh ủy làm việc với Tỉnh đoàn"
    assert [s.text for s in doc.sentences] == [
        "Sáng 14/3, Thường trực Tỉnh ủy làm việc với Tỉnh đoàn.", "Dự có 30 đại biểu.",
        "Đồng chí Bí thư đề nghị Tỉnh đoàn đổi mới."]
    assert {k for k, _ in doc.removed} >= {"timestamp", "caption", "byline", "furniture"}
    # a short line printed twice is a photo caption: both copies go
    assert [k for k, line in doc.removed if line.startswith("Lãnh đạo tặng hoa")] == ["caption", "caption"]


def test_given_title_and_captions():
    doc = parse("Hội nghị diễn ra sáng nay.\nCác đại biểu dự hội nghị.\nHội nghị thành công.",
                title="Tiêu đề", captions=["Các đại biểu dự hội nghị."])
    assert doc.title == "Tiêu đề"
    assert [s.text for s in doc.sentences] == ["Hội nghị diễn ra sáng nay.", "Hội nghị thành công."]


def test_huge_input_is_truncated():
    doc = parse("Tỉnh đoàn tổ chức hội nghị. " * (MAX_CHARS // 10))
    assert doc.truncated and len(doc.sentences) < MAX_CHARS // 20


def test_seeds_come_out_clean(seeds):
    for seed in seeds:
        doc = parse(seed["text"])
        body = doc.body
        assert doc.sentences, seed["id"]
        for bad in ("Ảnh:", "Liên kết website", "Nguồn Ninh Bình", "3724", "Thanh Phúc", "YÊN SƠN",
                    "Kiều Anh", "Thùy Linh.", "Ân Nghĩa", "https://"):
            assert bad not in body, (seed["id"], bad)
        assert not any(s.text.endswith("/.") and len(s.text) < 4 for s in doc.sentences)


def test_seed_titles_and_leads(seeds):
    by_id = {s["id"][5:8]: parse(s["text"]) for s in seeds}
    assert by_id["000"].title is None  # that file starts with a caption, not a title
    assert by_id["001"].title == "Lãnh đạo tỉnh làm việc với Tỉnh đoàn Lạng Sơn"
    assert by_id["001"].sentences[0].text.startswith("Sáng nay (9/1), đoàn công tác")
    assert by_id["003"].title == "Chủ động xây dựng sớm các nội dung trọng tâm của năm 2024"
    assert by_id["003"].sentences[0].text.startswith("Năm 2024 với chủ đề")
    assert by_id["004"].sentences[0].text.startswith("Ngày 5/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị tổng kết")
    seed2 = [s.text for s in by_id["002"].sentences]
    assert "Số lượng Bí thư Đoàn cơ sở là 143 đồng chí." in seed2
    assert any(s.startswith("100% cán bộ") for s in seed2)


def test_document_keeps_the_normalised_text_it_was_parsed_from():
    from vnyouth.normalize import normalize

    raw = "Tỉnh đoàn  tổng kết\r\n\r\nNgày 5/1, Tỉnh đoàn tổ chức hội nghị."
    doc = parse(raw)
    assert doc.text == normalize(raw) and doc.text != raw
    long = "Tỉnh đoàn tổ chức hội nghị. " * (MAX_CHARS // 20)
    assert parse(long).text == normalize(long[:MAX_CHARS])
