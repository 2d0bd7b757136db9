"""The batch job behind ``vnyouth tag``: many articles in, one result record per article out.

Reading
    :func:`iter_items` streams records, one at a time, from JSON Lines files
    (``-`` is standard input), CSV files, Parquet files, and directories or
    globs of ``.txt``/``.html`` article files. Memory does not grow with the
    input. A record without an id gets a stable one: ``auto-`` and a hash of
    its title and text (an article file's id is its path).
Working
    Records are cut into chunks of ``chunk_size``; each chunk is analysed by
    one :func:`vnyouth.analysis.analyze_many` call (parse once, classify the
    chunk at once, summarise each article), in this process (``workers=1``),
    in ``workers`` processes, or on a Dask cluster (:mod:`vnyouth.dask_engine`).
    At most ``2 × workers`` chunks are in flight, so memory stays bounded.
Bad records
    A malformed JSON line, a wrong type, a missing or empty text, bytes that do
    not decode, a record over ``max_record_bytes``, a binary or unreadable
    file: each becomes an *error record* (``label`` and the other result
    fields null, ``error`` a message that starts with the line number or the
    path) and the job goes on.

Output, order and resume (what :func:`run_tag` guarantees)
    * Records are written in input order, one chunk at a time, as whole JSON
      lines in one ``write``, then flushed and ``fsync``-ed. A chunk counts as
      done only after that, so ``kill -9`` at any moment loses nothing already
      reported done; at worst it leaves a torn last line.
    * **Resume is the default**: when OUTPUT exists, the job first reads it,
      cuts off a torn last line, and skips every input record whose id is
      already there (the k-th input record with a given id matches the k-th
      output record with that id, so repeated ids are handled). A killed and
      restarted job therefore ends with exactly one output record per input
      record, in input order. Records that errored are not retried.
      ``overwrite=True`` (``--overwrite``) starts from an empty OUTPUT.
    * JSONL output is written directly. CSV and Parquet cannot be appended
      safely, so the records go to a journal ``OUTPUT.journal.jsonl`` (the same
      guarantees) and OUTPUT is rewritten from the whole journal, atomically,
      at the end of each run. Keep the journal next to OUTPUT: it is what a
      later run resumes from.
    * One job at a time per OUTPUT: the file is locked (POSIX ``flock``).

Each output record holds ``id``, then every field of
:meth:`vnyouth.analysis.AnalysisResult.to_dict` (``label``, ``confidence``,
``scores``, ``evidence``, ``summary``, ``summary_sentences``, ``models``; fields
added there later, such as extraction results, appear here without change),
then ``error``.
"""
from __future__ import annotations

import codecs
import csv
import glob
import hashlib
import json
import logging
import os
import sys
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "tag", "tag_dataset", "run_tag", "iter_items", "estimate_total", "output_schema", "content_id",
    "TagOptions", "TagReport", "TagError", "Item",
    "MAX_RECORD_BYTES", "DEFAULT_CHUNK_SIZE", "ARTICLE_SUFFIXES", "JOURNAL_SUFFIX",
]

logger = logging.getLogger(__name__)

#: A record (JSONL line, CSV row, file, text) larger than this is an error record.
MAX_RECORD_BYTES = 2 * 1024 * 1024
#: Records per chunk: one ``analyze_many`` call, one write + fsync.
DEFAULT_CHUNK_SIZE = 256
#: Files taken from a directory; other files there are ignored (and counted in the log).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
#: Suffix of the journal written next to a CSV or Parquet OUTPUT.
JOURNAL_SUFFIX = ".journal.jsonl"

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_FORMATS = ("jsonl", "csv", "parquet")
_ENGINES = ("local", "dask")
_MISSING = object()
# A short article analysed once per process: loads the models (a broken model
# folder fails the job before any record is read) and gives the result fields.
_WARM_UP = ("Tỉnh đoàn tổng kết công tác năm 2023\n\nNgày 5/1, Tỉnh đoàn tổ chức hội nghị tổng kết "
            "công tác Đoàn năm 2023, triển khai nhiệm vụ năm 2024.")


class TagError(RuntimeError):
    """The job cannot start or go on: a missing input or column, an OUTPUT it cannot trust, ..."""


class Item(NamedTuple):
    """One input record on its way to a worker.

    ``text`` is None for an article file not read yet (``path`` set; the worker
    reads it) and for a record already known to be bad (``error`` set).
    """

    id: str
    text: Any
    title: Any
    source: str
    path: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class TagOptions:
    """What every worker needs to know: field names, models, summary budget, size limit.

    Validated on creation; picklable, so it travels to worker processes and Dask.
    ``title_field``/``id_field`` may be None: no title; always generate ids.
    """

    text_field: str = "text"
    title_field: str | None = "title"
    id_field: str | None = "id"
    classifier: str | None = None
    summarizer: str | None = None
    max_sentences: int = 3
    max_syllables: int = 60
    max_record_bytes: int = MAX_RECORD_BYTES

    def __post_init__(self) -> None:
        if not isinstance(self.text_field, str) or not self.text_field:
            raise ValueError(f"text_field must be a non-empty str, got {self.text_field!r}")
        for name in ("title_field", "id_field"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value):
                raise ValueError(f"{name} must be a non-empty str or None, got {value!r}")
        for name in ("classifier", "summarizer"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, os.fspath(value))
        for name in ("max_sentences", "max_syllables", "max_record_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int, got {value!r}")


@dataclass(frozen=True)
class TagReport:
    """What a :func:`run_tag` run did.

    ``ok``/``errored`` count records written by this run; ``skipped`` those
    already in OUTPUT (``skipped_errors`` of them error records); ``unmatched``
    counts OUTPUT records that match no input record (kept as they are).
    """

    ok: int
    errored: int
    skipped: int
    skipped_errors: int
    unmatched: int
    elapsed: float
    output: str
    models: Mapping[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every record of this input is ok in OUTPUT, else 1 (all are written)."""
        return 1 if self.errored or self.skipped_errors else 0

    def summary_line(self) -> str:
        """One line for people and logs: counts, elapsed time, rate."""
        done = self.ok + self.errored
        rate = done / self.elapsed if self.elapsed > 0 else 0.0
        line = (f"{self.ok:,} ok, {self.errored:,} errored, {self.skipped:,} skipped "
                f"(already in {self.output}")
        line += f", {self.skipped_errors:,} of them errors)" if self.skipped_errors else ")"
        return line + f" in {self.elapsed:.1f} s ({rate:,.0f} records/s)"


# ---------------------------------------------------------------- ids and checks

def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def content_id(text: str, title: str | None = None) -> str:
    """The stable id of a record that has none: ``auto-`` + a hash of its title and text."""
    return "auto-" + _digest(_utf8((title or "") + "\x1f" + text))


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", bool: "a boolean", int: "an integer",
            float: "a number", bytes: "bytes"}.get(type(value), type(value).__name__)


def _bad_unicode(text: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        return f"holds invalid Unicode (lone surrogate at character {e.start})"
    return None


def _text_problem(text: Any, what: str) -> str | None:
    """Why ``text`` cannot be analysed, or None."""
    if not isinstance(text, str):
        return f"{what} must be a string, got {_type_name(text)}"
    if not text.strip():
        return f"{what} is empty or only whitespace"
    bad = _bad_unicode(text)
    return f"{what} {bad}" if bad else None


def _item_from_mapping(obj: Mapping, source: str, o: TagOptions, size: int | None = None,
                       raw: bytes | None = None) -> Item:
    """Check one record and return its :class:`Item` (with ``error`` set when it is bad)."""
    text = obj.get(o.text_field, _MISSING)
    title = obj.get(o.title_field) if o.title_field else None
    if size is None:
        size = (len(text) if isinstance(text, str) else 0) + (len(title) if isinstance(title, str) else 0)
    problem = None
    if text is _MISSING:
        shown = ", ".join(repr(k) for k in list(obj)[:8]) or "none"
        problem = (f"no {o.text_field!r} field (fields: {shown}); "
                   "name the text field with --text-field / text_field=")
    elif size > o.max_record_bytes:
        problem = (f"record is {size:,} bytes, over the {o.max_record_bytes:,} byte limit "
                   "(--max-record-bytes)")
    else:
        problem = _text_problem(text, f"field {o.text_field!r}")
    if problem is None and title is not None:
        if not isinstance(title, str):
            problem = f"field {o.title_field!r} must be a string or null, got {_type_name(title)}"
        elif _bad_unicode(title):
            problem = f"field {o.title_field!r} {_bad_unicode(title)}"
    rid, id_problem = _record_id(obj, text, title, o, raw, problem is None)
    problem = problem or id_problem
    if problem:
        return Item(rid, None, None, source, error=f"{source}: {problem}")
    return Item(rid, text, title or None, source)


def _record_id(obj: Mapping, text: Any, title: Any, o: TagOptions, raw: bytes | None,
               good: bool) -> tuple[str, str | None]:
    value = obj.get(o.id_field) if o.id_field else None
    if isinstance(value, str) and value:
        bad = _bad_unicode(value)
        if not bad:
            return value, None
        problem = f"field {o.id_field!r} {bad}"
    elif isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    elif value is None or value == "":
        problem = None
    else:
        problem = f"field {o.id_field!r} must be a string or an integer, got {_type_name(value)}"
    if good and problem is None:
        return content_id(text, title), None
    if raw is None:
        raw = _utf8(json.dumps(obj, sort_keys=True, default=repr, ensure_ascii=False))
    return "auto-" + _digest(raw), problem


# ---------------------------------------------------------------- readers

def _input_kind(path: str) -> str:
    if path == "-":
        return "jsonl"
    if os.path.isdir(path):
        return "dir"
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    return "file"


def _resolve_inputs(inputs: Sequence[str | os.PathLike], o: TagOptions) -> list[tuple[str, str]]:
    """``(kind, path)`` for each input, globs expanded; fails early on what cannot work."""
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    out: list[tuple[str, str]] = []
    for raw in inputs:
        name = os.fspath(raw)
        if not isinstance(name, str):
            raise TypeError(f"input paths must be str or os.PathLike, got {type(name).__name__}")
        if name != "-" and not os.path.exists(name) and any(c in name for c in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise TagError(f"no file matches {name!r}")
            paths = matches
        elif name != "-" and not os.path.exists(name):
            raise TagError(f"input not found: {name}")
        else:
            paths = [name]
        for path in paths:
            kind = _input_kind(path)
            if kind == "csv":
                _csv_header(path, o)
            elif kind == "parquet":
                _parquet_file(path, o)
            out.append((kind, path))
    if sum(path == "-" for _, path in out) > 1:
        raise TagError("standard input (-) can be read only once")
    return out


def iter_items(inputs: Sequence[str | os.PathLike], options: TagOptions | None = None) -> Iterator[Item]:
    """Stream the records of files, directories, globs or ``-`` (stdin), in order, as :class:`Item`.

    Raises :class:`TagError` up front for a missing input, a CSV or Parquet file
    without the text column, or a UTF-16 JSONL file.
    """
    o = options or TagOptions()
    return _iter_resolved(_resolve_inputs(inputs, o), o)


def _iter_resolved(sources: list[tuple[str, str]], o: TagOptions) -> Iterator[Item]:
    for kind, path in sources:
        if kind == "jsonl":
            yield from _read_jsonl(path, o)
        elif kind == "csv":
            yield from _read_csv(path, o)
        elif kind == "parquet":
            yield from _read_parquet(path, o)
        elif kind == "dir":
            for p in _walk(path):
                yield _file_item(p)
        else:
            yield _file_item(path)


def _file_item(path: str) -> Item:
    name = Path(os.path.normpath(path)).as_posix()
    return Item(name, None, None, name, path=path)


def _walk(root: str, quiet: bool = False) -> Iterator[str]:
    def fail(e: OSError) -> None:
        raise TagError(f"cannot list {e.filename}: {e.strerror}") from e

    ignored: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=fail):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.lower().endswith(ARTICLE_SUFFIXES):
                yield os.path.join(dirpath, name)
            else:
                ignored.append(os.path.join(dirpath, name))
    if ignored and not quiet:
        logger.warning("%s: ignored %d file(s) that are not %s, e.g. %s", root, len(ignored),
                       "/".join(ARTICLE_SUFFIXES), ignored[0])


def _read_jsonl(path: str, o: TagOptions) -> Iterator[Item]:
    name = "<stdin>" if path == "-" else path
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    try:
        head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise TagError(f"{name} is UTF-16; JSON Lines must be UTF-8: convert it, e.g. "
                           f"iconv -f UTF-16 -t UTF-8 {name} > converted.jsonl")
        limit = o.max_record_bytes
        n = 0
        while True:
            line = stream.readline(limit + 1)
            if not line:
                break
            n += 1
            source = f"{name}:{n}"
            if len(line) > limit:
                yield _oversized_line(stream, line, source, limit)
                continue
            if n == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[3:]
            if not line.strip():
                continue
            yield _jsonl_item(line, source, o)
    finally:
        if path != "-":
            stream.close()


def _oversized_line(stream, line: bytes, source: str, limit: int) -> Item:
    h = hashlib.blake2b(digest_size=8)
    size = 0
    while True:  # drop the rest of the line, hashing it for a stable id
        h.update(line)
        size += len(line)
        if line.endswith(b"\n"):
            break
        line = stream.readline(1 << 20)
        if not line:
            break
    return Item("auto-" + h.hexdigest(), None, None, source,
                error=f"{source}: record is {size:,} bytes, over the {limit:,} byte limit "
                      "(--max-record-bytes)")


def _jsonl_item(line: bytes, source: str, o: TagOptions) -> Item:
    rid = "auto-" + _digest(line.rstrip(b"\r\n"))
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        return Item(rid, None, None, source,
                    error=f"{source}: not valid UTF-8 (byte 0x{line[e.start]:02x} at byte {e.start + 1}); "
                          "JSON Lines must be UTF-8")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return Item(rid, None, None, source,
                    error=f"{source}: not valid JSON ({e.msg} at column {e.colno}); "
                          "each line must be one JSON object")
    if not isinstance(obj, dict):
        return Item(rid, None, None, source,
                    error=f"{source}: expected a JSON object, got {_type_name(obj)}")
    return _item_from_mapping(obj, source, o, size=len(line), raw=line.rstrip(b"\r\n"))


def _csv_encoding(path: str) -> str:
    from .reading import BinaryFileError, detect_encoding

    with open(path, "rb") as f:
        sample = f.read(1 << 16)
    try:
        return detect_encoding(sample, path, complete=len(sample) < (1 << 16))
    except BinaryFileError as e:
        raise TagError(f"{e}; expected a CSV file") from e


def _csv_header(path: str, o: TagOptions) -> list[str]:
    encoding = _csv_encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as f:
        header = next(csv.reader(f), None)
    if header is None:
        return []
    if o.text_field not in header:
        raise TagError(f"{path} has no column {o.text_field!r} (columns: {', '.join(header[:12])}); "
                       "name the text column with --text-field")
    return header


def _read_csv(path: str, o: TagOptions) -> Iterator[Item]:
    encoding = _csv_encoding(path)
    undecodable = [False]

    def lines(f) -> Iterator[str]:
        if encoding.startswith("utf-16"):
            yield from codecs.getreader(encoding)(f, errors="replace")
            return
        first = True
        for raw in f:
            enc = encoding if first else encoding.replace("utf-8-sig", "utf-8")
            first = False
            try:
                yield raw.decode(enc)
            except UnicodeDecodeError:
                undecodable[0] = True
                yield raw.decode(enc, errors="replace")

    # Let csv read fields well past the record limit, so an oversized record is
    # measured (one error record) instead of breaking the parse.
    old_limit = csv.field_size_limit(max(16 * o.max_record_bytes, 1 << 27))
    try:
        with open(path, "rb") as f:
            reader = csv.reader(lines(f))
            header = next(reader, None)
            if header is None:
                return
            start = reader.line_num + 1
            while True:
                undecodable[0] = False
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as e:
                    source = f"{path}:{start}"
                    start = reader.line_num + 1
                    yield Item("auto-" + _digest(_utf8(source)), None, None, source,
                               error=f"{source}: not valid CSV ({e})")
                    continue
                source = f"{path}:{start}"
                start = reader.line_num + 1
                if not any(cell.strip() for cell in row):
                    continue
                obj = dict(zip(header, row))
                item = _item_from_mapping(obj, source, o, size=sum(map(len, row)),
                                          raw=_utf8("\x1f".join(row)))
                if undecodable[0]:
                    item = item._replace(text=None, title=None,
                                         error=f"{source}: bytes that are not valid {encoding} "
                                               "(the encoding detected for this file)")
                elif len(row) < len(header) and o.text_field not in obj:
                    item = item._replace(error=f"{source}: row has {len(row)} cells, the header "
                                               f"{len(header)}")
                yield item
    finally:
        csv.field_size_limit(old_limit)


def _parquet_file(path: str, o: TagOptions):
    try:
        import pyarrow.parquet as pq
    except ImportError as e:
        raise ImportError("reading Parquet needs pyarrow: pip install 'vnyouth[parquet]'") from e
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises its own error types for bad files
        raise TagError(f"{path}: not a readable Parquet file ({e})") from e
    names = pf.schema_arrow.names
    if o.text_field not in names:
        raise TagError(f"{path} has no column {o.text_field!r} (columns: {', '.join(names[:12])}); "
                       "name the text column with --text-field")
    return pf


def _read_parquet(path: str, o: TagOptions) -> Iterator[Item]:
    pf = _parquet_file(path, o)
    names = pf.schema_arrow.names
    columns = [c for c in dict.fromkeys((o.id_field, o.text_field, o.title_field)) if c in names]
    n = 0
    for batch in pf.iter_batches(batch_size=1024, columns=columns):
        data = batch.to_pydict()
        for i in range(batch.num_rows):
            n += 1
            yield _item_from_mapping({c: data[c][i] for c in columns}, f"{path}:row {n}", o)


def estimate_total(inputs: Sequence[str | os.PathLike]) -> int | None:
    """About how many records the inputs hold (for a progress bar), or None when unknown (stdin)."""
    total = 0
    for raw in [inputs] if isinstance(inputs, (str, os.PathLike)) else inputs:
        name = os.fspath(raw)
        paths = sorted(glob.glob(name, recursive=True)) if not os.path.exists(name) else [name]
        for path in paths:
            if path == "-":
                return None
            kind = _input_kind(path)
            if kind in ("jsonl", "csv"):
                with open(path, "rb") as f:
                    total += sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
                total -= kind == "csv"
            elif kind == "parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif kind == "dir":
                total += sum(1 for _ in _walk(path, quiet=True))
            else:
                total += 1
    return max(total, 0)


# ---------------------------------------------------------------- the work on one chunk

class _Warm(NamedTuple):
    fields: tuple[str, ...]
    sample: dict
    models: dict


@lru_cache(maxsize=4)
def _warm(o: TagOptions) -> _Warm:
    """Load the models once per process; return the result fields and a sample record."""
    from .analysis import analyze

    result = analyze(_WARM_UP, classifier=o.classifier, summarizer=o.summarizer,
                     max_sentences=o.max_sentences, max_syllables=o.max_syllables)
    sample = {"id": "warm-up", **result.to_dict(), "error": None}
    fields = tuple(k for k in sample if k not in ("id", "error"))
    return _Warm(fields, sample, dict(sample.get("models") or {}))


def _fatal_errors() -> tuple[type[BaseException], ...]:
    from .model_folder import ModelFolderError

    # A broken model or environment: fail the job (exit 2), never blame one record.
    return (ModelFolderError, ImportError, MemoryError, OSError)


def _error_record(rid: str, message: str, fields: Sequence[str]) -> dict:
    return {"id": rid, **dict.fromkeys(fields), "error": message}


def _read_article(item: Item, limit: int) -> str:
    from .reading import decode_bytes

    try:
        size = os.stat(item.path).st_size
        if size > limit:
            raise ValueError(f"{item.source}: file is {size:,} bytes, over the {limit:,} byte limit "
                             "(--max-record-bytes)")
        with open(item.path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise ValueError(f"{item.source}: cannot read the file ({e.strerror or e})") from e
    text = decode_bytes(data, item.source)
    problem = _text_problem(text, "text")
    if problem:
        raise ValueError(f"{item.source}: the file's {problem}")
    return text


def _process_chunk(items: Sequence[Item], options: TagOptions) -> list[dict]:
    """Analyse one chunk; return one output record per item, in order (runs in a worker)."""
    fields = _warm(options).fields
    out: list[dict | None] = [None] * len(items)
    todo: list[tuple[int, str, str | None]] = []
    for i, item in enumerate(items):
        error, text = item.error, item.text
        if error is None and item.path is not None:
            try:
                text = _read_article(item, options.max_record_bytes)
            except ValueError as e:  # includes BinaryFileError
                error = str(e)
        if error is None:
            todo.append((i, text, item.title))
        else:
            out[i] = _error_record(item.id, error, fields)
    for (i, _, _), result in zip(todo, _analyze_all(todo, items, options)):
        if isinstance(result, str):
            out[i] = _error_record(items[i].id, result, fields)
        else:
            out[i] = {"id": items[i].id, **result.to_dict(), "error": None}
    return out  # type: ignore[return-value]


def _analyze_all(todo, items, o: TagOptions) -> list:
    """AnalysisResult for each ``todo`` entry, or the error message of a bad one."""
    from .analysis import analyze, analyze_many

    if not todo:
        return []
    kwargs = dict(classifier=o.classifier, summarizer=o.summarizer, max_sentences=o.max_sentences,
                  max_syllables=o.max_syllables)
    fatal = _fatal_errors()
    try:
        return analyze_many([{"text": t, "title": ti} for _, t, ti in todo], **kwargs)
    except fatal:
        raise
    except Exception as e:  # one bad article spoils the chunk's call: redo one by one
        logger.debug("chunk of %d failed as a whole (%s: %s); analysing one by one",
                     len(todo), type(e).__name__, e)
    results: list = []
    for i, text, title in todo:
        try:
            results.append(analyze(text, title=title, **kwargs))
        except fatal:
            raise
        except (TypeError, ValueError) as e:
            results.append(f"{items[i].source}: {e}")
        except Exception as e:  # a bug on one article must not stop the job: record it
            logger.exception("%s: unexpected error while analysing", items[i].source)
            results.append(f"{items[i].source}: internal error {type(e).__name__}: {e} "
                           "(please report it with this article)")
    return results


# ---------------------------------------------------------------- running chunks

def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _in_order(futures: Iterable, window: int) -> Iterator[list[dict]]:
    """Results of futures in submission order, with at most ``window`` in flight."""
    pending: deque = deque()
    try:
        for fut in futures:
            pending.append(fut)
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for fut in pending:
            fut.cancel()


def _mp_context():
    import multiprocessing

    # fork shares the models already loaded here; only safe in a single-threaded Linux process.
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    logger.info("starting worker processes with spawn (this process runs threads); each loads "
                "the models itself, which takes a few seconds")
    return multiprocessing.get_context("spawn")


def _watch_parent(ppid: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != ppid:  # the job was killed: do not linger as an orphan
            os._exit(1)


def _init_worker(options: TagOptions) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # one process per core; no BLAS threads fighting over it
    _warm(options)


def _check_run_args(workers: int, chunk_size: int, engine: str, scheduler: Any) -> None:
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive int, got {workers!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, got {chunk_size!r}")
    if engine not in _ENGINES:
        raise ValueError(f"engine must be one of {list(_ENGINES)}, got {engine!r}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler needs engine='dask'")


def _run_chunks(chunks: Iterable[list[Item]], options: TagOptions, *, workers: int, engine: str,
                scheduler: Any) -> Iterator[list[dict]]:
    """Output records chunk by chunk, in input order, on the chosen engine."""
    if engine == "dask":
        from .dask_engine import dask_submitter

        with dask_submitter(scheduler, workers) as (submit, window):
            yield from _in_order((submit(_process_chunk, c, options) for c in chunks), window)
        return
    if workers == 1:
        for chunk in chunks:
            yield _process_chunk(chunk, options)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=_mp_context(), initializer=_init_worker,
                               initargs=(options,))
    try:
        yield from _in_order((pool.submit(_process_chunk, c, options) for c in chunks), 2 * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- output

def _id_hash(rid: str) -> int:
    return int.from_bytes(hashlib.blake2b(_utf8(rid), digest_size=8).digest(), "little")


def _loads(line: bytes) -> Any:
    try:
        return json.loads(line)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        return None


class _DoneIds:
    """The ids already in OUTPUT: 9 bytes per record (a sorted 64-bit hash and an error flag).

    :meth:`take` matches each input record against an unused output record
    with the same id, so an id that occurs k times needs k output records.
    """

    def __init__(self, hashes: array, errors: bytearray) -> None:
        import numpy as np

        keys = np.frombuffer(hashes, dtype=np.uint64) if len(hashes) else np.zeros(0, np.uint64)
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._errors = np.frombuffer(bytes(errors), dtype=np.uint8)[order].astype(bool)
        self._used = np.zeros(len(keys), dtype=bool)
        self.taken = 0

    def __len__(self) -> int:
        return len(self._keys)

    def take(self, rid: str) -> bool | None:
        """None if ``rid`` has no unused output record; else mark one used and return its error flag."""
        if not len(self._keys):
            return None
        h = _id_hash(rid)
        i = int(self._keys.searchsorted(h))
        while i < len(self._keys) and self._keys[i] == h:
            if not self._used[i]:
                self._used[i] = True
                self.taken += 1
                return bool(self._errors[i])
            i += 1
        return None


def _dump(record: dict) -> bytes:
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # a lone surrogate somewhere: plain ASCII escapes are still valid JSON
        return json.dumps(record).encode("ascii") + b"\n"


class _Journal:
    """An append-only JSONL file: whole lines, flushed and fsynced per chunk; locked to one writer."""

    def __init__(self, path: Path, *, overwrite: bool) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(path, "a+b")
        try:
            self._lock()
            if overwrite:
                self._f.truncate(0)
            self.done = self._scan()
        except BaseException:
            self._f.close()
            raise

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return
        try:
            fcntl.flock(self._f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise TagError(f"another `vnyouth tag` is writing {self.path}; wait for it to finish "
                           "or choose another OUTPUT") from e

    def _scan(self) -> _DoneIds:
        f = self._f
        f.seek(0)
        hashes, errors = array("Q"), bytearray()
        self.models_seen: set[str] = set()
        good_end, n = 0, 0
        while line := f.readline():
            n += 1
            rec = _loads(line) if line.endswith(b"\n") else None
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                if f.readline():
                    raise TagError(
                        f"{self.path}:{n}: not a record written by `vnyouth tag`, so the job cannot "
                        "tell what is done; move the file away or pass --overwrite to start over")
                logger.warning("%s: removed a torn last line (%d bytes) left by an interrupted run",
                               self.path, len(line))
                f.truncate(good_end)
                break
            hashes.append(_id_hash(rec["id"]))
            errors.append(rec.get("error") is not None)
            if rec.get("models") and len(self.models_seen) < 16:
                self.models_seen.add(json.dumps(rec["models"], sort_keys=True))
            good_end = f.tell()
        return _DoneIds(hashes, errors)

    def append(self, records: Sequence[dict]) -> None:
        self._f.write(b"".join(_dump(r) for r in records))
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        self._f.close()


class _StdoutSink:
    """``-o -``: JSONL on standard output; nothing to resume."""

    path = Path("-")
    models_seen: frozenset[str] = frozenset()

    def __init__(self) -> None:
        self.done = _DoneIds(array("Q"), bytearray())

    def append(self, records: Sequence[dict]) -> None:
        sys.stdout.buffer.write(b"".join(_dump(r) for r in records))
        sys.stdout.buffer.flush()

    def close(self) -> None:
        pass


def _output_format(output: str, output_format: str | None) -> str:
    if output_format is not None:
        if output_format not in _FORMATS:
            raise ValueError(f"output_format must be one of {list(_FORMATS)}, got {output_format!r}")
        fmt = output_format
    else:
        suffix = os.path.splitext(output)[1].lower()
        fmt = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(suffix, "jsonl")
    if output == "-" and fmt != "jsonl":
        raise ValueError("standard output (-o -) takes JSONL only")
    return fmt


def _arrow_type(name: str, value: Any):
    import pyarrow as pa

    known = {"id": pa.string(), "error": pa.string(), "label": pa.string(), "confidence": pa.float64(), "summary": pa.string(),
             "evidence": pa.list_(pa.string()), "summary_sentences": pa.list_(pa.int64())}
    if name in known:
        return known[name]
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        kinds = {type(v) for v in value.values()}
        if kinds <= {float, int} and bool not in kinds:
            return pa.struct([(k, pa.float64()) for k in value])
        if kinds == {str}:
            return pa.struct([(k, pa.string()) for k in value])
    if isinstance(value, bool):
        return pa.bool_()
    if isinstance(value, int):
        return pa.int64()
    if isinstance(value, float):
        return pa.float64()
    if isinstance(value, str):
        return pa.string()
    return None  # anything else is stored as a JSON string


def output_schema(sample: Mapping[str, Any]):
    """The Arrow schema of output records like ``sample`` (Parquet output, ``tag_dataset``).

    ``scores`` and ``models`` become structs with the sample's keys; a field of
    unknown shape becomes a JSON string column.
    """
    import pyarrow as pa

    cols = []
    for name, value in sample.items():
        t = _arrow_type(name, value)
        cols.append(pa.field(name, pa.string() if t is None else t,
                             metadata=None if t is not None else {"vnyouth": "json"}))
    return pa.schema(cols)


def _arrow_rows(rows: list[dict], schema) -> list[dict]:
    json_cols = [f.name for f in schema if f.metadata and f.metadata.get(b"vnyouth") == b"json"]
    if json_cols:
        for r in rows:
            for c in json_cols:
                if r.get(c) is not None:
                    r[c] = json.dumps(r[c], ensure_ascii=False)
    return rows


def _journal_records(path: Path) -> Iterator[dict]:
    with open(path, "rb") as f:
        for line in f:
            yield json.loads(line)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _finalize(journal: Path, output: Path, fmt: str, sample: dict) -> None:
    """Rewrite OUTPUT (CSV or Parquet) from the whole journal, atomically."""
    tmp = output.with_name(f".{output.name}.tmp{os.getpid()}")
    columns = list(sample)
    try:
        if fmt == "csv":
            with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="") as f:
                w = csv.writer(f)
                w.writerow(columns)
                for rec in _journal_records(journal):
                    w.writerow([_csv_cell(rec.get(c)) for c in columns])
                f.flush()
                os.fsync(f.fileno())
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = output_schema(sample)
            with pq.ParquetWriter(tmp, schema) as writer:
                records = _journal_records(journal)
                while batch := list(islice(records, 4096)):
                    rows = _arrow_rows([{c: r.get(c) for c in columns} for r in batch], schema)
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        os.replace(tmp, output)
    finally:
        if tmp.exists():
            tmp.unlink()


# ---------------------------------------------------------------- the job

ProgressCallback = Callable[[int, int, int, list], None]


def run_tag(inputs: Sequence[str | os.PathLike], output: str | os.PathLike, *,
            output_format: str | None = None, text_field: str = "text",
            title_field: str | None = "title", id_field: str | None = "id",
            classifier: str | os.PathLike | None = None, summarizer: str | os.PathLike | None = None,
            max_sentences: int = 3, max_syllables: int = 60,
            max_record_bytes: int = MAX_RECORD_BYTES, workers: int = 1,
            chunk_size: int = DEFAULT_CHUNK_SIZE, engine: str = "local", scheduler: Any = None,
            overwrite: bool = False, on_progress: ProgressCallback | None = None) -> TagReport:
    """Tag every record of ``inputs`` into ``output``, exactly once, resuming what is there.

    This is ``vnyouth tag``; the module docstring states the guarantees.

    Parameters
    ----------
    inputs : sequence of path
        JSONL (``.jsonl``, ``.ndjson``, ``.json``; ``-`` is stdin), CSV,
        Parquet files, directories or globs of ``.txt``/``.html`` articles.
    output : path
        ``.csv`` → CSV, ``.parquet`` → Parquet, anything else JSONL (or set
        ``output_format``); ``-`` writes JSONL to stdout (no resume).
    text_field, title_field, id_field : str
        Field (column) names in JSONL, CSV and Parquet input.
    classifier, summarizer : path, optional
        Model folders (default: the environment variables, else the shipped models).
    max_sentences, max_syllables : int
        Summary budget (TAXONOMY's: 3 sentences, 60 syllables).
    max_record_bytes : int
        Larger records are error records.
    workers : int
        Processes (``engine="local"``) or local Dask workers.
    chunk_size : int
        Records per ``analyze_many`` call and per write.
    engine : {"local", "dask"}
        Where the chunks run; see :mod:`vnyouth.dask_engine`.
    scheduler : str or distributed.Client, optional
        Address of a running Dask scheduler (``engine="dask"``); default a
        local cluster on 127.0.0.1.
    overwrite : bool
        Start from an empty OUTPUT instead of resuming.
    on_progress : callable, optional
        Called as ``on_progress(ok, errored, skipped, error_messages)`` with the
        increments, after each chunk is safely on disk.

    Raises
    ------
    TagError
        Missing input or column, an OUTPUT that is not a tag output, OUTPUT locked.
    ModelFolderError, ImportError, OSError
        A broken model folder, a missing optional dependency, an I/O failure.
    """
    options = TagOptions(text_field=text_field, title_field=title_field, id_field=id_field,
                         classifier=classifier, summarizer=summarizer, max_sentences=max_sentences,
                         max_syllables=max_syllables, max_record_bytes=max_record_bytes)
    _check_run_args(workers, chunk_size, engine, scheduler)
    output = os.fspath(output)
    fmt = _output_format(output, output_format)
    sources = _resolve_inputs(inputs, options)
    started = time.perf_counter()
    warm = _warm(options)  # a broken model folder fails here, before any output
    if output == "-":
        sink: _Journal | _StdoutSink = _StdoutSink()
    else:
        out_path = Path(output)
        journal_path = out_path if fmt == "jsonl" else out_path.with_name(out_path.name + JOURNAL_SUFFIX)
        for kind, path in sources:
            if path != "-" and kind != "dir" and out_path.exists() and os.path.samefile(path, out_path):
                raise TagError(f"{output} is both an input and the output")
        if fmt != "jsonl" and out_path.exists() and not journal_path.exists() and not overwrite:
            raise TagError(f"{output} exists but its journal {journal_path.name} does not, so the job "
                           "cannot tell which records it holds; pass --overwrite to tag everything "
                           "again, or choose another OUTPUT")
        sink = _Journal(journal_path, overwrite=overwrite)
        if len(sink.done):
            logger.info("resuming: %d records already in %s", len(sink.done), journal_path)
        current = json.dumps(warm.models, sort_keys=True)
        if sink.models_seen - {current}:
            logger.warning("%s holds records made by other models (%s); new records are made by "
                           "%s. Pass --overwrite to redo them all with the same models.",
                           journal_path, "; ".join(sorted(sink.models_seen - {current})), current)
    counts = {"ok": 0, "errored": 0, "skipped": 0, "skipped_errors": 0, "skip_reported": 0}

    def pending_items() -> Iterator[Item]:
        for item in _iter_resolved(sources, options):
            was_error = sink.done.take(item.id)
            if was_error is None:
                yield item
            else:
                counts["skipped"] += 1
                counts["skipped_errors"] += was_error

    def report(ok: int, errored: int, messages: list) -> None:
        skipped = counts["skipped"] - counts["skip_reported"]
        counts["skip_reported"] = counts["skipped"]
        if on_progress is not None and (ok or errored or skipped):
            on_progress(ok, errored, skipped, messages)

    try:
        chunks = _chunks(pending_items(), chunk_size)
        for records in _run_chunks(chunks, options, workers=workers, engine=engine, scheduler=scheduler):
            sink.append(records)
            messages = [r["error"] for r in records if r["error"] is not None]
            counts["ok"] += len(records) - len(messages)
            counts["errored"] += len(messages)
            report(len(records) - len(messages), len(messages), messages)
        report(0, 0, [])
    finally:
        sink.close()
    if fmt != "jsonl" and output != "-":
        _finalize(journal_path, out_path, fmt, warm.sample)
    return TagReport(counts["ok"], counts["errored"], counts["skipped"], counts["skipped_errors"],
                     len(sink.done) - sink.done.taken, time.perf_counter() - started, output,
                     warm.models)


# ---------------------------------------------------------------- Python API

def _item_from_record(record: Any, i: int, o: TagOptions) -> Item:
    source = f"records[{i}]"
    if isinstance(record, str):
        return _item_from_mapping({o.text_field: record}, source, o)
    if isinstance(record, Mapping):
        return _item_from_mapping(record, source, o)
    return Item("auto-" + _digest(_utf8(repr(record))), None, None, source,
                error=f"{source}: expected a mapping (dict) or a str, got {_type_name(record)}")


def tag(records: Iterable[Mapping | str], *, text_field: str = "text",
        title_field: str | None = "title", id_field: str | None = "id",
        classifier: str | os.PathLike | None = None, summarizer: str | os.PathLike | None = None,
        max_sentences: int = 3, max_syllables: int = 60, max_record_bytes: int = MAX_RECORD_BYTES,
        workers: int = 1, chunk_size: int = DEFAULT_CHUNK_SIZE, engine: str = "local",
        scheduler: Any = None) -> Iterator[dict]:
    """Tag records lazily: yield one output record (a dict) per input record, in order.

    Parameters
    ----------
    records : iterable of dict or str
        Each a mapping with the text (and optionally title and id) fields, or a
        plain article str. Read lazily, at most ``2 × workers`` chunks ahead.
    text_field, title_field, id_field : str
        Field names in the mappings.
    workers, chunk_size, engine, scheduler
        As in :func:`run_tag`. Worker processes are forked on Linux when this
        process runs no other thread, else spawned: then each loads the models
        itself, and a script must guard its entry point with
        ``if __name__ == "__main__":``.

    Yields
    ------
    dict
        ``id``, ``label``, ``confidence``, ``scores``, ``evidence``,
        ``summary``, ``summary_sentences``, ``models``, ``error``. A bad record
        yields a record with null results and ``error`` naming ``records[i]``.

    Examples
    --------
    >>> from vnyouth import LABELS
    >>> out = list(tag([{"id": "a1", "text": "Tỉnh đoàn tổng kết công tác năm 2023\\n\\nNgày 5/1, "
    ...                  "Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2023."}, {"id": "a2"}]))
    >>> [(r["id"], r["label"] in LABELS) for r in out]
    [('a1', True), ('a2', False)]
    >>> out[1]["error"]
    "records[1]: no 'text' field (fields: 'id'); name the text field with --text-field / text_field="
    """
    if isinstance(records, (str, bytes, Mapping)):
        raise TypeError(f"tag() expects an iterable of records, got one {type(records).__name__}; "
                        "wrap it in a list")
    it = iter(records)
    options = TagOptions(text_field=text_field, title_field=title_field, id_field=id_field,
                         classifier=classifier, summarizer=summarizer, max_sentences=max_sentences,
                         max_syllables=max_syllables, max_record_bytes=max_record_bytes)
    _check_run_args(workers, chunk_size, engine, scheduler)
    return _tag_lazily(it, options, workers, chunk_size, engine, scheduler)


def _tag_lazily(it: Iterator, options: TagOptions, workers: int, chunk_size: int, engine: str,
                scheduler: Any) -> Iterator[dict]:
    items = (_item_from_record(r, i, options) for i, r in enumerate(it))
    for records in _run_chunks(_chunks(items, chunk_size), options, workers=workers, engine=engine,
                               scheduler=scheduler):
        yield from records


def _tag_batch(batch: dict, indices: list[int], options: TagOptions, columns: list[str],
               json_cols: list[str], models: dict) -> dict:
    # ``models`` is unused here: it is in fn_kwargs so that the datasets cache
    # fingerprint changes when the models change.
    present = [c for c in (options.id_field, options.text_field, options.title_field) if c in batch]
    items = [_item_from_mapping({c: batch[c][j] for c in present}, f"row {idx}", options)
             for j, idx in enumerate(indices)]
    records = _process_chunk(items, options)
    out = {c: [r.get(c) for r in records] for c in columns}
    for c in json_cols:
        out[c] = [None if v is None else json.dumps(v, ensure_ascii=False) for v in out[c]]
    return out


def tag_dataset(ds, *, text_field: str = "text", title_field: str | None = "title",
                id_field: str | None = "id", classifier: str | os.PathLike | None = None,
                summarizer: str | os.PathLike | None = None, max_sentences: int = 3,
                max_syllables: int = 60, batch_size: int = DEFAULT_CHUNK_SIZE,
                num_proc: int | None = None):
    """Tag a Hugging Face ``datasets.Dataset``; return a Dataset of output records, row for row.

    Row ``i`` of the result is the output record of row ``i`` of ``ds`` (columns
    ``id``, ``label``, ``confidence``, ``scores``, ``evidence``, ``summary``,
    ``summary_sentences``, ``models``, ``error``); join on ``id`` or on the row.
    Runs ``ds.map(batched=True, batch_size=..., num_proc=...)``. Works offline:
    sets ``HF_DATASETS_OFFLINE``/``HF_HUB_OFFLINE`` to 1 unless already set.
    Needs the ``data`` extra (``datasets``).
    """
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import datasets
    except ImportError as e:
        raise ImportError("tag_dataset needs the 'datasets' package: pip install 'vnyouth[data]'") from e
    if isinstance(ds, datasets.DatasetDict):
        raise TypeError(f"tag_dataset() takes one Dataset, not a DatasetDict; pick a split, e.g. "
                        f"ds[{next(iter(ds), 'train')!r}]")
    if not isinstance(ds, datasets.Dataset):
        raise TypeError(f"tag_dataset() expects a datasets.Dataset, got {type(ds).__name__}; "
                        "use tag() for other iterables")
    if text_field not in ds.column_names:
        raise ValueError(f"the dataset has no column {text_field!r} (columns: "
                         f"{', '.join(ds.column_names)}); pass text_field=")
    options = TagOptions(text_field=text_field, title_field=title_field, id_field=id_field,
                         classifier=classifier, summarizer=summarizer, max_sentences=max_sentences,
                         max_syllables=max_syllables)
    warm = _warm(options)
    schema = output_schema(warm.sample)
    json_cols = [f.name for f in schema if f.metadata and f.metadata.get(b"vnyouth") == b"json"]
    return ds.map(_tag_batch, batched=True, batch_size=batch_size, num_proc=num_proc,
                  with_indices=True, remove_columns=ds.column_names,
                  features=datasets.Features.from_arrow_schema(schema),
                  fn_kwargs={"options": options, "columns": list(warm.sample), "json_cols": json_cols,
                             "models": warm.models},
                  desc="vnyouth tag")
