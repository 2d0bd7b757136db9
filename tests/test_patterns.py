"""vnyouth.patterns: regex-syntax patterns run on ``re`` must match exactly what ``regex`` matches."""

import re

import pytest
import regex

from vnyouth.patterns import compile as compile_pattern

BELOW = "".join(map(chr, range(0x3000)))  # where the rewrite is exact


@pytest.mark.parametrize("cls", [r"\p{L}", r"\p{M}", r"\p{N}", r"\p{Lu}", r"\p{Ll}", r"\w", r"\s"])
def test_each_class_agrees_with_regex_below_u3000(cls):
    negated = cls.replace("\\p", "\\P") if cls.startswith("\\p") else cls.upper()
    for pattern in (cls, negated, f"[{cls}]", f"[^{cls}]", f"[{cls}0-9_]"):
        ours, theirs = compile_pattern(pattern), regex.compile(pattern)
        assert isinstance(ours, re.Pattern), pattern
        assert ours.findall(BELOW) == theirs.findall(BELOW), pattern


@pytest.mark.parametrize("pattern", [r"(?<!\w)\p{Lu}\w*", r"(?<![\p{L}\p{M}])năm\s+(\d{4})", r"\W+\S"])
def test_word_classes_and_look_behinds_agree_where_the_engines_differ(pattern):
    # combining marks are word characters to regex and not to re; "²" the other way round
    texts = ["số 5, Số2 số² a\u0300số", "m² là Đoàn 2\u0300X", "năm 2023, anăm 2024, \u0301năm 2025", "iPhone Ǆa ǅb ½C"]
    ours, theirs = compile_pattern(pattern), regex.compile(pattern)
    assert isinstance(ours, re.Pattern)
    for t in texts:
        assert [m.span() for m in ours.finditer(t)] == [m.span() for m in theirs.finditer(t)], (pattern, t)


def test_case_insensitive_patterns_agree():
    pattern = r"(?<![\p{L}\p{M}])(?:sáng|chiều)\s+nay(?![\p{L}\p{M}])"
    ours, theirs = compile_pattern(pattern, regex.I), regex.compile(pattern, regex.I)
    assert isinstance(ours, re.Pattern)
    text = "SÁNG NAY, Chiều nay và sángnay; chiều nayx"
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]


@pytest.mark.parametrize(
    "pattern, flags",
    [
        (r"(?:hơn|gần)\s+$", regex.REVERSE),  # matched backwards
        (r"\G\s+(\w+)", 0),  # anchored where the last match ended
        (r"\bsố\b", 0),  # word boundaries: left to regex
        (r"(?:khóa)\B", 0),
        (r"(?<![Hh]ội\s+)đại\s+biểu", 0),  # a look-behind of variable width
        (r"[^\W\d]", 0),  # a negated class inside a set: not rewritten
        (r"\p{Han}", 0),  # a property the rewrite does not know
        (r"(?i)\p{Lu}", 0),  # case classes without case: left to regex
    ],
)
def test_what_re_cannot_run_is_compiled_by_regex(pattern, flags):
    p = compile_pattern(pattern, flags)
    assert isinstance(p, regex.Pattern)
    assert p.pattern == pattern


def test_the_extractors_scanning_patterns_run_on_re():
    import vnyouth.extract as em

    for name in ("_HEAD", "_FIG", "_DATE", "_PERIOD", "_SPEAK", "_ATTEND", "_WORK_VERB", "_HOLD_VERB", "_CAP_RUN"):
        assert isinstance(getattr(em, name), re.Pattern), name


def test_above_u3000_the_rewritten_classes_hold_nothing():
    # the documented difference: a Han character is a letter to regex, not to the rewritten pattern
    assert regex.compile(r"\p{L}").match("漢") and not compile_pattern(r"\p{L}").match("漢")
    assert compile_pattern(r"\p{L}").match("Đ") and compile_pattern(r"\p{M}").match("\u0301")


def test_the_extractors_faster_scans_find_what_the_patterns_they_replace_find():
    import random

    import vnyouth.extract as em

    rnd = random.Random(7)
    capword = regex.compile(r"(?<!\w)\p{Lu}\w*")
    texts = ["iPhone và eKYC của TP.HCM", "a\u0300B Cd ÀB²C x²Y _A"]
    texts += ["".join(rnd.choice("aBĐđ ²\u0300_1.,-ǅ") for _ in range(30)) for _ in range(3000)]
    for t in texts:
        assert em._capwords(t) == [(m.start(), m.end(), m.group()) for m in capword.finditer(t)], t
    figs = ["".join(rnd.choice("12 .,/%a-:Đ") for _ in range(25)) + " tỷ đồng 12 ha" for _ in range(3000)]
    for t in figs:
        assert [m.span() for m in em._fig_matches(t)] == [m.span() for m in em._FIG.finditer(t)], t


# The extractor's cheap tests in front of its slower patterns: each must let through every place
# where the pattern matches (or return the pattern's own answer).

_CUES = [
    "Đại diện", "đại biểu", "thăm", "thăm, tặng quà", "thăm và chúc Tết", "thăm cán bộ, chiến sĩ trẻ",
    "tham quan các mô hình", "kết nối trực tuyến tới 12 điểm cầu", "ký kết chương trình phối hợp năm 2024 với",
    "thăm mô hình nuôi tôm của", "khảo sát hoạt động đội hình tình nguyện do", "kiểm tra thực tế tại",
    "xem xét hồ sơ", "giám sát", "đi thực tế tại", "tham dự buổi sinh hoạt dưới cờ của", "gặp gỡ cán bộ",
    "hồ sơ, sổ sách của", "4 đội thi gồm:", "hai đơn vị là", "giữa đội", "hồ sơ tại", "đến từ", "đã về", "đến",
    "Lãnh đạo", "báo cáo của", "Báo cáo viên là cán bộ", "giảng viên", "tọa đàm với",
    "làm việc trực tiếp với", "trao đổi công tác năm 2024 tại",
]


@pytest.mark.parametrize("cue", _CUES)
def test_every_kind_of_participant_cue_passes_the_cheap_test(cue):
    import vnyouth.extract as em

    text = f"Sáng nay, đoàn {cue}  Tỉnh đoàn Sơn La."
    p = text.index("Tỉnh đoàn")
    assert em._PART_CUE_BEFORE.match(text, 0, p), cue  # the example is a cue
    assert em._may_end_cue(text, 0, p), cue


def test_the_cheap_cue_test_never_skips_a_cue_in_the_corpus():
    import random

    import vnyouth.extract as em
    from vnyouth.data import load_split

    rnd = random.Random(3)
    seen = 0
    for r in load_split("dev"):
        t = r["text"]
        for m in re.finditer(r"[ \t](?=\w)", t):
            p, start = m.end(), max(0, m.end() - rnd.randint(1, 80))
            if em._PART_CUE_BEFORE.match(t, start, p):
                seen += 1
                assert em._may_end_cue(t, start, p), t[start:p]
    assert seen > 20


def test_the_figure_context_tests_give_the_patterns_answers():
    import random

    import vnyouth.extract as em

    def alternatives(group: str) -> list[str]:  # each alternative of a pattern's group, written out
        return [a.replace("\\s+", " ").replace("[\\p{L}\\s]{0,20}", " Thanh niên") for a in group.split("|")]

    exclude = em._FIG_EXCLUDE_BEFORE.pattern.removeprefix("(?:").removesuffix(")\\s*$")
    qualifier = em._QUALIFIER.pattern.split("])(", 1)[1].removesuffix(")[ \\t]+$")
    rnd = random.Random(5)
    words = alternatives(exclude) + alternatives(qualifier)
    assert {"lần thứ", "Luật Thanh niên", "điện thoại", "hơn", "tối thiểu"} <= set(words), words
    words += [w.upper() for w in words] + ["Luật", "tổ", "Gần", "tối  thiểu"]
    for _ in range(6000):
        before = "".join(rnd.choice("ab Đ,.\t:") for _ in range(rnd.randint(0, 6)))
        before += rnd.choice(words) + rnd.choice(["", " ", "  ", "\t", " x", ":", "\n", " \n"])
        before = before[-25:]
        assert em._excluded_before(before) == bool(em._FIG_EXCLUDE_BEFORE.search(before)), before
        q, full = em._qualifier(before), em._QUALIFIER.search(before)
        assert (q and q.span()) == (full and full.span()), before


def test_aligning_a_line_changed_in_its_spaces_only_agrees_with_the_full_walk():
    import random

    import vnyouth.extract as em
    from vnyouth.normalize import normalize

    rnd = random.Random(9)
    fast = 0
    for _ in range(3000):
        line = "".join(rnd.choice(["ế", "a", "Đ", " ", "  ", "\t", "\u00a0", "x", "1", "\u0301", "\u200b", "\x1c"])
                       for _ in range(rnd.randint(1, 20)))
        norm = normalize(line)
        if not norm or "\n" in norm:
            continue
        sub = em._align_spaces(line, norm)
        if sub is not None:
            fast += 1
            assert sub[: len(norm)] == em._align(line, norm)[: len(norm)], repr(line)
        elif not em._SPECIAL.search(line):
            assert " ".join(line.split()) != norm, repr(line)  # only lines changed in more than spaces
    assert fast > 300


def test_body_names_skip_only_the_replacements_that_cannot_apply():
    import random

    import vnyouth.extract as em
    from vnyouth.normalize import canonical_tones

    rnd = random.Random(13)
    pieces = ["BTV", "BCH", "Tỉnh đoàn", "TỈNH ĐOÀN", "tỉnh Đoàn", "TW Đoàn", "T.Ư Hội", "Ủy ban nhân dân",
              "Uỷ ban nhân dân", "xã đoàn", "XÃ ĐOÀN", "TP.HCM", "TP HCM", "Thành phố Hồ Chí Minh", "thường trực",
              "Ban thường vụ", "Sơn La", "Hội Liên hiệp Thanh niên Việt Nam", "Đoàn Thanh niên Cộng sản",
              "huyện ủy", "BĐBP", "UBKT", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Trung ương Đoàn", "xã", "đoàn"]
    for _ in range(3000):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6)))
        every = " ".join(canonical_tones(text).split())
        for rx, rep, _ in em._ABBREV_RE + em._CASE_FIX:  # every replacement, none skipped
            every = rx.sub(rep, every)
        assert em.normalize_body.__wrapped__(text) == every.strip(" ,;.:"), text
        # the term is dropped from the unit wherever one ends it ("khóa" tested before the pattern runs)
        term = rnd.choice(["", " khóa XIV", " Khóa II", " khóa  V"])
        unit = em.normalize_body.__wrapped__(text + term, True)[1]
        assert not em._rx(r"\s+khóa\s+[IVXLC]+$").search(unit), text


def test_the_place_before_test_matched_backwards_agrees_with_a_forward_search():
    import random

    import vnyouth.extract as em

    assert em._PLACE_BEFORE.flags & regex.REVERSE
    forward = regex.compile(em._PLACE_BEFORE.pattern, regex.I)
    words = em._PLACE_BEFORE.pattern.removeprefix("(?:").split(")")[0].split("|")
    assert {"thị trấn", "xã", "núi"} <= set(words), words
    words += [w.upper() for w in words] + [w.title() for w in words] + ["xã hội", "Đồng", "thị"]
    rnd = random.Random(17)
    hits = 0
    for _ in range(4000):
        before = "".join(rnd.choice("ab Đ,.\t") for _ in range(rnd.randint(0, 8)))
        before += rnd.choice(words) + rnd.choice(["", " ", "  ", "\t", " x", ",", "\n", " \n"])
        before = before[-25:]
        expected = bool(forward.search(before))
        hits += expected
        assert bool(em._PLACE_BEFORE.search(before)) == expected, before
    assert hits > 1000
