"""ArticleClassifier and KeywordRuleClassifier follow scikit-learn's contract."""
import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from vnyouth.classifier import ArticleClassifier
from vnyouth.rules import KeywordRuleClassifier


@pytest.fixture(scope="module")
def fitted(tiny):
    X, y = tiny
    return ArticleClassifier(cv=2).fit(X, y)


def test_init_only_stores_params():
    clf = ArticleClassifier(C=2.0, other_threshold=0.4)
    assert clf.get_params()["C"] == 2.0 and clf.get_params()["other_threshold"] == 0.4
    assert not any(k.endswith("_") for k in vars(clf))


def test_clone_and_set_params():
    clf = ArticleClassifier(C=3.0)
    c2 = clone(clf).set_params(body_weight=0.0)
    assert c2.C == 3.0 and c2.body_weight == 0.0 and clf.body_weight == 1.0


def test_not_fitted():
    with pytest.raises(NotFittedError):
        ArticleClassifier().predict(["Tỉnh đoàn tổng kết năm 2023"])


def test_fit_predict_proba_shapes(fitted, tiny):
    X, y = tiny
    proba = fitted.predict_proba(X)
    assert proba.shape == (len(X), len(set(y)))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert set(fitted.predict(X)) <= set(y)


def test_learns_the_tiny_set(fitted, tiny):
    X, y = tiny
    assert np.mean(fitted.predict(X) == np.array(y, dtype=object)) >= 0.8


def test_pickle_round_trip(fitted, tiny):
    X, _ = tiny
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_allclose(again.predict_proba(X), fitted.predict_proba(X))


def test_single_string_is_a_clear_error(fitted):
    with pytest.raises(TypeError, match="single str"):
        fitted.predict("Tỉnh đoàn tổng kết năm 2023")
    with pytest.raises(TypeError, match=r"X\[1\] is a int"):
        fitted.predict(["ok", 5])


def test_bad_params_are_named(tiny):
    X, y = tiny
    with pytest.raises(ValueError, match="calibration='platt'"):
        ArticleClassifier(calibration="platt").fit(X, y)
    with pytest.raises(ValueError, match="other_threshold=1.5"):
        ArticleClassifier(other_threshold=1.5).fit(X, y)
    with pytest.raises(ValueError, match="at least two"):
        ArticleClassifier().fit(X[:2], ["other", "other"])


def test_threshold_falls_back_to_other(fitted, tiny):
    X, _ = tiny
    strict = clone(fitted).set_params(other_threshold=0.99).fit(*tiny)
    assert set(strict.predict(X)) == {"other"} or (strict.predict_proba(X).max(axis=1) >= 0.99).any()


def test_raw_string_input_finds_title(fitted):
    a = fitted.predict(["Tỉnh đoàn sơ kết công tác 6 tháng đầu năm\n\nNgày 10/7, Tỉnh đoàn tổ chức hội nghị sơ kết."])
    b = fitted.predict([{"title": "Tỉnh đoàn sơ kết công tác 6 tháng đầu năm",
                         "text": "Ngày 10/7, Tỉnh đoàn tổ chức hội nghị sơ kết."}])
    assert a[0] == b[0]


def test_evidence_is_readable_and_points_to_the_label(fitted):
    ev = fitted.explain([{"title": "Thường trực Tỉnh ủy làm việc với Tỉnh đoàn", "text": "Buổi làm việc diễn ra."}],
                        labels=["working_session"])[0]
    assert ev and all(e.split(": ", 1)[0] in {"title", "lead", "body"} for e in ev)
    assert any("làm việc" in e for e in ev)
    assert all(isinstance(e, str) for e in ev)


def test_groups_are_used_for_calibration_folds(tiny):
    X, y = tiny
    groups = [i // 2 for i in range(len(X))]
    clf = ArticleClassifier(cv=3).fit(X, y, groups=groups)
    assert clf.predict_proba(X).shape[0] == len(X)


def test_rules_follow_taxonomy_order():
    rules = KeywordRuleClassifier().fit([], [])
    pred = rules.predict([
        "Đoàn công tác T.Ư Đoàn làm việc với Tỉnh đoàn về sơ kết 6 tháng",  # rule 1 beats rule 2
        "Hội nghị tổng kết năm 2023 và sơ kết chương trình",                 # rule 2 beats rule 3
        "Tỉnh đoàn tổng kết công tác năm 2023",
        "Thường trực Tỉnh ủy làm việc với Tỉnh đoàn",
        "Lễ ra quân Mùa hè xanh",
    ])
    assert list(pred) == ["central_inspection", "interim_review", "year_end_review", "working_session", "other"]
