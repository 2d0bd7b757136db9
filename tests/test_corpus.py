"""The authored corpus: counts, splits that do not leak, datasheet, loader."""
import json
from collections import Counter

import pytest

from vnyouth.data import (
    SPLITS,
    CorpusError,
    corpus_dir,
    find_leaks,
    load_corpus,
    load_split,
    read_jsonl,
    validate_records,
)
from vnyouth.labels import LABELS


@pytest.fixture(scope="module")
def splits():
    return {s: load_split(s) for s in SPLITS}


def test_counts(splits):
    allr = [r for s in SPLITS for r in splits[s]]
    hand = [r for r in allr if r["origin"] == "handwritten"]
    assert len(hand) >= 500
    per_label = Counter(r["label"] for r in hand)
    assert all(per_label[label] >= 80 for label in LABELS), per_label
    test_hand = Counter(r["label"] for r in splits["test"] if r["origin"] == "handwritten")
    assert all(test_hand[label] >= 30 for label in LABELS), test_hand


def test_dev_and_test_are_handwritten_only(splits):
    assert {r["origin"] for r in splits["dev"] + splits["test"]} == {"handwritten"}


def test_no_id_or_family_in_two_splits(splits):
    for a in SPLITS:
        for b in SPLITS:
            if a < b:
                assert not {r["id"] for r in splits[a]} & {r["id"] for r in splits[b]}
                assert not {r["family"] for r in splits[a]} & {r["family"] for r in splits[b]}


def test_no_copied_text_across_splits(splits):
    assert find_leaks(splits["train"], splits["dev"] + splits["test"]) == []
    assert find_leaks(splits["dev"], splits["test"]) == []


def test_seeds_are_not_in_the_corpus(splits, seeds):
    allr = [r for s in SPLITS for r in splits[s]]
    assert find_leaks(allr, seeds) == []


def test_fields_labels_summaries(splits):
    for s in SPLITS:
        assert validate_records(splits[s]) == []


def test_leak_check_can_fail(splits):
    victim = dict(splits["test"][0], id="copy")
    victim["text"] = splits["train"][0]["text"]
    assert find_leaks(splits["train"], [victim])


def test_validation_finds_problems():
    bad = [{"id": "a", "title": "t", "text": "x", "label": "meeting", "summary": "s " * 61,
            "origin": "handwritten", "family": ""}, {"id": "a"}]
    problems = "\n".join(validate_records(bad))
    for expected in ("'meeting'", "61 syllables", "'family' is missing", "duplicate id"):
        assert expected in problems


def test_malformed_file_names_the_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"x.jsonl:2: not valid JSON"):
        read_jsonl(p)


def test_datasets_loader(splits):
    pytest.importorskip("datasets")
    dd = load_corpus()
    assert set(dd) == set(SPLITS)
    assert dd["train"].features["label"].names == list(LABELS)
    assert len(dd["test"]) == len(splits["test"])
    row = dd["test"][0]
    assert LABELS[row["label"]] == splits["test"][0]["label"]
    assert isinstance(json.loads(row["facts"]), dict)


def test_datasheet_quotes_the_current_numbers(splits):
    from pathlib import Path

    from vnyouth.datasheet import corpus_tables

    readme = (Path(__file__).resolve().parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    tables = corpus_tables()
    for line in tables.splitlines():
        assert line in readme, f"data/README.md is out of date; re-run `vnyouth datasheet`: {line}"


def test_fresh_extraction_set_is_valid_verbatim_and_apart_from_the_corpus(splits):
    """data/fresh (development data for fact extraction, data/README.md): valid records whose string
    facts appear verbatim, no id or family shared with the corpus, and no text copied from it."""
    fresh = read_jsonl(corpus_dir() / "fresh" / "dev.jsonl")
    assert len(fresh) >= 100 and validate_records(fresh, where="fresh") == []
    corpus = [r for s in SPLITS for r in splits[s]]
    assert not {r["id"] for r in fresh} & {r["id"] for r in corpus}
    assert not {r["family"] for r in fresh} & {r["family"] for r in corpus}
    assert len({r["id"] for r in fresh}) == len(fresh)
    for r in fresh:
        blob, f = r["title"] + "\n" + r["text"], r["facts"]
        values = [f["date_phrase"], f["province"], f["period"], *f["organizers"], *f["participants"],
                  *f["figures"], *(v for p in f["people"] for v in p.values())]
        assert all(v is None or v in blob for v in values), r["id"]
    assert find_leaks(corpus, fresh) == []
