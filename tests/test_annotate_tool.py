"""data/annotate.py: the tool the corpus facts (v1.1) were re-annotated with."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def annotate():
    spec = importlib.util.spec_from_file_location("annotate", ROOT / "data" / "annotate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_slices_cover_every_record_once(annotate):
    ids = [i for s in annotate.slices() for i in s]
    assert len(ids) == len(set(ids)) == len(annotate._records())


def test_check_flags_text_not_in_the_article(annotate, tmp_path, capsys):
    rec = annotate._records()[0]
    good = {"id": rec["id"], "organizers": [], "participants": [], "period": None, "figures": []}
    bad = dict(good, participants=["Sở Không Có Trong Bài"])
    _write(tmp_path / "good.jsonl", [good])
    _write(tmp_path / "bad.jsonl", [bad])
    assert annotate.check(str(tmp_path / "good.jsonl")) == 0
    assert annotate.check(str(tmp_path / "bad.jsonl")) == 1
    assert "not verbatim" in capsys.readouterr().out


def test_agree_matches_like_the_extraction_eval(annotate, tmp_path):
    a = {"id": "x", "organizers": ["Ban Thường vụ Tỉnh đoàn Sơn La"], "participants": ["Sở Nội vụ"],
         "period": "6 tháng đầu năm 2024", "figures": ["1.700 hoạt động", "2,819 tỷ đồng"]}
    b = {"id": "x", "organizers": ["BTV Tỉnh đoàn"], "participants": ["UBND tỉnh"],
         "period": "6 tháng đầu năm", "figures": ["1.700 hoạt động tình nguyện", "12 mô hình"]}
    _write(tmp_path / "a.jsonl", [a])
    _write(tmp_path / "b.jsonl", [b])
    got = annotate.agree(str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"))
    assert got["organizers"] == (1, 1, 1)
    assert got["participants"] == (0, 1, 1)
    assert got["period"] == (1, 1, 1)
    assert got["figures"] == (1, 2, 2)
