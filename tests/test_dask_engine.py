"""The Dask engine: same output as the local engine, record for record (skips without dask)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from vnyouth.batch import TagError, run_tag, tag
from vnyouth.data import load_split


@pytest.fixture(scope="module")
def records():
    rows = [{"id": r["id"], "title": r["title"], "text": r["text"]} for r in load_split("dev")[:40]]
    rows[7] = {"id": "empty", "text": " "}
    return rows


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client():
    """A small in-process LocalCluster: two single-threaded workers, no TCP at all."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address="127.0.0.1:0") as cluster, \
            distributed.Client(cluster) as c:
        yield c


def test_dask_output_equals_local_output(tmp_path, records, client):
    src = write_jsonl(tmp_path / "in.jsonl", records)
    local = run_tag([src], tmp_path / "local.jsonl", chunk_size=6)
    remote = run_tag([src], tmp_path / "dask.jsonl", chunk_size=6, engine="dask", scheduler=client)
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert (remote.ok, remote.errored) == (local.ok, local.errored) == (39, 1)
    assert client.status != "closed"  # a client passed in is left open


def test_dask_by_scheduler_address_resumes_like_local(tmp_path, records, client):
    src = write_jsonl(tmp_path / "in.jsonl", records)
    run_tag([src], tmp_path / "ref.jsonl")
    out = tmp_path / "out.jsonl"
    lines = (tmp_path / "ref.jsonl").read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:15]) + lines[15][:10])  # a killed run, torn last line
    report = run_tag([src], out, chunk_size=4, engine="dask", scheduler=client.scheduler.address)
    assert (report.ok, report.skipped) == (25, 15)
    assert out.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


def test_tag_generator_on_dask(records, client):
    assert list(tag(records, engine="dask", scheduler=client, chunk_size=8)) == list(tag(records))


@pytest.mark.slow
def test_local_cluster_on_loopback_from_the_cli(tmp_path, records):
    pytest.importorskip("distributed")
    from vnyouth.tag_cli import main

    src = write_jsonl(tmp_path / "in.jsonl", records)
    run_tag([src], tmp_path / "local.parquet")
    assert main(["tag", str(src), "-o", str(tmp_path / "dask.parquet"), "--engine", "dask",
                 "--workers", "2", "--chunk-size", "5"]) == 1  # the empty record
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(tmp_path / "dask.parquet").to_pylist() == \
        pq.read_table(tmp_path / "local.parquet").to_pylist()


@pytest.mark.slow
def test_unreachable_scheduler_is_a_clear_error(tmp_path, records, monkeypatch):
    pytest.importorskip("distributed")
    from vnyouth import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "2s")
    src = write_jsonl(tmp_path / "in.jsonl", records[:2])
    with pytest.raises(TagError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        run_tag([src], tmp_path / "out.jsonl", engine="dask", scheduler="tcp://127.0.0.1:9")


def test_missing_dask_names_the_extra(tmp_path, records, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(ImportError, match=r"pip install 'vnyouth\[dask\]'"):
        list(tag(records[:1], engine="dask"))
