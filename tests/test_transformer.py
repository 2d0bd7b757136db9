"""The optional transformer backend, with a tiny BERT built here (nothing is downloaded).

Tests that need torch and transformers skip cleanly without the ``transformers`` extra.
"""
from __future__ import annotations

import os
import pickle
import sys
from importlib.util import find_spec

import numpy as np
import pytest
from conftest import TINY_ARTICLES
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from vnyouth.transformer import TransformerClassifier, _require_backend

needs_backend = pytest.mark.skipif(find_spec("torch") is None or find_spec("transformers") is None,
                                   reason="needs the transformers extra (torch, transformers)")


def build_tiny_checkpoint(folder, texts, hidden=64, layers=1):
    """A randomly initialised BERT (seeded) with a vocabulary of the syllables in ``texts``, saved in ``folder``."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    from vnyouth.rouge import tokenize

    words = sorted({w for t in texts for w in tokenize(t)})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # Keep the diacritics: BERT's default lower-casing would also strip accents ("tỉnh" -> "tinh").
    tokenizer = BertTokenizerFast.from_pretrained(str(folder), do_lower_case=True, strip_accents=False)
    config = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=2,
                        intermediate_size=2 * hidden, max_position_embeddings=128)
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def data():
    X = [{"title": t, "text": b} for t, b, _ in TINY_ARTICLES]
    y = [lab for *_, lab in TINY_ARTICLES]
    return X, y


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory, data):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    X, _ = data
    return build_tiny_checkpoint(tmp_path_factory.mktemp("tiny-bert"), [x["title"] + " " + x["text"] for x in X])


@pytest.fixture(scope="module")
def fitted(checkpoint, data):
    """A quickly fitted model for the contract tests (it need not be good)."""
    X, y = data
    return TransformerClassifier(checkpoint=str(checkpoint), max_length=64, epochs=3, batch_size=8,
                                 learning_rate=2e-3).fit(X, y)


@needs_backend
def test_the_tiny_tokenizer_keeps_vietnamese_syllables(checkpoint):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(checkpoint), local_files_only=True)
    assert tok.tokenize("Tỉnh đoàn tổng kết") == ["tỉnh", "đoàn", "tổng", "kết"]


@needs_backend
def test_fit_predict_proba_contract(fitted, data):
    X, y = data
    proba = fitted.predict_proba(X)
    assert proba.shape == (len(X), len(set(y)))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert list(fitted.classes_) == sorted(set(y))
    assert set(fitted.predict(X)) <= set(y)
    assert len(fitted.history_) == 3
    assert os.environ.get("HF_HUB_OFFLINE") == "1"


@needs_backend
@pytest.mark.slow
def test_fine_tuning_learns(checkpoint, data):
    X, y = data
    est = TransformerClassifier(checkpoint=str(checkpoint), max_length=64, epochs=30, batch_size=4,
                                learning_rate=2e-3).fit(X, y)
    # The tiny model memorises its 15 training articles; a broken training loop would not.
    assert np.mean(est.predict(X) == np.array(y, dtype=object)) >= 0.8
    assert est.history_[-1] < 0.5 * est.history_[0]


@needs_backend
def test_training_is_reproducible(checkpoint, data):
    X, y = data
    a = TransformerClassifier(checkpoint=str(checkpoint), max_length=32, epochs=2, batch_size=8).fit(X, y)
    b = TransformerClassifier(checkpoint=str(checkpoint), max_length=32, epochs=2, batch_size=8).fit(X, y)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), rtol=1e-5, atol=1e-6)


@needs_backend
def test_other_threshold_falls_back_to_other(fitted, data):
    X, _ = data
    strict = clone(fitted).set_params(other_threshold=1.0)
    strict.__dict__.update({k: v for k, v in fitted.__dict__.items() if k.endswith("_")})
    assert set(strict.predict(X)) == {"other"}


@needs_backend
def test_pickle_round_trip_gives_the_same_probabilities(fitted, data):
    X, _ = data
    again = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_allclose(again.predict_proba(X), fitted.predict_proba(X), rtol=1e-6)
    twice = pickle.loads(pickle.dumps(again))  # before and after the lazy rebuild
    np.testing.assert_allclose(twice.predict_proba(X[:3]), fitted.predict_proba(X[:3]), rtol=1e-6)


@needs_backend
def test_model_folder_round_trip_and_classify(tmp_path, fitted, data):
    from vnyouth.api import classify
    from vnyouth.model_folder import read_meta
    from vnyouth.model_io import load_model

    X, y = data
    records = [dict(x, id=str(i), label=lab) for i, (x, lab) in enumerate(zip(X, y))]
    out = fitted.save(tmp_path / "tiny-transformer", eval_sets={"train (seen)": records}, reference=None)
    meta = read_meta(out)
    assert meta["backend"] == "transformer" and meta["checkpoint"] == fitted.checkpoint
    assert {"torch", "transformers"} <= set(meta["versions_at_training"])
    est, _ = load_model(out)
    np.testing.assert_allclose(est.predict_proba(X), fitted.predict_proba(X), rtol=1e-6)
    r = classify("Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023", model=out)
    assert r.label in fitted.classes_ and r.evidence == () and r.model == "tiny-transformer"


def test_params_clone_and_not_fitted():
    est = TransformerClassifier(checkpoint="somewhere", epochs=2)
    assert clone(est).get_params() == est.get_params()
    assert est.set_params(batch_size=4).batch_size == 4
    with pytest.raises(NotFittedError):
        est.predict_proba(["Tỉnh đoàn tổng kết năm"])


@pytest.mark.parametrize("params,error,match", [
    ({"checkpoint": None}, ValueError, "checkpoint=None"),
    ({"checkpoint": "vinai/phobert-base"}, FileNotFoundError, "never downloads"),
    ({"epochs": 0}, ValueError, "epochs=0"),
    ({"max_length": 4}, ValueError, "max_length=4"),
    ({"learning_rate": 0}, ValueError, "learning_rate=0"),
    ({"warmup_ratio": 1.0}, ValueError, "warmup_ratio"),
    ({"other_threshold": 2}, ValueError, "other_threshold"),
])
def test_bad_parameters_are_named(tmp_path, params, error, match, data):
    X, y = data
    params = {"checkpoint": str(tmp_path), **params}
    with pytest.raises(error, match=match):
        TransformerClassifier(**params).fit(X, y)


def test_folder_without_config_and_single_string(tmp_path, data):
    X, y = data
    with pytest.raises(FileNotFoundError, match="no config.json"):
        TransformerClassifier(checkpoint=str(tmp_path)).fit(X, y)
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(TypeError, match="single str"):
        TransformerClassifier(checkpoint=str(tmp_path)).fit("Tỉnh đoàn tổng kết năm", ["other"])


def test_missing_backend_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(ImportError, match=r"vnyouth\[transformers\]"):
        _require_backend()


@pytest.mark.skipif(find_spec("underthesea") is None, reason="needs underthesea")
def test_word_segmentation_for_phobert():
    from vnyouth.transformer import segment_words

    out = segment_words(["Thường trực Tỉnh ủy làm việc với Tỉnh đoàn", ""])
    assert "_" in out[0] and out[0].replace("_", " ") == "Thường trực Tỉnh ủy làm việc với Tỉnh đoàn"
    assert out[1] == ""
