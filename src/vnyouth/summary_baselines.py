"""Baseline extractive summarizers: Lead-k, TextRank over TF-IDF, and the greedy oracle.

Each baseline takes a :class:`~vnyouth.document.Document` (or a plain list of
sentence strings) and returns the **indices** of the chosen sentences in
article order; :func:`join_sentences` turns them into a summary text. They are
the yardsticks the learned summarizer (:mod:`vnyouth.summarizer`) is measured
against, computed in the same run by :mod:`vnyouth.summary_training`.

* :func:`lead` — the first ``k`` sentences (Lead-1/2/3).
* :func:`textrank` — PageRank over the TF-IDF cosine graph of the sentences;
  the ``k`` best in article order.
* :func:`greedy_oracle` — the sentences that best cover a reference summary
  (greedy on syllable ROUGE-1 + ROUGE-2 F1), an upper bound for extraction.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import regex

from .document import Document

__all__ = [
    "BASELINES",
    "greedy_oracle",
    "join_sentences",
    "lead",
    "pagerank",
    "sentence_texts",
    "textrank",
]

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def sentence_texts(doc: Document | Sequence[str]) -> list[str]:
    """The sentence strings of a Document, or the list itself (validated)."""
    if isinstance(doc, Document):
        return [s.text for s in doc.sentences]
    if isinstance(doc, str) or not isinstance(doc, Sequence):
        raise TypeError(f"expected a Document or a list of sentence strings, got {type(doc).__name__}")
    for s in doc:
        if not isinstance(s, str):
            raise TypeError(f"sentences must be str, got {type(s).__name__}")
    return list(doc)


def join_sentences(doc: Document | Sequence[str], indices: Sequence[int]) -> str:
    """The summary text made of the sentences at ``indices`` (in the order given)."""
    texts = sentence_texts(doc)
    return " ".join(texts[i] for i in indices)


def _check_k(k: int, name: str = "k") -> None:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise ValueError(f"{name} must be a positive int, got {k!r}")


def lead(doc: Document | Sequence[str], k: int = 3) -> list[int]:
    """Lead-k: the first ``k`` sentences.

    >>> lead(["Câu một.", "Câu hai.", "Câu ba."], k=2)
    [0, 1]
    """
    _check_k(k)
    return list(range(min(k, len(sentence_texts(doc)))))


def pagerank(weights: np.ndarray, damping: float = 0.85, tol: float = 1e-6, max_iter: int = 100) -> np.ndarray:
    """PageRank scores of a weighted graph given as a square non-negative matrix.

    Rows with no outgoing weight spread their score uniformly.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    out = weights.sum(axis=1, keepdims=True)
    trans = np.where(out > 0, weights / np.where(out > 0, out, 1.0), 1.0 / n)
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1.0 - damping) / n + damping * (r @ trans)
        if np.abs(nxt - r).sum() < tol:
            return nxt
        r = nxt
    return r


def _tfidf_rows(texts: Sequence[str], idf: Mapping[str, float] | None) -> np.ndarray:
    vocab: dict[str, int] = {}
    rows: list[list[int]] = []
    for t in texts:
        rows.append([vocab.setdefault(tok, len(vocab)) for tok in _TOKEN.findall(t.lower())])
    m = np.zeros((len(texts), max(len(vocab), 1)))
    for i, ids in enumerate(rows):
        if ids:
            np.add.at(m[i], ids, 1.0)
    if idf is None:
        df = (m > 0).sum(axis=0)
        weights = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
    else:
        default = max(idf.values()) if idf else 1.0
        inv = sorted(vocab, key=vocab.__getitem__)
        weights = np.array([idf.get(tok, default) for tok in inv] or [1.0])
    m *= weights
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def textrank(doc: Document | Sequence[str], k: int = 3, *, idf: Mapping[str, float] | None = None,
             damping: float = 0.85) -> list[int]:
    """TextRank: PageRank over the TF-IDF cosine graph; the ``k`` best in article order.

    Parameters
    ----------
    doc : Document or list of str
    k : int, default 3
    idf : mapping of syllable -> idf, optional
        Corpus IDF weights (lower-cased syllables); by default each sentence of
        the article is a document for the IDF.
    damping : float, default 0.85

    >>> textrank(["Tỉnh đoàn tổ chức hội nghị.", "Hội nghị tổng kết năm.", "Trời mưa."], k=1)
    [0]
    """
    _check_k(k)
    texts = sentence_texts(doc)
    if len(texts) <= k:
        return list(range(len(texts)))
    m = _tfidf_rows(texts, idf)
    sim = m @ m.T
    np.fill_diagonal(sim, 0.0)
    scores = pagerank(sim, damping=damping)
    best = np.argsort(-scores, kind="stable")[:k]
    return sorted(int(i) for i in best)


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    if n == 1:
        return Counter(tokens)
    return Counter(zip(*(tokens[i:] for i in range(n))))


def _f1(overlap: int, pred_total: int, ref_total: int) -> float:
    if overlap == 0 or pred_total == 0 or ref_total == 0:
        return 0.0
    p, r = overlap / pred_total, overlap / ref_total
    return 2 * p * r / (p + r)


def greedy_oracle(doc: Document | Sequence[str], reference: str, max_sentences: int = 3) -> list[int]:
    """The greedy extractive oracle: indices (article order) best covering ``reference``.

    Starting from nothing, repeatedly add the sentence that most increases
    ROUGE-1 F1 + ROUGE-2 F1 (syllables) of the selection against the
    reference; stop when no sentence increases it or at ``max_sentences``.
    Bigrams across sentence joins are not counted (a negligible difference).

    >>> greedy_oracle(["Trời mưa to.", "Tỉnh đoàn tổ chức hội nghị tổng kết.", "Hội nghị vui."],
    ...               "Tỉnh đoàn tổ chức hội nghị")
    [1]
    """
    _check_k(max_sentences, "max_sentences")
    if not isinstance(reference, str):
        raise TypeError(f"reference must be str, got {type(reference).__name__}")
    texts = sentence_texts(doc)
    ref_tokens = _TOKEN.findall(reference.lower())
    if not texts or not ref_tokens:
        return []
    ref1, ref2 = _ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2)
    n_ref1, n_ref2 = len(ref_tokens), max(len(ref_tokens) - 1, 0)
    cands = []
    for t in texts:
        toks = _TOKEN.findall(t.lower())
        # Keep only the n-grams that can match: the rest only count towards the totals.
        c1, c2 = _ngrams(toks, 1), _ngrams(toks, 2)
        cands.append(({g: c for g, c in c1.items() if g in ref1}, len(toks),
                      {g: c for g, c in c2.items() if g in ref2}, max(len(toks) - 1, 0)))
    sel1: Counter = Counter()
    sel2: Counter = Counter()
    tot1 = tot2 = 0
    chosen: list[int] = []
    best_score = 0.0
    while len(chosen) < max_sentences:
        best_i, best_val = -1, best_score
        for i, (c1, n1, c2, n2) in enumerate(cands):
            if i in chosen or n1 == 0:
                continue
            o1 = sum(min(sel1[g] + c, ref1[g]) for g, c in c1.items()) + \
                sum(min(sel1[g], ref1[g]) for g in sel1 if g not in c1)
            o2 = sum(min(sel2[g] + c, ref2[g]) for g, c in c2.items()) + \
                sum(min(sel2[g], ref2[g]) for g in sel2 if g not in c2)
            val = _f1(o1, tot1 + n1, n_ref1) + _f1(o2, tot2 + n2, n_ref2)
            if val > best_val + 1e-12:
                best_i, best_val = i, val
        if best_i < 0:
            break
        c1, n1, c2, n2 = cands[best_i]
        sel1.update(c1)
        sel2.update(c2)
        tot1 += n1
        tot2 += n2
        chosen.append(best_i)
        best_score = best_val
    return sorted(chosen)


#: Baselines that need only the article: name -> function(doc) -> indices.
BASELINES: dict[str, Callable[[Document | Sequence[str]], list[int]]] = {
    "Lead-1": lambda d: lead(d, 1),
    "Lead-2": lambda d: lead(d, 2),
    "Lead-3": lambda d: lead(d, 3),
    "TextRank": lambda d: textrank(d, 3),
}

