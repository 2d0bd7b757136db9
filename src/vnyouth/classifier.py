"""The article-type classifier: a calibrated linear model over title, lead and body.

:class:`ArticleClassifier` follows scikit-learn's estimator contract. Its input
is a list of articles: raw strings (the title, when present, is found as the
first short line) or records ``{"title": ..., "text": ...}``.

Features (:mod:`vnyouth.features`): syllable 1–3-grams of the title and of
the lead, syllable 1–2-grams of the body, each field with its own TF-IDF
vocabulary and weight (character 2–5-grams of title and lead are available,
off by default). A
multinomial logistic regression is calibrated by temperature scaling on
cross-validated predictions (folds grouped by ``groups``, e.g. the corpus
``family``, when given). When the top probability is below
``other_threshold`` the prediction falls back to ``other``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import regex
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
import warnings

from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from .features import ArticleFields, article_fields, tokenize
from .labels import FALLBACK_LABEL

__all__ = ["ArticleClassifier", "FallbackMixin", "check_articles"]

_FIELDS = ("title", "lead", "body")
_DIGITS = regex.compile(r"\d")


def _char_text(text: str) -> str:
    return _DIGITS.sub("0", text.lower())


def check_articles(X, what: str = "X") -> list:
    """Return ``X`` as a list of articles, or raise a ``TypeError`` naming the problem."""
    if isinstance(X, (str, bytes, Mapping)):
        raise TypeError(
            f"{what} must be a list of articles (str or {{'title','text'}} records), got a single "
            f"{type(X).__name__}; wrap it in a list")
    if not isinstance(X, Iterable):
        raise TypeError(f"{what} must be a list of articles, got {type(X).__name__}")
    items = list(X)
    for i, item in enumerate(items):
        if not isinstance(item, (str, Mapping, ArticleFields)) and not hasattr(item, "sentences"):
            raise TypeError(f"{what}[{i}] is a {type(item).__name__}; expected str or a record with 'text'")
    return items


class FallbackMixin:
    """``predict`` from ``predict_proba`` with the ``other`` fallback below ``other_threshold``.

    For classifiers with ``classes_``, ``predict_proba`` and an ``other_threshold`` parameter.
    """

    def _labels_from_proba(self, proba: np.ndarray) -> np.ndarray:
        labels = self.classes_[np.argmax(proba, axis=1)].astype(object)
        if self.other_threshold > 0 and FALLBACK_LABEL in set(self.classes_):
            labels[proba.max(axis=1) < self.other_threshold] = FALLBACK_LABEL
        return labels

    def predict(self, X) -> np.ndarray:
        """Labels; ``other`` where the top probability is below ``other_threshold``."""
        return self._labels_from_proba(self.predict_proba(X))


class ArticleClassifier(FallbackMixin, ClassifierMixin, BaseEstimator):
    """Calibrated linear classifier of Youth Union news articles by event type.

    Parameters
    ----------
    C : float, default=8.0
        Inverse regularisation strength of the logistic regression.
    title_weight, lead_weight, body_weight, char_weight : float
        Scale of each field's TF-IDF block; 0 switches a field off. Character
        n-grams are off by default: on the dev split they did not help
        (grid in ``models/article-type-linear-v1/README.md``) and they cost
        a third of the classification time.
    word_ngram_range : tuple of int, default=(1, 3)
        Syllable n-gram range for title and lead (the body uses up to 2-grams).
    char_ngram_range : tuple of int, default=(2, 5)
        Character n-gram range (within word boundaries) over title and lead.
    min_df : int, default=2
        Minimum document frequency for lead, body and character n-grams.
    calibration : {"temperature", "sigmoid", "isotonic"}, default="temperature"
        Calibration method of :class:`~sklearn.calibration.CalibratedClassifierCV`.
    cv : int, default=5
        Folds for calibration (grouped when ``groups`` is passed to ``fit``).
    other_threshold : float, default=0.0
        When the highest calibrated probability is below it, predict ``other``.
    random_state : int, default=0
        Seed for fold shuffling.

    Examples
    --------
    >>> clf = ArticleClassifier(cv=2).fit(
    ...     ["Thường trực Tỉnh ủy làm việc với Tỉnh đoàn", "Tỉnh đoàn tổng kết công tác năm 2023",
    ...      "Bí thư Tỉnh ủy làm việc với Thành đoàn", "Thành đoàn tổng kết công tác năm 2022"],
    ...     ["working_session", "year_end_review", "working_session", "year_end_review"])
    >>> list(clf.classes_)
    ['working_session', 'year_end_review']
    """

    def __init__(self, *, C: float = 8.0, title_weight: float = 1.0, lead_weight: float = 1.0,
                 body_weight: float = 1.0, char_weight: float = 0.0,
                 word_ngram_range: tuple[int, int] = (1, 3), char_ngram_range: tuple[int, int] = (2, 5),
                 min_df: int = 2, calibration: str = "temperature", cv: int = 5,
                 other_threshold: float = 0.0, random_state: int = 0):
        self.C = C
        self.title_weight = title_weight
        self.lead_weight = lead_weight
        self.body_weight = body_weight
        self.char_weight = char_weight
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.calibration = calibration
        self.cv = cv
        self.other_threshold = other_threshold
        self.random_state = random_state

    # -- features -----------------------------------------------------------------
    def _blocks(self):
        word = dict(tokenizer=tokenize, token_pattern=None, lowercase=False, sublinear_tf=True)
        lo, hi = self.word_ngram_range
        return {
            "title": (self.title_weight, TfidfVectorizer(ngram_range=(lo, hi), min_df=1, **word)),
            "lead": (self.lead_weight, TfidfVectorizer(ngram_range=(lo, hi), min_df=self.min_df, **word)),
            "body": (self.body_weight, TfidfVectorizer(ngram_range=(lo, min(hi, 2)), min_df=self.min_df,
                                                       max_features=40000, **word)),
            "chars": (self.char_weight, TfidfVectorizer(analyzer="char_wb", ngram_range=self.char_ngram_range,
                                                        min_df=self.min_df, preprocessor=_char_text,
                                                        max_features=40000, sublinear_tf=True)),
        }

    @staticmethod
    def _field_texts(name: str, fields: list[ArticleFields]) -> list[str]:
        if name == "chars":
            return [f.title + "\n" + f.lead for f in fields]
        return [getattr(f, name) for f in fields]

    def _fields(self, X, what: str) -> list[ArticleFields]:
        return [x if isinstance(x, ArticleFields) else article_fields(x) for x in check_articles(X, what)]

    def _transform_fields(self, fields: list[ArticleFields]) -> sp.csr_matrix:
        mats = [w * vec.transform(self._field_texts(name, fields)) for name, w, vec in self.vectorizers_]
        return sp.hstack(mats, format="csr")

    # -- estimator API ------------------------------------------------------------
    def fit(self, X, y, groups=None):
        """Fit on a list of articles ``X`` and their labels ``y`` (optionally grouped by family)."""
        fields = self._fields(X, "X")
        y = np.asarray(list(y), dtype=object)
        if len(y) != len(fields):
            raise ValueError(f"X has {len(fields)} articles but y has {len(y)} labels")
        if len(set(y)) < 2:
            raise ValueError("y needs at least two different labels")
        if self.calibration not in ("temperature", "sigmoid", "isotonic"):
            raise ValueError(f"calibration={self.calibration!r}; expected 'temperature', 'sigmoid' or 'isotonic'")
        if not 0.0 <= self.other_threshold <= 1.0:
            raise ValueError(f"other_threshold={self.other_threshold!r} must be within [0, 1]")
        self.vectorizers_ = []
        for name, (weight, vec) in self._blocks().items():
            if weight:
                texts = self._field_texts(name, fields)
                try:
                    vec.fit(texts)
                except ValueError:  # empty vocabulary (e.g. no titles at all, tiny data)
                    continue
                self.vectorizers_.append((name, float(weight), vec))
        Xm = self._transform_fields(fields)
        n_splits = max(2, min(self.cv, int(np.min(np.unique(y, return_counts=True)[1]))))
        splits = None
        if groups is not None:
            groups = np.asarray(list(groups))
            n_splits = max(2, min(n_splits, len(np.unique(groups))))
            splits = list(StratifiedGroupKFold(n_splits=n_splits, shuffle=True,
                                               random_state=self.random_state).split(Xm, y, groups))
            if any(len(np.unique(y[train])) < len(np.unique(y)) for train, _ in splits):
                warnings.warn("too few groups per class for grouped calibration folds; "
                              "falling back to stratified folds that ignore groups", stacklevel=2)
                splits = None
        if splits is None:
            splits = list(StratifiedKFold(n_splits=n_splits, shuffle=True,
                                          random_state=self.random_state).split(Xm, y))
        base = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        self.calibrated_ = CalibratedClassifierCV(base, method=self.calibration, cv=splits,
                                                  ensemble=False).fit(Xm, y)
        self.classes_ = self.calibrated_.classes_
        self.feature_names_ = np.concatenate(
            [[f"{name}: {t}" for t in vec.get_feature_names_out()] for name, _, vec in self.vectorizers_])
        return self

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probabilities, columns in ``classes_`` order."""
        check_is_fitted(self, "calibrated_")
        return self.calibrated_.predict_proba(self._transform_fields(self._fields(X, "X")))

    def predict_explained(self, X, top_k: int = 6) -> tuple[np.ndarray, np.ndarray, list[tuple[str, ...]]]:
        """Labels, probabilities and evidence in one pass over ``X`` (one transform)."""
        check_is_fitted(self, "calibrated_")
        Xm = self._transform_fields(self._fields(X, "X"))
        proba = self.calibrated_.predict_proba(Xm)
        labels = self._labels_from_proba(proba)
        return labels, proba, self._evidence(Xm, labels, top_k)

    def explain(self, X, labels=None, top_k: int = 6) -> list[tuple[str, ...]]:
        """The phrases that weighed most towards each article's (predicted or given) label.

        Only word n-grams of title, lead and body are reported (character
        n-grams are not readable); an n-gram inside a phrase already reported
        from the same field is skipped.
        """
        check_is_fitted(self, "calibrated_")
        Xm = self._transform_fields(self._fields(X, "X"))
        if labels is None:
            labels = self._labels_from_proba(self.calibrated_.predict_proba(Xm))
        return self._evidence(Xm, labels, top_k)

    def _evidence(self, Xm: sp.csr_matrix, labels, top_k: int) -> list[tuple[str, ...]]:
        base = self.calibrated_.calibrated_classifiers_[0].estimator
        # The calibrated base model was fitted on label positions in ``classes_``.
        index = {c: i for i, c in enumerate(self.classes_)}
        out: list[tuple[str, ...]] = []
        for row, label in zip(Xm, labels):
            coef = base.coef_[index[label]] if base.coef_.shape[0] > 1 else (
                base.coef_[0] if index[label] == 1 else -base.coef_[0])
            contrib = row.data * coef[row.indices]
            chosen: list[tuple[str, str]] = []  # (field, phrase), best first
            for j in np.argsort(-contrib):
                if contrib[j] <= 0 or len(chosen) >= top_k:
                    break
                field, phrase = str(self.feature_names_[row.indices[j]]).split(": ", 1)
                if field == "chars":
                    continue
                inside = [k for k, (f, p) in enumerate(chosen) if f == field and f" {p} " in f" {phrase} "]
                if any(f == field and f" {phrase} " in f" {p} " for f, p in chosen):
                    continue  # already covered by a longer phrase
                if inside:  # a longer phrase replaces the shorter ones, at the best one's rank
                    chosen[inside[0]] = (field, phrase)
                    chosen = [c for k, c in enumerate(chosen) if k not in inside[1:]]
                else:
                    chosen.append((field, phrase))
            chosen = [f"{f}: {p}" for f, p in chosen]
            out.append(tuple(chosen))
        return out

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags
