"""Read the VietNews (VNDS) samples in ``../shared/data/vietnews`` and label them for training.

Each record is a news article with its published abstract: ``id``, ``title``,
``summary`` (the reference), ``text`` (the body, one sentence per line) and
``captions`` (photo captions, which VietNews also repeats inside the body).
The data is for research use only; see its README for the terms and the
citation.

The folder is found in this order: the ``path`` argument, the environment
variable ``VNYOUTH_VIETNEWS_DIR``, then ``../shared/data/vietnews`` beside the
source checkout. When it is absent the readers raise
:class:`VietNewsMissingError` with the places that were tried; tests use
:func:`skip_if_missing` to skip cleanly instead.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ._paths import repo_root
from .document import Document, parse
from .summary_baselines import greedy_oracle

__all__ = [
    "ENV_VAR",
    "SPLITS",
    "VietNewsMissingError",
    "oracle_labels",
    "read_vietnews",
    "skip_if_missing",
    "to_document",
    "vietnews_available",
    "vietnews_dir",
]

#: The splits shipped in the folder (the test split is kept hidden on purpose).
SPLITS = ("train", "val")
#: Environment variable that points at another VietNews folder.
ENV_VAR = "VNYOUTH_VIETNEWS_DIR"
_FIELDS = ("id", "title", "summary", "text", "captions")


class VietNewsMissingError(FileNotFoundError):
    """The VietNews folder or one of its files is not where it was looked for."""


def _candidates(path: str | os.PathLike | None) -> list[Path]:
    if path is not None:
        return [Path(path)]
    out = []
    env = os.environ.get(ENV_VAR)
    if env:
        out.append(Path(env))
    root = repo_root()
    if root is not None:
        out.append(root.parent / "shared" / "data" / "vietnews")
    out.append(Path.cwd().parent / "shared" / "data" / "vietnews")
    return out


def vietnews_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the VietNews folder (one that holds ``val.jsonl.gz``), or raise.

    Raises
    ------
    VietNewsMissingError
        When none of the candidate folders holds the data.
    """
    tried = _candidates(path)
    for folder in tried:
        if (folder / "val.jsonl.gz").is_file() or (folder / "train.jsonl.gz").is_file():
            return folder
    raise VietNewsMissingError(
        "VietNews data not found; looked in " + ", ".join(repr(str(p)) for p in tried)
        + f". Pass its folder (--vietnews DIR) or set {ENV_VAR}.")


def vietnews_available(path: str | os.PathLike | None = None) -> bool:
    """True when the VietNews folder can be found."""
    try:
        vietnews_dir(path)
    except VietNewsMissingError:
        return False
    return True


def skip_if_missing(path: str | os.PathLike | None = None):
    """A ``pytest.mark.skipif`` marker that skips a test when VietNews is absent."""
    import pytest

    return pytest.mark.skipif(not vietnews_available(path),
                              reason="VietNews data (../shared/data/vietnews) not available")


def read_vietnews(split: str, path: str | os.PathLike | None = None,
                  limit: int | None = None) -> Iterator[dict]:
    """Yield the records of ``split`` (``"train"`` or ``"val"``) in file order.

    Parameters
    ----------
    split : {"train", "val"}
    path : path-like, optional
        The VietNews folder; found automatically when omitted.
    limit : int, optional
        Stop after this many records.

    Raises
    ------
    ValueError
        For an unknown split or a negative limit.
    VietNewsMissingError
        When the folder or the split's file is missing.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown VietNews split {split!r}; expected one of {list(SPLITS)}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    file = vietnews_dir(path) / f"{split}.jsonl.gz"
    if not file.is_file():
        raise VietNewsMissingError(f"{str(file)!r} does not exist")
    return _records(file, limit)


def _records(file: Path, limit: int | None) -> Iterator[dict]:
    n = 0
    with gzip.open(file, "rt", encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if limit is not None and n >= limit:
                return
            if not line.strip():
                continue
            record = json.loads(line)
            missing = [k for k in _FIELDS if k not in record]
            if missing:
                raise ValueError(f"{file}:{line_no}: record lacks field(s) {missing}")
            n += 1
            yield record


def to_document(record: dict) -> Document:
    """Parse a VietNews record with its title, dropping body lines that repeat a caption."""
    return parse(record["text"], title=record["title"], captions=tuple(record.get("captions") or ()))


def oracle_labels(sentences: Sequence[str] | Document, reference: str, max_sentences: int = 3) -> list[int]:
    """Indices (in article order) of the sentences that best cover ``reference``.

    Greedy on syllable ROUGE: add the sentence that most raises ROUGE-1 F1 +
    ROUGE-2 F1 of the selection, stop when nothing raises it or at
    ``max_sentences``. See :func:`vnyouth.summary_baselines.greedy_oracle`.
    """
    return greedy_oracle(sentences, reference, max_sentences=max_sentences)
