"""Tests for vnyouth.summary_training: settings, a small training run, held-out quality."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from vnyouth._paths import repo_root
from vnyouth.model_folder import DEFAULT_MODELS, load_model_folder, shipped_models_dir
from vnyouth.summary_training import TrainingConfig, _load_corpus, _load_vietnews, evaluate, main, sentence_targets
from vnyouth.vietnews import skip_if_missing, vietnews_dir

ROOT = repo_root() or Path(__file__).resolve().parent.parent
CORPUS_TEST = ROOT / "data" / "test.jsonl"
SHIPPED = shipped_models_dir() / DEFAULT_MODELS["summarizer"]


def test_config_validates_and_round_trips():
    c = TrainingConfig(train_limit=5000, thresholds=[0.5, 0.9])
    assert c.thresholds == (0.5, 0.9)
    d = c.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert TrainingConfig.from_dict(d) == c
    with pytest.raises(ValueError, match="unknown TrainingConfig keys"):
        TrainingConfig.from_dict({"learning_rate": 1})
    with pytest.raises(ValueError, match="must exceed tune_size"):
        TrainingConfig(train_limit=100, tune_size=200)
    with pytest.raises(ValueError, match="thresholds"):
        TrainingConfig(thresholds=[1.5])
    with pytest.raises(ValueError, match="redundancies"):
        TrainingConfig(redundancies=[0])
    with pytest.raises(ValueError, match="val_limit"):
        TrainingConfig(val_limit=0)


def test_sentence_targets():
    y = sentence_targets(["Tỉnh đoàn tổ chức hội nghị.", "Trời mưa."], "Tỉnh đoàn tổ chức hội nghị")
    assert y[0] == pytest.approx(2.0) and y[1] == 0.0


def test_main_fails_cleanly_without_data(tmp_path, capsys):
    assert main(["--vietnews", str(tmp_path), "--out", str(tmp_path / "m"), "--no-progress"]) == 1
    assert "VietNews data not found" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.shared_data
@skip_if_missing()
def test_small_training_run_writes_a_loadable_folder(tmp_path, capsys):
    out = tmp_path / "model"
    rc = main(["--limit", "600", "--tune-size", "200", "--val-limit", "150", "--out", str(out),
               "--corpus", str(tmp_path / "no-corpus"), "--no-progress"])
    assert rc == 0
    scorer, meta = load_model_folder(out, "summarizer")
    assert meta["training_data"]["fit_articles"] == 400
    assert meta["selection"]["relative_threshold"] == scorer.relative_threshold
    table = meta["metrics"]["vietnews_val"]
    assert table["summarizer"]["n"] == 150 and "Oracle" in table and "TextRank (raw lines)" in table
    assert table["Oracle"]["rouge1"] > table["summarizer"]["rouge1"] > table["TextRank"]["rouge1"]
    assert "| **summarizer** |" in capsys.readouterr().out
    assert main(["--eval-only", "--out", str(out), "--val-limit", "50", "--corpus", str(tmp_path),
                 "--no-progress"]) == 0


@pytest.mark.slow
@pytest.mark.shared_data
@skip_if_missing()
def test_shipped_model_beats_lead2_on_vietnews_val():
    scorer, _ = load_model_folder(SHIPPED, "summarizer")
    val = _load_vietnews("val", vietnews_dir(), 1000, False)
    table = evaluate(scorer, val)
    lead2 = max((table["Lead-2"], table["Lead-2 (raw lines)"]), key=lambda s: s["rouge1"])
    assert table["summarizer"]["rouge1"] >= lead2["rouge1"] + 2.0
    assert table["summarizer"]["rouge2"] >= lead2["rouge2"] + 1.0


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_TEST.is_file(), reason="data/test.jsonl not present yet")
def test_shipped_model_beats_lead2_on_the_corpus_test_split():
    scorer, _ = load_model_folder(SHIPPED, "summarizer")
    table = evaluate(scorer, _load_corpus(CORPUS_TEST), raw_baselines=False)
    assert table["summarizer"]["rouge1"] > table["Lead-2"]["rouge1"]
    assert table["summarizer"]["rouge2"] > table["Lead-2"]["rouge2"]
    assert np.isfinite(table["summarizer"]["rougeL"])
