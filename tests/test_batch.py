"""The batch job (`vnyouth tag`): readers, error records, exactly-once output, resume, CLI, API."""
from __future__ import annotations

import csv
import json
import logging
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

import vnyouth
from vnyouth import batch
from vnyouth.batch import TagError, iter_items, run_tag, tag
from vnyouth.data import load_split
from vnyouth.tag_cli import main as tag_main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RESULT_KEYS = {"id", "label", "confidence", "scores", "evidence", "summary", "summary_sentences", "facts",
               "models", "error"}
ARTICLE = ("Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2023, "
           "triển khai nhiệm vụ năm 2024. Đồng chí Bí thư Tỉnh ủy phát biểu chỉ đạo hội nghị. ") * 3
_TONES = "\u0300\u0301\u0303\u0309\u0323"


@pytest.fixture(scope="module")
def corpus():
    """Corpus articles as input records: id, title, text."""
    return [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in load_split("dev")]


def write_jsonl(path: Path, records) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def to_cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: tone marks as separate combining characters."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
                   + "".join(c for c in d if c in _TONES))
    return "".join(out).encode("cp1258")


# ---------------------------------------------------------------- output records

def test_jsonl_in_jsonl_out_in_input_order(tmp_path, corpus):
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:30])
    report = run_tag([src], tmp_path / "out.jsonl", chunk_size=7)
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == [r["id"] for r in corpus[:30]]
    for r in out:
        assert set(r) >= RESULT_KEYS and list(r)[0] == "id" and list(r)[-1] == "error"
        assert r["error"] is None and r["label"] in vnyouth.LABELS
        assert r["confidence"] == max(r["scores"].values())
        assert r["summary"] and isinstance(r["evidence"], list)
        assert r["models"]["classifier"]
    assert (report.ok, report.errored, report.skipped, report.exit_code) == (30, 0, 0, 0)
    assert "30 ok, 0 errored, 0 skipped" in report.summary_line()


def test_chunking_and_workers_do_not_change_results(tmp_path, corpus):
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:24])
    run_tag([src], tmp_path / "a.jsonl", chunk_size=24)
    run_tag([src], tmp_path / "b.jsonl", chunk_size=5, workers=2)
    assert read_jsonl(tmp_path / "a.jsonl") == read_jsonl(tmp_path / "b.jsonl")


def test_missing_ids_are_stable_content_hashes(tmp_path, corpus):
    records = [{"title": r["title"], "text": r["text"]} for r in corpus[:3]]
    records.append(dict(records[0]))  # the same article twice: the same id, two records
    src = write_jsonl(tmp_path / "in.jsonl", records)
    run_tag([src], tmp_path / "a.jsonl")
    run_tag([src], tmp_path / "b.jsonl")
    ids = [r["id"] for r in read_jsonl(tmp_path / "a.jsonl")]
    assert ids == [r["id"] for r in read_jsonl(tmp_path / "b.jsonl")]
    assert all(i.startswith("auto-") for i in ids)
    assert len(set(ids)) == 3 and ids[0] == ids[3]
    assert batch.content_id(records[0]["text"], records[0]["title"]) == ids[0]


BAD_LINES = [
    ("not json at all", "not valid JSON"),
    ('[1, 2, 3]', "expected a JSON object, got an array"),
    ('{"id": "m", "title": "x"}', "no 'text' field"),
    ('{"id": "e", "text": "   "}', "'text' is empty"),
    ('{"id": "n", "text": null}', "'text' must be a string, got null"),
    ('{"id": "i", "text": 42}', "'text' must be a string, got an integer"),
    ('{"id": "t", "text": "' + ARTICLE[:50] + '", "title": 7}', "'title' must be a string or null"),
    ('{"id": {"a": 1}, "text": "' + ARTICLE[:50] + '"}', "'id' must be a string or an integer"),
    ('{"id": "s", "text": "\\ud800 ' + ARTICLE[:50] + '"}', "invalid Unicode"),
    ('{"id": "f", "text": "Ảnh: Minh Hà\\n\\nLiên kết website"}', "no article text left"),
]


def test_bad_records_each_become_an_error_record_and_the_job_goes_on(tmp_path, corpus):
    path = tmp_path / "in.jsonl"
    with open(path, "wb") as f:
        f.write(json.dumps(corpus[0], ensure_ascii=False).encode() + b"\n")
        for line, _ in BAD_LINES:
            f.write(line.encode() + b"\n")
        f.write(b'{"id": "u", "text": "caf\xe9 \xff\xfe"}\n')                      # undecodable bytes
        f.write(b'{"id": "big", "text": "' + b"a" * (10 * 1024 * 1024) + b'"}\n')  # a 10 MB record
        f.write(b"\n   \n")                                                      # blank: not records
        f.write(json.dumps(corpus[1], ensure_ascii=False).encode() + b"\n")
    report = run_tag([path], tmp_path / "out.jsonl")
    out = read_jsonl(tmp_path / "out.jsonl")
    assert len(out) == len(BAD_LINES) + 4
    assert out[0]["error"] is None and out[-1]["error"] is None and out[-1]["id"] == corpus[1]["id"]
    bad = out[1:-1]
    expected = [m for _, m in BAD_LINES] + ["not valid UTF-8", "over the 2,097,152 byte limit"]
    for n, (rec, message) in enumerate(zip(bad, expected), start=2):
        assert message in rec["error"], rec["error"]
        assert rec["error"].startswith(f"{path}:{n}: ")
        assert all(rec[k] is None for k in RESULT_KEYS - {"id", "error"})
        assert set(rec) == set(out[0])
    assert [r["id"] for r in bad][2:6] == ["m", "e", "n", "i"]
    assert (report.ok, report.errored, report.exit_code) == (2, len(expected), 1)


def test_unexpected_error_on_one_article_is_recorded(tmp_path, corpus, monkeypatch, caplog):
    from vnyouth import analysis

    real = analysis.analyze

    def flaky(text, **kw):
        if "BOOM" in text:
            raise IndexError("list index out of range")
        return real(text, **kw)

    monkeypatch.setattr(analysis, "analyze", flaky)
    monkeypatch.setattr(analysis, "analyze_many", lambda items, **kw: [flaky(i["text"]) for i in items])
    records = [corpus[0], {"id": "boom", "text": ARTICLE + " BOOM"}, corpus[1]]
    with caplog.at_level(logging.ERROR, logger="vnyouth.batch"):
        out = list(tag(records))
    assert [r["error"] is None for r in out] == [True, False, True]
    assert "records[1]: internal error IndexError" in out[1]["error"]
    assert "records[1]" in caplog.text


def test_broken_model_folder_fails_the_job_before_writing(tmp_path, corpus):
    from vnyouth.model_folder import ModelFolderError

    src = write_jsonl(tmp_path / "in.jsonl", corpus[:2])
    with pytest.raises(ModelFolderError, match="no meta.json"):
        run_tag([src], tmp_path / "out.jsonl", classifier=tmp_path)
    assert not (tmp_path / "out.jsonl").exists()


# ---------------------------------------------------------------- resume

def test_resume_skips_done_records_and_cuts_a_torn_last_line(tmp_path, corpus, caplog):
    records = corpus[:20]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    run_tag([src], tmp_path / "ref.jsonl")
    reference = (tmp_path / "ref.jsonl").read_bytes()
    # A killed run: 8 records written, then half of the 9th.
    lines = reference.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:8]) + lines[8][: len(lines[8]) // 2])
    with caplog.at_level(logging.WARNING, logger="vnyouth.batch"):
        report = run_tag([src], out, chunk_size=4)
    assert "torn last line" in caplog.text
    assert out.read_bytes() == reference  # exactly once, in input order
    assert (report.ok, report.skipped, report.unmatched) == (12, 8, 0)
    again = run_tag([src], out)
    assert (again.ok, again.skipped, again.exit_code) == (0, 20, 0)
    assert out.read_bytes() == reference


def test_resume_counts_repeated_ids(tmp_path, corpus):
    records = [corpus[0], corpus[1], corpus[0], corpus[0]]  # id repeated 3 times
    src = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    run_tag([src], out)
    full = out.read_bytes()
    out.write_bytes(b"".join(full.splitlines(keepends=True)[:3]))
    report = run_tag([src], out)
    assert (report.ok, report.skipped) == (1, 3)
    assert out.read_bytes() == full


def test_resume_reports_earlier_errors_and_appends_new_input(tmp_path, corpus):
    src = write_jsonl(tmp_path / "in.jsonl", [corpus[0], "oops"])
    out = tmp_path / "out.jsonl"
    assert run_tag([src], out).exit_code == 1
    write_jsonl(src, [corpus[0], "oops", corpus[1]])  # tomorrow's input: one more article
    report = run_tag([src], out)
    assert (report.ok, report.errored, report.skipped, report.skipped_errors) == (1, 0, 2, 1)
    assert report.exit_code == 1 and "1 of them errors" in report.summary_line()
    assert [r["id"] for r in read_jsonl(out)][::2] == [corpus[0]["id"], corpus[1]["id"]]


def test_overwrite_starts_over(tmp_path, corpus):
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:3])
    out = tmp_path / "out.jsonl"
    run_tag([src], out)
    report = run_tag([src], out, overwrite=True)
    assert (report.ok, report.skipped) == (3, 0)
    assert len(read_jsonl(out)) == 3


def test_an_output_that_is_not_a_tag_output_is_refused(tmp_path, corpus):
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:2])
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a"}\nnot a record\n{"id": "b"}\n')
    with pytest.raises(TagError, match=r"out.jsonl:2: not a record .* --overwrite"):
        run_tag([src], out)
    assert out.read_text().count("\n") == 3  # left as it was


def test_one_job_per_output(tmp_path, corpus):
    fcntl = pytest.importorskip("fcntl")
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:2])
    out = tmp_path / "out.jsonl"
    with open(out, "ab") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        with pytest.raises(TagError, match="another `vnyouth tag` is writing"):
            run_tag([src], out)


def test_input_cannot_be_the_output(tmp_path, corpus):
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:2])
    with pytest.raises(TagError, match="both an input and the output"):
        run_tag([src], src)


# ---------------------------------------------------------------- input formats

def test_csv_input_with_field_names_and_encodings(tmp_path, corpus):
    rows = [(f"u{i}", r["title"], r["text"]) for i, r in enumerate(corpus[:4])]
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["url", "headline", "body"])
        w.writerows(rows)
        w.writerow(["u-empty", "x", ""])
    report = run_tag([path], tmp_path / "out.jsonl", text_field="body", title_field="headline",
                     id_field="url")
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == ["u0", "u1", "u2", "u3", "u-empty"]
    assert [r["error"] is None for r in out] == [True] * 4 + [False]
    assert out[4]["error"].startswith(f"{path}:") and "'body' is empty" in out[4]["error"]
    assert report.errored == 1
    with pytest.raises(TagError, match="has no column 'text' .*url, headline, body.*--text-field"):
        run_tag([path], tmp_path / "x.jsonl")


def test_csv_in_windows_1258_and_undecodable_rows(tmp_path):
    # Six long rows fill the 64 KB sample the encoding is detected on; then a row with
    # bytes that windows-1258 does not define.
    body = "id,text\n" + "".join(f'r{i},"{ARTICLE * 25}"\n' for i in range(6))
    path = tmp_path / "legacy.csv"
    path.write_bytes(to_cp1258(body) + b'r6,"caf\x81 ' + to_cp1258(ARTICLE) + b'"\n')
    run_tag([path], tmp_path / "out.jsonl")
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == [f"r{i}" for i in range(7)]
    assert all(r["error"] is None for r in out[:6])
    assert out[6]["error"].startswith(f"{path}:8: bytes that are not valid cp1258")
    ref = list(tag([{"text": ARTICLE * 25}]))[0]  # the same text from UTF-8
    assert out[0]["summary"] == ref["summary"] and out[0]["scores"] == ref["scores"]


def test_parquet_input_with_wrong_types(tmp_path, corpus):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": [1, 2, 3], "text": [corpus[0]["text"], None, corpus[1]["text"]],
                      "title": [corpus[0]["title"], "t", None]})
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=2)
    run_tag([tmp_path / "in.parquet"], tmp_path / "out.jsonl")
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in out] == ["1", "2", "3"]
    assert out[1]["error"] == f"{tmp_path / 'in.parquet'}:row 2: field 'text' must be a string, got null"
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "nocol.parquet")
    with pytest.raises(TagError, match="no column 'text'"):
        run_tag([tmp_path / "nocol.parquet"], tmp_path / "x.jsonl")


def test_directory_of_articles_in_several_encodings(tmp_path, caplog):
    d = tmp_path / "articles"
    (d / "sub").mkdir(parents=True)
    (d / "a_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "b_utf16.txt").write_text(ARTICLE, encoding="utf-16")
    (d / "c_cp1258.txt").write_bytes(to_cp1258(ARTICLE))
    (d / "d_page.html").write_text(f"<html><body><h1>Tổng kết</h1><p>{ARTICLE}</p></body></html>",
                                   encoding="utf-8")
    (d / "e_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    (d / "f_empty.txt").write_text(" \n")
    (d / "g_big.txt").write_bytes(b"a " * (5 * 1024 * 1024))
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff" * 10)
    (d / ".hidden.txt").write_text(ARTICLE)
    (d / "sub" / "h_nested.txt").write_text(ARTICLE)
    with caplog.at_level(logging.WARNING, logger="vnyouth.batch"):
        report = run_tag([d], tmp_path / "out.jsonl")
    assert "ignored 1 file(s)" in caplog.text and "photo.jpg" in caplog.text
    out = read_jsonl(tmp_path / "out.jsonl")
    names = ["a_utf8.txt", "b_utf16.txt", "c_cp1258.txt", "d_page.html", "e_binary.txt",
             "f_empty.txt", "g_big.txt", "sub/h_nested.txt"]
    assert [r["id"] for r in out] == [(d / n).as_posix() for n in names]
    assert [r["error"] is None for r in out] == [True, True, True, True, False, False, False, True]
    assert len({r["summary"] for r in out[:3]}) == 1  # the same text whatever the encoding
    assert "looks binary" in out[4]["error"] and out[4]["error"].startswith(out[4]["id"])
    assert "empty" in out[5]["error"] and "byte limit" in out[6]["error"]
    assert report.exit_code == 1


def test_globs_and_missing_inputs(tmp_path):
    for name in ("x1.txt", "x2.txt"):
        (tmp_path / name).write_text(ARTICLE)
    items = list(iter_items([str(tmp_path / "x*.txt")]))
    assert [i.id for i in items] == [(tmp_path / "x1.txt").as_posix(), (tmp_path / "x2.txt").as_posix()]
    with pytest.raises(TagError, match="no file matches"):
        list(iter_items([str(tmp_path / "nothing*.txt")]))
    with pytest.raises(TagError, match="input not found"):
        list(iter_items([tmp_path / "missing.jsonl"]))
    (tmp_path / "u16.jsonl").write_text('{"text": "a"}\n', encoding="utf-16")
    with pytest.raises(TagError, match="UTF-16; JSON Lines must be UTF-8"):
        list(iter_items([tmp_path / "u16.jsonl"]))


# ---------------------------------------------------------------- output formats

def test_csv_and_parquet_output_with_journal_and_resume(tmp_path, corpus):
    pq = pytest.importorskip("pyarrow.parquet")
    src = write_jsonl(tmp_path / "in.jsonl", corpus[:5] + ["oops"])
    run_tag([src], tmp_path / "ref.jsonl")
    ref = read_jsonl(tmp_path / "ref.jsonl")

    run_tag([src], tmp_path / "out.parquet")
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [r["id"] for r in rows] == [r["id"] for r in ref]
    assert rows[0]["scores"] == ref[0]["scores"] and rows[0]["evidence"] == ref[0]["evidence"]
    assert rows[-1]["label"] is None and rows[-1]["error"] == ref[-1]["error"]
    assert read_jsonl(tmp_path / ("out.parquet" + batch.JOURNAL_SUFFIX)) == ref

    run_tag([src], tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert list(table[0]) == list(ref[0])
    assert [r["id"] for r in table] == [r["id"] for r in ref]
    assert json.loads(table[0]["scores"]) == ref[0]["scores"] and table[-1]["label"] == ""

    # Resume: a second run with one more record rewrites OUTPUT from the journal.
    write_jsonl(src, corpus[:5] + ["oops", corpus[5]])
    report = run_tag([src], tmp_path / "out.parquet")
    assert (report.ok, report.skipped) == (1, 6)
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 7
    (tmp_path / ("out.csv" + batch.JOURNAL_SUFFIX)).unlink()
    with pytest.raises(TagError, match="journal .* does not"):
        run_tag([src], tmp_path / "out.csv")


# ---------------------------------------------------------------- Python API

def test_tag_yields_lazily_in_order(corpus):
    consumed = []

    def source():
        for r in corpus * 100:  # far more than is ever read
            consumed.append(r["id"])
            yield r

    it = tag(source(), chunk_size=4)
    assert consumed == []  # nothing read before the first next()
    first = [next(it) for _ in range(5)]
    assert [r["id"] for r in first] == [r["id"] for r in corpus[:5]]
    assert len(consumed) == 8  # two chunks read, no more


def test_tag_accepts_strs_and_names_bad_items(corpus):
    out = list(tag([corpus[0]["text"], 12, {"body": corpus[1]["text"], "key": "k"}], id_field="key",
                   text_field="body"))
    assert out[0]["error"] is None and out[0]["id"].startswith("auto-")
    assert out[1]["error"] == "records[1]: expected a mapping (dict) or a str, got an integer"
    assert out[2]["id"] == "k" and out[2]["error"] is None


@pytest.mark.parametrize("bad,exc,match", [
    ("an article", TypeError, "iterable of records, got one str"),
    ({"text": "x"}, TypeError, "wrap it in a list"),
])
def test_tag_rejects_one_record(bad, exc, match):
    with pytest.raises(exc, match=match):
        tag(bad)


@pytest.mark.parametrize("kwargs,match", [
    ({"workers": 0}, "workers must be a positive int"), ({"chunk_size": "8"}, "chunk_size"),
    ({"engine": "spark"}, r"engine must be one of \['local', 'dask'\]"),
    ({"scheduler": "tcp://x:1"}, "needs engine='dask'"), ({"text_field": ""}, "text_field"),
    ({"max_record_bytes": 0}, "max_record_bytes"),
])
def test_bad_arguments_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        tag([], **kwargs)


def test_tag_dataset_row_for_row(corpus):
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_list([{"id": r["id"], "title": r["title"], "text": r["text"],
                                      "label": "gold"} for r in corpus[:6]]
                                    + [{"id": "bad", "title": "t", "text": "", "label": "gold"}])
    out = vnyouth.batch.tag_dataset(ds, batch_size=4)
    assert len(out) == len(ds) and out["id"] == ds["id"]
    assert set(out.column_names) == RESULT_KEYS
    expected = list(tag(ds.to_list()))
    assert out[0]["scores"] == expected[0]["scores"] and out["label"] == [r["label"] for r in expected]
    assert out[6]["label"] is None and "row 6: field 'text' is empty" in out[6]["error"]
    with pytest.raises(ValueError, match="no column 'body'"):
        vnyouth.batch.tag_dataset(ds, text_field="body")
    with pytest.raises(TypeError, match="DatasetDict"):
        vnyouth.batch.tag_dataset(datasets.DatasetDict({"train": ds}))


@pytest.mark.slow
def test_tag_dataset_num_proc(corpus):
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_list(corpus[:40])
    one = vnyouth.batch.tag_dataset(ds, batch_size=8)
    two = vnyouth.batch.tag_dataset(ds, batch_size=8, num_proc=2)
    assert one.to_list() == two.to_list()


# ---------------------------------------------------------------- command line

def test_cli_exit_codes_and_final_line(tmp_path, corpus, capsys):
    good = write_jsonl(tmp_path / "good.jsonl", corpus[:3])
    assert tag_main(["tag", str(good), "-o", str(tmp_path / "a.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "3 ok, 0 errored, 0 skipped" in err and "records/s" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal

    mixed = write_jsonl(tmp_path / "mixed.jsonl", corpus[:2] + ["{broken"])
    assert tag_main(["tag", str(mixed), "-o", str(tmp_path / "b.jsonl")]) == 1
    err = capsys.readouterr().err
    assert f"vnyouth: {mixed}:3: not valid JSON" in err and "2 ok, 1 errored" in err
    assert len(read_jsonl(tmp_path / "b.jsonl")) == 3  # all written

    assert tag_main(["tag", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "c.jsonl")]) == 2
    assert "vnyouth: error: input not found" in capsys.readouterr().err
    assert tag_main(["tag", str(good), "-o", "-", "--format", "csv"]) == 2
    assert "JSONL only" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:  # usage error: no OUTPUT
        tag_main(["tag", str(good)])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        tag_main(["tag", str(good), "-o", "x.jsonl", "--workers", "0"])
    assert e.value.code == 2


def test_cli_help_explains_resume_and_exit_codes(capsys):
    with pytest.raises(SystemExit):
        tag_main(["tag", "--help"])
    out = capsys.readouterr().out
    for phrase in ("Resume", "--overwrite", "exit codes", "--scheduler", "--text-field", "-o -"):
        assert phrase in out


def test_cli_registers_tag():
    from vnyouth.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    if "tag" not in sub.choices:
        pytest.skip("cli.py does not register `tag` yet (add_tag_parser(sub) in build_parser)")
    assert sub.choices["tag"].get_default("func").__name__ == "run_tag_command"


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "vnyouth.tag_cli", "tag", *args]


def test_stdin_to_stdout_as_a_filter(tmp_path, corpus):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus[:3]) + "{bad\n"
    p = subprocess.run(_cli("-", "-o", "-"), check=False, input=data.encode(), capture_output=True, timeout=120)
    assert p.returncode == 1, p.stderr.decode()
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [r["id"] for r in out[:3]] == [r["id"] for r in corpus[:3]]
    assert out[3]["error"].startswith("<stdin>:4: not valid JSON")
    assert "3 ok, 1 errored" in p.stderr.decode()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # not Linux
        return []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped by its dead parent's reaper) is not running.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_gives_each_record_once(tmp_path, corpus):
    # Big enough that the job is still running when 40 records are out, even on a fast machine.
    records = [dict(r, id=f"{r['id']}-{k}") for k in range(16) for r in corpus][:1500]
    records[100] = "{torn"  # an error record among them
    src = write_jsonl(tmp_path / "in.jsonl", records)
    run_tag([src], tmp_path / "reference.jsonl")
    out = tmp_path / "out.jsonl"
    cmd = _cli(str(src), "-o", str(out), "--workers", "2", "--chunk-size", "8")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 40:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the job finished before it could be killed: make the input bigger"
    workers = _children(proc.pid)
    if sys.platform.startswith("linux"):
        assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 40 <= written < len(records)
    deadline = time.monotonic() + 10  # orphaned workers notice and exit
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)

    done = subprocess.run(cmd, check=False, capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr.decode()  # one record errored
    assert f"{written:,} skipped" in done.stderr.decode()
    # Exactly one record per input record, in input order, as an uninterrupted run writes them.
    assert out.read_bytes() == (tmp_path / "reference.jsonl").read_bytes()
