"""Cross-validation by family and the settings grid."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import TINY_ARTICLES

from vnyouth.model_selection import DEFAULT_GRID, cross_validate, grid_search, group_folds
from vnyouth.training import ClassifierSettings


def _records(copies=2):
    """Each tiny article in ``copies`` variants sharing one family (a sibling must never leak)."""
    out = []
    for i, (t, b, lab) in enumerate(TINY_ARTICLES):
        for k in range(copies):
            out.append({"id": f"{i}-{k}", "title": t if k == 0 else f"{t} (tin {k})",
                        "text": b if k == 0 else f"{b} Bản tin số {k}.", "label": lab, "family": f"f{i}"})
    return out


def test_group_folds_never_split_a_family():
    records = _records(3)
    folds = group_folds(records, n_splits=3)
    assert len(folds) == 3
    seen = np.concatenate([te for _, te in folds])
    assert sorted(seen) == list(range(len(records)))
    for tr, te in folds:
        assert not {records[i]["family"] for i in tr} & {records[i]["family"] for i in te}


def test_group_folds_refuses_impossible_requests():
    with pytest.raises(ValueError, match="cannot fill n_splits=20"):
        group_folds(_records(), n_splits=20)
    with pytest.raises(ValueError, match="at least 2"):
        group_folds(_records(), n_splits=1)
    thin = _records() + [{"id": "z", "text": "Bài lẻ.", "label": "lonely", "family": "z"}]
    with pytest.raises(ValueError, match="labels \\['lonely'\\] have fewer than two families"):
        group_folds(thin, n_splits=2)


def test_cross_validate_table():
    table = cross_validate(_records(), ClassifierSettings(cv=2, min_df=1), n_splits=3)
    folds = [r for r in table if r["fold"] not in ("mean", "std")]
    assert len(folds) == 3 and table.column("fold")[-2:] == ["mean", "std"]
    assert sum(r["n_test"] for r in folds) == len(_records())
    mean = table.where(fold="mean")[0]
    assert mean["macro_f1"] == pytest.approx(np.mean([r["macro_f1"] for r in folds]))
    assert all(0 <= r["macro_f1"] <= 1 for r in folds)
    assert "f1 working_session" in table.columns


def test_grid_search_ranks_and_returns_the_best_settings():
    best, table = grid_search(_records(), {"C": [0.01, 8.0]}, base=ClassifierSettings(cv=2, min_df=1),
                              n_splits=2)
    assert len(table) == 2 and table.column("C")[0] == best.C
    assert table.column("mean_macro_f1") == sorted(table.column("mean_macro_f1"), reverse=True)
    assert best.cv == 2 and best.min_df == 1  # the rest comes from base
    assert isinstance(best, ClassifierSettings)


def test_grid_is_validated_up_front():
    with pytest.raises(ValueError, match="unknown settings \\['Cee'\\]"):
        grid_search(_records(), {"Cee": [1]})
    with pytest.raises(ValueError, match="C=-1"):
        grid_search(_records(), {"C": [1, -1]})
    with pytest.raises(ValueError, match="non-empty lists"):
        grid_search(_records(), {"C": []})
    assert set(DEFAULT_GRID) == {"C", "char_weight", "body_weight"}
