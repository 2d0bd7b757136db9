"""Training settings, threshold choice and reproducible model folders."""
import json

import numpy as np
import pytest

from vnyouth.model_folder import load_model_folder
from vnyouth.training import ClassifierSettings, choose_threshold, train_classifier, train_classifier_folder


def test_settings_round_trip_and_json():
    s = ClassifierSettings(C=2.0, thresholds=(0.0, 0.5))
    d = s.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert ClassifierSettings.from_dict(d) == s


@pytest.mark.parametrize("bad,match", [
    ({"C": 0}, "C=0"), ({"body_weight": -1}, "body_weight"), ({"word_ngram_range": (3, 1)}, "word_ngram_range"),
    ({"calibration": "platt"}, "calibration"), ({"thresholds": ()}, "thresholds"),
])
def test_settings_validate_themselves(bad, match):
    with pytest.raises(ValueError, match=match):
        ClassifierSettings(**bad)


def test_unknown_setting_is_named():
    with pytest.raises(ValueError, match="unknown settings \\['Cee'\\]"):
        ClassifierSettings.from_dict({"Cee": 1})


def test_threshold_is_chosen_on_dev(tiny):
    X, y = tiny
    records = [dict(x, label=lab, id=str(i), family=str(i % 5)) for i, (x, lab) in enumerate(zip(X, y))]
    est, info = train_classifier(records, records, ClassifierSettings(cv=2, thresholds=(0.0, 0.99)))
    assert info["threshold"] in (0.0, 0.99)
    assert est.other_threshold == info["threshold"]
    scores = info["threshold_scores"]
    assert scores[str(info["threshold"])] == max(scores.values())


def test_choose_threshold_prefers_lowest_on_ties(tiny):
    X, y = tiny
    est = ClassifierSettings(cv=2).estimator().fit(X, y)
    best, scores = choose_threshold(est, X, y, (0.0, 0.01))
    assert best == 0.0


@pytest.mark.slow
def test_training_is_reproducible(tmp_path):
    a, meta_a = train_classifier_folder(tmp_path / "a")
    b, meta_b = train_classifier_folder(tmp_path / "b")
    assert meta_a["metrics"] == meta_b["metrics"] and meta_a["threshold"] == meta_b["threshold"]
    est_a, _ = load_model_folder(a)
    est_b, _ = load_model_folder(b)
    from vnyouth.data import load_split
    X = [{"title": r["title"], "text": r["text"]} for r in load_split("test")]
    np.testing.assert_allclose(est_a.predict_proba(X), est_b.predict_proba(X))
