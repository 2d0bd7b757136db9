"""Syllable-level ROUGE for Vietnamese summaries.

ROUGE-1, ROUGE-2 and ROUGE-L F1 are computed with Google's ``rouge-score``
package, but with our own tokenizer passed in: text is NFC-normalised and
lower-cased, and a token is a run of letters and digits *with their
diacritics* ("đoàn", "nẵng", "2023"). No stemming, no stop words.

Never score Vietnamese with ``rouge-score``'s default tokenizer: it keeps only
``[a-z0-9]`` and so deletes every letter that carries a diacritic ("Đà Nẵng"
becomes ``n ng``), which inflates the scores by about 18 ROUGE-1 points on
VietNews. :func:`default_tokenizer_tokens` exposes that behaviour so that
tests and notebooks can show the difference.

``rouge-score`` is an optional dependency (the ``test`` extra,
``pip install vnyouth[test]``); it is imported only when a score is computed.

The per-article scores are F1 in ``[0, 1]``; :func:`rouge_corpus` returns the
mean over articles, multiplied by 100 as in the literature.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = [
    "ROUGE_TYPES",
    "RougeScores",
    "SyllableTokenizer",
    "default_tokenizer_tokens",
    "rouge_corpus",
    "rouge_n_f1",
    "rouge_scores",
    "tokenize",
]

#: The ROUGE variants reported everywhere in the project.
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def tokenize(text: str) -> list[str]:
    """Return the syllable tokens ROUGE counts: NFC, lower-case, letter/digit runs.

    >>> tokenize("Đà Nẵng, ngày 5/1: Tỉnh đoàn!")
    ['đà', 'nẵng', 'ngày', '5', '1', 'tỉnh', 'đoàn']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() expects str, got {type(text).__name__}")
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


class SyllableTokenizer:
    """A ``rouge-score`` tokenizer object (it has ``tokenize(text)``) for Vietnamese syllables."""

    def tokenize(self, text: str) -> list[str]:
        """Return :func:`tokenize` of ``text``."""
        return tokenize(text)


def _rouge_scorer_module():
    try:
        from rouge_score import rouge_scorer
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "ROUGE needs the optional package 'rouge-score'; install it with "
            "`pip install vnyouth[test]` (or `pip install rouge-score`)") from e
    return rouge_scorer


@lru_cache(maxsize=4)
def _scorer(types: tuple[str, ...]):
    return _rouge_scorer_module().RougeScorer(list(types), use_stemmer=False,
                                              tokenizer=SyllableTokenizer())


def default_tokenizer_tokens(text: str) -> list[str]:
    """Tokens of ``rouge-score``'s own default tokenizer (for showing why not to use it).

    It lower-cases, replaces every character outside ``[a-z0-9]`` by a space and
    splits, so Vietnamese letters with diacritics vanish.
    """
    _rouge_scorer_module()  # a clear error when rouge-score is missing
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=False).tokenize(text)


def rouge_n_f1(prediction: Sequence[str], reference: Sequence[str], n: int = 1) -> float:
    """ROUGE-N F1 of two token lists, in pure Python (no ``rouge-score`` needed).

    Gives the same value as ``rouge-score`` with :class:`SyllableTokenizer`
    on the texts the tokens came from; used where speed matters (oracle
    labels, threshold tuning).

    >>> round(rouge_n_f1(tokenize("Tỉnh đoàn tổ chức hội nghị"), tokenize("Tỉnh đoàn họp hội nghị"), 2), 3)
    0.444
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    pred = Counter(zip(*(prediction[i:] for i in range(n))))
    ref = Counter(zip(*(reference[i:] for i in range(n))))
    total_p, total_r = sum(pred.values()), sum(ref.values())
    if not total_p or not total_r:
        return 0.0
    overlap = sum(min(c, ref[g]) for g, c in pred.items() if g in ref)
    if not overlap:
        return 0.0
    p, r = overlap / total_p, overlap / total_r
    return 2 * p * r / (p + r)


@dataclass(frozen=True)
class RougeScores:
    """Mean ROUGE F1 (×100) over ``n`` articles."""

    rouge1: float
    rouge2: float
    rougeL: float
    n: int

    def as_dict(self) -> dict[str, float]:
        """Return ``{"rouge1": ..., "rouge2": ..., "rougeL": ..., "n": ...}``, rounded to 2 decimals."""
        return {"rouge1": round(self.rouge1, 2), "rouge2": round(self.rouge2, 2),
                "rougeL": round(self.rougeL, 2), "n": self.n}

    def __str__(self) -> str:
        return f"{self.rouge1:.2f} / {self.rouge2:.2f} / {self.rougeL:.2f}"


def _check_types(types: Sequence[str]) -> tuple[str, ...]:
    types = tuple(types)
    bad = [t for t in types if t not in ROUGE_TYPES]
    if bad or not types:
        raise ValueError(f"unknown ROUGE type(s) {bad!r}; expected some of {list(ROUGE_TYPES)}")
    return types


def rouge_scores(prediction: str, reference: str, *, default_tokenizer: bool = False,
                 types: Sequence[str] = ROUGE_TYPES) -> dict[str, float]:
    """ROUGE F1 of one ``prediction`` against one ``reference``, in ``[0, 1]``.

    Parameters
    ----------
    prediction, reference : str
        The system summary and the reference summary.
    default_tokenizer : bool, default False
        Use ``rouge-score``'s default (diacritic-deleting) tokenizer instead of
        syllables. Only for demonstrating how wrong it is.
    types : sequence of str
        Some of ``"rouge1"``, ``"rouge2"``, ``"rougeL"``.

    >>> s = rouge_scores("Tỉnh đoàn tổ chức hội nghị", "Tỉnh đoàn tổ chức hội nghị tổng kết")
    >>> round(s["rouge1"], 3), round(s["rouge2"], 3)
    (0.857, 0.833)
    """
    for name, value in (("prediction", prediction), ("reference", reference)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be str, got {type(value).__name__}")
    types = _check_types(types)
    if default_tokenizer:
        scorer = _rouge_scorer_module().RougeScorer(list(types), use_stemmer=False)
    else:
        scorer = _scorer(types)
    result = scorer.score(reference, prediction)
    return {t: result[t].fmeasure for t in types}


def rouge_corpus(pairs: Iterable[tuple[str, str]], *, default_tokenizer: bool = False,
                 types: Sequence[str] = ROUGE_TYPES) -> RougeScores:
    """Mean per-article ROUGE F1 (×100) over ``(prediction, reference)`` pairs.

    Raises
    ------
    ValueError
        When ``pairs`` is empty.
    """
    types = _check_types(types)
    totals = dict.fromkeys(types, 0.0)
    n = 0
    for prediction, reference in pairs:
        s = rouge_scores(prediction, reference, default_tokenizer=default_tokenizer, types=types)
        for t in types:
            totals[t] += s[t]
        n += 1
    if n == 0:
        raise ValueError("rouge_corpus() needs at least one (prediction, reference) pair")
    means = {t: 100.0 * totals[t] / n for t in types}
    return RougeScores(means.get("rouge1", float("nan")), means.get("rouge2", float("nan")),
                       means.get("rougeL", float("nan")), n)
