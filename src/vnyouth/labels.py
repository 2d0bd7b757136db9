"""The five article types of ``../shared/TAXONOMY.md``, in a fixed order."""
from __future__ import annotations

from types import MappingProxyType

__all__ = ["LABELS", "LABEL_NAMES_VI", "FALLBACK_LABEL", "check_labels"]

#: The labels, in the order used for scores, ClassLabel ids and confusion matrices.
LABELS: tuple[str, ...] = (
    "working_session", "year_end_review", "interim_review", "central_inspection", "other",
)
#: Vietnamese names of the labels (TAXONOMY's second column).
LABEL_NAMES_VI = MappingProxyType({
    "working_session": "buổi làm việc",
    "year_end_review": "hội nghị tổng kết (năm)",
    "interim_review": "hội nghị sơ kết",
    "central_inspection": "Trung ương Đoàn kiểm tra / làm việc",
    "other": "khác",
})
#: What the classifier answers when it is not confident enough.
FALLBACK_LABEL = "other"


def check_labels(labels, allowed=LABELS) -> None:
    """Raise ``ValueError`` naming the first label not in ``allowed``."""
    allowed_set = set(allowed)
    for i, label in enumerate(labels):
        if label not in allowed_set:
            raise ValueError(
                f"label {label!r} (row {i}) is not one of {list(allowed)}; fix the file or pass "
                "labels=... with your own label set")
