"""Fact extraction: seeds, corpus precision/recall, spans, bad input, Vietnamese numbers, years."""

import dataclasses
import json
import unicodedata

import pytest

from vnyouth.data import load_split
from vnyouth.document import MAX_CHARS, parse
from vnyouth.extract import Facts, extract, extract_document, normalize_body, parse_number
from vnyouth.extraction_eval import (
    body_exact,
    body_match,
    evaluate,
    load_seed_gold,
    main,
    period_match,
    seed_gold_path,
)
from vnyouth.normalize import normalize
from vnyouth.provinces import lookup

# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed_gold(seeds):
    return {r["id"][:8]: r for r in load_seed_gold()}


@pytest.mark.parametrize("key", ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"])
def test_seed_date_province_and_main_body(seed_gold, key):
    r = seed_gold[key]
    gold = r["facts"]
    f = extract(r["text"])
    assert (f.event_date.iso if f.event_date else None) == gold["event_date"]
    if gold["date_phrase"]:
        assert f.event_date.phrase == gold["date_phrase"]
    want = lookup(gold["province"]).name if gold["province"] else None
    assert (f.province.name if f.province else None) == want
    if gold["province_current"]:
        assert f.province.current == gold["province_current"]
    assert any(body_match(b.name, g) for b in f.organizers for g in gold["main_body"]), (
        [b.text for b in f.organizers],
        gold["main_body"],
    )


def test_seed_people_and_titles(seed_gold):
    for key, r in seed_gold.items():
        got = {p.name: p.title for p in extract(r["text"]).people}
        for g in r["facts"]["people"]:
            assert got.get(g["name"]) == g["title"], (key, g)


def test_seed_gold_file_is_verbatim(seed_gold):
    """Every value in the seed gold file is written in its article, as the corpus gold is."""
    data = json.loads(seed_gold_path().read_text(encoding="utf-8"))
    assert {k for k in data if not k.startswith("_")} == set(seed_gold)
    for key, r in seed_gold.items():
        g = r["facts"]
        values = [
            g["date_phrase"],
            g["province"],
            g["period"],
            *g["organizers"],
            *g["participants"],
            *g["figures"],
            *(p["name"] for p in g["people"]),
            *(p["title"] for p in g["people"]),
        ]
        for v in values:
            assert v is None or v in r["text"], (key, v)


# --------------------------------------------------------------------------- corpus test split

# The target is 0.9 for every field; every field reaches it on the test split (corpus v1.1,
# annotated under data/ANNOTATION.md). Two do so narrowly (see issue 7's closing notes):
# participants P 0.962 R 0.903 and period P 0.914 R 0.902. bodies_exact (names matched exactly,
# P 0.925 R 0.883) is reported by extraction_eval but is not one of the fields.
MEETS_TARGET = [
    "event_date",
    "date_phrase",
    "province",
    "province_current",
    "organizers",
    "participants",  # P 0.962 R 0.903 since the attendance and signing cues of session 6 (narrowly)
    "bodies",
    "people",
    "people+title",
    "period",  # P 0.914 R 0.902 since the planned-period and look-ahead rules (narrowly)
    "figures",
]


@pytest.fixture(scope="module")
def test_scores():
    return evaluate(load_split("test"))


@pytest.mark.parametrize("field", MEETS_TARGET)
def test_field_meets_target_on_test_split(test_scores, field):
    s = test_scores[field]
    assert s.precision >= 0.9 and s.recall >= 0.9, f"{field}: P={s.precision:.3f} R={s.recall:.3f}"


# --------------------------------------------------------------------------- spans


def _values_with_spans(f: Facts):
    if f.event_date:
        yield f.event_date.phrase, f.event_date.span, f.event_date.source
    if f.province:
        yield f.province.text, f.province.span, f.province.source
    for b in f.organizers + f.participants:
        yield b.text, b.span, b.source
    for p in f.people:
        yield p.name, p.span, p.source
        if p.title_span:
            yield p.title, p.title_span, p.source
    if f.period:
        yield f.period.text, f.period.span, f.period.source
    for x in f.figures:
        yield x.text, x.span, x.source


def _check_spans(text, f, title=None):
    n = 0
    for value, (a, b), source in _values_with_spans(f):
        base = title if source == "title" else text
        if f.span_basis == "normalized":
            base = normalize(base)
        assert normalize(base[a:b]) == value, (value, base[a:b])
        n += 1
    return n


def test_spans_point_at_the_values_on_corpus_articles():
    records = load_split("dev")[:40]
    assert (
        sum(
            _check_spans(r["text"], extract(r["text"], title=r["title"]), r["title"])
            for r in records
        )
        > 300
    )


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: t.replace("\n", "\r\n").replace(" ", " \u200b "),
        lambda t: "  " + t.replace(". ", ".\u00a0\u00a0 ") + "\n\n\n",
    ],
)
def test_spans_index_the_input_as_given(mangle):
    r = load_split("dev")[3]
    text = mangle(r["text"])
    f = extract(text, title=r["title"])
    assert f.span_basis == "input"
    assert _check_spans(text, f, r["title"]) > 5
    assert f.to_dict() | {"span_basis": None} != {}  # shape only
    plain = extract(r["text"], title=r["title"])
    assert [p.name for p in f.people] == [p.name for p in plain.people]
    assert (f.event_date and f.event_date.iso) == (plain.event_date and plain.event_date.iso)


def test_html_input_spans_index_the_normalized_text():
    r = load_split("dev")[5]
    html = "<html><body><p>" + r["text"].replace("\n\n", "</p><p>") + "</p></body></html>"
    f = extract(html, title=r["title"])
    assert f.span_basis == "normalized"
    assert _check_spans(html, f, r["title"]) > 3



def test_a_stray_mark_after_a_value_stays_out_of_its_span():
    # A dot below typed after "5/1" composes with nothing; it is not part of the date.
    text = "Ngày 5/1\u0323, Tỉnh đoàn Sơn La tổ chức hội nghị tổng kết công tác Đoàn năm 2022."
    f = extract(text)
    assert f.event_date.phrase == "Ngày 5/1"
    assert _check_spans(text, f) >= 3
    nfd = unicodedata.normalize("NFD", text)  # marks NFC composes into the last letter stay in
    assert _check_spans(nfd, extract(nfd)) >= 3


def test_a_short_form_of_a_name_lends_its_title_not_its_span():
    text = (
        "Ngày 5/1, Tỉnh đoàn Sơn La tổ chức hội nghị. Đồng chí Đinh Thị Bảo Ngọc phát biểu tại "
        "hội nghị. Tiếp đó, chị Bảo Ngọc, Bí thư Chi đoàn thôn Bản Lầm, chia sẻ kinh nghiệm."
    )
    (p,) = extract(text).people
    assert (p.name, p.title) == ("Đinh Thị Bảo Ngọc", "Bí thư Chi đoàn thôn Bản Lầm")
    assert text[p.span[0] : p.span[1]] == p.name
    assert text[p.title_span[0] : p.title_span[1]] == p.title


def test_a_quoted_group_ends_before_a_space_typed_inside_the_quote():
    text = (
        "Ngày 5/1, Tỉnh đoàn Sơn La làm việc với Huyện đoàn Mường La. Đoàn đến thăm điểm sinh "
        "hoạt “Câu lạc bộ thanh niên giữ gìn văn hóa ” của xã."
    )
    f = extract(text)
    assert [b.text for b in f.participants][-1] == "Câu lạc bộ thanh niên giữ gìn văn hóa"
    assert _check_spans(text, f) >= 4


@pytest.mark.slow
def test_mutated_articles_never_raise_and_spans_hold():
    """Corpus articles with typing damage: stray marks, invisible characters, splices, cuts."""
    import random

    rng = random.Random(11)
    records = load_split("train") + load_split("dev")
    junk = list("0123456789/.-–,;:()“”\"'\n\t  aăđêôơưĐ") + [
        "\u0301", "\u0323", "\u200b", "\ufeff", "\x00", "\r", "\u2028", "\u00a0", "٣",
    ]

    def damage(t: str) -> str:
        chars = list(t)
        for _ in range(rng.randint(1, 30)):
            i = rng.randrange(len(chars) + 1)
            op = rng.random()
            if op < 0.5:
                chars.insert(i, rng.choice(junk))
            elif op < 0.75 and chars:
                del chars[min(i, len(chars) - 1)]
            else:
                j = rng.randrange(len(chars) or 1)
                chars[i:i] = chars[j : j + rng.randint(1, 120)]
        return "".join(chars)

    checked = 0
    for _ in range(3000):
        r = rng.choice(records)
        text = damage(r["text"])[: rng.choice([40, 400, 10**6])]
        title = damage(r["title"]) if rng.random() < 0.5 else None
        checked += _check_spans(text, extract(text, title=title), title)
    assert checked > 10000

def test_title_given_apart_gets_source_title():
    f = extract(
        "Hội nghị diễn ra tại hội trường. Có 120 đại biểu dự.",
        title="Tỉnh đoàn Sơn La tổng kết công tác năm 2023",
    )
    assert f.province.name == "Sơn La" and f.province.source == "title"
    assert f.period.text == "năm 2023" and f.period.source == "title"
    title = "Tỉnh đoàn Sơn La tổng kết công tác năm 2023"
    a, b = f.province.span
    assert title[a:b] == "Sơn La"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [None, b"Ngay 5/1", ["Ngày 5/1"], 12, object()])
def test_non_str_raises_type_error(bad):
    with pytest.raises(TypeError, match="expects str"):
        extract(bad)


def test_bad_title_and_document_raise_type_error():
    with pytest.raises(TypeError, match="title must be str or None"):
        extract("Ngày 5/1, Tỉnh đoàn họp.", title=5)
    with pytest.raises(TypeError, match="expects a Document"):
        extract_document("not a doc", "text")


EMPTY = Facts().to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "\x00\x01\x02",
        "Hello world. The committee met on 5/1 and 1,700 people came.",
        "!!!??? ... ((( )))",
        "ẻ" * 50,
        "12345 678 9/10/11 2,5 1.000.000",
        "Ảnh: Minh Hà\n\nTHU TRANG\n\nLiên kết website",
        "<p></p><div></div>",
        "Ngày 31/2, tháng 13/2023",
    ],
)
def test_unusual_text_gives_empty_fields(text):
    f = extract(text)
    assert f.to_dict() | {"span_basis": "input"} == EMPTY | {"span_basis": "input"}


def test_random_and_huge_text_never_raise():
    import random

    rng = random.Random(7)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠĐ0123456789 .,;:/-()\n\"'%"
    for _ in range(30):
        extract("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3000))))
    r = load_split("dev")[0]
    huge = (r["text"] + "\n\n") * (MAX_CHARS // len(r["text"]) + 5)
    f = extract(huge)
    assert f.province is not None
    assert all(b <= MAX_CHARS for _, (a, b), _ in _values_with_spans(f))


def test_result_is_frozen_json_ready_and_shape_stable():
    f = extract(load_split("dev")[0]["text"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.province = None
    d = f.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert set(d) == set(EMPTY)


def test_extract_document_reuses_a_parse():
    r = load_split("dev")[1]
    doc = parse(r["text"], title=r["title"])
    assert extract_document(doc, r["text"], title=r["title"]) == extract(
        r["text"], title=r["title"]
    )


# --------------------------------------------------------------------------- numbers and figures


@pytest.mark.parametrize(
    "written, value",
    [
        ("1.700", 1700),
        ("2,819", 2.819),
        ("397,8", 397.8),
        ("15.000", 15000),
        ("1.234.567", 1234567),
        ("09", 9),
        ("2.525", 2525),
        ("3,2", 3.2),
        ("1.5", 1.5),
        ("0", 0),
    ],
)
def test_parse_number_vietnamese_way(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize("written", ["", "abc", "1.70", "1,2,3", "1..2", "-"])
def test_parse_number_rejects(written):
    if written == "1.70":  # a decimal point before two digits is read as a decimal
        assert parse_number(written) == 1.7
    else:
        assert parse_number(written) is None


def test_figures_values_units_and_counts():
    text = (
        "Ngày 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết năm 2022. Năm qua, toàn tỉnh tổ chức 1.700 hoạt động "
        "tình nguyện, giải ngân 2,819 tỷ đồng, dư nợ 397,8 tỷ đồng, thu hút 15.000 lượt đoàn viên, đạt 11/12 "
        "chỉ tiêu; 100% cơ sở tham gia; lắp 27 km đường điện."
    )
    figs = [(x.value, x.unit, x.counts) for x in extract(text).figures]
    assert figs == [
        (1700, None, "hoạt động tình nguyện"),
        (2.819, "tỷ đồng", ""),
        (397.8, "tỷ đồng", ""),
        (15000, None, "lượt đoàn viên"),
        (11, None, "chỉ tiêu"),
        (100, "%", "cơ sở"),
        (27, "km", "đường điện"),
    ]


def test_figures_keep_the_word_that_makes_a_number_a_bound():
    text = (
        "Ngày 5/1, Tỉnh đoàn tổng kết năm 2022 với hơn 150 đại biểu. Năm qua thu hút trên 52.000 lượt "
        "đoàn viên, huy động gần 3 tỷ đồng, làm ít nhất 12 mô hình, sửa 40 ngôi nhà; Khoảng 2,5 km đường."
    )
    figs = extract(text).figures
    assert [(x.value, x.qualifier, x.text) for x in figs] == [
        (150, "hơn", "hơn 150 đại biểu"),
        (52000, "trên", "trên 52.000 lượt đoàn viên"),
        (3, "gần", "gần 3 tỷ đồng"),
        (12, "ít nhất", "ít nhất 12 mô hình"),
        (40, None, "40 ngôi nhà"),
        (2.5, "khoảng", "Khoảng 2,5 km đường"),
    ]
    assert all(text[x.span[0] : x.span[1]] == x.text for x in figs)


def test_figures_count_work_days_and_festival_days_not_durations():
    text = ("Ngày 5/1, Tỉnh đoàn tổng kết năm 2022. Đoàn viên đóng góp 2.600 ngày công, 500 giờ công, "
            "tổ chức 3 ngày hội việc làm trong 6 ngày và 12 giờ.")
    assert [x.text for x in extract(text).figures] == ["2.600 ngày công", "500 giờ công", "3 ngày hội việc làm"]


def test_figures_every_quantity_once_title_first():
    """data/ANNOTATION.md: no cap on the number of figures; a quantity repeated is listed once."""
    body = "Ngày 5/1, Tỉnh đoàn tổng kết. " + ", ".join(f"{n} công trình loại {n}" for n in range(2, 12)) + "."
    body += " Toàn tỉnh có 168 mô hình."
    figs = extract(body, title="Tuổi trẻ xây dựng 168 mô hình").figures
    assert [f.value for f in figs] == [168] + list(range(2, 12))
    assert figs[0].source == "title"


def test_attendance_names_stand_for_their_bodies():
    text = (
        "Sáng 9/1, Tỉnh đoàn Lạng Sơn tổ chức hội nghị tổng kết công tác năm 2023. Dự hội nghị có đồng chí "
        "Nguyễn Văn Hùng, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy; đại diện lãnh đạo các sở: Nội vụ, "
        "Tài chính. Thảo luận tại hội nghị, đại diện Huyện đoàn Cao Lộc chia sẻ kinh nghiệm. Đồng chí Lê Thị Hoa, "
        "Phó Chủ tịch UBND tỉnh phát biểu chỉ đạo."
    )
    f = extract(text)
    assert [b.text for b in f.organizers] == ["Tỉnh đoàn Lạng Sơn"]
    # the speaker's body (UBND tỉnh) is not a participant: she is not in the attendance sentence
    assert [b.text for b in f.participants] == ["Ban Dân vận Tỉnh ủy", "Nội vụ", "Tài chính", "Huyện đoàn Cao Lộc"]


def test_participants_from_visits_lists_and_speakers_named_once():
    text = (
        "Ngày 14/11, đoàn kiểm tra của Tỉnh đoàn Quảng Ngãi đã kiểm tra trực tiếp tại Đoàn xã Tịnh Phong "
        "và Đoàn thị trấn Châu Ổ. Tham dự có đại diện các sở: Nội vụ, Tài chính.\n\n"
        "Tại buổi làm việc, Đoàn xã Tịnh Phong giới thiệu mô hình thanh niên làm kinh tế. "
        "Đại diện Sở Nội vụ đề xuất thêm giải pháp. Bí thư các Huyện đoàn, Thị đoàn và Đoàn trực thuộc "
        "cùng trao đổi kinh nghiệm.\n\n"
        "Dự buổi kiểm tra có đồng chí Trần Văn Minh, Phó Trưởng Ban Dân vận Tỉnh ủy."
    )
    f = extract(text)
    assert [b.text for b in f.organizers] == ["đoàn kiểm tra của Tỉnh đoàn Quảng Ngãi"]
    # "Sở Nội vụ" later is the "Nội vụ" of the list; the unnamed plurals are no one body;
    # the attendee in the last paragraph stands for his body
    assert [b.text for b in f.participants] == [
        "Đoàn xã Tịnh Phong", "Đoàn thị trấn Châu Ổ", "Nội vụ", "Tài chính", "Ban Dân vận Tỉnh ủy",
    ]


def test_participants_of_two_places_and_the_side_that_hears_a_report():
    text = (
        "Sáng 3/10, Ban Thường vụ Tỉnh đoàn Gia Lai đã báo cáo kết quả công tác với Thường trực Tỉnh ủy. "
        "Buổi làm việc có đại diện Tỉnh đoàn Kon Tum và Tỉnh đoàn Đắk Lắk."
    )
    f = extract(text)
    assert [b.text for b in f.organizers] == ["Thường trực Tỉnh ủy"]
    assert [b.text for b in f.participants] == [
        "Ban Thường vụ Tỉnh đoàn Gia Lai", "Tỉnh đoàn Kon Tum", "Tỉnh đoàn Đắk Lắk",
    ]


def test_enumerated_units_take_part_but_award_winners_do_not():
    played = extract(
        "Ngày 2/6, Tỉnh đoàn Kon Tum tổ chức giải bóng đá thanh niên. Tham gia giải có 4 đội gồm Huyện đoàn "
        "Ngọc Hồi, Huyện đoàn Sa Thầy, Huyện đoàn Đăk Hà và Thành đoàn Kon Tum."
    )
    assert [b.text for b in played.participants][-4:] == [
        "Huyện đoàn Ngọc Hồi", "Huyện đoàn Sa Thầy", "Huyện đoàn Đăk Hà", "Thành đoàn Kon Tum",
    ]
    awarded = extract(
        "Ngày 2/6, Tỉnh đoàn Kon Tum tổ chức hội nghị tổng kết. Dịp này, Tỉnh đoàn tặng Cờ thi đua cho "
        "2 đơn vị dẫn đầu là Huyện đoàn Ngọc Hồi và Huyện đoàn Sa Thầy."
    )
    assert [b.text for b in awarded.participants] == []


def test_figures_skip_dates_years_ordinals_and_quotes():
    text = (
        "Sáng 15/11/2021, Đại hội lần thứ XV, nhiệm kỳ 2022 - 2027 theo Nghị quyết số 43/2018 "
        'triển khai mô hình "3 cùng" trong năm 2023 và có 45 đại biểu.'
    )
    assert [x.value for x in extract(text).figures] == [45]


# --------------------------------------------------------------------------- dates and years


@pytest.mark.parametrize(
    "text, iso, phrase",
    [
        (
            (
                "Ngày 5/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2022, triển khai "
                "nhiệm vụ năm 2023."
            ),
            "2023-01-05",
            "Ngày 5/1",
        ),
        (
            "18:35 29/11/2023 3724\n\nChiều 29/11, đoàn công tác T.Ư Đoàn làm việc với Tỉnh đoàn Sơn La.",
            "2023-11-29",
            "Chiều 29/11",
        ),
        ("Ngày 10/7, Tỉnh đoàn sơ kết công tác 6 tháng đầu năm 2024.", "2024-07-10", "Ngày 10/7"),
        ("Ngày 24/5, Đoàn trường tổng kết năm học 2022 - 2023.", "2023-05-24", "Ngày 24/5"),
        (
            "Ngày 15/11/2021, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị sơ kết.",
            "2021-11-15",
            "Ngày 15/11/2021",
        ),
        ("Chiều 14-7, Tỉnh đoàn tổ chức hội nghị.", None, "Chiều 14-7"),
        (
            "Trong 2 ngày 9 và 10/8/2022, Đại hội Đoàn tỉnh đã diễn ra.",
            "2022-08-09",
            "Trong 2 ngày 9 và 10/8/2022",
        ),
        (
            (
                "LSO-Sáng nay (9/1), đoàn công tác của tỉnh làm việc với Tỉnh đoàn. Trong năm 2017, Tỉnh đoàn đạt "
                "11/12 chỉ tiêu."
            ),
            "2018-01-09",
            "Sáng nay (9/1)",
        ),
    ],
)
def test_event_date_and_year_inference(text, iso, phrase):
    d = extract(text).event_date
    assert (d.iso, d.phrase) == (iso, phrase)


def test_document_dates_are_not_the_event():
    text = "Ban Thường vụ thực hiện Kết luận số 07-KL/TWĐTN-BTC, ngày 14/02/2019 của Ban Chấp hành Trung ương Đoàn."
    assert extract(text).event_date is None


# --------------------------------------------------------------------------- bodies, people, period


def test_bodies_roles_and_normalisation():
    f = extract(
        "Sáng 9/1, Thường trực Tỉnh ủy Lạng Sơn làm việc với BTV Tỉnh đoàn về kết quả công tác năm 2023. "
        "Dự buổi làm việc có lãnh đạo Ban Tổ chức Tỉnh ủy, Sở Nội vụ, Sở Lao động - Thương binh và Xã hội."
    )
    assert [(b.name, b.unit) for b in f.organizers] == [
        ("Thường trực Tỉnh ủy Lạng Sơn", "Thường trực Tỉnh ủy")
    ]
    assert [b.name for b in f.participants] == [
        "Ban Thường vụ Tỉnh đoàn",
        "Ban Tổ chức Tỉnh ủy",
        "Sở Nội vụ",
        "Sở Lao động - Thương binh và Xã hội",
    ]
    assert normalize_body("Ủy ban nhân dân tỉnh Khánh Hoà", with_unit=True) == (
        "UBND tỉnh Khánh Hòa",
        "UBND tỉnh",
    )


def test_people_deduplicated_with_the_formal_title():
    f = extract(
        "Chiều 12/3, đồng chí Bí thư Tỉnh ủy Chẩu Văn An phát biểu. Dự có đồng chí Chẩu Văn An, Ủy viên "
        "BCH Trung ương Đảng, Bí thư Tỉnh ủy; Lê Thị Kim Hoa, Phó Bí thư Thường trực Tỉnh ủy. Đồng chí "
        "Chẩu Văn An nhấn mạnh vai trò của tuổi trẻ."
    )
    assert [(p.name, p.title) for p in f.people] == [
        ("Chẩu Văn An", "Ủy viên BCH Trung ương Đảng, Bí thư Tỉnh ủy"),
        ("Lê Thị Kim Hoa", "Phó Bí thư Thường trực Tỉnh ủy"),
    ]


def test_period_kinds():
    cases = {
        "Ngày 3/7, Tỉnh đoàn sơ kết công tác 6 tháng đầu năm 2024.": (
            "6 tháng đầu năm 2024",
            "months",
        ),
        "Ngày 3/6, Đoàn trường tổng kết năm học 2022 - 2023.": (
            "năm học 2022 - 2023",
            "school_year",
        ),
        "Ngày 3/9, Đại hội Đoàn tỉnh nhiệm kỳ 2022 - 2027 khai mạc.": (
            "nhiệm kỳ 2022 - 2027",
            "term",
        ),
        "Ngày 3/1, Tỉnh đoàn tổng kết công tác năm 2022.": ("năm 2022", "year"),
    }
    for text, (period, kind) in cases.items():
        p = extract(text).period
        assert (p.text, p.kind) == (period, kind)


def test_company_and_school_unit_names_and_the_hosts_party_committee():
    text = (
        "Sáng 6/3, Đoàn Thanh niên Tổng công ty Sông Hồng tổ chức hội nghị sơ kết công tác quý I. "
        "Cùng dự có đại diện Công đoàn các Khu công nghiệp Bắc Ninh, Ban Giám đốc Công ty Cổ phần Năng lượng "
        "Kinh Bắc và đồng chí Phạm Minh Tâm, Phó Bí thư Đảng ủy, Phó Tổng Giám đốc.\n\n"
        "Tại hội nghị, đại diện Liên chi đoàn khoa Cơ khí chia sẻ cách làm hay."
    )
    f = extract(text)
    assert [b.text for b in f.organizers] == ["Đoàn Thanh niên Tổng công ty Sông Hồng"]
    assert [b.text for b in f.participants] == [
        "Công đoàn các Khu công nghiệp Bắc Ninh", "Ban Giám đốc Công ty Cổ phần Năng lượng Kinh Bắc",
        "Đảng ủy", "Liên chi đoàn khoa Cơ khí",
    ]
    # a Party committee with its own name is that name, not the bare one
    named = extract("Ngày 6/3, Đoàn trường tổ chức hội nghị. Dự có đồng chí Lê Văn Bình, Bí thư Đảng ủy "
                    "Trường Đại học Vinh.")
    assert [b.text for b in named.participants] == ["Đảng ủy Trường Đại học Vinh"]
    # a class code ends a class's unit name
    f = extract("Ngày 6/3, Đoàn trường THPT Chu Văn An tổ chức hội nghị. Tham dự có đại diện Chi đoàn 10A2, "
                "Chi đoàn lớp 12A1 và Chi đoàn lớp K45A.")
    assert [b.text for b in f.participants] == ["Chi đoàn 10A2", "Chi đoàn lớp 12A1", "Chi đoàn lớp K45A"]


def test_visits_reports_and_lists_of_mixed_units():
    text = (
        "Ngày 11/5, đoàn công tác của Tỉnh đoàn Kon Tum đến thăm, kiểm tra Huyện đoàn Sa Thầy, Đăk Tô và "
        "Đoàn xã Ya Xiêr; thăm, tặng quà cán bộ, chiến sĩ trẻ Trung đoàn 990 và thăm mô hình trồng sâm của "
        "Chi đoàn thôn 3.\n\nTại buổi làm việc, Thị đoàn Kon Rẫy, Huyện đoàn Ia H'Drai và Đoàn Khối các cơ quan "
        "tỉnh báo cáo kết quả. Dự có đại diện Sở Nội vụ và Hiệp hội Cà phê Kon Tum; đồng chí Y Ngọc, "
        "Phó Bí thư Thường trực Tỉnh ủy."
    )
    f = extract(text)
    assert [b.text for b in f.participants] == [
        "Huyện đoàn Sa Thầy", "Đăk Tô", "Đoàn xã Ya Xiêr", "Trung đoàn 990", "Chi đoàn thôn 3",
        "Thị đoàn Kon Rẫy", "Huyện đoàn Ia H'Drai", "Đoàn Khối các cơ quan tỉnh",
        "Sở Nội vụ", "Hiệp hội Cà phê Kon Tum", "Tỉnh ủy",
    ]
    # place names listed with "và" are two units; a department's name keeps its "và"
    f = extract("Ngày 2/8, Tỉnh đoàn Đắk Nông kiểm tra Huyện đoàn Tuy Đức, Đắk Song và Krông Nô. "
                "Cùng dự có lãnh đạo các sở: Giáo dục và Đào tạo, Tài chính.")
    assert [b.text for b in f.participants] == [
        "Huyện đoàn Tuy Đức", "Đắk Song", "Krông Nô", "Giáo dục và Đào tạo", "Tài chính",
    ]
    # a verb after a name is not part of it, and "kỷ luật" is not a law's name
    f = extract("Ngày 4/9, Huyện đoàn Cư Jút kiểm tra công tác kiểm tra, giám sát và thi hành kỷ luật "
                "trong Đoàn năm 2024 tại Đoàn xã Trúc Sơn.")
    assert [b.text for b in f.organizers] == ["Huyện đoàn Cư Jút"]
    assert f.period.text == "năm 2024"


@pytest.mark.parametrize(
    "text, period",
    [
        # a quarter: "IV" is not "I"
        ("Ngày 28/12, Tỉnh đoàn sơ kết công tác quý IV năm 2025 với các cơ sở.", "quý IV năm 2025"),
        # half a term, with or without its years
        ("Sáng 20/11, Tỉnh đoàn nhìn lại nửa nhiệm kỳ thực hiện Nghị quyết Đại hội.", "nửa nhiệm kỳ"),
        ("Chiều 2/12, Huyện đoàn đánh giá kết quả nửa đầu nhiệm kỳ 2022 - 2027 tại hội trường.",
         "nửa đầu nhiệm kỳ 2022 - 2027"),
        # the term in a body's name, "khóa" spelled with the tone on o
        ("Ngày 9/7, Ban Chấp hành Tỉnh đoàn khóa XI, nhiệm kỳ 2022 - 2027 sơ kết công tác 6 tháng đầu năm 2024.",
         "6 tháng đầu năm 2024"),
        # the year reviewed, not the year planned
        ("Ngày 8/1, Tỉnh đoàn nhìn lại một năm công tác và thống nhất chương trình cho năm 2024.", None),
        # a conference held before the event is not its period
        ("Ngay sau hội nghị sơ kết công tác 6 tháng đầu năm diễn ra sáng 15/7, Tỉnh đoàn mở lớp tập huấn.", None),
        # the span of a law or programme put in practice
        ("Ngày 4/5, Tỉnh đoàn báo cáo kết quả 15 năm thực hiện Luật Thanh niên.", "15 năm"),
        ("Ngày 2/4, Thành đoàn đánh giá kết quả công tác từ đầu năm đến nay.", "từ đầu năm đến nay"),
        # the results paragraph opens with the year of a review whose lead names none
        ("Chiều 27/12, Huyện đoàn Mường Tè tổ chức hội nghị tổng kết công tác Đoàn và bàn nhiệm vụ năm tới."
         "\n\nNăm 2022, các cơ sở Đoàn ra quân 48 công trình thanh niên.", "Năm 2022"),
        # ... but not the year a story starts in
        ("Anh Lò Văn Sinh nay là chủ một trang trại nuôi ong ở bản Nậm Cuổi.\n\n"
         "Năm 2019, khi được Đoàn xã giới thiệu vay vốn, anh mua 20 đàn ong đầu tiên.", None),
        # a combined meeting: the span the "sơ kết" reviews, with its year
        ("Sáng 8/7, Tỉnh đoàn tổ chức giao ban công tác Đoàn quý II, sơ kết 6 tháng đầu năm 2025.",
         "6 tháng đầu năm 2025"),
        # a plan's term inside its quoted name gives way to the period the event is about
        ("Sáng 9/1, Phó Chủ tịch UBND tỉnh làm việc với Tỉnh đoàn về Đề án “Thanh niên lập nghiệp giai đoạn "
         "2021 - 2025” và kết quả thực hiện trong năm 2021.", "năm 2021"),
        # a fronted period to come gives way to the one a reviewing meeting in the lead names
        ("Năm học 2024 - 2025, Đoàn trường đặt 3 khâu đột phá. Đó là nội dung thống nhất tại hội nghị tổng "
         "kết công tác Đoàn, Hội năm học 2023 - 2024 diễn ra sáng 20/9.", "năm học 2023 - 2024"),
        ("Hoàn thành chỉ tiêu năm là yêu cầu đặt ra cho các huyện đoàn trong quý IV/2023. Nội dung được nêu "
         "tại hội nghị giao ban công tác Đoàn 9 tháng năm 2023 do Tỉnh đoàn tổ chức sáng 6/10.",
         "9 tháng năm 2023"),
    ],
)
def test_period_rules(text, period):
    p = extract(text).period
    assert (p.text if p else None) == period


def test_years_of_a_span_named_later_and_a_report_year_skipped():
    text = (
        "Ngày 12/3, Tỉnh đoàn sơ kết 2 năm thực hiện Đề án hỗ trợ thanh niên khởi nghiệp.\n\n"
        "Sau 2 năm (2022 - 2023), toàn tỉnh có 40 mô hình mới."
    )
    p = extract(text).period
    assert (p.text, p.kind, p.years) == ("2022 - 2023", "phase", (2022, 2023))
    # a sentence after the lead that only reports results does not name the event's period
    text = (
        "Sáng 24/4, đoàn công tác T.Ư Đoàn làm việc với Ban Thường vụ Tỉnh đoàn Cao Bằng.\n\n"
        "Báo cáo của Tỉnh đoàn cho biết, năm 2017, các cấp bộ Đoàn tổ chức 300 hoạt động."
    )
    assert extract(text).period is None


def test_half_term_dates_the_event_by_the_term_named_with_it():
    f = extract("Ngày 26/11, Tỉnh đoàn sơ kết nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Đoàn tỉnh "
                "nhiệm kỳ 2022 - 2027.")
    assert f.period.text == "nửa nhiệm kỳ" and f.period.years == ()
    assert f.event_date.iso == "2024-11-26"


def test_matching_rules_of_the_evaluation():
    assert body_match("Ban Thường vụ Tỉnh đoàn Sơn La", "BTV Tỉnh đoàn")
    assert body_match("đoàn công tác T.Ư Đoàn", "Trung ương Đoàn")
    assert body_match("UBND tỉnh Tuyên Quang", "Chủ tịch UBND tỉnh Tuyên Quang")
    assert not body_match("Tỉnh đoàn Sơn La", "Tỉnh đoàn Lào Cai")
    assert not body_match("Sở Nội vụ", "Sở Tài chính")
    assert period_match("6 tháng đầu năm 2024", "6 tháng đầu năm") and not period_match(
        "năm 2022", "năm 2023"
    )
    # the strict row: a name cut short is a hit for body_match, a miss for body_exact
    assert body_match("Phòng Chính", "Phòng Chính trị tư tưởng")
    assert not body_exact("Phòng Chính", "Phòng Chính trị tư tưởng")
    assert body_exact("BTV Tỉnh đoàn Sơn La", "Ban Thường vụ Tỉnh đoàn Sơn La")


def test_exact_bodies_row_counts_the_same_values_more_strictly():
    records = [
        {"text": "Sáng 5/1, Tỉnh đoàn Sơn La làm việc với Phòng Chính trị tư tưởng.",
         "facts": {"organizers": ["Tỉnh đoàn Sơn La"], "participants": ["Phòng Chính trị tư tưởng"]}},
    ]
    scores = evaluate(records)
    lenient, exact = scores["bodies"], scores["bodies_exact"]
    assert (exact.pred, exact.gold) == (lenient.pred, lenient.gold)
    assert exact.gold_matched <= lenient.gold_matched


def test_eval_cli_on_the_seeds(seeds, capsys):
    assert main(["--seeds"]) == 0
    out = capsys.readouterr().out
    assert "event_date" in out and "figures" in out


def test_head_first_words_cover_every_capitalised_head():
    """The participant cue scan starts only at words of ``_HEAD_FIRST``: a head added to ``_HEAD``
    without its first word there would silently never be found after a cue."""
    import itertools

    import regex

    from vnyouth import extract as em

    starts = set()
    # literal starts of alternatives: after "|", "(?:" or a named group, letters and [..] classes
    for m in regex.finditer(r"(?:\||\(\?:|\(\?P<\w+>)((?:\[[^\]\\]+\]|[\p{L}\p{M}])+)", em._HEAD.pattern):
        classes = regex.findall(r"\[([^\]]+)\]|([\p{L}\p{M}])", m.group(1))
        for combo in itertools.product(*[list(c) if c else [ch] for c, ch in classes]):
            word = "".join(combo)
            if word[0].isupper():
                starts.add(word)
    assert len(starts) > 30 and {"Tỉnh", "Đoàn", "Sở", "Ủy", "Uỷ"} <= starts
    assert starts <= em._HEAD_FIRST, sorted(starts - em._HEAD_FIRST)


def test_co_organisers_without_voi_and_a_venue_is_not_the_organizer():
    f = extract("Chiều 9/8, Thành đoàn Cần Thơ phối hợp Sở Giáo dục và Đào tạo thành phố tổ chức hội nghị.")
    assert [b.text for b in f.organizers] == ["Thành đoàn Cần Thơ", "Sở Giáo dục và Đào tạo thành phố"]
    f = extract("Ngày 15/11, tại Nhà Văn hóa Trường Đại học Cần Thơ, Ban Chấp hành Đoàn trường tổ chức hội nghị.")
    assert [b.text for b in f.organizers] == ["Ban Chấp hành Đoàn trường"]


def test_papers_heard_name_their_units_and_topics_do_not():
    text = (
        "Ngày 12/12, Tỉnh đoàn Hưng Yên tổng kết công tác Đoàn năm 2023. Hội nghị nghe các tham luận của "
        "Huyện đoàn Văn Lâm về mô hình “Thanh niên khởi nghiệp”, Thị đoàn Mỹ Hào về phối hợp với Sở Y tế "
        "trong hiến máu và Đoàn Thanh niên Công ty Cổ phần Dệt may Phố Hiến về sinh hoạt chi đoàn theo ca."
    )
    parts = [b.text for b in extract(text).participants]
    assert parts == ["Huyện đoàn Văn Lâm", "Thị đoàn Mỹ Hào"]  # the list stops at a unit inside a topic
    f = extract("Ngày 3/6, Thành đoàn Đà Lạt sơ kết 6 tháng. Các tham luận của Đoàn phường 2, Đoàn xã Tà Nung "
                "và Đoàn Khối các cơ quan và doanh nghiệp thành phố tập trung vào chuyển đổi số.")
    assert [b.text for b in f.participants] == [
        "Đoàn phường 2", "Đoàn xã Tà Nung", "Đoàn Khối các cơ quan và doanh nghiệp thành phố",
    ]


def test_visits_to_what_a_unit_runs_and_official_names_kept_whole():
    text = (
        "Sáng 8/4, đoàn công tác T.Ư Đoàn khảo sát hoạt động của đội hình tình nguyện tại Đoàn phường Tân An, "
        "thăm khu nhà trọ công nhân của Công ty Giày da Hòa Bình và thăm mô hình “Vườn rau sạch” do Chi đoàn "
        "khu phố 3 quản lý.\n\nCùng đi có lãnh đạo Trung tâm Tình nguyện Quốc gia, Ban Thư ký Hội Sinh viên Việt "
        "Nam. Dự có đại diện Phòng Tuyên huấn, Phòng Tổ chức cán bộ Công an tỉnh, Cục Công tác đảng và công tác "
        "chính trị; LĐLĐ tỉnh; Hội Cựu chiến binh tỉnh, Ủy ban Pháp luật, Hải đội 3 Biên phòng, Đoàn Trường THPT "
        "chuyên Lê Quý Đôn, Đoàn xã đảo Lý Sơn và Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên.\n\n"
        "Tại buổi làm việc, chi đoàn Công an xã Bình Sơn báo cáo cách làm."
    )
    assert [b.text for b in extract(text).participants] == [
        "Đoàn phường Tân An", "Công ty Giày da Hòa Bình", "Chi đoàn khu phố 3",
        "Trung tâm Tình nguyện Quốc gia", "Ban Thư ký Hội Sinh viên Việt Nam",
        "Phòng Tuyên huấn", "Phòng Tổ chức cán bộ Công an tỉnh", "Cục Công tác đảng và công tác chính trị",
        "LĐLĐ tỉnh", "Hội Cựu chiến binh tỉnh", "Ủy ban Pháp luật", "Hải đội 3 Biên phòng",
        "Đoàn Trường THPT chuyên Lê Quý Đôn", "Đoàn xã đảo Lý Sơn",
        "Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên", "chi đoàn Công an xã Bình Sơn",
    ]
    text = (
        "Sáng 2/3, Thường vụ Đảng ủy Sư đoàn 316 tổ chức hội nghị. Dự có đại diện Đoàn Đại biểu Quốc hội tỉnh "
        "Lào Cai, Văn phòng Đoàn ĐBQH và HĐND tỉnh, Liên minh Hợp tác xã tỉnh, Trung tâm Tình nguyện quốc "
        "gia, Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ, Đoàn Thanh niên BĐBP tỉnh."
    )
    f = extract(text)
    assert [b.text for b in f.organizers] == ["Thường vụ Đảng ủy Sư đoàn 316"]
    assert [b.text for b in f.participants] == [
        "Đoàn Đại biểu Quốc hội tỉnh Lào Cai", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Liên minh Hợp tác xã tỉnh",
        "Trung tâm Tình nguyện quốc gia", "Ban Quản lý các khu chế xuất và công nghiệp Cần Thơ",
        "Đoàn Thanh niên BĐBP tỉnh",
    ]
    # an abbreviation and its full name are one body
    assert normalize_body("Đoàn Thanh niên BĐBP tỉnh") == "Đoàn Thanh niên Bộ đội Biên phòng tỉnh"


def test_groups_named_by_what_they_do_and_lists_with_notes():
    text = (
        "Sáng 14/5, đoàn công tác T.Ư Đoàn làm việc với Tỉnh đoàn Yên Bái.\n\n"
        "Tại xã Nậm Búng, đoàn tham quan mô hình trồng quế của tổ hợp tác thanh niên bản Ngòi Kè; thăm điểm "
        "sinh hoạt “Câu lạc bộ thanh niên giữ nghề dệt thổ cẩm” và dự buổi sinh hoạt của Chi đoàn nghiệp đoàn "
        "nghề cá Vân Hội ngay tại bến. Đoàn cũng thăm Hợp tác xã chè sạch do 7 thanh niên lập, kiểm tra thực tế "
        "tại Liên đội Trường Tiểu học Sơn Thịnh (huyện Văn Chấn), Liên đội Trường THCS Tân Nguyên.\n\n"
        "Đoàn thăm mô hình “Chi đoàn kết nghĩa” với các xã vùng cao; nhiều câu lạc bộ sở thích hoạt động đều."
    )
    assert [b.text for b in extract(text).participants] == [
        "Tỉnh đoàn Yên Bái",
        "tổ hợp tác thanh niên bản Ngòi Kè",
        "Câu lạc bộ thanh niên giữ nghề dệt thổ cẩm",
        "Chi đoàn nghiệp đoàn nghề cá Vân Hội",
        "Hợp tác xã chè sạch",
        "Liên đội Trường Tiểu học Sơn Thịnh",
        "Liên đội Trường THCS Tân Nguyên",
    ]


def test_a_body_with_its_own_province_is_not_the_organizer_cut_short():
    f = extract("Sáng 3/1, Thành đoàn Thủ Đức tổ chức hội nghị. Dự có đại diện Thành đoàn Hà Nội.")
    assert [b.text for b in f.organizers] == ["Thành đoàn Thủ Đức"]
    assert [b.text for b in f.participants] == ["Thành đoàn Hà Nội"]
    f = extract("Sáng 3/1, Đoàn Khối các cơ quan tỉnh tổ chức hội nghị. Báo cáo của Đoàn Khối cho biết nhiều điều.")
    assert [b.text for b in f.participants] == []  # "Đoàn Khối" is the organizer cut short


def test_units_presenting_in_lists_joined_online_and_signing():
    text = (
        "Sáng 9/1, Tỉnh đoàn Kon Tum tổ chức hội nghị tổng kết công tác Đoàn năm 2023. Hội nghị được kết nối "
        "trực tuyến với điểm cầu Huyện đoàn Đắk Glei.\n\n"
        "Tại hội nghị, Đồn Biên phòng Cửa khẩu Quốc tế Bờ Y, Huyện đoàn Ia H'Drai và Đoàn xã Mô Rai (huyện Sa "
        "Thầy) đã trình bày tham luận. Chi đoàn Phòng Cảnh sát cơ động và Đoàn cơ sở Phòng Cảnh sát giao thông "
        "lần lượt chia sẻ kinh nghiệm; Câu lạc bộ Doanh nhân trẻ tỉnh được mời báo cáo. Tỉnh đoàn thẳng thắn nêu "
        "hạn chế.\n\nDịp này, Tỉnh đoàn ký kết chương trình phối hợp với Nhà Thiếu nhi tỉnh. Cùng ký kết còn có "
        "Kho bạc Nhà nước tỉnh. Trước đó, đoàn thăm và tặng quà Đồn Biên phòng Đắk Long."
    )
    assert [b.text for b in extract(text).participants] == [
        "Huyện đoàn Đắk Glei",
        "Đồn Biên phòng Cửa khẩu Quốc tế Bờ Y", "Huyện đoàn Ia H'Drai", "Đoàn xã Mô Rai",
        "Chi đoàn Phòng Cảnh sát cơ động", "Đoàn cơ sở Phòng Cảnh sát giao thông",
        "Câu lạc bộ Doanh nhân trẻ tỉnh", "Nhà Thiếu nhi tỉnh", "Kho bạc Nhà nước tỉnh", "Đồn Biên phòng Đắk Long",
    ]


def test_a_planned_period_gives_way_to_the_reviewed_one():
    # the lead names only the next period (a plan, a signed pledge): the title's period is the one reviewed
    for lead in (
        "Sáng 8/1, Đoàn Thanh niên Công an tỉnh tổ chức hội nghị tổng kết công tác Đoàn và triển khai phương "
        "hướng, nhiệm vụ năm 2021.",
        "Sáng 8/1, Đoàn Thanh niên Công an tỉnh tổng kết công tác Đoàn năm qua, đồng thời ký kết giao ước thi "
        "đua năm 2021.",
    ):
        assert extract(lead, title="Đoàn Thanh niên Công an tỉnh tổng kết công tác năm 2020").period.text == "năm 2020"
    f = extract(
        "Sáng 29/5, Hội đồng Đội tỉnh tổng kết công tác Đội, triển khai phương hướng, nhiệm vụ năm học 2024 - 2025.",
        title="Công tác Đội năm học 2023-2024 đạt nhiều kết quả",
    )
    assert f.period.text == "năm học 2023-2024"
    # a period restated after the attendance paragraph
    f = extract(
        "Sáng 5/1/2021, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn.\n\nVề dự có đồng chí Mai Văn Bình, "
        "Phó Bí thư Tỉnh ủy.\n\nNăm 2020, các cấp bộ Đoàn trong tỉnh đã hoàn thành 15/17 chỉ tiêu."
    )
    assert f.period.text == "Năm 2020"


def test_speaker_lists_across_commas_and_dotted_place_names():
    text = (
        "Sáng 3/1, Tỉnh đoàn Nam Định tổ chức hội nghị. Tại hội nghị, Liên chi đoàn Khoa Máy tàu biển, Đoàn "
        "Thanh niên Kho bạc Nhà nước tỉnh và Chi đoàn Sở Tư pháp lần lượt chia sẻ kinh nghiệm; Đoàn Đại học "
        "Quốc gia TP.HCM giới thiệu việc học trực tuyến."
    )
    assert [b.text for b in extract(text).participants] == [
        "Liên chi đoàn Khoa Máy tàu biển", "Đoàn Thanh niên Kho bạc Nhà nước tỉnh", "Chi đoàn Sở Tư pháp",
        "Đoàn Đại học Quốc gia TP.HCM",
    ]


def test_half_term_and_years_reviewed_after_danh_gia():
    f = extract(
        "Chiều 23-9, đoàn kiểm tra của BTV T.Ư Đoàn làm việc với BTV Tỉnh đoàn Ninh Thuận về kết quả thực hiện "
        "Nghị quyết Đại hội Đoàn các cấp nửa nhiệm kỳ 2022 - 2027."
    )
    assert f.period.text == "nửa nhiệm kỳ 2022 - 2027"
    f = extract(
        "Chiều 14-7, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Bình Phước làm việc với Ban Thường vụ Tỉnh đoàn để đánh "
        "giá 03 năm thực hiện chương trình phối hợp “Tuổi trẻ chung tay nơi biên giới” (2017 - 2020)."
    )
    assert f.period.text == "2017 - 2020"


def test_numbered_residential_areas_end_a_unit_name():
    text = (
        "Sáng 3/1, Tỉnh đoàn Quảng Ninh tổ chức hội nghị. Về phía phường có bí thư Chi đoàn khu 3, Chi đoàn "
        "khu 8 và Chi đoàn Trường THPT Hòn Gai."
    )
    assert [b.text for b in extract(text).participants] == [
        "Chi đoàn khu 3", "Chi đoàn khu 8", "Chi đoàn Trường THPT Hòn Gai",
    ]


def test_lower_case_attendance_cues_and_a_bracketed_parent():
    text = (
        "Sáng 12/4, Tỉnh đoàn Phú Yên làm việc với Huyện đoàn Sơn Hòa. Về dự có đại diện Phòng Nội vụ huyện; "
        "bí thư Đoàn xã Suối Bạc, Đoàn xã Sơn Hội và Đoàn thị trấn Củng Sơn.\n\n"
        "Tại xã Sơn Hội, tiếp đoàn có đồng chí Lê Văn Nam, Phó Bí thư Đảng ủy xã Sơn Hội; dự có lãnh đạo "
        "Công an xã, Trạm Y tế xã Sơn Hội. Dự buổi gặp có Vụ Công tác học sinh, sinh viên (Bộ GD-ĐT)."
    )
    assert [b.text for b in extract(text).participants] == [
        "Huyện đoàn Sơn Hòa", "Phòng Nội vụ huyện", "Đoàn xã Suối Bạc", "Đoàn xã Sơn Hội",
        "Đoàn thị trấn Củng Sơn", "Đảng ủy xã Sơn Hội", "Công an xã", "Trạm Y tế xã Sơn Hội",
        "Vụ Công tác học sinh, sinh viên",
    ]


def test_a_chaired_meeting_signing_partners_and_lecturers():
    f = extract(
        "Sáng 20/3, đồng chí Trần Thị Lan, Trưởng Ban Dân vận Tỉnh ủy chủ trì buổi làm việc của Ban Dân vận "
        "Tỉnh ủy với Ban Thường vụ Tỉnh đoàn, Ủy ban Hội LHTN Việt Nam tỉnh và Ban Thư ký Hội Sinh viên Việt "
        "Nam tỉnh Gia Lai."
    )
    assert [b.text for b in f.organizers] == ["Ban Dân vận Tỉnh ủy"]
    assert [b.text for b in f.participants] == [
        "Ban Thường vụ Tỉnh đoàn", "Ủy ban Hội LHTN Việt Nam tỉnh", "Ban Thư ký Hội Sinh viên Việt Nam tỉnh Gia Lai",
    ]
    f = extract(
        "Sáng 2/6, Tỉnh đoàn Hà Tĩnh tổ chức lớp tập huấn cho cán bộ Đoàn. Báo cáo viên là cán bộ Ban Tuyên "
        "giáo Tỉnh ủy và giảng viên Trường Chính trị tỉnh.\n\nCuối buổi, Tỉnh đoàn và Trường Cao đẳng Kỹ thuật "
        "Việt - Đức ký kết chương trình phối hợp. Đoàn cũng thăm Đồn Biên phòng Cầu Treo và Đồn Biên phòng "
        "Trần Phú Lộc."
    )
    assert [b.text for b in f.participants] == [
        "Ban Tuyên giáo Tỉnh ủy", "Trường Chính trị tỉnh", "Trường Cao đẳng Kỹ thuật Việt - Đức",
        "Đồn Biên phòng Cầu Treo", "Đồn Biên phòng Trần Phú Lộc",
    ]
