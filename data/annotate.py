"""Helper for re-annotating corpus facts under data/ANNOTATION.md (corpus v1.1).

    python data/annotate.py ids S                # ids of slice S (1..8) and its overlap ids
    python data/annotate.py show ID [ID ...]     # an article, numbered paragraphs, digit list
    python data/annotate.py check FILE           # validate an annotation file
    python data/annotate.py merge FILE [FILE ...]  # write the annotations into data/parts/
    python data/annotate.py agree FILE [FILE ...]  # agreement of second annotations with the corpus

data/annotation/overlap*.jsonl are the second annotations of 40 articles (5 per
slice, each by the annotator of the previous slice), kept to re-measure agreement:
    python data/annotate.py agree data/annotation/overlap*.jsonl

An annotation file is JSONL, one object per article:
{"id": ..., "organizers": [...], "participants": [...], "period": str|null, "figures": [...]}.
The ``show`` command prints the article as stored and lists every digit
sequence with its context, so that no number is skipped by accident; it does
not run the extractor or show the previous annotation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import regex

PARTS = Path(__file__).resolve().parent / "parts"
FIELDS = ("organizers", "participants", "period", "figures")
N_SLICES = 8
OVERLAP = 5


def _records() -> list[dict]:
    out = []
    for path in sorted(PARTS.glob("p*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out.extend(json.loads(line) for line in lines if line.strip())
    return out


def slices() -> list[list[str]]:
    ids = [r["id"] for r in _records()]
    size = -(-len(ids) // N_SLICES)
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def overlap_ids(s: int) -> list[str]:
    """A few ids of the next slice, annotated twice to measure agreement."""
    nxt = slices()[s % N_SLICES]
    step = max(1, len(nxt) // OVERLAP)
    return nxt[::step][:OVERLAP]


def show(ids: list[str]) -> None:
    by_id = {r["id"]: r for r in _records()}
    for i in ids:
        r = by_id[i]
        print(f"=== {i}")
        print(f"TITLE: {r['title']}")
        for n, para in enumerate(r["text"].split("\n\n"), 1):
            print(f"[{n}] {para.strip()}")
        print("--- digits in title/text (decide for each):")
        full = r["title"] + "\n\n" + r["text"]
        for m in regex.finditer(r"\d+(?:[.,/]\d+)*%?", full):
            a, b = max(0, m.start() - 35), min(len(full), m.end() + 35)
            ctx = full[a:b].replace("\n", " ")
            print(f"   {m.group():>10}  …{ctx}…")
        print()


def check(path: str) -> int:
    by_id = {r["id"]: r for r in _records()}
    problems, seen = [], set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            a = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: bad JSON ({exc})")
            continue
        i = a.get("id")
        if i not in by_id:
            problems.append(f"line {n}: unknown id {i!r}")
            continue
        if i in seen:
            problems.append(f"line {n}: {i} annotated twice")
        seen.add(i)
        full = by_id[i]["title"] + "\n" + by_id[i]["text"]
        for f in FIELDS:
            if f not in a:
                problems.append(f"{i}: missing {f}")
                continue
            v = a[f]
            values = [v] if f == "period" else v
            if f == "period" and v is not None and not isinstance(v, str):
                problems.append(f"{i}: period must be a string or null")
                continue
            if f != "period" and not isinstance(v, list):
                problems.append(f"{i}: {f} must be a list")
                continue
            for s in values:
                if s is None:
                    continue
                if not isinstance(s, str) or not s.strip():
                    problems.append(f"{i}: {f} has an empty or non-string value")
                elif s not in full:
                    problems.append(f"{i}: {f} value not verbatim in the article: {s!r}")
                if f == "figures" and isinstance(s, str) and not regex.search(r"\d", s):
                    problems.append(f"{i}: figure without digits: {s!r}")
            if f != "period" and isinstance(v, list) and len(set(v)) != len(v):
                problems.append(f"{i}: {f} has duplicates")
    for p in problems:
        print(p)
    print(f"{len(seen)} articles, {len(problems)} problems")
    return 1 if problems else 0


def merge(paths: list[str]) -> None:
    ann: dict[str, dict] = {}
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                ann.setdefault(a["id"], a)
    changed = 0
    for path in sorted(PARTS.glob("p*.jsonl")):
        recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for r in recs:
            a = ann.get(r["id"])
            if a is None:
                continue
            for f in FIELDS:
                r["facts"][f] = a[f]
            changed += 1
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8"
        )
    print(f"merged {changed} annotations into {PARTS}")


def _load(path: str) -> dict[str, dict]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    rows = (json.loads(line) for line in lines if line.strip())
    return {a["id"]: a for a in rows}


def agree(path_a: str, path_b: str | None = None) -> dict[str, tuple[int, int, int]]:
    """Per field (matched, values in A, values in B) on the ids both annotate.

    B is a second file or, by default, the corpus facts in ``parts/``. Values are
    matched as ``vnyouth.extraction_eval`` matches predictions to gold.
    """
    from vnyouth.extraction_eval import body_match, figure_value, period_match

    a = _load(path_a)
    if path_b is None:
        b = {r["id"]: {"id": r["id"], **{f: r["facts"][f] for f in FIELDS}} for r in _records()}
    else:
        b = _load(path_b)
    out = {f: [0, 0, 0] for f in FIELDS}

    def one_to_one(xs, ys, match) -> int:
        used: set[int] = set()
        for x in xs:
            j = next((j for j, y in enumerate(ys) if j not in used and match(x, y)), None)
            if j is not None:
                used.add(j)
        return len(used)

    for i in sorted(a.keys() & b.keys()):
        for f in FIELDS:
            xs, ys = a[i][f], b[i][f]
            if f == "period":
                xs, ys = [v for v in [xs] if v], [v for v in [ys] if v]
                m = one_to_one(xs, ys, period_match)
            elif f == "figures":
                m = one_to_one(
                    [figure_value(x) for x in xs], [figure_value(y) for y in ys], lambda p, q: p == q
                )
            else:
                m = one_to_one(xs, ys, body_match)
            out[f][0] += m
            out[f][1] += len(xs)
            out[f][2] += len(ys)
    return {f: tuple(v) for f, v in out.items()}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    cmd, args = argv[0], argv[1:]
    if cmd == "ids":
        s = int(args[0])
        print("slice:", " ".join(slices()[s - 1]))
        print("overlap:", " ".join(overlap_ids(s)))
    elif cmd == "show":
        show(args)
    elif cmd == "check":
        return check(args[0])
    elif cmd == "merge":
        merge(args)
    elif cmd == "agree":
        total = {f: [0, 0, 0] for f in FIELDS}
        for path in args:
            for f, counts in agree(path).items():
                total[f] = [x + y for x, y in zip(total[f], counts)]
        for f, (m, na, nb) in total.items():
            pa, rb = (m / na if na else 1.0), (m / nb if nb else 1.0)
            print(f"{f:<14} matched {m:>4}  A {na:>4}  B {nb:>4}  A-in-B {pa:.3f}  B-in-A {rb:.3f}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
