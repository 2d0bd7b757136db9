"""Tests for vnyouth.summary_features."""
from __future__ import annotations

import numpy as np
import pytest

from vnyouth.document import Document, Sentence, parse
from vnyouth.summary_features import FEATURE_NAMES, _TOKEN, _tokens_per_sentence, featurize, n_features
from vnyouth.syllables import count_syllables

COL = {n: j for j, n in enumerate(FEATURE_NAMES)}

TEXT = """Ngày 5/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2022.

Toàn cảnh hội nghị. Ảnh: Minh Hà

Trong năm 2022, Tỉnh đoàn đã tổ chức 1.700 hoạt động tình nguyện.

Theo đó, Tỉnh đoàn sẽ tập trung vào chuyển đổi số.

Dự hội nghị có các đồng chí lãnh đạo tỉnh và các sở, ngành."""


def test_shape_names_and_lengths():
    doc = parse(TEXT, title="Tỉnh đoàn tổng kết công tác năm 2022")
    f = featurize(doc)
    assert f.X.shape == (len(doc.sentences), n_features()) == (4, len(FEATURE_NAMES))
    assert f.n_syllables.tolist() == [count_syllables(s.text) for s in doc.sentences]
    assert np.isfinite(f.X).all()
    assert f.X[0, COL["pos_0"]] == 1 and f.X[3, COL["pos_3"]] == 1 and f.X[3, COL["from_end_0"]] == 1
    assert f.X[0, COL["date_start"]] == 1 and f.event_lead == 0
    assert f.X[2, COL["open_theo"]] == 1 and f.X[3, COL["open_attend"]] == 1
    assert f.X[0, COL["has_caption"]] == 1 and f.X[0, COL["caption_sim"]] > 0
    assert (f.X[:, COL["bias"]] == 1).all()
    # The first sentence shares most with the title.
    assert np.argmax(f.X[:, COL["title_recall"]]) == 0
    assert f.X[0, COL["title_bigram_recall"]] > 0
    np.testing.assert_allclose(np.linalg.norm(f.vectors, axis=1), 1.0)


def test_no_title_and_empty_document():
    f = featurize(Document(None, (Sentence("Một câu ngắn gọn.", 0, 0),)))
    assert f.X[0, COL["no_title"]] == 1 and f.X[0, COL["title_recall"]] == 0
    empty = featurize(Document(None, ()))
    assert empty.X.shape == (0, len(FEATURE_NAMES)) and empty.event_lead == -1


def test_centrality_favours_the_shared_topic():
    doc = Document("x", tuple(Sentence(t, i, i) for i, t in enumerate(
        ["Tỉnh đoàn tổ chức hội nghị.", "Hội nghị của Tỉnh đoàn thành công.", "Con mèo ngủ."])))
    f = featurize(doc)
    assert f.X[2, COL["centroid_cos"]] < f.X[0, COL["centroid_cos"]]
    assert f.X[2, COL["sim_max"]] == 0


@pytest.mark.parametrize("text", ["Nhiệt độ 39°C, “nắng” nóng… – kéo dài", "a_b c-d 1.700 5/1/2023 T.Ư",
                                  "Hoa\u0300 Bi\u0300nh", "", "ĐVTN (9/1): «OK»!"])
def test_fast_tokens_equal_the_regex(text):
    texts = [text, "Câu thứ hai."]
    assert _tokens_per_sentence(texts) == [_TOKEN.findall(t) for t in texts]
    assert _tokens_per_sentence(texts, lower=True) == [_TOKEN.findall(t.lower()) for t in texts]


def test_rejects_text():
    with pytest.raises(TypeError, match="expects a Document"):
        featurize("Tỉnh đoàn tổ chức hội nghị.")
