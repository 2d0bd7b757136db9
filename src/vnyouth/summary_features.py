"""Per-sentence features of a :class:`~vnyouth.document.Document` for the sentence scorer.

:func:`featurize` turns a parsed article into a matrix with one row per body
sentence and the columns listed in :data:`FEATURE_NAMES`:

* position: index, relative position, first/second/third sentence, first
  paragraph, sentences from the end, number of sentences;
* length in syllables (log, and indicator bins);
* overlap with the title (share of the title's syllables and bigrams found in
  the sentence, share of the sentence found in the title);
* centrality: cosine of the sentence's syllable TF-IDF vector to the
  article's centroid, and its mean/max similarity to the other sentences;
* surface cues: numbers, date phrases ("ngày 5/1", "sáng nay"), named units
  (Tỉnh đoàn, UBND, Công an, ...), capitalised syllables, quote marks, a
  colon, discourse openers ("Theo ...", "Trước đó", "Tuy nhiên", pronouns)
  that rarely start a summary-worthy sentence;
* similarity to the photo captions the parser removed (captions often say
  what the article is about).

Everything is computed with one regex pass per sentence and numpy, so that
featurising a 3 KB article takes well under a millisecond. The features are
language-generic news features (no vocabulary is learned), so a scorer trained
on VietNews transfers to the Youth Union articles of the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import regex

from .document import Document

__all__ = ["FEATURE_NAMES", "DocFeatures", "featurize", "n_features"]

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")

# One pass over each sentence finds every cue; the named group says which.
_CUES = regex.compile(
    r"(?P<date>\b(?:ngày|sáng|trưa|chiều|tối|đêm|rạng sáng)\s+(?:nay|qua|mai|\d{1,2}/\d{1,2})"
    r"|\b(?:hôm nay|hôm qua|tuần qua|tuần này|vừa qua|mới đây|tháng \d{1,2}(?:/\d{4})?)\b"
    r"|\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))"
    r"|(?P<unit>\b(?:Tỉnh|Thành|Huyện|Quận|Thị|Xã|Phường)\s+(?:đoàn|Đoàn|ủy|uỷ|Ủy|Uỷ)\b"
    r"|\b(?:Trung ương|T\.Ư|TƯ|TW)\s+Đoàn\b|\bĐoàn\s+(?:TNCS|Thanh niên|thanh niên)\b"
    r"|\b(?:UBND|HĐND|MTTQ|BCH|BTV|TAND|VKSND|ĐVTN|LHTN|CSGT|CAND|QĐND)\b"
    r"|\b(?:Ban Thường vụ|Ban Chấp hành|Ủy ban|Uỷ ban|Hội đồng|Bộ|Sở|Công an|Tòa án|Toà án|Viện kiểm sát"
    r"|Quốc hội|Chính phủ|Thủ tướng|Hội Liên hiệp|Hội Sinh viên|Cục|Tổng cục|Ngân hàng|Công ty|Tập đoàn)\b)"
    r"|(?P<event>\b(?:tổ chức|làm việc|hội nghị|khai mạc|bế mạc|tổng kết|sơ kết|đại hội|diễn ra|phát động"
    r"|ký kết|trao tặng|phát hiện|bắt giữ|khởi tố|xét xử|tuyên án|thông qua|công bố|ban hành|quyết định)\b)"
    r"|(?P<say>\b(?:cho biết|cho rằng|nói|chia sẻ|khẳng định|nhấn mạnh|bày tỏ|tâm sự|kể|giải thích)\b)"
    r"|(?P<quote>[\"“”«»])"
    r"|(?P<number>\d+(?:[.,]\d+)*\s*(?:%|tỷ|triệu|nghìn|ngàn|đồng|USD|km|ha|người|tấn)?)"
)
_CUE_GROUPS = ("date", "unit", "event", "say", "quote", "number")

# Sentence openers that mark a follow-up sentence rather than a lead.
_OPENER = regex.compile(
    r"^[\"“«(]?\s*(?P<theo>Theo\b)|^[\"“«(]?\s*(?P<conn>(?:Trước đó|Sau đó|Tuy nhiên|Ngoài ra|Bên cạnh đó|Đồng thời"
    r"|Cùng với đó|Trong đó|Do đó|Vì vậy|Vì thế|Qua đó|Theo đó|Hiện nay|Hiện|Còn|Nhưng|Và|Thế nhưng"
    r"|Tiếp đó|Khi đó|Lúc này|Sau khi|Trước khi|Tại đây|Ngay sau đó|Thậm chí|Ngoài|Riêng|Cũng)\b)"
    r"|^[\"“«(]?\s*(?P<pron>(?:Ông|Bà|Anh|Chị|Em|Cô|Chú|Họ|Hắn|Nó|Đây|Điều này|Việc này|Người này"
    r"|Vụ việc|Vụ án|Đối tượng|Nạn nhân)\b)"
    r"|^(?P<qstart>[\"“«])"
)
_OPENER_GROUPS = ("theo", "conn", "pron", "qstart")

_LEN_BINS = (8, 15, 25, 35, 50, 70)

FEATURE_NAMES: tuple[str, ...] = (
    "pos_0", "pos_1", "pos_2", "pos_3", "pos_4_6", "pos_7_plus", "pos_rel", "pos_log",
    "from_end_0", "from_end_1", "first_paragraph", "paragraph_rel", "n_sentences_log",
    "len_log", *(f"len_lt_{b}" for b in _LEN_BINS), "len_rel",
    "title_recall", "title_bigram_recall", "title_precision", "no_title",
    "centroid_cos", "sim_mean", "sim_max", "sim_prev", "sim_first",
    "caption_sim", "has_caption",
    *(f"cue_{g}" for g in _CUE_GROUPS), *(f"open_{g}" for g in _OPENER_GROUPS),
    "upper_ratio", "colon", "question", "digits_ratio",
    "pos_0_x_len_log", "pos_0_x_title_recall", "pos_rel_x_centroid", "title_recall_x_len_log",
    "bias",
)


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
    """

    X: np.ndarray
    n_syllables: np.ndarray
    vectors: np.ndarray


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


def featurize(doc: Document) -> DocFeatures:
    """Compute the feature rows of every sentence of ``doc``.

    >>> from vnyouth.document import parse
    >>> f = featurize(parse("Ngày 5/1, Tỉnh đoàn tổ chức hội nghị.\\nHội nghị biểu dương 20 tập thể.",
    ...                     title="Tỉnh đoàn tổng kết năm 2022"))
    >>> f.X.shape == (2, len(FEATURE_NAMES)), f.n_syllables.tolist()
    (True, [9, 6])
    """
    if not isinstance(doc, Document):
        raise TypeError(f"featurize() expects a Document, got {type(doc).__name__}")
    sents = doc.sentences
    n = len(sents)
    nf = len(FEATURE_NAMES)
    if n == 0:
        return DocFeatures(np.zeros((0, nf)), np.zeros(0, dtype=int), np.zeros((0, 1)))

    col = {name: j for j, name in enumerate(FEATURE_NAMES)}
    X = np.zeros((n, nf))

    # Tokens and a per-article vocabulary.
    vocab: dict[str, int] = {}
    ids: list[int] = []
    owner: list[int] = []
    toks_per: list[list[str]] = []
    lengths = np.zeros(n, dtype=np.int64)
    for i, s in enumerate(sents):
        toks = _TOKEN.findall(s.text.lower())
        toks_per.append(toks)
        lengths[i] = len(toks)
        ids.extend(vocab.setdefault(t, len(vocab)) for t in toks)
        owner.extend([i] * len(toks))
    v = max(len(vocab), 1)
    tf = np.bincount(np.asarray(owner, dtype=np.int64) * v + np.asarray(ids, dtype=np.int64),
                     minlength=n * v).reshape(n, v).astype(float)
    df = (tf > 0).sum(axis=0)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    w = tf * idf
    norms = np.linalg.norm(w, axis=1)
    vec = w / np.where(norms > 0, norms, 1.0)[:, None]
    centroid = vec.sum(axis=0)
    cn = np.linalg.norm(centroid)
    centroid_cos = vec @ (centroid / cn) if cn > 0 else np.zeros(n)
    sim = vec @ vec.T
    np.fill_diagonal(sim, 0.0)

    # Position.
    idx = np.arange(n)
    X[:, col["pos_0"]] = idx == 0
    X[:, col["pos_1"]] = idx == 1
    X[:, col["pos_2"]] = idx == 2
    X[:, col["pos_3"]] = idx == 3
    X[:, col["pos_4_6"]] = (idx >= 4) & (idx <= 6)
    X[:, col["pos_7_plus"]] = idx >= 7
    X[:, col["pos_rel"]] = idx / max(n - 1, 1)
    X[:, col["pos_log"]] = np.log1p(idx)
    X[:, col["from_end_0"]] = idx == n - 1
    X[:, col["from_end_1"]] = idx == n - 2
    paragraphs = np.fromiter((s.paragraph for s in sents), dtype=np.int64, count=n)
    X[:, col["first_paragraph"]] = paragraphs == paragraphs[0]
    X[:, col["paragraph_rel"]] = (paragraphs - paragraphs[0]) / max(paragraphs[-1] - paragraphs[0], 1)
    X[:, col["n_sentences_log"]] = np.log1p(n)

    # Length.
    len_log = np.log1p(lengths)
    X[:, col["len_log"]] = len_log
    for b in _LEN_BINS:
        X[:, col[f"len_lt_{b}"]] = lengths < b
    X[:, col["len_rel"]] = lengths / max(lengths.mean(), 1.0)

    # Title overlap.
    title_toks = _TOKEN.findall(doc.title.lower()) if doc.title else []
    if title_toks:
        title_set = set(title_toks)
        title_bi = _bigrams(title_toks)
        t_ids = [vocab[t] for t in title_set if t in vocab]
        in_title = np.zeros(v)
        in_title[t_ids] = 1.0
        hits = (tf > 0) @ in_title
        X[:, col["title_recall"]] = hits / len(title_set)
        X[:, col["title_precision"]] = (tf @ in_title) / np.maximum(lengths, 1)
        if title_bi:
            X[:, col["title_bigram_recall"]] = [len(_bigrams(t) & title_bi) / len(title_bi) for t in toks_per]
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
        cap_in = np.zeros(v)
        cap_ids = [vocab[t] for line in caps for t in _TOKEN.findall(line.lower()) if t in vocab]
        cap_in[cap_ids] = 1.0
        X[:, col["caption_sim"]] = ((tf > 0) @ cap_in) / np.maximum((tf > 0).sum(axis=1), 1)

    # Surface cues.
    cue_cols = [col[f"cue_{g}"] for g in _CUE_GROUPS]
    open_cols = [col[f"open_{g}"] for g in _OPENER_GROUPS]
    upper = np.zeros(n)
    digits = np.zeros(n)
    for i, s in enumerate(sents):
        text = s.text
        for m in _CUES.finditer(text):
            X[i, cue_cols[_CUE_GROUPS.index(m.lastgroup)]] += 1.0
        m = _OPENER.match(text)
        if m:
            X[i, open_cols[_OPENER_GROUPS.index(m.lastgroup)]] = 1.0
        raw = _TOKEN.findall(text)
        if len(raw) > 1:
            upper[i] = sum(1 for t in raw[1:] if t[0].isupper()) / (len(raw) - 1)
        digits[i] = sum(1 for t in raw if t[0].isdigit())
        X[i, col["colon"]] = ":" in text
        X[i, col["question"]] = text.rstrip("\"”» )").endswith("?")
    X[:, cue_cols] = np.log1p(X[:, cue_cols])
    X[:, col["upper_ratio"]] = upper
    X[:, col["digits_ratio"]] = digits / np.maximum(lengths, 1)

    # A few interactions, for linear models.
    X[:, col["pos_0_x_len_log"]] = X[:, col["pos_0"]] * len_log
    X[:, col["pos_0_x_title_recall"]] = X[:, col["pos_0"]] * X[:, col["title_recall"]]
    X[:, col["pos_rel_x_centroid"]] = X[:, col["pos_rel"]] * centroid_cos
    X[:, col["title_recall_x_len_log"]] = X[:, col["title_recall"]] * len_log
    X[:, col["bias"]] = 1.0
    return DocFeatures(X, lengths, vec)
