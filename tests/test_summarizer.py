"""Tests for vnyouth.summarizer: budget, selection, trimming, the scorer's contract, bad input."""
from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from vnyouth.data import seeds_dir
from vnyouth.document import parse
from vnyouth.model_folder import DEFAULT_MODELS, ModelFolderError, save_model_folder, shipped_models_dir
from vnyouth.summarizer import (SentenceScorer, SummaryResult, select_sentences, strip_attribution,
                                summarize, summarize_document, trim_to_budget)
from vnyouth.summary_features import FEATURE_NAMES, featurize
from vnyouth.syllables import count_syllables

SEEDS = sorted(seeds_dir().glob("*.txt")) if seeds_dir() else []
SHIPPED = shipped_models_dir() / DEFAULT_MODELS["summarizer"]

ARTICLE = """Tỉnh đoàn tổng kết công tác năm 2023

09:42 13/01/2024   874

Ngày 12/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2023, triển khai nhiệm vụ năm 2024.

Toàn cảnh hội nghị. Ảnh: Minh Hà

Năm 2023, toàn tỉnh kết nạp mới 2.460 đoàn viên, giới thiệu 418 đoàn viên ưu tú cho Đảng xem xét kết nạp.

Các cấp bộ Đoàn tổ chức 1.700 hoạt động tình nguyện, thu hút gần 15.000 lượt đoàn viên thanh niên tham gia.

Năm 2024, Tỉnh đoàn tập trung đổi mới nội dung, phương thức hoạt động và chăm lo thanh niên công nhân.

Tại hội nghị, 20 tập thể và 35 cá nhân được Tỉnh đoàn tặng bằng khen.

THU TRANG
"""


def _toy_rows(n_docs: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows of small articles with a target that favours early, title-like sentences."""
    rng = np.random.default_rng(0)
    words = ("tỉnh đoàn hội nghị tổng kết công tác thanh niên năm đoàn viên phong trào tình nguyện "
             "học sinh trường xã huyện kết nạp tuyên truyền").split()
    X, y = [], []
    for _ in range(n_docs):
        sents = [" ".join(rng.choice(words, size=rng.integers(6, 30))).capitalize() + "."
                 for _ in range(rng.integers(3, 10))]
        doc = parse("\n".join(sents), title=" ".join(rng.choice(words, size=6)))
        f = featurize(doc)
        X.append(f.X)
        y.append(f.X[:, FEATURE_NAMES.index("title_recall")] + 1.0 / (1 + np.arange(len(f.X))))
    return np.vstack(X), np.concatenate(y)


@pytest.fixture(scope="module")
def toy_scorer() -> SentenceScorer:
    X, y = _toy_rows()
    return SentenceScorer(n_knots=3).fit(X, y)


@pytest.fixture(scope="module")
def shipped() -> Path:
    if not (SHIPPED / "meta.json").is_file():
        pytest.fail(f"the shipped summarizer model {SHIPPED} is missing; run python -m vnyouth.summary_training")
    return SHIPPED


# --------------------------------------------------------------------------- result and budget


def test_summary_result_is_frozen_and_carries_indices(toy_scorer):
    r = summarize(ARTICLE, model=toy_scorer)
    assert isinstance(r, SummaryResult)
    assert r.text and str(r) == r.text
    assert list(r.indices) == sorted(r.indices)
    assert len(r.sentences) >= 1 and all(s in r.text for s in r.sentences)
    with pytest.raises(AttributeError):
        r.text = "x"


@pytest.mark.parametrize("max_sentences", [1, 2, 3, 5])
@pytest.mark.parametrize("max_syllables", [5, 12, 25, 60, 200])
def test_budget_is_respected(toy_scorer, max_sentences, max_syllables):
    r = summarize(ARTICLE, model=toy_scorer, max_sentences=max_sentences, max_syllables=max_syllables)
    assert 0 < count_syllables(r.text) <= max_syllables
    assert 1 <= len(r.indices) <= max_sentences


def test_no_caption_byline_or_counter_in_summary(toy_scorer):
    for n in (20, 60, 200):
        r = summarize(ARTICLE, model=toy_scorer, max_syllables=n)
        assert "Ảnh" not in r.text and "THU TRANG" not in r.text and "874" not in r.text


def test_one_sentence_article_returns_that_sentence(toy_scorer):
    text = "Ngày 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2022."
    assert summarize(text, model=toy_scorer).text == text
    short = summarize(text, model=toy_scorer, max_syllables=6)
    assert short.indices == (0,) and short.trimmed
    assert count_syllables(short.text) <= 6 and short.text.endswith("…")
    assert short.text == "Ngày 5/1…"  # cut at the clause boundary inside the budget


def test_never_empty_for_a_non_empty_article(toy_scorer):
    rng = np.random.default_rng(1)
    words = "đoàn viên thanh niên tỉnh hội nghị công tác năm mới tổ chức kết quả".split()
    for _ in range(30):
        # 9+ syllables: a shorter capitalised line alone is a byline, which is furniture.
        sents = [" ".join(rng.choice(words, size=rng.integers(9, 90))).capitalize() + "."
                 for _ in range(rng.integers(1, 6))]
        r = summarize("\n\n".join(sents), model=toy_scorer, max_syllables=int(rng.integers(1, 70)))
        assert r.text.strip()


def test_empty_only_without_sentences(toy_scorer):
    for text in ("", "   \n\n ", "Ảnh: Minh Hà", "18:35 29/11/2023   3724"):
        r = summarize(text, model=toy_scorer)
        assert r == SummaryResult("", (), ())


def test_keeps_the_articles_own_spelling(toy_scorer):
    text = "Thanh Hoá tổ chức hội nghị, Uỷ ban nhân dân tỉnh khen thưởng thanh niên khoẻ mạnh."
    r = summarize(text, model=toy_scorer)
    assert "Hoá" in r.text and "Uỷ" in r.text and "khoẻ" in r.text


def test_summarize_document_matches_summarize(toy_scorer):
    doc = parse(ARTICLE)
    assert summarize_document(doc, model=toy_scorer) == summarize(ARTICLE, model=toy_scorer)
    with pytest.raises(TypeError, match="expects a Document"):
        summarize_document(ARTICLE, model=toy_scorer)


# --------------------------------------------------------------------------- selection


def test_threshold_decides_the_number_of_sentences(toy_scorer):
    doc = parse(ARTICLE)
    feats = featurize(doc)
    scores = toy_scorer.predict(feats.X)
    one = select_sentences(feats, scores, relative_threshold=1.0, max_syllables=200)
    many = select_sentences(feats, scores, relative_threshold=0.0, max_syllables=200, redundancy=1.0)
    assert len(one) == 1 and one[0] == int(np.argmax(scores))
    assert len(many) == 3


def test_redundant_sentences_are_skipped():
    sents = ["Tỉnh đoàn tổ chức hội nghị tổng kết năm 2023.", "Tỉnh đoàn tổ chức hội nghị tổng kết năm 2023 .",
             "Hội nghị khen thưởng 20 tập thể xuất sắc."]
    doc = parse("\n".join(sents), title="Tỉnh đoàn tổng kết")
    feats = featurize(doc)
    scores = np.array([1.0, 0.99, 0.9])
    chosen = select_sentences(feats, scores, relative_threshold=0.5, redundancy=0.6, max_syllables=100)
    assert not ({0, 1} <= set(chosen))


def test_event_lead_comes_first_when_the_best_sentence_is_undated():
    text = ("Năm 2024, đồng chí Nguyễn Văn An đề nghị Tỉnh đoàn chủ động xây dựng kế hoạch.\n"
            "Chiều 29/11, đoàn công tác T.Ư Đoàn đã làm việc với Ban Thường vụ Tỉnh đoàn Sơn La.\n"
            "Buổi làm việc tập trung vào công tác tuyên truyền.")
    doc = parse(text, title="Chủ động xây dựng kế hoạch năm 2024")
    feats = featurize(doc)
    assert feats.event_lead == 1
    scores = np.array([0.9, 0.3, 0.2])
    # The event sentence leads; the best one still follows when it fits.
    assert select_sentences(feats, scores, event_lead=True, relative_threshold=0.99) == [0, 1]
    assert select_sentences(feats, scores, event_lead=True, max_sentences=1) == [1]
    assert select_sentences(feats, scores, event_lead=False, relative_threshold=0.99) == [0]


# --------------------------------------------------------------------------- trimming


def test_trim_to_budget_drops_titles_then_asides_then_cuts_at_a_clause():
    s = ("Chiều 29/11, đoàn công tác T.Ư Đoàn do đồng chí Nguyễn Kim Quy - Ủy viên BTV, Trưởng Ban Đoàn kết "
         "tập hợp thanh niên T.Ư Đoàn làm trưởng đoàn đã làm việc với Tỉnh đoàn Sơn La.")
    out, trimmed = trim_to_budget(s, 30)
    assert trimmed and out == ("Chiều 29/11, đoàn công tác T.Ư Đoàn do đồng chí Nguyễn Kim Quy làm trưởng "
                               "đoàn đã làm việc với Tỉnh đoàn Sơn La.")
    assert trim_to_budget("Sáng nay (9/1), Tỉnh đoàn họp.", 5) == ("Sáng nay, Tỉnh đoàn họp.", True)
    out, trimmed = trim_to_budget("Tỉnh đoàn họp bàn công tác, rồi đi thăm các xã vùng cao.", 8)
    assert trimmed and out == "Tỉnh đoàn họp bàn công tác…"
    out, _ = trim_to_budget("Một hai ba bốn năm sáu bảy tám chín mười.", 4)
    assert out == "Một hai ba bốn…"
    assert trim_to_budget("Ngắn gọn.", 60) == ("Ngắn gọn.", False)
    out, _ = trim_to_budget("Ông nói “Tuổi trẻ phải đi đầu trong chuyển đổi số và khởi nghiệp”.", 8)
    assert out.count("“") == out.count("”")
    with pytest.raises(ValueError):
        trim_to_budget("x", 0)


def test_strip_attribution_is_faithful():
    assert strip_attribution("Theo đó, Tỉnh đoàn sẽ tổ chức 5 lớp tập huấn.") == "Tỉnh đoàn sẽ tổ chức 5 lớp tập huấn."
    assert strip_attribution("Theo báo Lao Động, tỉnh có 20 đội hình (Theo TTXVN).") == "Tỉnh có 20 đội hình."
    kept = "Theo ông Minh, phong trào đạt kết quả tốt."
    assert strip_attribution(kept) == kept
    assert strip_attribution("Theo đó, ổn.") == "Theo đó, ổn."  # too little would be left


# --------------------------------------------------------------------------- the scorer's contract


def test_scorer_contract(toy_scorer):
    X, y = _toy_rows(10)
    est = SentenceScorer(alpha=2.0, n_knots=2)
    assert est.get_params() == {"alpha": 2.0, "n_knots": 2, "relative_threshold": 0.8, "redundancy": 0.6,
                                "event_lead": True}
    assert not hasattr(est, "coef_")  # nothing happens in __init__
    with pytest.raises(NotFittedError):
        est.predict(X)
    fitted = est.fit(X, y)
    assert fitted is est and est.n_features_in_ == X.shape[1]
    cloned = clone(est)
    assert cloned.get_params() == est.get_params() and not hasattr(cloned, "coef_")
    est.set_params(relative_threshold=0.5)
    assert est.relative_threshold == 0.5
    again = pickle.loads(pickle.dumps(toy_scorer))
    np.testing.assert_allclose(again.predict(X), toy_scorer.predict(X))
    assert toy_scorer.score(X, y) > 0.5  # R², RegressorMixin


def test_scorer_bad_input(toy_scorer):
    X, y = _toy_rows(5)
    with pytest.raises(ValueError, match="features"):
        toy_scorer.predict(X[:, :5])
    with pytest.raises(ValueError):
        toy_scorer.predict("Tỉnh đoàn tổ chức hội nghị.")
    with pytest.raises(ValueError, match="alpha"):
        SentenceScorer(alpha=-1).fit(X, y)
    with pytest.raises(ValueError, match="relative_threshold"):
        SentenceScorer(relative_threshold=2).fit(X, y)
    with pytest.raises(ValueError, match="n_knots"):
        SentenceScorer(n_knots=1.5).fit(X, y)
    with pytest.raises(ValueError, match="at least 2"):
        SentenceScorer().fit(X[:1], y[:1])
    with pytest.raises(ValueError):
        SentenceScorer().fit(X, y[:-1])


# --------------------------------------------------------------------------- bad input to summarize


@pytest.mark.parametrize("bad, match", [(None, "got NoneType"), (b"abc", "decode"), (["a", "b"], "each article"),
                                        (3, "got int")])
def test_summarize_rejects_non_str(bad, match, toy_scorer):
    with pytest.raises(TypeError, match=match):
        summarize(bad, model=toy_scorer)


def test_summarize_rejects_bad_budget_and_backend(toy_scorer):
    with pytest.raises(ValueError, match="max_syllables must be >= 1"):
        summarize(ARTICLE, model=toy_scorer, max_syllables=0)
    with pytest.raises(TypeError, match="max_sentences must be an int"):
        summarize(ARTICLE, model=toy_scorer, max_sentences="3")
    with pytest.raises(ValueError, match="unknown backend"):
        summarize(ARTICLE, model=toy_scorer, backend="gpt")
    with pytest.raises(TypeError, match="title must be str"):
        summarize(ARTICLE, model=toy_scorer, title=5)
    with pytest.raises(TypeError, match="model must be"):
        summarize(ARTICLE, model=42)


# --------------------------------------------------------------------------- model folders


def test_model_folder_and_env_var(toy_scorer, tmp_path, monkeypatch):
    folder = save_model_folder(tmp_path / "toy", toy_scorer, {"kind": "summarizer", "name": "toy"}, "# toy\n")
    by_path = summarize(ARTICLE, model=folder)
    assert by_path == summarize(ARTICLE, model=toy_scorer)
    monkeypatch.setenv("VNYOUTH_SUMMARIZER_MODEL", str(folder))
    assert summarize(ARTICLE) == by_path
    wrong = save_model_folder(tmp_path / "wrong", SentenceScorer(n_knots=0).fit(np.eye(3), [0, 1, 2]),
                              {"kind": "summarizer", "name": "wrong"}, "# wrong\n")
    with pytest.raises(ModelFolderError, match="retrain"):
        summarize(ARTICLE, model=wrong)


def test_shipped_model_folder_is_small_and_documented(shipped):
    meta = json.loads((shipped / "meta.json").read_text(encoding="utf-8"))
    assert meta["kind"] == "summarizer" and meta["features"] == list(FEATURE_NAMES)
    assert (shipped / "model.joblib").stat().st_size < 5_000_000
    assert "ROUGE" in (shipped / "README.md").read_text(encoding="utf-8")
    val = meta["metrics"]["vietnews_val"]
    assert val["summarizer"]["rouge1"] >= val["Lead-2 (raw lines)"]["rouge1"] + 2.0
    assert val["summarizer"]["rouge2"] >= val["Lead-2 (raw lines)"]["rouge2"] + 1.0


# --------------------------------------------------------------------------- the seed articles

_EVENT = re.compile(r"làm việc|hội nghị|tổng kết|sơ kết|kiểm tra", re.IGNORECASE)
_BODY = re.compile(r"Tỉnh đoàn|Tỉnh Đoàn|Tỉnh ủy|Tỉnh uỷ|T\.Ư Đoàn|Trung ương Đoàn|Ban Thường vụ|BTV")


@pytest.mark.shared_data
@pytest.mark.skipif(not SEEDS, reason="../shared/seeds not available")
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_summaries(path, shipped):
    text = path.read_text(encoding="utf-8")
    doc = parse(text)
    r = summarize(text, model=shipped)
    assert 0 < r.n_syllables <= 60 and len(r.indices) <= 3
    for kind, line in doc.removed:
        if kind in ("caption", "byline", "timestamp", "source", "furniture") and len(line) > 12:
            assert line not in r.text, (kind, line)
    assert "Ảnh" not in r.text and not re.search(r"\d{2}:\d{2}", r.text)
    assert _EVENT.search(r.text) and _BODY.search(r.text), r.text
