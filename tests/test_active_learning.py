"""Ranking unlabelled articles by uncertainty (active learning)."""
from __future__ import annotations

import numpy as np
import pytest

from vnyouth.active_learning import rank_by_uncertainty, uncertainty_scores


class Fixed:
    classes_ = np.array(["a", "b", "c"], dtype=object)

    def predict_proba(self, X):
        table = {"sure": [0.98, 0.01, 0.01], "tied": [0.45, 0.45, 0.10], "flat": [0.34, 0.33, 0.33],
                 "lean": [0.7, 0.2, 0.1]}
        return np.array([table[x["text"] if isinstance(x, dict) else x] for x in X])


def test_scores_per_method():
    p = np.array([[0.45, 0.45, 0.10], [0.34, 0.33, 0.33], [1.0, 0.0, 0.0]])
    np.testing.assert_allclose(uncertainty_scores(p, "margin"), [1.0, 0.99, 0.0])
    np.testing.assert_allclose(uncertainty_scores(p, "least_confident"), [0.55, 0.66, 0.0])
    ent = uncertainty_scores(p, "entropy")
    assert ent[1] > ent[0] > ent[2] and ent[1] == pytest.approx(1.0, abs=1e-3) and ent[2] == pytest.approx(0, abs=1e-9)
    with pytest.raises(ValueError, match="method='random'"):
        uncertainty_scores(p, "random")
    with pytest.raises(ValueError, match="n_classes >= 2"):
        uncertainty_scores(np.ones((2, 1)))


def test_ranking_most_uncertain_first():
    articles = [{"id": k, "title": k.upper(), "text": k} for k in ("sure", "lean", "tied", "flat")]
    table = rank_by_uncertainty(Fixed(), articles)
    assert table.column("id") == ["tied", "flat", "lean", "sure"]
    assert table.column("rank") == [1, 2, 3, 4]
    first = table[0]
    assert (first["predicted"], first["second"], first["confidence"]) == ("a", "b", 0.45)
    by_entropy = rank_by_uncertainty(Fixed(), articles, method="entropy", top=2)
    assert by_entropy.column("id") == ["flat", "tied"]
    plain = rank_by_uncertainty(Fixed(), ["sure", "flat"])
    assert plain.column("id") == ["1", "0"] and plain[0]["title"] == "flat"
    assert len(rank_by_uncertainty(Fixed(), [])) == 0


def test_needs_probabilities():
    class NoProba:
        classes_ = ["a", "b"]

    with pytest.raises(TypeError, match="no predict_proba"):
        rank_by_uncertainty(NoProba(), ["x"])
