"""Optional abstractive backend: a local seq2seq checkpoint (ViT5 / BARTpho style) writes the summary.

Used through ``vnyouth.summarize(text, backend="transformers", model_dir=PATH)``.
The article is first parsed (:func:`vnyouth.document.parse`), so captions,
bylines and site furniture never reach the model; the model reads the
headline and the body sentences and generates a summary, which is then held
to the syllable budget (cut at a clause boundary, marked ``…``, as the
extractive summarizer does).

Nothing is downloaded: ``HF_HUB_OFFLINE=1`` is set before transformers is
used and every load passes ``local_files_only=True``; ``model_dir`` must be a
folder on this machine with ``config.json``, the weights and the tokenizer
files. **No Vietnamese summarisation weights ship with vnyouth and none were
available when it was built**, so this backend has been tested only for its
plumbing, with tiny randomly initialised models; its quality depends entirely
on the checkpoint you bring. Generated text is not guaranteed to be faithful
to the article: prefer the extractive default where faithfulness matters.

Install with ``pip install 'vnyouth[transformers]'`` (on CPU-only machines
install PyTorch's CPU build first, e.g. ``pip install torch==2.13.0``).
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._optional import require_torch_transformers
from .document import parse
from .summarizer import SummaryResult, trim_to_budget
from .syllables import count_syllables

__all__ = ["load_seq2seq", "summarize_abstractive"]

logger = logging.getLogger(__name__)

def _require_backend() -> tuple[Any, Any]:
    return require_torch_transformers("the abstractive backend")


@lru_cache(maxsize=2)
def _load(path: str, mtime: float) -> tuple[Any, Any]:
    _torch, transformers = _require_backend()
    tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = transformers.AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True)
    model.eval()
    logger.debug("loaded seq2seq checkpoint %s", path)
    return tokenizer, model


def load_seq2seq(model_dir: str | os.PathLike) -> tuple[Any, Any]:
    """Load (once, then from cache) ``(tokenizer, model)`` from a local checkpoint folder.

    Raises
    ------
    ValueError
        When ``model_dir`` is not a folder with a ``config.json``.
    ImportError
        When torch or transformers is missing (names the extra to install).
    """
    folder = Path(model_dir)
    config = folder / "config.json"
    if not config.is_file():
        raise ValueError(f"model_dir {str(folder)!r} is not a seq2seq checkpoint folder (no config.json); "
                         "pass a local ViT5/BARTpho-style folder — nothing is downloaded")
    return _load(str(folder.resolve()), config.stat().st_mtime)


def summarize_abstractive(text: str, *, title: str | None = None, model_dir: str | os.PathLike | None = None,
                          max_syllables: int = 60, max_input_tokens: int = 1024, num_beams: int = 4,
                          word_segmented: bool = False) -> SummaryResult:
    """Generate a summary of ``text`` with a local seq2seq checkpoint, within ``max_syllables``.

    Parameters
    ----------
    text, title : str
        The article (parsed first: furniture is dropped) and its headline.
    model_dir : path
        The checkpoint folder (required).
    max_syllables : int, default 60
        The budget; longer output is shortened at a clause boundary.
    max_input_tokens : int, default 1024
        The article is truncated to this many tokens.
    num_beams : int, default 4
    word_segmented : bool, default False
        The model writes word-segmented text ("Tỉnh_đoàn"): underscores are
        turned back into spaces (BARTpho-word style).

    Returns
    -------
    SummaryResult
        ``indices`` is empty (the text is generated, not extracted);
        ``sentences`` holds the generated text.
    """
    if model_dir is None:
        raise ValueError("backend='transformers' needs model_dir=PATH, a local seq2seq checkpoint folder")
    if not isinstance(max_syllables, int) or max_syllables < 1:
        raise ValueError(f"max_syllables must be an int >= 1, got {max_syllables!r}")
    doc = parse(text, title=title)
    body = " ".join(s.text for s in doc.sentences)
    if not body and not doc.title:
        return SummaryResult("", (), ())
    tokenizer, model = load_seq2seq(model_dir)
    torch, _ = _require_backend()
    source = f"{doc.title}. {body}" if doc.title and body else (body or doc.title or "")
    inputs = tokenizer(source, return_tensors="pt", truncation=True, max_length=max_input_tokens)
    inputs.pop("token_type_ids", None)
    with torch.no_grad():
        out = model.generate(**inputs, num_beams=num_beams, max_new_tokens=3 * max_syllables,
                             early_stopping=num_beams > 1)
    summary = tokenizer.decode(out[0], skip_special_tokens=True)
    if word_segmented:
        summary = summary.replace("_", " ")
    summary = " ".join(summary.split())
    trimmed = False
    if count_syllables(summary) > max_syllables:
        summary, trimmed = trim_to_budget(summary, max_syllables)
    return SummaryResult(summary, (), (summary,) if summary else (), trimmed)
