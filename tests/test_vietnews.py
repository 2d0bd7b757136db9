"""Tests for vnyouth.vietnews: the VietNews reader and oracle labels."""
from __future__ import annotations

import gzip
import json

import pytest

from vnyouth.vietnews import (VietNewsMissingError, oracle_labels, read_vietnews, skip_if_missing,
                              to_document, vietnews_available, vietnews_dir)

RECORD = {"id": "val/1", "title": "Huế phát hiện 3 thuyền khai thác cát trái phép",
          "summary": "Cảnh sát phát hiện 3 thuyền khai thác cát trái phép trên sông Hương.",
          "text": "Cảnh sát phát hiện 3 thuyền khai thác cát trái phép trên sông Hương.\n"
                  "Ngày 21/3, Công an thành phố Huế cho biết đã bắt giữ 3 thuyền khai thác cát.\n"
                  "Mỗi chủ thuyền bị đề xuất phạt 4 triệu đồng.\nVõ Thạnh",
          "captions": ["Cảnh sát phát hiện 3 thuyền khai thác cát trái phép trên sông Hương."]}


@pytest.fixture
def folder(tmp_path):
    with gzip.open(tmp_path / "val.jsonl.gz", "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps(dict(RECORD, id=f"val/{i}"), ensure_ascii=False) + "\n")
    return tmp_path


def test_read_with_limit(folder):
    recs = list(read_vietnews("val", folder))
    assert [r["id"] for r in recs] == ["val/0", "val/1", "val/2"]
    assert len(list(read_vietnews("val", folder, limit=2))) == 2
    assert vietnews_dir(folder) == folder and vietnews_available(folder)


def test_errors(folder, tmp_path):
    with pytest.raises(ValueError, match="unknown VietNews split"):
        read_vietnews("test", folder)
    with pytest.raises(ValueError, match="limit"):
        read_vietnews("val", folder, limit=-1)
    with pytest.raises(VietNewsMissingError, match="VNYOUTH_VIETNEWS_DIR"):
        read_vietnews("val", tmp_path / "nowhere")
    with pytest.raises(VietNewsMissingError, match="does not exist"):
        read_vietnews("train", folder)
    assert not vietnews_available(tmp_path / "nowhere")
    bad = tmp_path / "bad"
    bad.mkdir()
    with gzip.open(bad / "val.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "x"}) + "\n")
    with pytest.raises(ValueError, match="lacks field"):
        list(read_vietnews("val", bad))


def test_env_var(folder, monkeypatch):
    monkeypatch.setenv("VNYOUTH_VIETNEWS_DIR", str(folder))
    assert vietnews_dir() == folder


def test_document_drops_captions_and_bylines_and_oracle_labels():
    doc = to_document(RECORD)
    texts = [s.text for s in doc.sentences]
    assert RECORD["captions"][0] not in texts and "Võ Thạnh" not in texts
    assert doc.title == RECORD["title"]
    labels = oracle_labels(doc, RECORD["summary"])
    assert labels and all(0 <= i < len(texts) for i in labels)
    assert oracle_labels(texts, texts[1]) == [1]


@pytest.mark.shared_data
@skip_if_missing()
def test_shared_files_read():
    recs = list(read_vietnews("val", limit=5))
    assert len(recs) == 5 and all(r["summary"] and r["text"] for r in recs)
