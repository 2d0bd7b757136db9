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
