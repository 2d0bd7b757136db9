"""Bring your own labelled articles: load them, map columns, check labels, merge with the corpus.

:func:`load_labelled` reads a JSONL, JSON, CSV/TSV or Parquet file, a
``datasets.Dataset``/``DatasetDict``, a pandas ``DataFrame`` or a list of
dicts, renames columns with a ``column_mapping`` (``{"noi_dung": "text",
"nhan": "label"}``, as in setfit) and checks every row up front. Every problem
is reported at once, and each message says how to fix it (which
``column_mapping`` or ``label_mapping`` to pass, which row to correct).

Labels are checked against TAXONOMY's five types by default. A different
label set is allowed (``labels=["hoi_nghi", "lam_viec", "khac"]`` or
``labels="infer"``); it travels with the data (:attr:`LabelledData.labels`)
and is recorded in the model folder's ``meta.json`` by
:func:`vnyouth.model_io.save_model`.

:func:`merge_with_corpus` adds the project's corpus (by default its ``train``
split) to your data, drops exact duplicates and warns about your articles that
nearly copy a corpus ``dev``/``test`` article (training on them would inflate
the held-out scores). :func:`split_labelled` makes a grouped, stratified
held-out part of your own data.

``datasets`` is only imported for ``Dataset`` input/output, always offline.
"""
from __future__ import annotations

import csv
import difflib
import hashlib
import json
import logging
import os
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import regex

from .data import CorpusError, find_leaks, load_split, read_jsonl
from .labels import LABEL_NAMES_VI, LABELS

__all__ = [
    "COLUMN_ALIASES",
    "TARGET_COLUMNS",
    "LabelledData",
    "LabelledDataError",
    "labels_of_estimator",
    "load_labelled",
    "map_labels",
    "merge_with_corpus",
    "split_labelled",
]

logger = logging.getLogger(__name__)

#: Columns a labelled article can have after ``column_mapping``; ``text`` and ``label`` are required.
TARGET_COLUMNS = ("text", "label", "title", "id", "family", "summary")
_REQUIRED = ("text", "label")
#: Column names that usually mean one of :data:`TARGET_COLUMNS` (used only to suggest a mapping).
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "text": ("noi_dung", "nội_dung", "noidung", "nội dung", "content", "body", "article", "bai_viet",
             "bài_viết", "van_ban", "văn_bản", "sentence", "document", "doc"),
    "label": ("nhan", "nhãn", "loai", "loại", "category", "class", "type", "tag", "target", "labels",
              "the_loai", "thể_loại"),
    "title": ("tieu_de", "tiêu_đề", "tieude", "tiêu đề", "headline", "heading", "name"),
    "id": ("ma", "mã", "ma_bai", "uid", "url", "link", "guid"),
    "family": ("group", "nhom", "nhóm", "source_id", "story"),
    "summary": ("tom_tat", "tóm_tắt", "tomtat", "abstract"),
}
_FILE_TYPES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
_MAX_SHOWN = 20
_LEAK_LINE = regex.compile(r" copies from train (.+?): \d+% of its")


def records_sha256(records: Sequence[Mapping]) -> str:
    """sha256 of labelled records (id, title, text, label, in order): same data, same hash."""
    h = hashlib.sha256()
    for r in records:
        h.update(json.dumps([r.get("id"), r.get("title"), r.get("text"), r.get("label")],
                            ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


class LabelledDataError(ValueError):
    """Labelled data that cannot be used as given; the message lists every problem and its fix."""


@dataclass(frozen=True)
class LabelledData:
    """Checked labelled articles and the label set they were checked against.

    Attributes
    ----------
    records : tuple of dict
        One dict per article with ``id``, ``title`` (or ``None``), ``text``,
        ``label``, ``family`` and ``origin`` (plus ``summary`` when given):
        the same shape as the corpus records of :func:`vnyouth.load_split`.
    labels : tuple of str
        The label set: TAXONOMY's :data:`vnyouth.LABELS`, or your own.
    source : str
        Where the records came from (file names, ``corpus:train``, ...).
    """

    records: tuple[dict, ...]
    labels: tuple[str, ...] = LABELS
    source: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_taxonomy(self) -> bool:
        """True when the label set is TAXONOMY's five types."""
        return tuple(self.labels) == tuple(LABELS)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):
        return iter(self.records)

    def __getitem__(self, i):
        return self.records[i]

    def label_counts(self) -> dict[str, int]:
        """Number of articles per label, in label-set order (zero counts included)."""
        c = Counter(r["label"] for r in self.records)
        return {lab: c.get(lab, 0) for lab in self.labels}

    def fingerprint(self) -> dict:
        """Id, sha256 and size of the records (for ``meta.json``): same data, same hash."""
        return {"id": self.source or "labelled-data", "sha256": records_sha256(self.records),
                "n": len(self.records), "labels": list(self.labels)}

    def to_dataset(self):
        """The records as a ``datasets.Dataset`` with a ``ClassLabel`` over :attr:`labels`."""
        datasets = _import_datasets()
        cols = ("id", "title", "text", "label", "family", "origin")
        features = datasets.Features({c: datasets.Value("string") for c in cols if c != "label"}
                                     | {"label": datasets.ClassLabel(names=list(self.labels))})
        data = {c: [r.get(c) for r in self.records] for c in cols}
        return datasets.Dataset.from_dict(data, features=features)


def labels_of_estimator(estimator) -> list[str]:
    """The label list to score a fitted classifier with.

    TAXONOMY's :data:`~vnyouth.LABELS` (in their fixed order) when the
    classifier's classes are among them, otherwise its own ``classes_``.
    """
    classes = [str(c) for c in getattr(estimator, "classes_", ())]
    if set(classes) <= set(LABELS):
        return list(LABELS)
    return classes


# -- reading ------------------------------------------------------------------------

def _import_datasets():
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import datasets
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("this needs the 'datasets' package: pip install 'vnyouth[data]'") from e
    return datasets


def _read_csv(path: Path) -> list[dict]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [dict(row) for row in csv.DictReader(f, delimiter=delimiter)]
    except UnicodeDecodeError as e:
        raise LabelledDataError(
            f"{path}: not UTF-8 ({e.reason} at byte {e.start}); save it as UTF-8 "
            "(in Excel: 'CSV UTF-8 (Comma delimited)')") from e


def _read_file(path: Path) -> list[dict]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise LabelledDataError(f"{path}: no such file")
    if suffix in (".jsonl", ".ndjson"):
        try:
            return read_jsonl(path)
        except CorpusError as e:
            raise LabelledDataError(str(e)) from e
    if suffix == ".json":
        try:
            obj = json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as e:
            raise LabelledDataError(f"{path}: not valid JSON ({e.msg} at line {e.lineno}); a .json "
                                    "file must hold a list of objects (or use .jsonl, one per line)") from e
        if isinstance(obj, Mapping) and isinstance(obj.get("data"), list):
            obj = obj["data"]
        if not isinstance(obj, list) or not all(isinstance(o, Mapping) for o in obj):
            raise LabelledDataError(f"{path}: expected a JSON list of objects, one per article")
        return [dict(o) for o in obj]
    if suffix in (".csv", ".tsv"):
        return _read_csv(path)
    if suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("reading Parquet needs pyarrow: pip install 'vnyouth[data]'") from e
        return pq.read_table(path).to_pylist()
    raise LabelledDataError(f"{path}: unsupported file type {suffix!r}; use one of {list(_FILE_TYPES)}, "
                            "or load it yourself and pass a list of dicts")


def _class_label_names(features: Any) -> dict[str, list[str]]:
    """Columns of a ``datasets`` feature dict that are ClassLabels, with their names."""
    out = {}
    for name, feat in (features or {}).items():
        names = getattr(feat, "names", None)
        if type(feat).__name__ == "ClassLabel" and names:
            out[name] = list(names)
    return out


def _rows_from_source(source: Any, split: str | None) -> tuple[list[dict], str, dict[str, list[str]]]:
    """Rows as dicts, a short source name, and ClassLabel names by column."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        return _read_file(path), path.name, {}
    cls = type(source).__name__
    if cls == "DatasetDict" or (isinstance(source, Mapping) and source and all(
            type(v).__name__ == "Dataset" for v in source.values())):
        splits = list(source.keys())
        if split is None:
            if len(splits) != 1:
                raise LabelledDataError(
                    f"this DatasetDict has the splits {splits}; pass split=... to choose one "
                    f"(e.g. split={splits[0]!r}), or load each split separately")
            split = splits[0]
        if split not in source:
            raise LabelledDataError(f"split {split!r} not found; this DatasetDict has {splits}")
        rows, _, names = _rows_from_source(source[split], None)
        return rows, f"dataset:{split}", names
    if cls in ("Dataset", "IterableDataset"):
        if split is not None:
            logger.debug("split=%r ignored for a single Dataset", split)
        names = _class_label_names(getattr(source, "features", None))
        return [dict(r) for r in source], "dataset", names
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # pandas.DataFrame
        return source.to_dict(orient="records"), "dataframe", {}
    if isinstance(source, Iterable) and not isinstance(source, (str, bytes, Mapping)):
        rows = list(source)
        for i, r in enumerate(rows):
            if not isinstance(r, Mapping):
                raise LabelledDataError(f"row {i} is a {type(r).__name__}; each article must be a dict "
                                        "with at least 'text' and 'label'")
        return [dict(r) for r in rows], "records", {}
    raise LabelledDataError(
        f"cannot read labelled data from a {cls}; pass a file path ({', '.join(_FILE_TYPES)}), "
        "a datasets.Dataset or DatasetDict, a pandas DataFrame or a list of dicts")


# -- columns ------------------------------------------------------------------------

def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", str(name)).strip().lower().replace(" ", "_").replace("-", "_")


def _suggest_mapping(columns: Sequence[str], missing: Sequence[str]) -> dict[str, str]:
    folded = {_fold(c): c for c in columns}
    out = {}
    for target in missing:
        for alias in COLUMN_ALIASES.get(target, ()):
            if _fold(alias) in folded and folded[_fold(alias)] not in out:
                out[folded[_fold(alias)]] = target
                break
    return out


def _apply_column_mapping(rows: list[dict], column_mapping: Mapping[str, str] | None,
                          where: str) -> list[dict]:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    mapping = dict(column_mapping or {})
    for src, dst in mapping.items():
        if dst not in TARGET_COLUMNS:
            raise LabelledDataError(
                f"column_mapping sends {src!r} to {dst!r}, which is not a known column; "
                f"map to one of {list(TARGET_COLUMNS)}")
        if src not in columns:
            close = difflib.get_close_matches(src, columns, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise LabelledDataError(f"{where}column_mapping names {src!r}, but the data has the columns "
                                    f"{columns}{hint}")
    targets = Counter(mapping.values())
    dup = [t for t, n in targets.items() if n > 1]
    if dup:
        raise LabelledDataError(f"column_mapping sends several columns to {dup}; keep one per target")
    mapped_columns = {mapping.get(c, c) for c in columns}
    missing = [t for t in _REQUIRED if t not in mapped_columns]
    if missing:
        suggestion = _suggest_mapping([c for c in columns if c not in mapping],
                                      [t for t in TARGET_COLUMNS if t not in mapped_columns])
        if all(t in suggestion.values() for t in missing):
            fix = f"pass column_mapping={ {**mapping, **suggestion} !r}"
        else:
            fix = "pass column_mapping={" + ", ".join(f"'<your {t} column>': '{t}'" for t in missing) + "}"
        raise LabelledDataError(
            f"{where}no {' or '.join(repr(m) for m in missing)} column; the data has {columns}. "
            f"Rename your columns: {fix}")
    out = []
    for r in rows:
        new = {}
        for k, v in r.items():
            target = mapping.get(k, k)
            if k in mapping or target not in mapping.values():
                new[target] = v
        out.append(new)
    return out


# -- labels ---------------------------------------------------------------------------

def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and v != v:  # NaN from pandas / CSV tools
        return True
    return isinstance(v, str) and not v.strip()


def _label_hint(label: Any, allowed: Sequence[str]) -> str:
    text = _fold(label)
    if allowed == tuple(LABELS) or set(allowed) == set(LABELS):
        for lab, vi in LABEL_NAMES_VI.items():
            if text in (_fold(vi), _fold(vi.split(" (")[0])) or text == _fold(lab):
                return f"label_mapping={{{label!r}: {lab!r}}}"
    folded = {_fold(a): a for a in allowed}
    if text in folded:
        return f"label_mapping={{{label!r}: {folded[text]!r}}}"
    close = difflib.get_close_matches(text, list(folded), n=1, cutoff=0.6)
    if close:
        return f"label_mapping={{{label!r}: {folded[close[0]]!r}}} (if that is what you meant)"
    return ""


def _resolve_label_set(labels: Sequence[str] | str | None, found: Sequence[Any]) -> tuple[str, ...]:
    if labels is None or labels == "taxonomy":
        return tuple(LABELS)
    if isinstance(labels, str):
        if labels != "infer":
            raise ValueError(f"labels={labels!r}; expected None/'taxonomy', 'infer' or a list of label names")
        names = sorted({str(v).strip() for v in found if not _is_missing(v)})
        if len(names) < 2:
            raise LabelledDataError(f"labels='infer' found {names}: at least two different labels are needed")
        return tuple(names)
    out = tuple(labels)
    if len(out) < 2 or len(set(out)) != len(out) or not all(isinstance(x, str) and x.strip() for x in out):
        raise ValueError(f"labels={list(out)!r} must be at least two different non-empty strings")
    return out


# -- the main entry points ----------------------------------------------------------------

def load_labelled(source: Any, *, column_mapping: Mapping[str, str] | None = None,
                  labels: Sequence[str] | str | None = None,
                  label_mapping: Mapping[Any, str] | None = None, split: str | None = None,
                  name: str | None = None, min_per_label: int = 1) -> LabelledData:
    """Load and check labelled articles from a file, a ``datasets`` object or a list of dicts.

    Parameters
    ----------
    source : path, datasets.Dataset, datasets.DatasetDict, pandas.DataFrame or list of dict
        ``.jsonl``/``.ndjson``, ``.json`` (a list of objects), ``.csv``/``.tsv``
        (UTF-8, a BOM is fine) or ``.parquet``.
    column_mapping : dict, optional
        Your column name -> one of :data:`TARGET_COLUMNS`, e.g.
        ``{"noi_dung": "text", "nhan": "label", "tieu_de": "title"}``.
        ``text`` and ``label`` are required; ``title``, ``id``, ``family``
        (articles of one family are never split between train and held-out)
        and ``summary`` are optional. Other columns are dropped.
    labels : None, "taxonomy", "infer" or list of str
        The label set to check against: TAXONOMY's five types (default),
        the sorted labels found in the data (``"infer"``), or your own list.
    label_mapping : dict, optional
        Rename label values before checking, e.g. Vietnamese names or
        integer ids: ``{"hội nghị sơ kết": "interim_review"}``. ``ClassLabel``
        columns of a ``datasets.Dataset`` are turned into names first.
    split : str, optional
        Which split of a ``DatasetDict`` to read (needed when it has several).
    name : str, optional
        Source name used in ids and in ``meta.json`` (default: the file name).
    min_per_label : int, default 1
        Labels present with fewer articles than this are an error.

    Returns
    -------
    LabelledData

    Raises
    ------
    LabelledDataError
        Listing every problem (missing columns, empty text, unknown labels,
        duplicate ids or texts, ...) with the fix for each.

    Examples
    --------
    >>> data = load_labelled([
    ...     {"tieu_de": "Tỉnh đoàn sơ kết 6 tháng", "noi_dung": "Ngày 5/7, Tỉnh đoàn tổ chức hội nghị sơ kết.",
    ...      "nhan": "interim_review"},
    ...     {"tieu_de": "Ra quân Mùa hè xanh", "noi_dung": "Sáng 1/7, Thành đoàn ra quân chiến dịch.",
    ...      "nhan": "other"}],
    ...     column_mapping={"tieu_de": "title", "noi_dung": "text", "nhan": "label"})
    >>> len(data), data.label_counts()["interim_review"], data[0]["id"]
    (2, 1, 'records-0000')
    """
    rows, default_name, class_names = _rows_from_source(source, split)
    src_name = name or default_name
    where = f"{src_name}: "
    if not rows:
        raise LabelledDataError(f"{where}no rows; the file or dataset is empty")
    # ClassLabel ints -> names, before the mapping renames the column.
    for col, names in class_names.items():
        for r in rows:
            v = r.get(col)
            if isinstance(v, (int, np.integer)) and not isinstance(v, bool) and 0 <= v < len(names):
                r[col] = names[v]
    rows = _apply_column_mapping(rows, column_mapping, where)
    if label_mapping:
        lm = dict(label_mapping)
        for r in rows:
            v = r.get("label")
            if not _is_missing(v) and v in lm:
                r["label"] = lm[v]
            elif isinstance(v, str) and v.strip() in lm:
                r["label"] = lm[v.strip()]
    label_set = _resolve_label_set(labels, [r.get("label") for r in rows])
    allowed = set(label_set)
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in Path(src_name).stem) or "user"
    problems: list[str] = []
    hints: set[str] = set()
    records: list[dict] = []
    seen_ids: dict[str, int] = {}
    seen_text: dict[str, int] = {}
    int_labels = []
    for i, r in enumerate(rows):
        rid = r.get("id")
        rid = f"{stem}-{i:04d}" if _is_missing(rid) else str(rid).strip()
        here = f"row {i}" + (f" (id {rid})" if not _is_missing(r.get("id")) else "")
        text, title, label = r.get("text"), r.get("title"), r.get("label")
        if _is_missing(text) or not isinstance(text, str):
            problems.append(f"{here}: 'text' is empty or not a string; fill it in or drop the row")
            continue
        if _is_missing(title):
            title = None
        elif not isinstance(title, str):
            title = str(title)
        if _is_missing(label):
            problems.append(f"{here}: no label; label it or drop the row")
            continue
        if isinstance(label, (int, np.integer)) and not isinstance(label, bool):
            int_labels.append(int(label))
        label = str(label).strip()
        if label not in allowed:
            hint = _label_hint(label, label_set)
            problems.append(f"{here}: label {label!r} is not one of {list(label_set)}"
                            + (f"; pass {hint}" if hint else ""))
            if not hint:
                hints.add("unknown")
            continue
        if rid in seen_ids:
            problems.append(f"{here}: duplicate id {rid!r} (also row {seen_ids[rid]}); ids must be unique")
            continue
        key = " ".join(unicodedata.normalize("NFC", (title or "") + "\n" + text).lower().split())
        if key in seen_text:
            problems.append(f"{here}: same title and text as row {seen_text[key]}; drop one of them")
            continue
        seen_ids[rid] = i
        seen_text[key] = i
        family = r.get("family")
        rec = {"id": rid, "title": title.strip() if title else None, "text": text, "label": label,
               "family": rid if _is_missing(family) else str(family), "origin": f"user:{src_name}"}
        if not _is_missing(r.get("summary")):
            rec["summary"] = str(r["summary"])
        records.append(rec)
    if int_labels:
        hints.add("int")
    counts = Counter(r["label"] for r in records)
    for lab, n in sorted(counts.items()):
        if n < min_per_label:
            problems.append(f"label {lab!r} has {n} article(s), fewer than min_per_label={min_per_label}; "
                            "add examples or merge it into another label with label_mapping")
    if problems:
        more = f"\n... and {len(problems) - _MAX_SHOWN} more" if len(problems) > _MAX_SHOWN else ""
        advice = []
        if "int" in hints:
            ids = ", ".join(f"{i}: {lab!r}" for i, lab in enumerate(LABELS))
            advice.append(f"labels are integers: map them to names, e.g. label_mapping={{{ids}}} "
                          "(the ClassLabel order of vnyouth.load_corpus)")
        if "unknown" in hints and tuple(label_set) == tuple(LABELS):
            advice.append("labels must follow ../shared/TAXONOMY.md; to use your own label set pass "
                          "labels=[...] or labels='infer'")
        raise LabelledDataError(
            f"{where}{len(problems)} problem(s) in {len(rows)} rows:\n  "
            + "\n  ".join(problems[:_MAX_SHOWN]) + more
            + ("\nHow to fix: " + "; ".join(advice) if advice else ""))
    unused = [lab for lab in label_set if lab not in counts]
    notes = ()
    if unused:
        notes = (f"labels with no article in {src_name}: {unused}",)
        logger.info("%s", notes[0])
    return LabelledData(tuple(records), label_set, src_name, notes)


def merge_with_corpus(user: LabelledData, *, splits: Sequence[str] = ("train",),
                      data_dir: str | os.PathLike | None = None,
                      corpus_label_mapping: Mapping[str, str] | None = None,
                      check_leaks: bool = True, drop_leaks: bool = True) -> LabelledData:
    """The corpus ``splits`` plus your articles, with one label set.

    Parameters
    ----------
    user : LabelledData
        From :func:`load_labelled`.
    splits : sequence of str, default ("train",)
        Corpus splits to add. Keep ``dev`` and ``test`` out if you want to
        compare with the shipped model on them.
    corpus_label_mapping : dict, optional
        When your label set is not TAXONOMY's: how to map each corpus label
        onto yours, e.g. ``{"year_end_review": "hoi_nghi", ...}``.
    check_leaks, drop_leaks : bool, default True
        Look for your articles that nearly copy a corpus article the model is
        scored on (``dev``/``test`` not in ``splits``); drop them (or only log).

    Raises
    ------
    LabelledDataError
        When your label set cannot hold the corpus labels (the message says
        which ``corpus_label_mapping`` would fix it).
    """
    corpus: list[dict] = []
    for s in splits:
        corpus.extend(load_split(s, data_dir))
    mapping = dict(corpus_label_mapping or {})
    allowed = set(user.labels)
    bad_targets = sorted({v for v in mapping.values() if v not in allowed})
    if bad_targets:
        raise LabelledDataError(f"corpus_label_mapping maps to {bad_targets}, which are not in your label "
                                f"set {list(user.labels)}")
    missing = sorted({mapping.get(r["label"], r["label"]) for r in corpus} - allowed)
    if missing:
        example = {lab: "<one of your labels>" for lab in missing}
        raise LabelledDataError(
            f"your label set {list(user.labels)} has no place for the corpus labels {missing}. Either "
            f"map your labels onto TAXONOMY's (load_labelled(..., label_mapping=...)), pass "
            f"corpus_label_mapping={example!r}, or train on your data alone without merging")
    notes = list(user.notes)
    corpus_texts = {" ".join((r["title"] + "\n" + r["text"]).lower().split()) for r in corpus}
    corpus_ids = {r["id"] for r in corpus}
    own: list[dict] = []
    for r in user.records:
        key = " ".join(((r.get("title") or "") + "\n" + r["text"]).lower().split())
        if key in corpus_texts:
            notes.append(f"{r['id']}: already in the corpus; dropped")
            continue
        if r["id"] in corpus_ids:
            r = dict(r, id=f"user-{r['id']}")
        own.append(r)
    if check_leaks:
        held = [s for s in ("dev", "test") if s not in splits]
        held_out = [r for s in held for r in load_split(s, data_dir)]
        leaks = find_leaks([dict(r, title=r.get("title") or "") for r in own], held_out) if held_out else []
        leaked = {m.group(1) for m in map(_LEAK_LINE.search, leaks) if m}
        for line in leaks:
            notes.append(f"corpus held-out article {line.replace('copies from train', 'nearly copies yours,')}"
                         + ("; yours dropped" if drop_leaks else ""))
            logger.warning("%s", notes[-1])
        if drop_leaks and leaked:
            own = [r for r in own if r["id"] not in leaked]
    merged = [dict(r, label=mapping.get(r["label"], r["label"])) for r in corpus] + own
    source = "+".join([f"corpus:{s}" for s in splits] + [user.source or "user"])
    return LabelledData(tuple(merged), user.labels, source, tuple(notes))


def map_labels(records: Iterable[Mapping], mapping: Mapping[str, str]) -> list[dict]:
    """Copies of ``records`` with labels renamed by ``mapping`` (labels not in it are kept).

    Use it to score the corpus ``dev``/``test`` splits with your own label set.

    >>> map_labels([{"id": "a", "label": "interim_review"}], {"interim_review": "hoi_nghi"})
    [{'id': 'a', 'label': 'hoi_nghi'}]
    """
    return [dict(r, label=mapping.get(r["label"], r["label"])) for r in records]


def split_labelled(data: LabelledData, test_size: float = 0.25, *,
                   random_state: int = 0) -> tuple[LabelledData, LabelledData]:
    """Split your articles into a part to train on and a held-out part, by family and label.

    Families never straddle the two parts; each label with at least two
    families gets at least one in the held-out part. Deterministic for the
    same data and ``random_state``.

    >>> d = LabelledData(tuple({"id": str(i), "title": None, "text": "x", "label": "ab"[i % 2],
    ...                          "family": str(i)} for i in range(8)), ("a", "b"))
    >>> train, held = split_labelled(d, test_size=0.25)
    >>> len(train), len(held), sorted(held.label_counts().values())
    (6, 2, [1, 1])
    """
    if not 0 < test_size < 1:
        raise ValueError(f"test_size={test_size!r} must be within (0, 1)")
    fam_label: dict[str, str] = {}
    fam_members: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(data.records):
        fam = r.get("family") or r["id"]
        fam_label.setdefault(fam, r["label"])
        fam_members[fam].append(i)
    rng = np.random.RandomState(random_state)
    held_fams: set[str] = set()
    by_label: dict[str, list[str]] = defaultdict(list)
    for fam, lab in fam_label.items():
        by_label[lab].append(fam)
    for lab in sorted(by_label):
        fams = sorted(by_label[lab])
        rng.shuffle(fams)
        k = int(round(test_size * len(fams)))
        if len(fams) >= 2:
            k = min(max(k, 1), len(fams) - 1)
        held_fams.update(fams[:k])
    held_idx = sorted(i for f in held_fams for i in fam_members[f])
    held_set = set(held_idx)
    train = tuple(r for i, r in enumerate(data.records) if i not in held_set)
    held = tuple(data.records[i] for i in held_idx)
    return (replace(data, records=train, source=f"{data.source}[train]"),
            replace(data, records=held, source=f"{data.source}[held-out]"))
