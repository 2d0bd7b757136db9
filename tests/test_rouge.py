"""Tests for vnyouth.rouge: syllable ROUGE through rouge-score with our tokenizer."""
from __future__ import annotations

import sys
import unicodedata

import pytest

pytest.importorskip("rouge_score")

from vnyouth import rouge
from vnyouth.rouge import (RougeScores, SyllableTokenizer, default_tokenizer_tokens,
                           rouge_corpus, rouge_n_f1, rouge_scores, tokenize)
from vnyouth.vietnews import read_vietnews, skip_if_missing

PAIRS = [
    ("Ngày 5/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2022.",
     "Tỉnh đoàn Ninh Bình tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2022."),
    ("Cảnh sát phát hiện 3 thuyền khai thác cát trái phép trên sông Hương.",
     "Công an Huế bắt 3 thuyền hút cát trái phép, đề xuất phạt mỗi chủ thuyền 4 triệu đồng."),
    ("Đoàn công tác T.Ư Đoàn làm việc với Tỉnh đoàn Sơn La.",
     "Chiều 29/11, đoàn công tác Trung ương Đoàn làm việc với Ban Thường vụ Tỉnh đoàn Sơn La."),
]


def test_tokenize_keeps_diacritics_lowercases_and_splits_numbers():
    assert tokenize("Đà Nẵng, ngày 5/1: TỈNH ĐOÀN!") == ["đà", "nẵng", "ngày", "5", "1", "tỉnh", "đoàn"]


def test_tokenize_normalises_decomposed_unicode():
    decomposed = unicodedata.normalize("NFD", "Hoà Bình tổ chức")
    assert decomposed != "Hoà Bình tổ chức"
    assert tokenize(decomposed) == ["hoà", "bình", "tổ", "chức"]


def test_tokenizer_object_for_rouge_score():
    assert SyllableTokenizer().tokenize("Thanh Hoá") == ["thanh", "hoá"]


def test_tokenize_rejects_non_str():
    with pytest.raises(TypeError, match="expects str"):
        tokenize(b"abc")


def test_identical_and_disjoint():
    s = rouge_scores("Tỉnh đoàn họp", "Tỉnh đoàn họp")
    assert s == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    assert rouge_scores("Tỉnh đoàn họp", "Công an bắt")["rouge1"] == 0.0


def test_old_and_new_tone_placement_are_different_syllables():
    # Summaries are extractive and keep the article's spelling; ROUGE does not merge the two.
    assert rouge_scores("Thanh Hoá", "Thanh Hóa")["rouge1"] == pytest.approx(0.5)


def test_default_tokenizer_deletes_letters_with_diacritics():
    tokens = default_tokenizer_tokens("Đà Nẵng tổ chức hội nghị")
    assert "đà" not in tokens and "nẵng" not in tokens
    assert tokens == ["n", "ng", "t", "ch", "c", "h", "i", "ngh"]


def test_default_tokenizer_inflates_scores():
    ours = rouge_corpus(PAIRS)
    raw = rouge_corpus(PAIRS, default_tokenizer=True)
    assert raw.rouge1 > ours.rouge1 + 5
    assert raw.rouge2 > ours.rouge2


def test_fast_rouge_n_matches_rouge_score():
    for pred, ref in PAIRS:
        expected = rouge_scores(pred, ref)
        for n, key in ((1, "rouge1"), (2, "rouge2")):
            assert rouge_n_f1(tokenize(pred), tokenize(ref), n) == pytest.approx(expected[key])
    assert rouge_n_f1([], ["a"], 1) == 0.0
    with pytest.raises(ValueError, match="n must be"):
        rouge_n_f1(["a"], ["a"], 0)


def test_corpus_mean_is_mean_of_per_article_scores():
    per = [rouge_scores(p, r) for p, r in PAIRS]
    total = rouge_corpus(PAIRS)
    assert isinstance(total, RougeScores) and total.n == len(PAIRS)
    assert total.rouge1 == pytest.approx(100 * sum(s["rouge1"] for s in per) / len(per))
    assert total.rougeL == pytest.approx(100 * sum(s["rougeL"] for s in per) / len(per))
    assert set(total.as_dict()) == {"rouge1", "rouge2", "rougeL", "n"}
    assert str(total).count("/") == 2


def test_bad_arguments():
    with pytest.raises(ValueError, match="at least one"):
        rouge_corpus([])
    with pytest.raises(ValueError, match="unknown ROUGE type"):
        rouge_scores("a", "a", types=("rouge3",))
    with pytest.raises(TypeError, match="prediction must be str"):
        rouge_scores(None, "a")


def test_missing_package_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "rouge_score", None)
    rouge._scorer.cache_clear()
    try:
        with pytest.raises(ImportError, match=r"vnyouth\[test\]"):
            rouge_scores("a", "b")
    finally:
        rouge._scorer.cache_clear()


@pytest.mark.shared_data
@skip_if_missing()
def test_default_tokenizer_inflates_lead3_on_vietnews():
    recs = list(read_vietnews("val", limit=200))
    pairs = [(" ".join(r["text"].split("\n")[:3]), r["summary"]) for r in recs]
    ours = rouge_corpus(pairs, types=("rouge1",))
    raw = rouge_corpus(pairs, default_tokenizer=True, types=("rouge1",))
    # README: 27.0 -> 45.5 on the hidden test sample.
    assert raw.rouge1 - ours.rouge1 > 10
