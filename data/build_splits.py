"""Build the fixed train/dev/test splits from the authored parts.

    python data/build_splits.py            # reads data/parts/*.jsonl, writes data/{train,dev,test}.jsonl

Deterministic: every family goes wholly to one split. Within each label
(a family's label is its articles' most common label) families are ordered by
the sha256 of their name and the first 30% go to test, the next 15% to dev,
the rest to train. Adding articles to a new family never moves an old one.
Records are written sorted by id; facts are kept as authored.
"""
from __future__ import annotations

import hashlib
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST_SHARE, DEV_SHARE = 0.30, 0.15
FIELDS = ("id", "title", "text", "label", "summary", "origin", "family", "hard_case", "facts")


def main() -> int:
    parts = sorted((HERE / "parts").glob("*.jsonl"))
    records = [json.loads(line) for p in parts for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_family = defaultdict(list)
    for r in records:
        by_family[r["family"]].append(r)
    by_label = defaultdict(list)
    for fam, rs in by_family.items():
        label = Counter(r["label"] for r in rs).most_common(1)[0][0]
        by_label[label].append(fam)
    split_of = {}
    for label, fams in by_label.items():
        fams.sort(key=lambda f: hashlib.sha256(f.encode()).hexdigest())
        n_test, n_dev = math.ceil(TEST_SHARE * len(fams)), math.ceil(DEV_SHARE * len(fams))
        for i, f in enumerate(fams):
            split_of[f] = "test" if i < n_test else "dev" if i < n_test + n_dev else "train"
    out = defaultdict(list)
    for r in records:
        out[split_of[r["family"]]].append({k: r.get(k) for k in FIELDS})
    for split in ("train", "dev", "test"):
        rows = sorted(out[split], key=lambda r: r["id"])
        with open(HERE / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(split, len(rows), dict(sorted(Counter(r["label"] for r in rows).items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
