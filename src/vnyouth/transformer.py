"""An optional transformer backend: fine-tune a local checkpoint (e.g. PhoBERT) as an article classifier.

:class:`TransformerClassifier` follows the same estimator contract as
:class:`vnyouth.ArticleClassifier` (``fit``/``predict``/``predict_proba``,
``classes_``, ``clone``-able, picklable), so reports, comparisons, model
folders and ``vnyouth.classify(text, model=folder)`` work with it unchanged.

Nothing is ever downloaded: ``HF_HUB_OFFLINE=1`` is set before transformers
is used and every load passes ``local_files_only=True``. ``checkpoint`` must
be a folder on this machine holding ``config.json``, the tokenizer files and
(optionally) the weights — for instance a copy of ``vinai/phobert-base``
fetched once elsewhere. Without weights the model starts from random
initialisation, which is only good for tests.

PhoBERT-style models were pre-trained on **word-segmented** text
("Tỉnh_đoàn tổ_chức hội_nghị"); pass ``word_segmentation=True`` to segment
with underthesea's bundled ``word_tokenize(text, format="text")`` (needs
``pip install underthesea``; no download).

Install the backend with ``pip install 'vnyouth[transformers]'``. On CPU-only
machines install PyTorch's CPU build first (``pip install torch==2.13.0`` on
these machines; a bare ``pip install torch`` may pull several GB of CUDA
packages).
"""
from __future__ import annotations

import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ._optional import require_torch_transformers
from .classifier import FallbackMixin, check_articles
from .features import ArticleFields, article_fields

__all__ = ["TransformerClassifier", "segment_words"]

logger = logging.getLogger(__name__)

def _require_backend() -> tuple[Any, Any]:
    return require_torch_transformers("the transformer backend")


@contextmanager
def _quiet_transformers(transformers):
    """Silence transformers' load reports and progress bars for the duration, then restore them."""
    tlog = transformers.utils.logging
    level = tlog.get_verbosity()
    bars = tlog.is_progress_bar_enabled()
    tlog.set_verbosity_error()
    tlog.disable_progress_bar()
    try:
        yield
    finally:
        tlog.set_verbosity(level)
        if bars:
            tlog.enable_progress_bar()


def segment_words(texts: list[str]) -> list[str]:
    """Word-segment Vietnamese text for PhoBERT-style models ("Tỉnh_đoàn tổ_chức ...").

    Uses underthesea's bundled ``word_tokenize(text, format="text")``.
    """
    try:
        from underthesea import word_tokenize
    except ImportError as e:
        raise ImportError("word_segmentation=True needs underthesea: pip install underthesea") from e
    return [word_tokenize(t, format="text") if t.strip() else t for t in texts]


class TransformerClassifier(FallbackMixin, ClassifierMixin, BaseEstimator):
    """Fine-tune a local transformer checkpoint to label articles by event type.

    Parameters
    ----------
    checkpoint : str or path
        A local folder with ``config.json`` and tokenizer files (and usually
        weights), as written by ``save_pretrained``. Never a hub name: nothing
        is downloaded.
    max_length : int, default 256
        Tokens per article (title first, then the body; the rest is cut).
    epochs : int, default 3
    batch_size : int, default 16
    learning_rate : float, default 5e-5
    weight_decay : float, default 0.01
    warmup_ratio : float, default 0.1
        Share of the training steps with a linearly increasing learning rate.
    word_segmentation : bool, default False
        Word-segment the text with underthesea first (PhoBERT expects it).
    other_threshold : float, default 0.0
        When the top probability is below it, predict ``other``.
    device : str, default "cpu"
    random_state : int, default 0
        Seed for the new classification head, dropout and batch order.

    Attributes
    ----------
    classes_ : ndarray of str
    history_ : list of float
        Mean training loss of each epoch.

    Examples
    --------
    >>> TransformerClassifier(checkpoint="models/phobert-base", epochs=2).get_params()["epochs"]
    2
    """

    def __init__(self, *, checkpoint: str | os.PathLike | None = None, max_length: int = 256, epochs: int = 3,
                 batch_size: int = 16, learning_rate: float = 5e-5, weight_decay: float = 0.01,
                 warmup_ratio: float = 0.1, word_segmentation: bool = False, other_threshold: float = 0.0,
                 device: str = "cpu", random_state: int = 0):
        self.checkpoint = checkpoint
        self.max_length = max_length
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.warmup_ratio = warmup_ratio
        self.word_segmentation = word_segmentation
        self.other_threshold = other_threshold
        self.device = device
        self.random_state = random_state

    # -- input ----------------------------------------------------------------------
    def _texts(self, X) -> list[str]:
        texts = []
        for x in check_articles(X, "X"):
            f = x if isinstance(x, ArticleFields) else article_fields(x)
            texts.append(f"{f.title}. {f.body}" if f.title else f.body)
        return segment_words(texts) if self.word_segmentation else texts

    def _check_params(self) -> Path:
        for name in ("max_length", "epochs", "batch_size"):
            v = getattr(self, name)
            if not isinstance(v, (int, np.integer)) or isinstance(v, bool) or v < 1:
                raise ValueError(f"{name}={v!r} must be a positive int")
        if self.max_length < 8:
            raise ValueError(f"max_length={self.max_length!r} must be at least 8")
        if not self.learning_rate > 0:
            raise ValueError(f"learning_rate={self.learning_rate!r} must be positive")
        if self.weight_decay < 0:
            raise ValueError(f"weight_decay={self.weight_decay!r} must be >= 0")
        if not 0 <= self.warmup_ratio < 1:
            raise ValueError(f"warmup_ratio={self.warmup_ratio!r} must be within [0, 1)")
        if not 0 <= self.other_threshold <= 1:
            raise ValueError(f"other_threshold={self.other_threshold!r} must be within [0, 1]")
        if self.checkpoint is None:
            raise ValueError("checkpoint=None: pass the path of a local model folder (config.json, tokenizer "
                             "files, weights), e.g. checkpoint='models/phobert-base'")
        path = Path(self.checkpoint).expanduser()
        if not path.is_dir():
            raise FileNotFoundError(
                f"checkpoint={str(self.checkpoint)!r} is not a folder on this machine. vnyouth never "
                "downloads models: fetch the weights where you have internet (e.g. `huggingface-cli "
                "download vinai/phobert-base --local-dir phobert-base`), copy the folder here and pass its path")
        if not (path / "config.json").is_file():
            raise FileNotFoundError(f"{path} has no config.json; it must be a folder written by save_pretrained")
        return path

    # -- fitting ------------------------------------------------------------------------
    def fit(self, X, y):
        """Fine-tune the checkpoint on articles ``X`` and labels ``y``."""
        path = self._check_params()
        texts = self._texts(X)
        y = np.asarray([str(v) for v in y], dtype=object)
        if len(y) != len(texts):
            raise ValueError(f"X has {len(texts)} articles but y has {len(y)} labels")
        classes = np.unique(y)
        if len(classes) < 2:
            raise ValueError("y needs at least two different labels")
        torch, transformers = _require_backend()
        torch.manual_seed(self.random_state)
        index = {c: i for i, c in enumerate(classes)}
        with _quiet_transformers(transformers):
            tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = transformers.AutoModelForSequenceClassification.from_pretrained(
                str(path), local_files_only=True, num_labels=len(classes), ignore_mismatched_sizes=True,
                id2label={i: str(c) for i, c in enumerate(classes)}, label2id={str(c): i for i, c in enumerate(classes)})
        model.to(self.device)
        enc = tokenizer(texts, truncation=True, max_length=self.max_length)
        features = [{k: enc[k][i] for k in enc} for i in range(len(texts))]
        targets = np.array([index[v] for v in y])
        no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
        params = [
            {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
             "weight_decay": self.weight_decay},
            {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(params, lr=self.learning_rate)
        steps_per_epoch = -(-len(texts) // self.batch_size)
        total = steps_per_epoch * self.epochs
        warmup = int(round(self.warmup_ratio * total))
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda s: (s + 1) / max(warmup, 1) if s < warmup else max(0.0, (total - s) / max(total - warmup, 1)))
        rng = np.random.RandomState(self.random_state)
        self.history_ = []
        model.train()
        for epoch in range(self.epochs):
            order = rng.permutation(len(texts))
            losses = []
            for start in range(0, len(order), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = tokenizer.pad([features[i] for i in idx], return_tensors="pt")
                batch = {k: v.to(self.device) for k, v in batch.items()}
                out = model(**batch, labels=torch.as_tensor(targets[idx], device=self.device))
                out.loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
                losses.append(float(out.loss.detach()))
            self.history_.append(float(np.mean(losses)))
            logger.info("epoch %d/%d: loss %.4f", epoch + 1, self.epochs, self.history_[-1])
        model.eval()
        self.model_ = model
        self.tokenizer_ = tokenizer
        self.classes_ = classes
        return self

    # -- prediction -----------------------------------------------------------------------
    def _ensure_model(self):
        if getattr(self, "model_", None) is None and getattr(self, "_packed_", None) is not None:
            self._unpack()
        return self.model_, self.tokenizer_

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities (softmax), columns in ``classes_`` order."""
        check_is_fitted(self, "classes_")
        texts = self._texts(X)
        torch, _ = _require_backend()
        model, tokenizer = self._ensure_model()
        device = next(model.parameters()).device
        out = []
        with torch.no_grad():
            for start in range(0, len(texts), max(self.batch_size, 1)):
                batch = tokenizer(texts[start:start + self.batch_size], truncation=True,
                                  max_length=self.max_length, padding=True, return_tensors="pt")
                logits = model(**{k: v.to(device) for k, v in batch.items()}).logits
                out.append(torch.softmax(logits.float(), dim=-1).cpu().numpy())
        if not out:
            return np.zeros((0, len(self.classes_)))
        return np.concatenate(out).astype(np.float64)


    def predict_explained(self, X, top_k: int = 6) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
        """Labels, probabilities and evidence; a transformer gives no phrase evidence (empty tuples)."""
        proba = self.predict_proba(X)
        return self._labels_from_proba(proba), proba, [()] * len(proba)

    def save(self, path: str | os.PathLike, **kwargs) -> Path:
        """Write a model folder: shorthand for :func:`vnyouth.model_io.save_model` (same keywords)."""
        from .model_io import save_model

        return save_model(path, self, **kwargs)

    # -- pickling: weights as numpy arrays, tokenizer as its files ---------------------------
    def _pack(self) -> dict:
        model, tokenizer = self._ensure_model()
        state = {}
        for k, v in model.state_dict().items():
            t = v.detach().cpu()
            dtype = str(t.dtype).replace("torch.", "")
            state[k] = (t.float().numpy() if dtype == "bfloat16" else t.numpy().copy(), dtype)
        with tempfile.TemporaryDirectory() as tmp:
            tokenizer.save_pretrained(tmp)
            files = {p.name: p.read_bytes() for p in Path(tmp).iterdir() if p.is_file()}
        return {"config": model.config.to_dict(), "state": state, "tokenizer_files": files}

    def _unpack(self) -> None:
        torch, transformers = _require_backend()
        packed = self._packed_
        with tempfile.TemporaryDirectory() as tmp, _quiet_transformers(transformers):
            for name, data in packed["tokenizer_files"].items():
                (Path(tmp) / name).write_bytes(data)
            config = transformers.AutoConfig.for_model(**packed["config"])
            self.tokenizer_ = transformers.AutoTokenizer.from_pretrained(tmp, local_files_only=True)
        model = transformers.AutoModelForSequenceClassification.from_config(config)
        state = {k: torch.from_numpy(np.asarray(a)).to(getattr(torch, dtype)) for k, (a, dtype) in
                 packed["state"].items()}
        missing, unexpected = model.load_state_dict(state, strict=False)
        if unexpected or [m for m in missing if not m.endswith("position_ids")]:
            raise RuntimeError(f"saved weights do not fit the model: missing {missing}, unexpected {unexpected}")
        model.eval()
        self.model_ = model
        self._packed_ = None

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        if getattr(self, "model_", None) is not None or getattr(self, "_packed_", None) is not None:
            state = dict(state)
            state["_packed_"] = self._packed_ if getattr(self, "model_", None) is None else self._pack()
            state.pop("model_", None)
            state.pop("tokenizer_", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        if getattr(self, "_packed_", None) is not None:
            self.model_ = None
            self.tokenizer_ = None

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags
