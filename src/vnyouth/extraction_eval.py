"""Precision and recall of :func:`vnyouth.extract.extract` against gold facts, per field.

    PYTHONPATH=src python -m vnyouth.extraction_eval --split test
    PYTHONPATH=src python -m vnyouth.extraction_eval --seeds
    PYTHONPATH=src python -m vnyouth.extraction_eval --split dev --errors 20

Gold facts come from the authored corpus (``facts`` of each record, see
``data/README.md``) or, with ``--seeds``, from ``tests/gold/seed_facts.json``.
The corpus annotations were written by several authors whose conventions
differ (how much of a title or body name they copy, whether the Youth Union
side of a working session is an organizer or a participant, which figures
are "headline"), so values are compared like this:

========================  =====================================================================
field                     a predicted value matches a gold value when
========================  =====================================================================
``event_date``            the ISO dates are equal
``date_phrase``           the phrases are equal after normalisation, or one contains the other
``province``              both name the same pre-2025 province (:func:`vnyouth.provinces.lookup`)
``province_current``      the same 2025 unit
``organizers``,           normalised names (tones, case, BTV/BCH/UBND/T.Ư expanded) are equal,
``participants``          or equal once a leadership/delegation prefix ("Ban Thường vụ",
                          "đoàn công tác", "lãnh đạo", a leader's title) and the place are
                          dropped, or one is a whole-word part of the other; one-to-one
``bodies``                the same, on organizers + participants together (roles ignored)
``bodies_exact``          a stricter check of ``bodies``: the whole normalised names are equal, so
                          a name cut short ("Phòng Chính" for "Phòng Chính trị") is a miss here
                          although the rule above accepts it as a whole-word part
``people``                the names are equal after normalisation; one-to-one
``people+title``          the names match and the titles share at least half of the shorter
                          title's words
``period``                the normalised phrases are equal, or one contains the other
``figures``               the numbers are equal (parsed the Vietnamese way), one-to-one,
                          preferring a pair whose counted nouns overlap
========================  =====================================================================

Precision = matched predictions / predictions, recall = matched gold values /
gold values, summed over articles (micro-averaged); a single-valued field
counts only non-empty values. Nothing is tuned on the test split.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from .extract import Facts, extract, normalize_body, parse_number
from .normalize import canonical_tones
from .provinces import lookup

__all__ = [
    "FIELDS",
    "FieldScore",
    "evaluate",
    "format_table",
    "load_seed_gold",
    "main",
    "body_match",
    "body_exact",
    "period_match",
    "figure_value",
]

FIELDS = (
    "event_date",
    "date_phrase",
    "province",
    "province_current",
    "organizers",
    "participants",
    "bodies",
    "bodies_exact",
    "people",
    "people+title",
    "period",
    "figures",
)


@dataclass
class FieldScore:
    """Counts for one field: predictions, gold values and matches of each."""

    pred: int = 0
    gold: int = 0
    pred_matched: int = 0
    gold_matched: int = 0

    @property
    def precision(self) -> float:
        return self.pred_matched / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        return self.gold_matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------- normalisation

_PUNCT = regex.compile(r"[^\p{L}\p{M}\p{N}.\s]+")


def _key(text: str) -> str:
    t = canonical_tones(unicodedata.normalize("NFC", text)).casefold()
    t = _PUNCT.sub(" ", t.replace("–", "-"))
    return " ".join(t.replace(" .", " ").split()).strip(". ")


_BODY_PREFIX = regex.compile(
    r"^(?:(?:các\s+)?(?:đoàn\s+(?:công\s+tác|kiểm\s+tra|giám\s+sát)(?:\s+số\s+\d+)?(?:\s+liên\s+ngành)?(?:\s+của)?|"
    r"lãnh\s+đạo|đại\s+diện|các\s+đồng\s+chí\s+trong|cán\s+bộ|"
    r"ban\s+thường\s+vụ|ban\s+chấp\s+hành|thường\s+trực|"
    r"(?:nguyên\s+)?(?:phó\s+)?(?:bí\s+thư(?:\s+thường\s+trực)?|chủ\s+tịch|trưởng\s+ban|giám\s+đốc|"
    r"chủ\s+nhiệm|chỉ\s+huy\s+trưởng|trưởng\s+đoàn))\s+)+"
)
_BODY_SUFFIX = regex.compile(r"\s+(?:khóa\s+[ivxlc]+|lần\s+thứ\s+[ivxlc\d]+)$")


def _body_core(text: str) -> tuple[str, str]:
    """(core, place) of a body name, both normalised keys."""
    t = _key(normalize_body(text))
    t = _BODY_PREFIX.sub("", t)
    t = _BODY_SUFFIX.sub("", t)
    place = ""
    m = regex.search(r"\s+(?:(?:tỉnh|thành phố|tp)\s+)?(\S+(?:\s+\S+){0,3})$", t)
    if m:
        p = lookup(m.group(1))
        if p is not None:
            place = p.name
            t = t[: m.start()] + (" tỉnh" if m.group(0).strip().startswith("tỉnh") else "")
    return t.strip(), place


def _contains(big: str, small: str) -> bool:
    return bool(small) and f" {small} " in f" {big} "


def body_match(pred: str, gold: str) -> bool:
    """True when two body names refer to the same body under the lenient rule above.

    >>> body_match("Ban Thường vụ Tỉnh đoàn Sơn La", "BTV Tỉnh đoàn"), body_match("UBND tỉnh", "Sở Nội vụ")
    (True, False)
    """
    a, b = _key(normalize_body(pred)), _key(normalize_body(gold))
    if a == b:
        return True
    (ca, pa), (cb, pb) = _body_core(pred), _body_core(gold)
    if pa and pb and pa != pb:
        return False
    if not ca or not cb:
        return False
    return ca == cb or _contains(ca, cb) or _contains(cb, ca)


def body_exact(pred: str, gold: str) -> bool:
    """True when two body names are the same name once normalised (tones, case, abbreviations).

    >>> body_exact("BTV Tỉnh đoàn", "Ban Thường vụ Tỉnh đoàn"), body_exact("Phòng Chính", "Phòng Chính trị")
    (True, False)
    """
    return _key(normalize_body(pred)) == _key(normalize_body(gold))


def period_match(pred: str, gold: str) -> bool:
    """Equal after normalisation, or one contains the other.

    >>> period_match("6 tháng đầu năm 2024", "6 tháng đầu năm"), period_match("năm 2022", "năm 2023")
    (True, False)
    """
    a, b = _key(pred), _key(gold)
    a, b = regex.sub(r"\s*-\s*", " - ", a), regex.sub(r"\s*-\s*", " - ", b)
    return a == b or _contains(a, b) or _contains(b, a)


_FIG_NUM = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def figure_value(phrase: str) -> float | None:
    """The first number of a gold figure phrase, parsed the Vietnamese way ("2,819 tỷ đồng" → 2.819)."""
    m = _FIG_NUM.search(phrase)
    if not m:
        return None
    v = parse_number(m.group())
    return float(v) if v is not None else None


def _words(text: str) -> set[str]:
    return set(_key(text).split())


def _title_match(pred: str, gold: str) -> bool:
    a, b = _words(normalize_body(pred)), _words(normalize_body(gold))
    if not a and not b:
        return True
    if not a or not b:
        return False
    return len(a & b) >= 0.5 * min(len(a), len(b))


def _one_to_one(preds: Sequence, golds: Sequence, match, prefer=None) -> int:
    """Greedy one-to-one matching; returns the number of matched pairs."""
    used: set[int] = set()
    n = 0
    for p in preds:
        cands = [j for j, g in enumerate(golds) if j not in used and match(p, g)]
        if not cands:
            continue
        if prefer is not None and len(cands) > 1:
            cands.sort(key=lambda j: -prefer(p, golds[j]))
        used.add(cands[0])
        n += 1
    return n


# --------------------------------------------------------------------------- scoring


def _single(score: FieldScore, pred, gold, match) -> None:
    if pred:
        score.pred += 1
    if gold:
        score.gold += 1
    if pred and gold and match(pred, gold):
        score.pred_matched += 1
        score.gold_matched += 1


def _multi(score: FieldScore, preds: Sequence, golds: Sequence, match, prefer=None) -> None:
    score.pred += len(preds)
    score.gold += len(golds)
    n = _one_to_one(preds, golds, match, prefer)
    score.pred_matched += n
    score.gold_matched += n


def _province_key(name: str | None) -> str | None:
    if not name:
        return None
    p = lookup(name)
    return p.name if p else _key(name)


def score_article(facts: Facts, gold: dict, scores: dict[str, FieldScore]) -> None:
    """Add one article's comparison to ``scores`` (a dict field → FieldScore)."""
    d = facts.event_date
    _single(scores["event_date"], d.iso if d else None, gold.get("event_date"), lambda a, b: a == b)
    _single(
        scores["date_phrase"],
        d.phrase if d else None,
        gold.get("date_phrase"),
        lambda a, b: (
            _key(a) == _key(b) or _contains(_key(a), _key(b)) or _contains(_key(b), _key(a))
        ),
    )
    pv = facts.province
    _single(
        scores["province"],
        pv.name if pv else None,
        _province_key(gold.get("province")),
        lambda a, b: a == b,
    )
    _single(
        scores["province_current"],
        pv.current if pv else None,
        gold.get("province_current"),
        lambda a, b: _key(a) == _key(b),
    )
    orgs = [b.text for b in facts.organizers]
    parts = [b.text for b in facts.participants]
    _multi(scores["organizers"], orgs, gold.get("organizers") or [], body_match)
    _multi(scores["participants"], parts, gold.get("participants") or [], body_match)
    _multi(
        scores["bodies"],
        orgs + parts,
        (gold.get("organizers") or []) + (gold.get("participants") or []),
        body_match,
    )
    _multi(
        scores["bodies_exact"],
        orgs + parts,
        (gold.get("organizers") or []) + (gold.get("participants") or []),
        body_exact,
    )
    gp = gold.get("people") or []
    _multi(
        scores["people"],
        [p.name for p in facts.people],
        [g["name"] for g in gp],
        lambda a, b: _key(a) == _key(b),
    )
    _multi(
        scores["people+title"],
        [(p.name, p.title) for p in facts.people],
        [(g["name"], g.get("title", "")) for g in gp],
        lambda a, b: _key(a[0]) == _key(b[0]) and _title_match(a[1], b[1]),
    )
    _single(
        scores["period"],
        facts.period.text if facts.period else None,
        gold.get("period"),
        period_match,
    )
    gf = [(figure_value(g), g) for g in gold.get("figures") or []]
    gf = [x for x in gf if x[0] is not None]
    pf = [(float(f.value), f.counts) for f in facts.figures]
    _multi(
        scores["figures"],
        pf,
        gf,
        lambda a, b: abs(a[0] - b[0]) < 1e-9,
        prefer=lambda a, b: len(_words(a[1]) & _words(b[1])),
    )


def evaluate(records: Iterable[dict], gold_key: str = "facts") -> dict[str, FieldScore]:
    """Score :func:`extract` on records ``{text, title?, facts}``; returns field → :class:`FieldScore`."""
    scores = {f: FieldScore() for f in FIELDS}
    for r in records:
        facts = extract(r["text"], title=r.get("title"))
        score_article(facts, r[gold_key], scores)
    return scores


def format_table(name: str, scores: dict[str, FieldScore]) -> str:
    """A plain-text table of the scores."""
    lines = [f"{name}", f"  {'field':<18}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for f, s in scores.items():
        lines.append(
            f"  {f:<18}{s.gold:>6}{s.pred:>6}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )
    return "\n".join(lines)


def seed_gold_path() -> Path:
    """``tests/gold/seed_facts.json`` of the source checkout."""
    from ._paths import repo_root

    root = repo_root()
    if root is None:
        raise FileNotFoundError(
            "the seed gold facts live in the source checkout (tests/gold/seed_facts.json)"
        )
    return root / "tests" / "gold" / "seed_facts.json"


def load_seed_gold(path: str | Path | None = None) -> list[dict]:
    """The five seeds as records ``{id, text, facts}`` with the gold facts of ``tests/gold``."""
    from .data import load_seeds

    gold = json.loads(Path(path or seed_gold_path()).read_text(encoding="utf-8"))
    out = []
    for r in load_seeds():
        key = r["id"][:8]
        if key in gold:
            out.append({**r, "facts": gold[key]})
    return out


def _errors(records: list[dict], field: str, limit: int) -> list[str]:
    out = []
    for r in records:
        facts = extract(r["text"], title=r.get("title"))
        one = {f: FieldScore() for f in FIELDS}
        score_article(facts, r["facts"], one)
        s = one[field]
        if s.pred_matched < s.pred or s.gold_matched < s.gold:
            g = r["facts"]
            pred: object
            if field in ("event_date", "date_phrase"):
                pred, gv = (
                    (facts.event_date and (facts.event_date.iso, facts.event_date.phrase)),
                    (g.get("event_date"), g.get("date_phrase")),
                )
            elif field in ("province", "province_current"):
                pred, gv = (
                    facts.province and (facts.province.text, facts.province.current),
                    (g.get("province"), g.get("province_current")),
                )
            elif field in ("organizers", "participants", "bodies", "bodies_exact"):
                pred = ([b.text for b in facts.organizers], [b.text for b in facts.participants])
                gv = (g.get("organizers"), g.get("participants"))
            elif field.startswith("people"):
                pred = [(p.name, p.title) for p in facts.people]
                gv = [(p["name"], p.get("title")) for p in g.get("people") or []]
            elif field == "period":
                pred, gv = facts.period and facts.period.text, g.get("period")
            else:
                pred = [f.text for f in facts.figures]
                gv = g.get("figures")
            out.append(f"{r['id']}\n   pred {pred}\n   gold {gv}")
            if len(out) >= limit:
                break
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the per-field table for a corpus split and/or the seeds."""
    ap = argparse.ArgumentParser(
        prog="python -m vnyouth.extraction_eval", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument(
        "--split",
        action="append",
        choices=("train", "dev", "test"),
        help="corpus split to score (repeatable)",
    )
    ap.add_argument(
        "--seeds",
        action="store_true",
        help="score the five seeds against tests/gold/seed_facts.json",
    )
    ap.add_argument(
        "--data",
        default=None,
        help="corpus folder (default: data/ of the checkout or $VNYOUTH_DATA)",
    )
    ap.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="print up to N articles with errors per field",
    )
    ap.add_argument(
        "--field", action="append", choices=FIELDS, help="restrict --errors to these fields"
    )
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args(argv)
    from .data import CorpusError, load_split

    sets: dict[str, list[dict]] = {}
    try:
        for split in args.split or ([] if args.seeds else ["test"]):
            sets[split] = load_split(split, args.data)
        if args.seeds:
            sets["seeds"] = load_seed_gold()
    except (CorpusError, OSError) as e:
        print(f"extraction_eval: {e}", file=sys.stderr)
        return 2
    report = {}
    for name, records in sets.items():
        scores = evaluate(records)
        report[name] = {
            f: {
                "gold": s.gold,
                "pred": s.pred,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for f, s in scores.items()
        }
        if not args.json:
            print(format_table(f"{name} ({len(records)} articles)", scores))
            if args.errors:
                for field in args.field or FIELDS:
                    errs = _errors(records, field, args.errors)
                    if errs:
                        print(f"--- {field}: {len(errs)} shown")
                        print("\n".join(errs))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
