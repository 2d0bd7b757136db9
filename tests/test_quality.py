"""Quality of the shipped classifier on held-out data (never trained on)."""
import pytest

from vnyouth import classify_many
from vnyouth.data import load_split
from vnyouth.evaluation import classification_metrics
from vnyouth.model_folder import load_default
from vnyouth.rules import KeywordRuleClassifier


def test_macro_f1_on_test_split():
    test = load_split("test")
    pred = [r.label for r in classify_many([r["title"] + "\n\n" + r["text"] for r in test])]
    m = classification_metrics([r["label"] for r in test], pred)
    assert m["macro_f1"] >= 0.95, m


def test_all_seeds_right(seeds):
    pred = [r.label for r in classify_many([s["text"] for s in seeds])]
    assert pred == [s["label"] for s in seeds]


def test_beats_keyword_rules_on_test():
    test = load_split("test")
    X = [{"title": r["title"], "text": r["text"]} for r in test]
    y = [r["label"] for r in test]
    est, _ = load_default("classifier")
    ours = classification_metrics(y, est.predict(X))["macro_f1"]
    rules = classification_metrics(y, KeywordRuleClassifier().fit([], []).predict(X))["macro_f1"]
    assert ours > rules


def test_shipped_meta_is_consistent():
    _, meta = load_default("classifier")
    assert meta["metrics"]["test"]["macro_f1"] >= 0.95
    assert 0 <= meta["threshold"] < 1
    assert meta["training_data"]["sha256"]
