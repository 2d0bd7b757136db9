"""Tests for vnyouth.summary_baselines: Lead-k, TextRank, greedy oracle."""
from __future__ import annotations

import numpy as np
import pytest

from vnyouth.document import parse
from vnyouth.summary_baselines import (BASELINES, greedy_oracle, join_sentences, lead, pagerank,
                                       sentence_texts, textrank)

SENTS = [
    "Ngày 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2022.",
    "Hội nghị tổng kết đánh giá công tác Đoàn năm 2022 của Tỉnh đoàn.",
    "Trời hôm đó mưa nhỏ.",
    "Tỉnh đoàn biểu dương các tập thể có thành tích trong công tác Đoàn.",
    "Một con mèo ngủ trên mái nhà.",
]


def test_lead_k():
    assert lead(SENTS, 1) == [0]
    assert lead(SENTS, 3) == [0, 1, 2]
    assert lead(SENTS[:2], 3) == [0, 1]
    assert lead([], 2) == []


@pytest.mark.parametrize("k", [0, -1, 1.5, True, "2"])
def test_lead_rejects_bad_k(k):
    with pytest.raises(ValueError, match="positive int"):
        lead(SENTS, k)


def test_baselines_accept_documents():
    doc = parse("\n".join(SENTS), title="Tỉnh đoàn tổng kết năm 2022")
    assert lead(doc, 2) == [0, 1]
    assert join_sentences(doc, [0, 1]) == " ".join(SENTS[:2])
    for fn in BASELINES.values():
        out = fn(doc)
        assert out == sorted(out) and all(0 <= i < len(doc.sentences) for i in out)


def test_sentence_texts_rejects_a_single_string():
    with pytest.raises(TypeError, match="Document or a list"):
        sentence_texts("Một câu.")
    with pytest.raises(TypeError, match="must be str"):
        sentence_texts(["a", 1])


def test_textrank_prefers_central_sentences_and_keeps_order():
    best = textrank(SENTS, 3)
    assert best == sorted(best) and len(best) == 3
    # The two off-topic sentences share no syllable with the rest.
    assert 2 not in best and 4 not in best
    assert textrank(SENTS, 1)[0] in (0, 1, 3)


def test_textrank_short_input_and_idf():
    assert textrank(SENTS[:2], 3) == [0, 1]
    idf = {"mèo": 10.0, "ngủ": 10.0}
    assert textrank(SENTS, 2, idf=idf) == textrank(SENTS, 2, idf=idf)  # deterministic


def test_pagerank_symmetric_graph_is_uniform_and_sums_to_one():
    w = np.ones((4, 4)) - np.eye(4)
    r = pagerank(w)
    assert r.sum() == pytest.approx(1.0)
    assert np.allclose(r, 0.25)
    assert pagerank(np.zeros((0, 0))).shape == (0,)
    # A node nobody links to scores lowest.
    w2 = np.array([[0, 1, 1], [1, 0, 1], [0, 0, 0.0]])
    w2[2] = [1, 1, 0]
    w2[:, 2] = 0
    assert np.argmin(pagerank(w2)) == 2


def test_oracle_finds_the_sentence_that_is_the_reference():
    assert greedy_oracle(SENTS, SENTS[3]) == [3]


def test_oracle_adds_sentences_only_while_they_help():
    ref = SENTS[0] + " " + SENTS[4]
    assert greedy_oracle(SENTS, ref) == [0, 4]
    assert greedy_oracle(SENTS, ref, max_sentences=1) in ([0], [4])
    assert greedy_oracle(SENTS, "hoàn toàn khác biệt") == []
    assert greedy_oracle(SENTS, "") == []
    assert greedy_oracle([], "abc") == []


def test_oracle_bad_input():
    with pytest.raises(TypeError, match="reference must be str"):
        greedy_oracle(SENTS, None)
    with pytest.raises(ValueError, match="max_sentences"):
        greedy_oracle(SENTS, "a", max_sentences=0)
