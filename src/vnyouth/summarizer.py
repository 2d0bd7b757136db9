"""Short extractive summaries of Vietnamese news articles.

:func:`summarize` parses an article (:func:`vnyouth.document.parse`: captions,
bylines, counters and site furniture are dropped there), scores every body
sentence with a :class:`SentenceScorer` trained on VietNews, and picks
sentences within a budget of sentences and syllables:

1. The best-scoring sentence always enters, so a non-empty article never gets
   an empty summary — unless it is undated while one of the first three
   sentences opens with its date and reports a meeting, conference or
   inspection: then that event sentence enters first (TAXONOMY's summary
   says who met whom, when).
2. Further sentences enter, best first, while their score is at least
   ``relative_threshold`` times the best score (the model decides how many
   sentences an article needs), while they fit the remaining budget, and
   unless they repeat a chosen sentence (TF-IDF cosine above ``redundancy``).
3. A first sentence that alone is over the syllable budget is shortened
   faithfully (:func:`trim_to_budget`): a person's titles after the name go
   first, then parenthetical asides, then a cut at the last clause boundary
   inside the budget, marked ``…``.
4. The chosen sentences are given in article order. A leading "Theo đó," or
   news-source attribution ("Theo báo ...,") and trailing source credits
   ("(Theo TTXVN)") are removed when ``trim`` is true
   (:func:`strip_attribution`).

Summaries are extractive: every word comes from the article, in the article's
own spelling (old or new tone placement alike). The default budget is
TAXONOMY's: at most 3 sentences and 60 syllables.
"""
from __future__ import annotations

import bisect
import logging
import os
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import regex
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .document import Document, Sentence, parse
from .summary_features import FEATURE_NAMES, DocFeatures, featurize, n_features
from .syllables import count_syllables

__all__ = [
    "DEFAULT_MAX_SENTENCES",
    "DEFAULT_MAX_SYLLABLES",
    "SentenceScorer",
    "SummaryResult",
    "select_sentences",
    "strip_attribution",
    "summarize",
    "summarize_document",
    "trim_to_budget",
]

logger = logging.getLogger(__name__)

_DATE_START_COL = FEATURE_NAMES.index("date_start")

#: TAXONOMY's default summary budget.
DEFAULT_MAX_SENTENCES = 3
DEFAULT_MAX_SYLLABLES = 60

_SYLLABLE = re.compile(r"[^\W_]+")
# A person's titles after the name: "đồng chí Nguyễn Kim Quy - Ủy viên BTV, Trưởng Ban ..., Phó Chủ
# tịch ... làm trưởng đoàn" -> "đồng chí Nguyễn Kim Quy làm trưởng đoàn". Only removed up to a verb
# that shows where the titles end.
_TITLE = (r"(?:Ủy viên|Uỷ viên|Bí thư|Phó Bí thư|Chủ tịch|Phó Chủ tịch|Trưởng|Phó Trưởng|Phó trưởng|Giám đốc|"
          r"Phó Giám đốc|Thường trực|Tổng|Phó Tổng|Chánh|Phó Chánh|Thứ trưởng|Bộ trưởng|Đại tá|Thượng tá|"
          r"Trung tá|Thiếu tá|Thiếu tướng|Trung tướng|Hiệu trưởng|Phó Hiệu trưởng|Viện trưởng|Cục trưởng|"
          r"Vụ trưởng|Chỉ huy trưởng|Tư lệnh|Chính ủy|Chính uỷ)\b")
_APPOSITIVE = regex.compile(
    r"(?P<name>(?:đồng chí|Đồng chí|ông|Ông|bà|Bà)\s+(?:\p{Lu}[\p{L}]*\s+){1,3}\p{Lu}[\p{L}]*)"
    r"(?P<titles>\s*(?:,|\s[-–—])\s*" + _TITLE + r"(?:[^.;:()\n]|\.(?=\S)){0,160}?)"
    r"(?=\s(?:làm trưởng đoàn|làm Trưởng đoàn|dẫn đầu|chủ trì|đã|phát biểu|cho biết|khẳng định|nhấn mạnh|"
    r"đề nghị|yêu cầu|làm việc|trao|tặng|thăm|tham dự|dự|cùng|đến|tới)\b)")
_PAREN = re.compile(r"\s*\([^()]{0,120}\)")
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|\s[-–—])\s+")
_LEAD_ATTRIBUTION = re.compile(
    r"^(?:Theo đó|Theo (?:báo|tin|nguồn tin|thông tin|thông báo|TTXVN|Thông tấn xã|phóng viên|PV|"
    r"cổng thông tin|trang|đài|Đài|Báo|Tạp chí|tạp chí)\b[^,]{0,60}),\s+")
_TRAIL_CREDIT = re.compile(r"\s*[(\[](?:Theo|Nguồn|Ảnh)\b[^()\[\]]{0,80}[)\]]\s*(?=[.!?…]?$)", re.IGNORECASE)


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class SummaryResult:
    """A summary and where it came from.

    Attributes
    ----------
    text : str
        The summary; ``""`` only when the article has no body sentence.
    indices : tuple of int
        Positions of the chosen sentences in ``Document.sentences``, in
        article order.
    sentences : tuple of str
        The chosen sentences as they appear in ``text`` (after trimming).
    trimmed : bool
        True when a sentence was shortened (budget or attribution).
    """

    text: str
    indices: tuple[int, ...]
    sentences: tuple[str, ...]
    trimmed: bool = False

    @property
    def n_syllables(self) -> int:
        """Syllables in the summary text."""
        return count_syllables(self.text)

    def __str__(self) -> str:
        return self.text


# --------------------------------------------------------------------------- scorer


class SentenceScorer(RegressorMixin, BaseEstimator):
    """Score sentences by how much of a reference summary each one covers.

    A ridge regression on the features of :mod:`vnyouth.summary_features`,
    with a piecewise-linear (hinge) expansion of every continuous feature at
    quantile knots so that a linear model can learn curved responses (length,
    position, title overlap). The target used in training is a sentence's own
    syllable ROUGE-1 F1 + ROUGE-2 F1 against the article's abstract. It is a
    regressor, not a classifier of oracle labels: the graded target ranks
    sentences better (measured on VietNews val), so :meth:`predict` returns
    a score, not a probability. Scoring is a dot product, so it costs
    microseconds per article.

    The selection settings ``relative_threshold``, ``redundancy`` and
    ``event_lead`` are not used by :meth:`fit`; they travel with the model
    (the first two are tuned for it on held-out articles by
    :mod:`vnyouth.summary_training`).

    Parameters
    ----------
    alpha : float, default 1.0
        L2 penalty of the ridge regression (on standardised columns).
    n_knots : int, default 5
        Hinge knots per continuous feature (0 = plain linear model).
    relative_threshold : float, default 0.8
        A sentence after the best one enters a summary only when its score is
        at least this fraction of the best score.
    redundancy : float, default 0.6
        A sentence whose TF-IDF cosine with a chosen sentence exceeds this is
        skipped.
    event_lead : bool, default True
        When the best sentence does not open with a date but one of the
        first three sentences opens with a date and reports a meeting,
        conference or inspection (``DocFeatures.event_lead``), that sentence
        leads the summary: TAXONOMY's summary must say who met whom, when.

    Attributes
    ----------
    n_features_in_ : int
    hinge_columns_ : ndarray of int
        The columns given hinge terms.
    knots_ : ndarray of shape (len(hinge_columns_), n_knots)
    coef_ : ndarray
        Weights of the expanded features (original columns first).
    intercept_ : float

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [0.2, 0.9]])
    >>> scorer = SentenceScorer(n_knots=0).fit(X, [0.1, 0.9, 0.5, 0.2])
    >>> bool(scorer.predict(X)[1] > scorer.predict(X)[0])
    True
    """

    def __init__(self, *, alpha: float = 1.0, n_knots: int = 5, relative_threshold: float = 0.8,
                 redundancy: float = 0.6, event_lead: bool = True) -> None:
        self.alpha = alpha
        self.n_knots = n_knots
        self.relative_threshold = relative_threshold
        self.redundancy = redundancy
        self.event_lead = event_lead

    def _check_params(self) -> None:
        if not isinstance(self.alpha, (int, float)) or isinstance(self.alpha, bool) or self.alpha < 0:
            raise ValueError(f"alpha must be a float >= 0, got {self.alpha!r}")
        if not isinstance(self.n_knots, (int, np.integer)) or isinstance(self.n_knots, bool) or self.n_knots < 0:
            raise ValueError(f"n_knots must be an int >= 0, got {self.n_knots!r}")
        if not 0.0 <= float(self.relative_threshold) <= 1.0:
            raise ValueError(f"relative_threshold must be in [0, 1], got {self.relative_threshold!r}")
        if not 0.0 < float(self.redundancy) <= 1.0:
            raise ValueError(f"redundancy must be in (0, 1], got {self.redundancy!r}")

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> SentenceScorer:
        """Fit the scorer on sentence feature rows ``X`` and targets ``y``; return ``self``."""
        self._check_params()
        X, y = validate_data(self, X, y, dtype=np.float64, y_numeric=True, reset=True)
        if X.shape[0] < 2:
            raise ValueError(f"SentenceScorer needs at least 2 sentences to fit, got {X.shape[0]}")
        qs = np.linspace(0.0, 1.0, self.n_knots + 2)[1:-1]
        sample = X[:: max(1, X.shape[0] // 50_000)]
        cols = [j for j in range(X.shape[1]) if self.n_knots and len(np.unique(sample[:, j])) > 3]
        self.hinge_columns_ = np.asarray(cols, dtype=np.int64)
        self.knots_ = (np.quantile(X[:, cols], qs, axis=0).T if cols
                       else np.zeros((0, self.n_knots)))
        Z = self._expand(X)
        mean = np.average(Z, axis=0, weights=sample_weight)
        scale = np.sqrt(np.average((Z - mean) ** 2, axis=0, weights=sample_weight))
        scale[scale < 1e-12] = 1.0
        from sklearn.linear_model import Ridge

        ridge = Ridge(alpha=float(self.alpha)).fit((Z - mean) / scale, y, sample_weight=sample_weight)
        self.coef_ = ridge.coef_ / scale
        self.intercept_ = float(ridge.intercept_ - self.coef_ @ mean)
        return self

    def _expand(self, X: np.ndarray) -> np.ndarray:
        if not len(self.hinge_columns_):
            return X
        hinges = np.maximum(X[:, self.hinge_columns_, None] - self.knots_[None, :, :], 0.0)
        return np.concatenate([X, hinges.reshape(X.shape[0], -1)], axis=1)

    def _score_rows(self, X: np.ndarray) -> np.ndarray:
        """Scores of validated rows (no checks; the fast path of :func:`summarize`)."""
        # einsum, not @: BLAS threads cost more than the arithmetic on ~20 rows.
        return np.einsum("ij,j->i", self._expand(X), self.coef_) + self.intercept_

    def predict(self, X: Any) -> np.ndarray:
        """Predicted score of each row (higher = covers more of a summary)."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return self._score_rows(X)


# --------------------------------------------------------------------------- trimming


def _syllable_ends(text: str) -> list[int]:
    return [m.end() for m in _SYLLABLE.finditer(text)]


def _close_quotes(text: str) -> str:
    if text.count("“") > text.count("”"):
        text += "”"
    if text.count('"') % 2:
        text += '"'
    return text


def trim_to_budget(text: str, max_syllables: int) -> tuple[str, bool]:
    """Shorten ``text`` to at most ``max_syllables`` syllables, faithfully; return ``(text, trimmed)``.

    A person's titles after the name go first ("đồng chí Nguyễn Kim Quy -
    Ủy viên BTV, Trưởng Ban ... làm trưởng đoàn" keeps "đồng chí Nguyễn Kim
    Quy làm trưởng đoàn"), then parenthetical asides; if the text is still
    too long it is cut at
    the last clause boundary (comma, semicolon, colon, dash) that keeps at
    least half of the budget, else after the last syllable that fits, and
    ``…`` marks the cut.

    >>> trim_to_budget("Sáng nay (9/1), Tỉnh đoàn họp.", 10)
    ('Sáng nay (9/1), Tỉnh đoàn họp.', False)
    >>> trim_to_budget("Sáng nay (9/1), Tỉnh đoàn họp.", 5)
    ('Sáng nay, Tỉnh đoàn họp.', True)
    >>> trim_to_budget("Đoàn do đồng chí Lê Văn An, Phó Bí thư Tỉnh ủy dẫn đầu đã thăm Tỉnh đoàn.", 13)
    ('Đoàn do đồng chí Lê Văn An dẫn đầu đã thăm Tỉnh đoàn.', True)
    >>> trim_to_budget("Tỉnh đoàn họp, bàn việc, rồi giải tán.", 6)
    ('Tỉnh đoàn họp, bàn việc…', True)
    """
    if max_syllables < 1:
        raise ValueError(f"max_syllables must be >= 1, got {max_syllables}")
    ends = _syllable_ends(text)
    if len(ends) <= max_syllables:
        return text, False
    for pattern, repl in ((_APPOSITIVE, r"\g<name>"), (_PAREN, "")):
        shorter = pattern.sub(repl, text)
        if shorter != text:
            ends = _syllable_ends(shorter)
            text = shorter
            if len(ends) <= max_syllables:
                return text, True
    limit = ends[max_syllables - 1]
    cut = limit
    for m in _CLAUSE_BREAK.finditer(text, 0, limit + 1):
        if m.start() > limit:
            break
        if bisect.bisect_right(ends, m.start()) >= max(1, max_syllables // 2):
            cut = m.start()
    out = text[:cut].rstrip(" ,;:-–—")
    return _close_quotes(out) + "…", True


def strip_attribution(text: str) -> str:
    """Remove a leading "Theo đó," / news-source attribution and trailing source credits.

    Attributions to people ("Theo ông A, ...") are kept: without them the
    sentence would state an opinion as a fact.

    >>> strip_attribution("Theo báo Thanh Niên, tỉnh có 20 đội hình tình nguyện (Theo TTXVN).")
    'Tỉnh có 20 đội hình tình nguyện.'
    >>> strip_attribution("Theo ông Minh, phong trào đạt kết quả tốt.")
    'Theo ông Minh, phong trào đạt kết quả tốt.'
    """
    out = _TRAIL_CREDIT.sub("", text)
    m = _LEAD_ATTRIBUTION.match(out)
    if m and count_syllables(out[m.end():]) >= 5:
        rest = out[m.end():]
        out = rest[:1].upper() + rest[1:]
    return out


# --------------------------------------------------------------------------- selection


def select_sentences(features: DocFeatures, scores: np.ndarray, *, max_sentences: int = DEFAULT_MAX_SENTENCES,
                     max_syllables: int = DEFAULT_MAX_SYLLABLES, relative_threshold: float = 0.8,
                     redundancy: float = 0.6, event_lead: bool = True) -> list[int]:
    """Choose sentence indices (article order) by score within the budget.

    The best sentence is always chosen (the caller trims it when it alone is
    over the syllable budget) — or, with ``event_lead``, the article's dated
    event sentence when the best one is not dated. Others follow, best first,
    while their score is at least ``relative_threshold`` × the best score, if
    they fit the budget and are not redundant with a chosen sentence.
    """
    n = len(scores)
    if n == 0:
        return []
    order = np.argsort(-scores, kind="stable")
    lead = features.event_lead
    if event_lead and 0 <= lead < n and lead != order[0] and not features.X[order[0], _DATE_START_COL]:
        order = np.concatenate([[lead], order[order != lead]])
    best = int(order[0])
    chosen = [best]
    lengths = features.n_syllables
    used = int(lengths[best])
    if used > max_syllables or max_sentences == 1:
        return chosen
    top = float(scores.max())
    floor = relative_threshold * top if top > 0 else np.inf
    vec = features.vectors
    for i in order[1:]:
        if len(chosen) >= max_sentences or scores[i] < floor:
            break
        if used + lengths[i] > max_syllables:
            continue
        if max(float(vec[i] @ vec[j]) for j in chosen) > redundancy:
            continue
        chosen.append(int(i))
        used += int(lengths[i])
    return sorted(chosen)


# --------------------------------------------------------------------------- API


# The default scorer, per value of VNYOUTH_SUMMARIZER_MODEL: resolving and
# checking the folder on every call would cost more than scoring an article.
_default_scorer: dict[str | None, SentenceScorer] = {}


def _resolve_model(model: Any) -> SentenceScorer:
    from .model_folder import ENV_VARS, ModelFolderError, load_default

    if model is None:
        key = os.environ.get(ENV_VARS["summarizer"])
        cached = _default_scorer.get(key)
        if cached is not None:
            return cached
        estimator, _meta = load_default("summarizer")
    elif isinstance(model, (str, os.PathLike)):
        estimator, _meta = load_default("summarizer", model)
    elif isinstance(model, SentenceScorer):
        estimator = model
    else:
        raise TypeError("model must be None (the shipped model), a model folder path or a fitted "
                        f"SentenceScorer, got {type(model).__name__}")
    if not isinstance(estimator, SentenceScorer):
        raise ModelFolderError(f"the summarizer model folder holds a {type(estimator).__name__}, "
                               "not a SentenceScorer")
    check_is_fitted(estimator)
    if estimator.n_features_in_ != n_features():
        raise ModelFolderError(
            f"the summarizer model expects {estimator.n_features_in_} features but this vnyouth computes "
            f"{n_features()}; retrain it with `python -m vnyouth.summary_training`")
    if model is None:
        _default_scorer.clear()
        _default_scorer[key] = estimator
    return estimator


def _check_budget(max_sentences: int, max_syllables: int) -> None:
    for name, value in (("max_sentences", max_sentences), ("max_syllables", max_syllables)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
        if value < 1:
            raise ValueError(f"{name} must be >= 1, got {value}")


def summarize_document(doc: Document, *, max_sentences: int = DEFAULT_MAX_SENTENCES,
                       max_syllables: int = DEFAULT_MAX_SYLLABLES, model: Any = None,
                       trim: bool = True) -> SummaryResult:
    """Summarise an already parsed :class:`~vnyouth.document.Document` (see :func:`summarize`)."""
    if not isinstance(doc, Document):
        raise TypeError(f"summarize_document() expects a Document, got {type(doc).__name__}")
    _check_budget(max_sentences, max_syllables)
    if not doc.sentences:
        if not doc.title:
            return SummaryResult("", (), ())
        # A one-line article ("Tỉnh đoàn tổ chức hội nghị.") is parsed as a
        # headline without a body; its summary is that line.
        doc = Document(None, (Sentence(doc.title, 0, 0),), doc.removed, doc.truncated)
    scorer = _resolve_model(model)
    feats = featurize(doc)
    return _compose(doc, feats, scorer._score_rows(feats.X), max_sentences=max_sentences,
                    max_syllables=max_syllables, relative_threshold=scorer.relative_threshold,
                    redundancy=scorer.redundancy, event_lead=scorer.event_lead, trim=trim)


def _compose(doc: Document, feats: DocFeatures, scores: np.ndarray, *, max_sentences: int,
             max_syllables: int, relative_threshold: float, redundancy: float, event_lead: bool,
             trim: bool) -> SummaryResult:
    """Select sentences by score and assemble the (trimmed) summary text."""
    chosen = select_sentences(feats, scores, max_sentences=max_sentences, max_syllables=max_syllables,
                              relative_threshold=relative_threshold, redundancy=redundancy,
                              event_lead=event_lead)
    trimmed = False
    parts: list[str] = []
    for i in chosen:
        text = doc.sentences[i].text
        if trim:
            short = strip_attribution(text)
            trimmed |= short != text
            text = short
        parts.append(text)
    summary = " ".join(parts)
    if count_syllables(summary) > max_syllables:
        # Only a single over-long sentence gets here (selection keeps whole
        # sentences within the budget), or a syllable count that differs from
        # the features' by a symbol; either way shorten the text itself.
        summary, _ = trim_to_budget(summary, max_syllables)
        parts = [summary]
        trimmed = True
    return SummaryResult(summary, tuple(chosen), tuple(parts), trimmed)


def summarize(text: str, *, title: str | None = None, max_sentences: int = DEFAULT_MAX_SENTENCES,
              max_syllables: int = DEFAULT_MAX_SYLLABLES, model: Any = None, trim: bool = True,
              backend: str = "extractive", model_dir: str | os.PathLike | None = None) -> SummaryResult:
    """Summarise a Vietnamese news article in at most 3 sentences and 60 syllables.

    Parameters
    ----------
    text : str
        The article as published (title line, captions, bylines and site
        furniture may be included; they never enter the summary).
    title : str, optional
        The headline, when known separately.
    max_sentences : int, default 3
    max_syllables : int, default 60
        The budget. The number of sentences is chosen by the model within it.
    model : None, path or SentenceScorer, optional
        The sentence scorer: the shipped model (``None``, overridable with
        ``VNYOUTH_SUMMARIZER_MODEL``; loaded and verified once per process
        and value of that variable), a model folder, or a fitted scorer.
    trim : bool, default True
        Remove leading "Theo đó," / news-source attributions and trailing
        source credits from chosen sentences.
    backend : {"extractive", "transformers"}, default "extractive"
        ``"transformers"`` runs a local seq2seq checkpoint (``model_dir``)
        instead; it needs the ``transformers`` extra.
    model_dir : path, optional
        The checkpoint folder for ``backend="transformers"``.

    Returns
    -------
    SummaryResult
        ``text`` is empty only when the article has neither a body sentence
        nor a headline (an empty string, or only furniture). A headline-only
        or one-line article is summarised by that line (trimmed to the budget).

    Raises
    ------
    TypeError
        When ``text`` is not a ``str`` (``None``, ``bytes``, a list ...).
    ValueError
        For a budget below 1 or an unknown backend.

    Examples
    --------
    >>> r = summarize("Tỉnh đoàn tổng kết năm 2023\\n\\nNgày 5/1, Ban Thường vụ Tỉnh đoàn tổ chức hội nghị "
    ...               "tổng kết công tác Đoàn năm 2023. Ảnh: Minh Hà\\n\\nHội nghị biểu dương 20 tập thể.\\n\\nTHU TRANG")
    >>> r.n_syllables <= 60 and "Ảnh" not in r.text and "THU TRANG" not in r.text
    True
    """
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("summarize() expects str, got bytes; decode it first, e.g. text.decode('utf-8')")
    if not isinstance(text, str):
        hint = "; summarise each article separately" if isinstance(text, (list, tuple)) else ""
        raise TypeError(f"summarize() expects str, got {type(text).__name__}{hint}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be str or None, got {type(title).__name__}")
    _check_budget(max_sentences, max_syllables)
    if backend == "transformers":
        from .abstractive import summarize_abstractive

        return summarize_abstractive(text, title=title, model_dir=model_dir, max_syllables=max_syllables)
    if backend != "extractive":
        raise ValueError(f"unknown backend {backend!r}; expected 'extractive' or 'transformers'")
    if model_dir is not None:
        raise ValueError("model_dir is only used with backend='transformers'; use model= for the extractive scorer")
    return summarize_document(parse(text, title=title), max_sentences=max_sentences,
                              max_syllables=max_syllables, model=model, trim=trim)
