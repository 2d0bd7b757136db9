"""Build the fixed train/dev/test splits from the authored parts.

    python data/build_splits.py            # reads data/parts/*.jsonl, writes data/{train,dev,test}.jsonl

Deterministic: every family goes wholly to one split, decided by the sha256 of
its name read as a number in [0, 1): below 0.30 test, below 0.45 dev, else
train. A family's split depends on its name alone, so adding new families
never moves an old one. Generated articles (origin "generated"), if any, only
ever go to train. The counts test checks that every label keeps at least 30
hand-written test articles.
Records are written sorted by id; facts are kept as authored.
"""
from __future__ import annotations

import hashlib
import json
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
    split_of = {}
    for fam, rs in by_family.items():
        u = int(hashlib.sha256(fam.encode()).hexdigest()[:12], 16) / 16**12
        if any(r["origin"] != "handwritten" for r in rs):
            split_of[fam] = "train"
        else:
            split_of[fam] = "test" if u < TEST_SHARE else "dev" if u < TEST_SHARE + DEV_SHARE else "train"
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
