"""The authored corpus: reading, checking, leak detection and ``datasets`` loading.

The corpus lives in the repository's ``data/`` folder as ``train.jsonl``,
``dev.jsonl`` and ``test.jsonl`` (see ``data/README.md``). The five seed
articles of ``../shared/seeds`` are an extra test set, never trained on.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from ._paths import repo_root
from .labels import LABELS
from .syllables import count_syllables, feature_tokens

__all__ = [
    "SPLITS", "REQUIRED_FIELDS", "CorpusError", "corpus_dir", "read_jsonl", "validate_records",
    "load_split", "load_corpus", "load_seeds", "seeds_dir", "find_leaks", "overlap_margins", "SEED_LABELS",
]

SPLITS = ("train", "dev", "test")
#: Fields every corpus record must have (non-empty).
REQUIRED_FIELDS = ("id", "title", "text", "label", "summary", "origin", "family")
#: Labels of the seed articles, from TAXONOMY's table, by file-name prefix.
SEED_LABELS = {
    "000": "working_session", "001": "working_session", "002": "interim_review",
    "003": "central_inspection", "004": "year_end_review",
}
MAX_SUMMARY_SYLLABLES = 60


class CorpusError(ValueError):
    """A corpus file is missing or malformed; the message says where and how to fix it."""


def corpus_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """The corpus folder: ``data_dir``, ``$VNYOUTH_DATA``, or ``data/`` of the source checkout."""
    if data_dir is not None:
        return Path(data_dir)
    if os.environ.get("VNYOUTH_DATA"):
        return Path(os.environ["VNYOUTH_DATA"])
    root = repo_root()
    if root is None:
        raise CorpusError("no corpus folder: pass data_dir=... or set VNYOUTH_DATA "
                          "(the corpus ships in the repository's data/, not in the wheel)")
    return root / "data"


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    """Read a JSONL file of objects; errors name the file and line."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    records = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise CorpusError(f"{path}:{n}: not valid JSON ({e.msg} at column {e.colno}); "
                                  "each line must be one JSON object") from e
            if not isinstance(obj, dict):
                raise CorpusError(f"{path}:{n}: expected a JSON object, got {type(obj).__name__}")
            records.append(obj)
    return records


def validate_records(records: Sequence[dict], labels: Sequence[str] = LABELS,
                     required: Sequence[str] = REQUIRED_FIELDS, where: str = "") -> list[str]:
    """Return the problems of corpus records (empty when all is well).

    Checks: required fields present, non-empty strings; label in ``labels``;
    summary at most 60 syllables; ids unique.
    """
    problems: list[str] = []
    seen: set[str] = set()
    allowed = set(labels)
    for i, r in enumerate(records):
        rid = r.get("id", f"row {i}")
        for field in required:
            value = r.get(field)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}{rid}: field {field!r} is missing or empty")
        if r.get("label") not in allowed:
            problems.append(f"{where}{rid}: label {r.get('label')!r} is not one of {list(labels)}")
        summary = r.get("summary")
        if isinstance(summary, str) and count_syllables(summary) > MAX_SUMMARY_SYLLABLES:
            problems.append(f"{where}{rid}: summary has {count_syllables(summary)} syllables "
                            f"(at most {MAX_SUMMARY_SYLLABLES})")
        if rid in seen:
            problems.append(f"{where}{rid}: duplicate id")
        seen.add(rid)
    return problems


def load_split(split: str, data_dir: str | os.PathLike | None = None) -> list[dict]:
    """Return one split (``train``, ``dev`` or ``test``) as a list of records, validated."""
    if split not in SPLITS:
        raise ValueError(f"split {split!r} is not one of {SPLITS}")
    path = corpus_dir(data_dir) / f"{split}.jsonl"
    records = read_jsonl(path)
    problems = validate_records(records, where=f"{path}: ")
    if problems:
        raise CorpusError("\n".join(problems[:20]))
    return records


def load_corpus(data_dir: str | os.PathLike | None = None):
    """Return the corpus as a ``datasets.DatasetDict`` with a ``ClassLabel`` ``label`` column.

    Columns: ``id``, ``title``, ``text``, ``label`` (ids in :data:`vnyouth.LABELS`
    order), ``summary``, ``origin``, ``family``, ``hard_case`` and ``facts``
    (a JSON string: parse it with ``json.loads``). Needs the ``data`` extra.
    """
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import datasets
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("load_corpus needs the 'datasets' package: pip install 'vnyouth[data]'") from e
    features = datasets.Features({
        "id": datasets.Value("string"), "title": datasets.Value("string"),
        "text": datasets.Value("string"), "label": datasets.ClassLabel(names=list(LABELS)),
        "summary": datasets.Value("string"), "origin": datasets.Value("string"),
        "family": datasets.Value("string"), "hard_case": datasets.Value("string"),
        "facts": datasets.Value("string"),
    })
    out = {}
    for split in SPLITS:
        rows = load_split(split, data_dir)
        columns = {name: [] for name in features}
        for r in rows:
            for name in features:
                value = r.get(name)
                if name == "facts":
                    value = json.dumps(value or {}, ensure_ascii=False)
                columns[name].append(value)
        out[split] = datasets.Dataset.from_dict(columns, features=features)
    return datasets.DatasetDict(out)


def seeds_dir(shared_dir: str | os.PathLike | None = None) -> Path | None:
    """``../shared/seeds`` beside the checkout (or under ``shared_dir``), or ``None`` if absent."""
    candidates = [Path(shared_dir)] if shared_dir else []
    if os.environ.get("VNYOUTH_SHARED"):
        candidates.append(Path(os.environ["VNYOUTH_SHARED"]))
    root = repo_root()
    if root is not None:
        candidates.append(root.parent / "shared")
    for c in candidates:
        if (c / "seeds").is_dir():
            return c / "seeds"
    return None


def load_seeds(shared_dir: str | os.PathLike | None = None) -> list[dict]:
    """The five seed articles as records ``{id, text, label}`` (labels from TAXONOMY).

    Raises ``CorpusError`` when ``../shared/seeds`` is absent.
    """
    folder = seeds_dir(shared_dir)
    if folder is None:
        raise CorpusError("seed articles not found: expected ../shared/seeds beside the checkout "
                          "(or set VNYOUTH_SHARED)")
    records = []
    for path in sorted(folder.glob("*.txt")):
        prefix = path.name[:3]
        if prefix in SEED_LABELS:
            records.append({"id": f"seed-{path.stem}", "text": path.read_text(encoding="utf-8"),
                            "label": SEED_LABELS[prefix]})
    return records


def _shingles(text: str, n: int) -> list[tuple[str, ...]]:
    toks = feature_tokens(text)
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def _longest_run(shingles: list[tuple[str, ...]], other: set, n: int) -> int:
    best = run = 0
    for g in shingles:
        run = run + 1 if g in other else 0
        best = max(best, run)
    return best + n - 1 if best else 0


def _overlaps(train: list[dict], held_out: list[dict], n: int, min_shared: int = 1):
    """Yield ``(held-out id, train id, containment, longest shared run)`` for overlapping pairs.

    The longest run is computed only for pairs sharing at least ``min_shared`` runs.
    """
    index: dict[tuple, set[str]] = defaultdict(set)
    grams: dict[str, set] = {}
    for r in train:
        g = set(_shingles(r.get("title", "") + "\n" + r.get("text", ""), n))
        grams[r["id"]] = g
        for gram in g:
            index[gram].add(r["id"])
    for r in held_out:
        sh = _shingles(r.get("title", "") + "\n" + r.get("text", ""), n)
        if not sh:
            continue
        own = set(sh)
        shared: dict[str, int] = defaultdict(int)
        for gram in own:
            for t in index.get(gram, ()):
                shared[t] += 1
        for t, k in sorted(shared.items()):
            run = _longest_run(sh, grams[t], n) if k >= min_shared else 0
            yield r["id"], t, k / len(own), run


def overlap_margins(train: Iterable[dict], others: Iterable[dict], n: int = 8) -> tuple[float, int]:
    """The largest containment and longest shared run of ``others`` against ``train``.

    ``vnyouth datasheet`` prints these for independent writing (the seeds; and
    held-out articles of one writer against train articles of the others), which
    is how :func:`find_leaks`'s thresholds were set.
    """
    best_c, best_run = 0.0, 0
    for _, _, c, run in _overlaps(list(train), list(others), n):
        best_c, best_run = max(best_c, c), max(best_run, run)
    return best_c, best_run


def find_leaks(train: Iterable[dict], held_out: Iterable[dict], n: int = 8,
               max_containment: float = 0.25, max_run: int = 80) -> list[str]:
    """Report held-out articles that copy from a train article.

    Articles are compared as runs of ``n`` syllables (lower-cased, digits
    masked). A held-out article leaks when at least ``max_containment`` of its
    ``n``-syllable runs occur in one train article (a shared outline or
    paragraph), or when the two share one unbroken run of ``max_run`` syllables
    or more (a copied passage).

    The thresholds sit above what independent writing shares (``vnyouth
    datasheet`` prints the current figures): held-out articles by one writer
    against train articles by the others share at most 15% of their runs and
    49-syllable runs — the official title of Chỉ thị 42-CT/TW with the formula
    around it — and the five real seed articles at most 2.3% and 20 syllables.
    Such formulas (names of directives, conferences and movements) are shared
    by any two real reports, so plain 8-syllable overlap is not, by itself, a
    leak; a copied paragraph is far above both thresholds.
    """
    problems = []
    for hid, t, containment, run in _overlaps(list(train), list(held_out), n, min_shared=max_run - n + 1):
        if containment >= max_containment or run >= max_run:
            problems.append(f"{hid} copies from train {t}: {containment:.0%} of its {n}-syllable "
                            f"runs, longest shared run {run} syllables")
    return problems
