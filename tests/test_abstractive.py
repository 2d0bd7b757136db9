"""The optional abstractive backend, with a tiny random BART built here (nothing is downloaded).

Skips cleanly without the ``transformers`` extra (torch, transformers).
"""
from __future__ import annotations

import sys
from importlib.util import find_spec

import pytest

from vnyouth.abstractive import load_seq2seq, summarize_abstractive
from vnyouth.summarizer import SummaryResult, summarize
from vnyouth.syllables import count_syllables

needs_backend = pytest.mark.skipif(find_spec("torch") is None or find_spec("transformers") is None,
                                   reason="needs the transformers extra (torch, transformers)")

ARTICLE = ("Tỉnh đoàn tổng kết công tác năm 2023\n\n"
           "Ngày 12/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023.\n\n"
           "Toàn cảnh hội nghị. Ảnh: Minh Hà\n\n"
           "Năm 2023, toàn tỉnh kết nạp mới 2.460 đoàn viên.\n\nTHU TRANG")


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, BertTokenizerFast

    from vnyouth.rouge import tokenize

    folder = tmp_path_factory.mktemp("tiny-bart")
    words = sorted(set(tokenize(ARTICLE)))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast.from_pretrained(str(folder), do_lower_case=True, strip_accents=False)
    config = BartConfig(vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32,
                        decoder_ffn_dim=32, max_position_embeddings=256, pad_token_id=0, bos_token_id=2,
                        eos_token_id=3, decoder_start_token_id=2, forced_eos_token_id=3)
    torch.manual_seed(0)
    BartForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@needs_backend
def test_generates_within_budget(checkpoint):
    r = summarize(ARTICLE, backend="transformers", model_dir=checkpoint, max_syllables=12)
    assert isinstance(r, SummaryResult) and r.indices == ()
    assert count_syllables(r.text) <= 12
    assert r.text == summarize(ARTICLE, backend="transformers", model_dir=checkpoint, max_syllables=12).text
    assert load_seq2seq(checkpoint) is load_seq2seq(checkpoint)  # loaded once


@needs_backend
def test_furniture_only_gives_an_empty_summary(checkpoint):
    # The model reads the parsed article: with only a caption there is nothing to summarise.
    assert summarize_abstractive("Ảnh: Minh Hà", model_dir=checkpoint) == SummaryResult("", (), ())


def test_needs_a_model_dir(tmp_path):
    with pytest.raises(ValueError, match="needs model_dir"):
        summarize(ARTICLE, backend="transformers")
    with pytest.raises(ValueError, match="no config.json"):
        summarize(ARTICLE, backend="transformers", model_dir=tmp_path)
    with pytest.raises(ValueError, match="only used with backend='transformers'"):
        summarize(ARTICLE, model_dir=tmp_path)


def test_missing_extra_names_it(tmp_path, monkeypatch):
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(ImportError, match=r"vnyouth\[transformers\]"):
        summarize_abstractive(ARTICLE, model_dir=tmp_path)
