"""Per-sentence features of a :class:`~vnyouth.document.Document` for the sentence scorer.

:func:`featurize` turns a parsed article into a matrix with one row per body
sentence and the columns listed in :data:`FEATURE_NAMES`:

* position: index (indicators and log), relative position, first paragraph,
  sentences from the end, number of sentences;
* length in syllables (log, indicator bins, relative to the article's mean);
* overlap with the title: share of the title's syllables and syllable bigrams
  found in the sentence, share of the sentence found in the title;
* centrality: cosine of the sentence's syllable TF-IDF vector (IDF over the
  article's own sentences) to the article's centroid, its mean and maximum
  similarity to the other sentences, to the previous and to the first one;
* similarity to the photo captions the parser removed (captions often say
  what the article is about; they never enter a summary themselves);
* openers that mark a follow-up sentence rather than a lead ("Theo ...",
  "Trước đó", "Tuy nhiên", pronouns, an opening quote, "Dự hội nghị có ..."
  attendance lists), and a sentence that opens with its date ("Chiều 29/11,
  ...", "Sáng nay (9/1), ..."), the usual news lead;
* four interactions for the linear scorer, and a bias column.

What did not earn its place. Counts of numbers, date phrases, named units
(Tỉnh đoàn, UBND, acronyms), capitalised syllables, event and reporting
words, quote marks, a colon or a question mark were tried: with the scorer
fitted on 10,000 VietNews train articles, dropping all of them changed
ROUGE-1/ROUGE-2 by +0.01/+0.01 on 1,000 val articles, +0.08/+0.09 on 2,000
held-out train articles and +0.02/-0.03 on the corpus dev split, so they
were removed (they also cost a third of the featurising time). Title bigrams (+0.15/+0.30 on
val), the similarities (+0.27/+0.30) and the openers (+0.12/+0.11) stay.

Speed matters (summarising must run at well over 1,000 articles per
second): each article is tokenised in one pass, lower-casing is done once
per distinct syllable, and the rest is a few dozen numpy operations on the
whole article. No vocabulary is learned, so a scorer trained on VietNews
transfers to the Youth Union articles of the project corpus.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .document import Document

__all__ = ["FEATURE_NAMES", "DocFeatures", "featurize", "n_features"]

# Tokens for features: runs of letters and digits (the syllables of
# :mod:`vnyouth.syllables`; on NFC text ``[^\W_]`` and ``[\p{L}\p{M}\p{N}]``
# agree, as no combining marks are left).
_TOKEN = re.compile(r"[^\W_]+")
# Fast path: ASCII punctuation -> spaces with bytes.translate (ASCII bytes never
# occur inside a UTF-8 multibyte letter), common non-ASCII punctuation by
# str.replace, then str.split. Where a piece is still not all letters/digits
# (a rare symbol such as "°"), the regex is used instead, so the tokens are
# always exactly those of _TOKEN.
_ASCII_PUNCT = bytes(c for c in range(128) if not chr(c).isalnum() and not chr(c).isspace())
_PUNCT_TABLE = bytes.maketrans(_ASCII_PUNCT, b" " * len(_ASCII_PUNCT))
_NON_ASCII_PUNCT = ("“", "”", "‘", "’", "…", "–", "—", "«", "»", "•")
# A sentence that opens with its date or time is usually the news lead
# ("Chiều 29/11, đoàn công tác ...", "Sáng nay (9/1), ...", "Ngày 5/1, ...").
_DATE_START = re.compile(
    r"(?:Vào |Trong (?:\d+ |hai |ba )?)?(?:(?:ngày|sáng|chiều|tối|trưa|đêm|rạng sáng|hôm|tuần|tháng|cuối tuần)\s*"
    r"(?:nay|qua|mai|\d{1,2}\s*[/\-.]\s*\d{1,2}|\d{1,2}\b|\(|hai|ba|\d))", re.IGNORECASE)
# The events of TAXONOMY: a dated lead that reports one is the article's event sentence.
_EVENT = re.compile(r"\b(?:làm việc với|buổi làm việc|hội nghị|tổng kết|sơ kết|giao ban|đoàn công tác|đại hội|"
                    r"kiểm tra)\b", re.IGNORECASE)

# Sentence openers that mark a follow-up sentence rather than a lead.
_OPENER = re.compile(
    r"^[\"“«(]?\s*(?:(?P<theo>Theo\b)|(?P<conn>(?:Trước đó|Sau đó|Tuy nhiên|Ngoài ra|Bên cạnh đó|Đồng thời"
    r"|Cùng với đó|Trong đó|Do đó|Vì vậy|Vì thế|Qua đó|Theo đó|Hiện nay|Hiện|Còn|Nhưng|Và|Thế nhưng"
    r"|Tiếp đó|Khi đó|Lúc này|Sau khi|Trước khi|Tại đây|Ngay sau đó|Thậm chí|Ngoài|Riêng|Cũng)\b)"
    r"|(?P<pron>(?:Ông|Bà|Anh|Chị|Em|Cô|Chú|Họ|Hắn|Nó|Đây|Điều này|Việc này|Người này"
    r"|Vụ việc|Vụ án|Đối tượng|Nạn nhân)\b)"
    r"|(?P<attend>(?:Dự|Tham dự|Cùng dự|Đến dự|Về dự|Có mặt|Tham gia)\b))"
    r"|^(?P<qstart>[\"“«])"
)
_OPENER_GROUPS = ("theo", "conn", "pron", "attend", "qstart")

_LEN_BINS = (8, 15, 25, 35, 50, 70)
_LEN_BINS_ARRAY = np.asarray(_LEN_BINS)

FEATURE_NAMES: tuple[str, ...] = (
    "pos_0", "pos_1", "pos_2", "pos_3", "pos_4_6", "pos_7_plus", "pos_rel", "pos_log",
    "from_end_0", "from_end_1", "first_paragraph", "paragraph_rel", "n_sentences_log",
    "len_log", *(f"len_lt_{b}" for b in _LEN_BINS), "len_rel",
    "title_recall", "title_bigram_recall", "title_precision", "no_title",
    "centroid_cos", "sim_mean", "sim_max", "sim_prev", "sim_first",
    "caption_sim", "has_caption",
    *(f"open_{g}" for g in _OPENER_GROUPS), "date_start",
    "pos_0_x_len_log", "pos_0_x_title_recall", "pos_rel_x_centroid", "title_recall_x_len_log",
    "bias",
)
_COL = {name: j for j, name in enumerate(FEATURE_NAMES)}
_POSITION_NAMES = ("pos_0", "pos_1", "pos_2", "pos_3", "pos_4_6", "pos_7_plus", "pos_rel", "pos_log",
                   "from_end_0", "from_end_1")
_POSITION_SLICE = slice(_COL["pos_0"], _COL["from_end_1"] + 1)
assert FEATURE_NAMES[_POSITION_SLICE] == _POSITION_NAMES


@lru_cache(maxsize=256)
def _position_block(n: int) -> np.ndarray:
    """The position columns for an article of ``n`` sentences (they depend on ``n`` alone)."""
    idx = np.arange(n)
    block = np.zeros((n, len(_POSITION_NAMES)))
    k = min(n, 4)
    block[:k, :k] = np.eye(k)
    block[4:7, 4] = 1.0
    block[7:, 5] = 1.0
    block[:, 6] = idx / max(n - 1, 1)
    block[:, 7] = np.log1p(idx)
    block[n - 1, 8] = 1.0
    if n > 1:
        block[n - 2, 9] = 1.0
    block.flags.writeable = False
    return block


def _tokens_per_sentence(texts: list[str], lower: bool = False) -> list[list[str]]:
    """Letter/digit runs of each text, exactly as ``_TOKEN.findall`` gives them, only faster."""
    joined = "\n".join(texts)
    if lower:
        joined = joined.lower()
    for ch in _NON_ASCII_PUNCT:
        if ch in joined:
            joined = joined.replace(ch, " ")
    joined = joined.encode().translate(_PUNCT_TABLE).decode()
    per = [line.split() for line in joined.split("\n")]
    if len(per) != len(texts) or not all(map(str.isalnum, itertools.chain.from_iterable(per))):
        return [_TOKEN.findall(t.lower() if lower else t) for t in texts]
    return per


def n_features() -> int:
    """The number of feature columns (``len(FEATURE_NAMES)``)."""
    return len(FEATURE_NAMES)


@dataclass(frozen=True)
class DocFeatures:
    """Features of one article.

    Attributes
    ----------
    X : ndarray of shape (n_sentences, n_features)
        The feature rows, columns named by :data:`FEATURE_NAMES`.
    n_syllables : ndarray of int, shape (n_sentences,)
        Syllables per sentence (the unit of the length budget).
    vectors : ndarray of shape (n_sentences, vocabulary)
        L2-normalised TF-IDF rows, for redundancy checks between sentences.
    event_lead : int
        Index of the event sentence — the first of the first three sentences
        that opens with its date and reports a meeting, conference,
        inspection or congress ("Chiều 29/11, đoàn công tác T.Ư Đoàn ... đã
        làm việc với ...") — or -1.
    """

    X: np.ndarray
    n_syllables: np.ndarray
    vectors: np.ndarray
    event_lead: int = -1


def featurize(doc: Document) -> DocFeatures:
    """Compute the feature rows of every sentence of ``doc``.

    >>> from vnyouth.document import parse
    >>> f = featurize(parse("Ngày 5/1, Tỉnh đoàn tổ chức hội nghị.\\nHội nghị biểu dương 20 tập thể.",
    ...                     title="Tỉnh đoàn tổng kết năm 2022"))
    >>> f.X.shape == (2, len(FEATURE_NAMES)), f.n_syllables.tolist()
    (True, [9, 7])
    """
    if not isinstance(doc, Document):
        raise TypeError(f"featurize() expects a Document, got {type(doc).__name__}")
    sents = doc.sentences
    n = len(sents)
    nf = len(FEATURE_NAMES)
    if n == 0:
        return DocFeatures(np.zeros((0, nf)), np.zeros(0, dtype=np.int64), np.zeros((0, 1)))
    col = _COL
    X = np.zeros((n, nf))
    texts = [s.text.replace("\n", " ") for s in sents]
    # Lower-cased tokens and their ids in a per-article vocabulary.
    per = _tokens_per_sentence(texts, lower=True)
    lengths = np.fromiter(map(len, per), dtype=np.int64, count=n)
    stream = list(itertools.chain.from_iterable(per))
    lower_types = list(dict.fromkeys(stream))
    lower_vocab = dict(zip(lower_types, range(len(lower_types))))
    lid = np.fromiter(map(lower_vocab.__getitem__, stream), dtype=np.int64, count=len(stream))
    owner = np.repeat(np.arange(n), lengths)
    v = max(len(lower_types), 1)
    tf = np.bincount(owner * v + lid, minlength=n * v).reshape(n, v).astype(float)
    present = tf > 0

    # TF-IDF over the article's own sentences; centrality and similarities.
    df = present.sum(axis=0)
    w = tf * (np.log((1.0 + n) / (1.0 + df)) + 1.0)
    norms = np.sqrt((w * w).sum(axis=1))
    vec = w / np.where(norms > 0, norms, 1.0)[:, None]
    # Only syllables found in two or more sentences link sentences, so the
    # product is taken over those columns alone (a third of them, typically);
    # einsum, not @: BLAS would start threads for this tiny product.
    linked = vec[:, df > 1]
    sim = np.einsum("ij,kj->ik", linked, linked)
    np.fill_diagonal(sim, 0.0)
    # The centroid is the sum of the rows (each of norm 1 or 0), so its
    # products follow from sim.
    row_sums = sim.sum(axis=1) + (norms > 0)
    total = row_sums.sum()
    centroid_cos = row_sums / np.sqrt(total) if total > 0 else np.zeros(n)

    # Position.
    X[:, _POSITION_SLICE] = _position_block(n)
    paragraphs = np.fromiter((s.paragraph for s in sents), dtype=np.int64, count=n)
    paragraphs -= paragraphs[0]
    X[:, col["first_paragraph"]] = paragraphs == 0
    X[:, col["paragraph_rel"]] = paragraphs / max(paragraphs[-1], 1)

    # Length.
    len_log = np.log1p(lengths)
    X[:, col["len_log"]] = len_log
    X[:, col["len_lt_8"]:col["len_lt_8"] + len(_LEN_BINS)] = lengths[:, None] < _LEN_BINS_ARRAY
    X[:, col["len_rel"]] = lengths / max(lengths.mean(), 1.0)
    X[:, col["n_sentences_log"]] = np.log1p(n)

    # Title overlap (syllables and syllable bigrams).
    title_toks = _TOKEN.findall(doc.title.lower()) if doc.title else []
    if title_toks:
        title_set = set(title_toks)
        t_ids = [lower_vocab[t] for t in title_set if t in lower_vocab]
        X[:, col["title_recall"]] = present[:, t_ids].sum(axis=1) / len(title_set)
        X[:, col["title_precision"]] = tf[:, t_ids].sum(axis=1) / np.maximum(lengths, 1)
        title_bi = set(itertools.pairwise(title_toks))
        codes_t = np.unique([lower_vocab[a] * v + lower_vocab[b] for a, b in title_bi
                             if a in lower_vocab and b in lower_vocab]).astype(np.int64)
        if len(codes_t) and len(lid) > 1:
            codes = lid[:-1] * v + lid[1:]
            pos = np.minimum(np.searchsorted(codes_t, codes), len(codes_t) - 1)
            hit = (codes_t[pos] == codes) & (owner[1:] == owner[:-1])
            if hit.any():
                pairs = np.unique(owner[1:][hit] * (v * v) + codes[hit])
                X[:, col["title_bigram_recall"]] = np.bincount(pairs // (v * v), minlength=n) / len(title_bi)
    else:
        X[:, col["no_title"]] = 1.0

    # Centrality.
    X[:, col["centroid_cos"]] = centroid_cos
    if n > 1:
        X[:, col["sim_mean"]] = sim.sum(axis=1) / (n - 1)
        X[:, col["sim_max"]] = sim.max(axis=1)
        X[1:, col["sim_prev"]] = np.diagonal(sim, offset=1)
        X[1:, col["sim_first"]] = sim[0, 1:]

    # Captions the parser removed.
    caps = [line for kind, line in doc.removed if kind == "caption"]
    if caps:
        X[:, col["has_caption"]] = 1.0
        cap_words = set(_TOKEN.findall("\n".join(caps).lower()))
        cap_ids = [lower_vocab[t] for t in cap_words if t in lower_vocab]
        if cap_ids:
            X[:, col["caption_sim"]] = present[:, cap_ids].sum(axis=1) / np.maximum(present.sum(axis=1), 1)

    # Openers and dated leads.
    date_start = [_DATE_START.match(t) is not None for t in texts]
    X[:, col["date_start"]] = date_start
    event_lead = next((i for i in range(min(3, n)) if date_start[i] and _EVENT.search(texts[i])), -1)
    for i, t in enumerate(texts):
        m = _OPENER.match(t)
        if m:
            X[i, col[f"open_{m.lastgroup}"]] = 1.0

    # A few interactions, for linear models.
    X[:, col["pos_0_x_len_log"]] = X[:, col["pos_0"]] * len_log
    X[:, col["pos_0_x_title_recall"]] = X[:, col["pos_0"]] * X[:, col["title_recall"]]
    X[:, col["pos_rel_x_centroid"]] = X[:, col["pos_rel"]] * centroid_cos
    X[:, col["title_recall_x_len_log"]] = X[:, col["title_recall"]] * len_log
    X[:, col["bias"]] = 1.0
    return DocFeatures(X, lengths, vec, event_lead)
