"""Evaluation reports: tables, reliability, errors with evidence, model comparison, summary ROUGE."""
from __future__ import annotations

import numpy as np
import pytest

from vnyouth.evaluation import classification_metrics, expected_calibration_error
from vnyouth.reports import (
    Table,
    compare_models,
    evaluate_classifier,
    evaluate_models,
    misclassified,
    reliability_curve,
    rouge_by_length,
    summary_examples,
    summary_rouge,
)
from vnyouth.rules import KeywordRuleClassifier

LABS = ["a", "b", "c"]


class Fixed:
    """A stand-in classifier whose probabilities are given per article id (so results are known)."""

    classes_ = np.array(LABS, dtype=object)

    def __init__(self, proba_by_text):
        self.proba_by_text = proba_by_text

    def predict_proba(self, X):
        return np.array([self.proba_by_text[x["text"]] for x in X], dtype=float)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def predict_explained(self, X, top_k=6):
        p = self.predict_proba(X)
        labels = self.classes_[p.argmax(axis=1)]
        return labels, p, [(f"title: why {lab}",) for lab in labels]

    def explain(self, X, labels=None, top_k=6):
        return [(f"title: for {lab}",) for lab in labels]


def _records(truth):
    return [{"id": f"r{i}", "title": f"Bài {i}", "text": f"t{i}", "label": lab} for i, lab in enumerate(truth)]


@pytest.fixture
def case():
    truth = ["a", "a", "b", "b", "c", "c"]
    p1 = {"t0": [.9, .05, .05], "t1": [.2, .7, .1], "t2": [.1, .8, .1], "t3": [.6, .3, .1],
          "t4": [.1, .1, .8], "t5": [.3, .3, .4]}
    p2 = {"t0": [.5, .4, .1], "t1": [.6, .3, .1], "t2": [.2, .3, .5], "t3": [.1, .8, .1],
          "t4": [.1, .2, .7], "t5": [.1, .1, .8]}
    return _records(truth), Fixed(p1), Fixed(p2)


def test_table_renders_and_converts():
    t = Table([{"model": "a|b", "f1": 0.5, "n": 3}, {"model": "c", "f1": None, "n": 4}], title="x")
    md = str(t)
    assert md.splitlines()[2:4] == ["| model | f1 | n |", "|---|---:|---:|"]
    assert "| a\\|b | 0.500 | 3 |" in md and "| c |  | 4 |" in md
    html = t._repr_html_()
    assert html.startswith("<table><caption>x</caption>") and html.count("<tr>") == 3
    assert t.column("n") == [3, 4] and len(t.where(model="c")) == 1
    with pytest.raises(KeyError, match="no column 'f2'"):
        t.column("f2")
    pd = pytest.importorskip("pandas")
    assert isinstance(t.to_pandas(), pd.DataFrame) and list(t.to_pandas().columns) == ["model", "f1", "n"]


def test_reliability_rows_reproduce_the_ece():
    rng = np.random.RandomState(0)
    proba = rng.dirichlet([1, 1, 1], size=200)
    y = np.array(LABS, dtype=object)[rng.randint(0, 3, size=200)]
    rows = reliability_curve(y, proba, LABS, n_bins=10)
    assert sum(r["n"] for r in rows) == 200 and len(rows) == 10
    ece = sum(r["n"] / 200 * abs(r["accuracy"] - r["confidence"]) for r in rows if r["n"])
    assert ece == pytest.approx(expected_calibration_error(y, proba, LABS, n_bins=10))
    for r in rows:
        if r["n"]:
            assert r["lower"] <= r["confidence"] <= r["upper"]
    with pytest.raises(ValueError, match="shape"):
        reliability_curve(y, proba[:, :2], LABS)


def test_evaluate_classifier_matches_the_metrics_module(case):
    records, m1, _ = case
    m = evaluate_classifier(m1, records)
    pred = m1.predict([{"text": r["text"]} for r in records])
    ref = classification_metrics([r["label"] for r in records], pred, labels=LABS)
    assert m["macro_f1"] == ref["macro_f1"] and m["confusion"] == ref["confusion"]
    assert list(m["per_class"]) == LABS  # not TAXONOMY's labels: the classifier's own
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert sum(r["n"] for r in m["reliability"]) == 6 and 0 <= m["ece"] <= 1


def test_evaluate_refuses_unknown_labels_and_unlabelled_records(case):
    records, m1, _ = case
    with pytest.raises(ValueError, match="labels \\['z'\\] that the classifier does not know"):
        evaluate_classifier(m1, records + [{"text": "t0", "label": "z"}])
    with pytest.raises(ValueError, match="has no 'label'"):
        evaluate_classifier(m1, [{"id": "u", "text": "t0"}])
    with pytest.raises(ValueError, match="no records"):
        evaluate_classifier(m1, [])


def test_misclassified_order_and_evidence(case):
    records, m1, _ = case
    rows = misclassified(m1, records).rows
    assert [(r["id"], r["label"], r["predicted"]) for r in rows] == [("r1", "a", "b"), ("r3", "b", "a")]
    assert rows[0]["confidence"] == pytest.approx(0.7) and rows[0]["p_label"] == pytest.approx(0.2)
    assert rows[0]["evidence"] == ["title: why b"] and rows[0]["evidence_for_label"] == ["title: for a"]
    assert misclassified(m1, records).title == "2 of 6 articles misclassified"


def test_misclassified_without_probabilities(tiny):
    X, y = tiny
    records = [dict(x, id=str(i), label=lab) for i, (x, lab) in enumerate(zip(X, y))]
    records[0] = dict(records[0], label="other")  # a deliberate error for the rules
    table = misclassified(KeywordRuleClassifier().fit([], []), records)
    assert "confidence" not in table.columns
    assert "0" in table.column("id")


def test_compare_models_one_table(case):
    records, m1, m2 = case
    table = compare_models({"one": m1, "two": m2}, {"all": records, "half": records[:3]})
    assert table.columns == ["set", "metric", "one", "two", "difference"]
    macro = table.where(set="all", metric="macro-F1")[0]
    truth = [r["label"] for r in records]
    f1_one = classification_metrics(truth, m1.predict(records), labels=LABS)["macro_f1"]
    f1_two = classification_metrics(truth, m2.predict(records), labels=LABS)["macro_f1"]
    assert (macro["one"], macro["two"]) == (pytest.approx(f1_one), pytest.approx(f1_two))
    assert macro["difference"] == pytest.approx(f1_two - f1_one)
    # one is right on r0, r2, r4, r5; two on r0, r1, r3, r4, r5 -> r2 only by one; r1, r3 only by two
    only = table.where(set="all", metric="right, others wrong")[0]
    assert (only["one"], only["two"]) == (1, 2)
    assert table.where(set="half", metric="n")[0]["one"] == 3
    assert [r["metric"] for r in table.where(set="all")][:4] == ["n", "macro-F1", "accuracy", "ECE"]


def test_compare_models_needs_sets_and_models(case):
    records, m1, _ = case
    with pytest.raises(ValueError, match="eval_sets is empty"):
        compare_models({"one": m1}, {})
    with pytest.raises(TypeError, match="model folder path or a fitted classifier"):
        compare_models([42], {"all": records})
    assert evaluate_models({"one": m1}, {"all": records})["one"]["all"]["n"] == 6


# -- summaries ------------------------------------------------------------------------

ARTICLES = [
    {"id": "s1", "title": "Tỉnh đoàn tổng kết năm",
     "text": "Sáng 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023. Trời hôm ấy nắng đẹp. "
             "Nhiều đại biểu đã tới dự.",
     "summary": "Sáng 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023."},
    {"id": "s2", "title": "Thành đoàn ra quân tình nguyện",
     "text": "Thời tiết mấy ngày qua khá oi bức. Sáng 1/7, Thành đoàn ra quân chiến dịch tình nguyện hè. "
             "Có 500 đoàn viên tham gia chiến dịch.",
     "summary": "Sáng 1/7, Thành đoàn ra quân chiến dịch tình nguyện hè với 500 đoàn viên."},
]


def test_summary_rouge_against_baselines():
    pytest.importorskip("rouge_score")
    table = summary_rouge(ARTICLES, {"second": lambda doc: [1] if len(doc.sentences) > 1 else [0]}, oracle=True)
    rows = {r["system"]: r for r in table}
    assert set(rows) == {"Lead-1", "Lead-2", "Lead-3", "TextRank", "second", "Oracle"}
    assert all(r["n"] == 2 for r in rows.values())
    assert rows["Oracle"]["rouge1"] >= max(r["rouge1"] for name, r in rows.items() if name != "Oracle")
    # Lead-1 is the reference itself on s1 (100) and a sentence sharing no syllable with it on s2 (0).
    assert rows["Lead-1"]["rouge1"] == pytest.approx(50.0)
    assert rows["second"]["rouge2"] > rows["Lead-1"]["rouge2"] - 50


def test_summary_systems_may_return_text_and_need_references():
    pytest.importorskip("rouge_score")
    table = summary_rouge(ARTICLES, {"copy": lambda doc: "Sáng 5/1, Tỉnh đoàn tổ chức hội nghị"},
                          baselines=False)
    assert table.column("system") == ["copy"] and 0 < table[0]["rouge1"] < 100
    with pytest.raises(ValueError, match="no reference 'summary'"):
        summary_rouge([dict(ARTICLES[0], summary="")])
    with pytest.raises(ValueError, match="no summary systems"):
        summary_rouge(ARTICLES, baselines=False)


def test_rouge_by_length_bins_add_up():
    pytest.importorskip("rouge_score")
    table = rouge_by_length(ARTICLES, bins=(0, 25, 1000))
    assert sum(table.column("n")) == len(ARTICLES)
    assert "Lead-3" in table.columns
    from vnyouth.rouge import rouge_scores

    one_bin = rouge_by_length(ARTICLES, bins=(0, 1000), baselines=False, systems={"first": lambda d: [0]})
    expected = np.mean([rouge_scores(a["text"].split(". ")[0] + ".", a["summary"])["rouge1"] for a in ARTICLES])
    assert one_bin[0]["first"] == pytest.approx(100 * expected)
    with pytest.raises(ValueError, match="increasing"):
        rouge_by_length(ARTICLES, bins=(10, 5))


def test_summary_examples_best_and_worst():
    pytest.importorskip("rouge_score")
    best = summary_examples(ARTICLES, lambda doc: [0], k=1)
    worst = summary_examples(ARTICLES, lambda doc: [0], k=1, best=False)
    assert best[0]["id"] == "s1" and worst[0]["id"] == "s2"
    assert best[0]["rouge1"] > worst[0]["rouge1"]


def test_compare_leaves_f1_empty_for_a_label_absent_and_never_predicted(case):
    records, m1, m2 = case
    only_a_and_b = [r for r in records if r["label"] != "c" and r["id"] != "r5"][:2]  # r0 (a), r1 (a)
    table = compare_models({"one": m1, "two": m2}, {"s": only_a_and_b})
    row_c = table.where(metric="F1 c")[0]
    assert row_c["one"] is None and row_c["two"] is None and row_c["difference"] is None
    row_b = table.where(metric="F1 b")[0]
    assert row_b["one"] == 0.0  # one predicts b for r1: b is predicted, so its F1 is a real 0
