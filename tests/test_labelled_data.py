"""Bringing your own labelled articles: formats, column mapping, label checks with fixes, merging."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import TINY_ARTICLES

from vnyouth.labelled_data import (
    LabelledData,
    LabelledDataError,
    labels_of_estimator,
    load_labelled,
    map_labels,
    merge_with_corpus,
    split_labelled,
)
from vnyouth.labels import LABELS

NOTEBOOK_DATA = Path(__file__).resolve().parent.parent / "notebooks" / "data"
MAPPING = {"tieu_de": "title", "noi_dung": "text", "nhan": "label"}


def _rows(n=None):
    return [{"tieu_de": t, "noi_dung": b, "nhan": lab} for t, b, lab in TINY_ARTICLES[:n]]


@pytest.fixture
def corpus_dir(tmp_path):
    """A tiny valid corpus folder: train = TINY_ARTICLES, dev and test = reworded copies."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for split, prefix in (("train", ""), ("dev", "Tin mới: "), ("test", "Tin nhanh: ")):
        with open(folder / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for i, (t, b, lab) in enumerate(TINY_ARTICLES):
                rec = {"id": f"{split}-{i}", "title": prefix + t, "text": prefix + b + (f" Mã {split} {i}." if prefix else ""),
                       "label": lab, "summary": b[:80], "origin": "handwritten", "family": f"{split}-{i}"}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return folder


def test_list_of_dicts_with_column_mapping():
    data = load_labelled(_rows(), column_mapping=MAPPING, name="mine.jsonl")
    assert len(data) == len(TINY_ARTICLES)
    r = data[0]
    assert (r["title"], r["label"], r["origin"]) == (TINY_ARTICLES[0][0], TINY_ARTICLES[0][2], "user:mine.jsonl")
    assert r["id"] == "mine-0000" and r["family"] == r["id"]
    assert data.is_taxonomy and data.labels == LABELS
    assert sum(data.label_counts().values()) == len(data)


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".tsv", ".parquet"])
def test_every_file_format_reads_the_same(tmp_path, suffix):
    rows = _rows()
    path = tmp_path / f"mine{suffix}"
    if suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    elif suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    elif suffix in (".csv", ".tsv"):
        # utf-8-sig: Excel writes a byte-order mark, which must not end up in the first column's name.
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t" if suffix == ".tsv" else ",")
            w.writeheader()
            w.writerows(rows)
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        import pyarrow as pa

        pq.write_table(pa.Table.from_pylist(rows), path)
    data = load_labelled(path, column_mapping=MAPPING)
    assert [(r["title"], r["text"], r["label"]) for r in data] == [tuple(a) for a in TINY_ARTICLES]
    assert data.source == path.name


def test_not_utf8_csv_says_how_to_save_it(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes("noi_dung,nhan\nHội nghị,other\n".encode("utf-16"))
    with pytest.raises(LabelledDataError, match="UTF-8"):
        load_labelled(path, column_mapping=MAPPING)


def test_unsupported_type_and_missing_file(tmp_path):
    with pytest.raises(LabelledDataError, match="unsupported file type '.xlsx'"):
        (tmp_path / "a.xlsx").write_bytes(b"x")
        load_labelled(tmp_path / "a.xlsx")
    with pytest.raises(LabelledDataError, match="no such file"):
        load_labelled(tmp_path / "missing.jsonl")
    with pytest.raises(LabelledDataError, match="cannot read labelled data from a int"):
        load_labelled(3)


def test_missing_columns_error_suggests_the_mapping():
    with pytest.raises(LabelledDataError) as e:
        load_labelled(_rows())
    msg = str(e.value)
    assert "no 'text' or 'label' column" in msg
    assert "column_mapping={'noi_dung': 'text', 'nhan': 'label', 'tieu_de': 'title'}" in msg


def test_missing_columns_without_known_aliases_gives_a_template():
    with pytest.raises(LabelledDataError, match="'<your text column>': 'text'"):
        load_labelled([{"a": "x", "b": "other"}])


def test_mapping_a_column_that_does_not_exist_names_the_close_one():
    with pytest.raises(LabelledDataError, match="did you mean 'noi_dung'"):
        load_labelled(_rows(), column_mapping={"noidung": "text", "nhan": "label"})
    with pytest.raises(LabelledDataError, match="not a known column"):
        load_labelled(_rows(), column_mapping={"noi_dung": "body"})
    with pytest.raises(LabelledDataError, match="several columns"):
        load_labelled(_rows(), column_mapping={"noi_dung": "text", "tieu_de": "text", "nhan": "label"})


def test_every_problem_is_reported_at_once_with_its_fix():
    rows = _rows(4) + [
        {"tieu_de": "a", "noi_dung": "Nội dung A.", "nhan": "hội nghị sơ kết"},
        {"tieu_de": "b", "noi_dung": "Nội dung B.", "nhan": "Working Session"},
        {"tieu_de": "c", "noi_dung": "  ", "nhan": "other"},
        {"tieu_de": "d", "noi_dung": "Nội dung D.", "nhan": None},
        dict(_rows(1)[0]),  # the same article twice
    ]
    with pytest.raises(LabelledDataError) as e:
        load_labelled(rows, column_mapping=MAPPING)
    msg = str(e.value)
    assert "5 problem(s) in 9 rows" in msg
    assert "label_mapping={'hội nghị sơ kết': 'interim_review'}" in msg
    assert "label_mapping={'Working Session': 'working_session'}" in msg
    assert "row 6: 'text' is empty" in msg
    assert "row 7: no label" in msg
    assert "row 8: same title and text as row 0" in msg


def test_label_mapping_fixes_the_labels():
    rows = _rows(3) + [{"tieu_de": "a", "noi_dung": "Nội dung A.", "nhan": "hội nghị sơ kết"}]
    data = load_labelled(rows, column_mapping=MAPPING, label_mapping={"hội nghị sơ kết": "interim_review"})
    assert data[-1]["label"] == "interim_review"


def test_integer_labels_get_advice_and_can_be_mapped():
    rows = [{"noi_dung": b, "nhan": LABELS.index(lab)} for _, b, lab in TINY_ARTICLES]
    mapping = {"noi_dung": "text", "nhan": "label"}
    with pytest.raises(LabelledDataError, match="labels are integers"):
        load_labelled(rows, column_mapping=mapping)
    data = load_labelled(rows, column_mapping=mapping, label_mapping=dict(enumerate(LABELS)))
    assert [r["label"] for r in data] == [lab for *_, lab in TINY_ARTICLES]


def test_duplicate_ids_are_an_error():
    rows = [{"id": "x", "text": "Một.", "label": "other"}, {"id": "x", "text": "Hai.", "label": "other"}]
    with pytest.raises(LabelledDataError, match="duplicate id 'x'"):
        load_labelled(rows)


def test_own_label_set_inferred_or_given():
    rows = [{"text": f"Bài {i}.", "label": lab} for i, lab in enumerate(["hoi_nghi", "lam_viec", "khac", "khac"])]
    inferred = load_labelled(rows, labels="infer")
    assert inferred.labels == ("hoi_nghi", "khac", "lam_viec") and not inferred.is_taxonomy
    given = load_labelled(rows, labels=["lam_viec", "hoi_nghi", "khac", "dai_hoi"])
    assert given.labels == ("lam_viec", "hoi_nghi", "khac", "dai_hoi")
    assert given.label_counts()["dai_hoi"] == 0 and any("dai_hoi" in n for n in given.notes)
    with pytest.raises(LabelledDataError, match="to use your own label set pass labels="):
        load_labelled(rows)
    with pytest.raises(LabelledDataError, match="'khacc': 'khac'\\} \\(if that is what you meant\\)"):
        load_labelled([{"text": "A.", "label": "khac "}, {"text": "B.", "label": "khacc"}],
                      labels=["khac", "lam_viec"])
    with pytest.raises(ValueError, match="at least two different"):
        load_labelled(rows, labels=["khac"])
    with pytest.raises(ValueError, match="expected None/'taxonomy', 'infer'"):
        load_labelled(rows, labels="guess")


def test_min_per_label():
    with pytest.raises(LabelledDataError, match="label 'other' has 3 article\\(s\\), fewer than min_per_label=5"):
        load_labelled(_rows(), column_mapping=MAPPING, min_per_label=5)


def test_datasets_objects_with_class_labels():
    datasets = pytest.importorskip("datasets")
    names = list(LABELS)
    ds = datasets.Dataset.from_dict(
        {"noi_dung": [b for _, b, _ in TINY_ARTICLES], "nhan": [names.index(lab) for *_, lab in TINY_ARTICLES]},
        features=datasets.Features({"noi_dung": datasets.Value("string"), "nhan": datasets.ClassLabel(names=names)}))
    data = load_labelled(ds, column_mapping={"noi_dung": "text", "nhan": "label"})
    assert [r["label"] for r in data] == [lab for *_, lab in TINY_ARTICLES]
    dd = datasets.DatasetDict({"train": ds, "test": ds.select(range(3))})
    with pytest.raises(LabelledDataError, match="pass split=... to choose one"):
        load_labelled(dd, column_mapping={"noi_dung": "text", "nhan": "label"})
    assert len(load_labelled(dd, column_mapping={"noi_dung": "text", "nhan": "label"}, split="test")) == 3
    with pytest.raises(LabelledDataError, match="split 'dev' not found"):
        load_labelled(dd, split="dev")
    back = data.to_dataset()
    assert back.features["label"].names == names and back[0]["label"] == names.index(data[0]["label"])


def test_corpus_dataset_round_trip():
    pytest.importorskip("datasets")
    from vnyouth.data import load_corpus, load_split

    data = load_labelled(load_corpus(), split="dev")
    expected = load_split("dev")
    assert [(r["id"], r["text"], r["label"], r["family"]) for r in data] == \
        [(r["id"], r["text"], r["label"], r["family"]) for r in expected]


def test_dataframe_input_with_missing_titles():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(_rows(6))
    df.loc[2, "tieu_de"] = float("nan")
    data = load_labelled(df, column_mapping=MAPPING)
    assert data[2]["title"] is None and data.source == "dataframe"


def test_fingerprint_is_stable_and_sensitive():
    a = load_labelled(_rows(), column_mapping=MAPPING)
    b = load_labelled(_rows(), column_mapping=MAPPING)
    assert a.fingerprint() == b.fingerprint()
    rows = _rows()
    rows[0]["nhan"] = "other"
    assert load_labelled(rows, column_mapping=MAPPING).fingerprint()["sha256"] != a.fingerprint()["sha256"]


def test_split_keeps_families_together_and_every_label_held_out():
    rows = [{"text": f"Bài {i} về {lab}.", "label": lab, "family": f"f{i // 2}"}
            for i, lab in enumerate(lab for lab in LABELS for _ in range(6))]
    data = load_labelled(rows)
    train, held = split_labelled(data, 0.34, random_state=1)
    assert len(train) + len(held) == len(data)
    assert not {r["family"] for r in train} & {r["family"] for r in held}
    assert all(v >= 2 for v in held.label_counts().values())
    again = split_labelled(data, 0.34, random_state=1)[1]
    assert [r["id"] for r in again] == [r["id"] for r in held]
    with pytest.raises(ValueError, match="test_size"):
        split_labelled(data, 1.5)


def test_merge_with_corpus_adds_train_and_drops_duplicates(corpus_dir):
    mine = _rows(2) + [{"tieu_de": "Bài mới hoàn toàn", "noi_dung": "Tỉnh đoàn ra mắt câu lạc bộ.",
                        "nhan": "other"}]
    user = load_labelled(mine, column_mapping=MAPPING, name="mine.jsonl")
    merged = merge_with_corpus(user, data_dir=corpus_dir)
    assert len(merged) == len(TINY_ARTICLES) + 1  # the two copies of train articles are dropped
    assert sum("already in the corpus" in n for n in merged.notes) == 2
    assert merged.source == "corpus:train+mine.jsonl" and merged.labels == LABELS


def test_merge_drops_your_copy_of_a_held_out_article(corpus_dir):
    dev = [json.loads(line) for line in (corpus_dir / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    long_text = " ".join(f"Câu số {k} kể về hoạt động của Tỉnh đoàn trong năm với nhiều kết quả." for k in range(30))
    with open(corpus_dir / "dev.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(dict(dev[0], id="dev-long", family="dev-long", title="Bài dài",
                                text=long_text), ensure_ascii=False) + "\n")
    user = load_labelled([{"id": "copy", "title": "Bản sao", "text": long_text, "label": "other"},
                          {"id": "own", "title": "Bài riêng", "text": "Một bài khác hẳn.", "label": "other"}])
    merged = merge_with_corpus(user, data_dir=corpus_dir)
    ids = {r["id"] for r in merged}
    assert "own" in ids and "copy" not in ids
    assert any("dev-long" in n and "dropped" in n for n in merged.notes)
    kept = merge_with_corpus(user, data_dir=corpus_dir, drop_leaks=False)
    assert "copy" in {r["id"] for r in kept}


def test_merge_with_own_label_set_needs_a_corpus_mapping(corpus_dir):
    coarse = {"working_session": "lam_viec", "central_inspection": "lam_viec", "year_end_review": "hoi_nghi",
              "interim_review": "hoi_nghi", "other": "khac"}
    user = load_labelled([{"text": "Bài một.", "label": "hoi_nghi"}, {"text": "Bài hai.", "label": "khac"},
                          {"text": "Bài ba.", "label": "lam_viec"}], labels="infer")
    with pytest.raises(LabelledDataError, match="corpus_label_mapping="):
        merge_with_corpus(user, data_dir=corpus_dir)
    with pytest.raises(LabelledDataError, match="not in your label set"):
        merge_with_corpus(user, data_dir=corpus_dir, corpus_label_mapping={"other": "khác"})
    merged = merge_with_corpus(user, data_dir=corpus_dir, corpus_label_mapping=coarse)
    assert {r["label"] for r in merged} == {"hoi_nghi", "khac", "lam_viec"}
    assert map_labels([{"label": "other"}, {"label": "x"}], coarse) == [{"label": "khac"}, {"label": "x"}]


def test_labels_of_estimator():
    class E:
        classes_ = ["other", "working_session"]

    assert labels_of_estimator(E()) == list(LABELS)
    E.classes_ = ["khac", "lam_viec"]
    assert labels_of_estimator(E()) == ["khac", "lam_viec"]


def test_the_notebook_example_file_is_valid():
    data = load_labelled(NOTEBOOK_DATA / "my_articles.jsonl",
                         column_mapping={"ma_bai": "id", "tieu_de": "title", "noi_dung": "text", "nhan": "label"})
    assert len(data) >= 20 and all(n >= 3 for n in data.label_counts().values())
    assert isinstance(data, LabelledData)
