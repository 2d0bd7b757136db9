"""A keyword-rule baseline that applies TAXONOMY's decision rules to title and lead.

It is the yardstick for the corpus (if rules score macro-F1 above 0.9 on the
test split, the split is too easy) and for the learned classifier.
"""
from __future__ import annotations

import numpy as np
import regex
from sklearn.base import BaseEstimator, ClassifierMixin

from .classifier import check_articles
from .features import article_fields
from .labels import LABELS

__all__ = ["KeywordRuleClassifier"]

# Rules in TAXONOMY's order, matched on the lower-cased, tone-canonical title + lead.
_RULES: tuple[tuple[str, regex.Pattern], ...] = (
    ("central_inspection", regex.compile(
        r"(?:t\.ư|tư|trung ương|tw)\s*đoàn.{0,80}(?:kiểm tra|giám sát|làm việc)"
        r"|(?:đoàn công tác|đoàn kiểm tra|đoàn giám sát)\s+(?:của\s+)?(?:ban bí thư\s+)?(?:t\.ư|trung ương|tw)")),
    ("interim_review", regex.compile(
        r"sơ kết|6 tháng|sáu tháng|9 tháng|giữa nhiệm kỳ|giữa kỳ|\bquý\b|giao ban|\d+ năm thực hiện")),
    ("year_end_review", regex.compile(r"tổng kết")),
    ("working_session", regex.compile(r"làm việc với|buổi làm việc|làm việc tại")),
)


class KeywordRuleClassifier(ClassifierMixin, BaseEstimator):
    """TAXONOMY's decision rules as keyword patterns over title and lead.

    ``fit`` learns nothing; it only records the label set.

    >>> KeywordRuleClassifier().fit([], []).predict(["Tỉnh đoàn sơ kết công tác 6 tháng đầu năm"])[0]
    'interim_review'
    """

    def fit(self, X, y):
        """Record the taxonomy's labels; the rules are fixed."""
        check_articles(X)
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    def predict(self, X) -> np.ndarray:
        """Apply the first matching rule; ``other`` when none matches."""
        out = []
        for item in check_articles(X):
            f = article_fields(item)
            text = (f.title + " \n " + f.lead).lower()
            out.append(next((label for label, pattern in _RULES if pattern.search(text)), "other"))
        return np.array(out, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags
