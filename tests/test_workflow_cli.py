"""``vnyouth train`` / ``evaluate`` / ``cv`` with the workflow options (user data, comparison, plots).

The commands are run through a parser built here with :func:`add_workflow_parsers`,
exactly as ``vnyouth.cli`` wires them, on a tiny corpus folder so that they are quick.
"""
from __future__ import annotations

import argparse
import json
from importlib.util import find_spec

import pytest
from conftest import TINY_ARTICLES

from vnyouth.model_folder import read_meta
from vnyouth.workflow_cli import add_workflow_parsers, parse_mapping


def run(argv) -> int:
    parser = argparse.ArgumentParser(prog="vnyouth")
    add_workflow_parsers(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


@pytest.fixture
def corpus(tmp_path):
    """A tiny corpus: each split holds every tiny article, reworded per split."""
    folder = tmp_path / "data"
    folder.mkdir()
    for split, extra in (("train", ""), ("dev", " Tin bổ sung."), ("test", " Tin thêm về sự kiện.")):
        with open(folder / f"{split}.jsonl", "w", encoding="utf-8") as f:
            for k in range(2):
                for i, (t, b, lab) in enumerate(TINY_ARTICLES):
                    rec = {"id": f"{split}-{i}-{k}", "title": t + (f" (bài {k})" if k else ""),
                           "text": b + extra + (" Bản tin tiếp theo." if k else ""), "label": lab,
                           "summary": b[:60], "origin": "handwritten", "family": f"{split}-{i}"}
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return folder


@pytest.fixture
def user_file(tmp_path):
    path = tmp_path / "mine.jsonl"
    # Own wording (no near-copy of a corpus dev/test article, which merging would drop).
    rows = [{"tieu_de": f"Bài số {i}: {t.lower()}", "noi_dung": f"{t}. Phóng viên địa phương ghi lại sự kiện "
             f"số {i} theo cách của mình, với nhiều chi tiết khác.", "nhan": lab}
            for i, (t, b, lab) in enumerate(TINY_ARTICLES)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


SETTINGS = {"cv": 2, "min_df": 1, "thresholds": [0.0, 0.5]}


@pytest.fixture
def settings_file(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(SETTINGS))
    return path


def test_parse_mapping_forms():
    assert parse_mapping('{"a": "text"}') == {"a": "text"}
    assert parse_mapping("a=text, b = label") == {"a": "text", "b": "label"}
    with pytest.raises(argparse.ArgumentTypeError, match="FROM=TO"):
        parse_mapping("a:text")


def test_train_on_corpus_and_user_file_then_evaluate(tmp_path, corpus, user_file, settings_file, capsys):
    out = tmp_path / "model"
    plots = ["--plots", str(tmp_path / "plots")] if find_spec("matplotlib") else []
    code = run(["train", "--data", str(corpus), "--settings", str(settings_file), "--out", str(out),
                "--data-file", str(user_file), "--column-mapping", "tieu_de=title,noi_dung=text,nhan=label",
                *plots])
    printed = capsys.readouterr().out
    assert code == 0
    meta = read_meta(out)
    assert meta["eval_sets"][:3] == ["dev", "test", "yours (held out)"]
    assert meta["reference_model"]["name"] == "article-type-linear-v1"  # compared with the shipped model
    held = meta["metrics"]["yours (held out)"]["n"]
    assert 0 < held < len(TINY_ARTICLES) and meta["n_train"] == 2 * len(TINY_ARTICLES) + len(TINY_ARTICLES) - held
    assert meta["training_data"]["id"] == "corpus:train+mine.jsonl[train]"
    assert "article-type-linear-v1 macro-F1" in printed and f"wrote {out}" in printed
    if plots:
        assert (tmp_path / "plots" / "confusion_test.png").read_bytes()[:4] == b"\x89PNG"

    code = run(["evaluate", "--model", str(out), "--data", str(corpus), "--compare", "shipped", "--errors", "2",
                "--splits", "test"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "| set | metric | model | article-type-linear-v1 | difference |" in printed
    assert "test: n=" in printed and "keyword-rule baseline" in printed


def test_train_with_own_labels_alone(tmp_path, settings_file, capsys):
    path = tmp_path / "own.csv"
    coarse = {"working_session": "lam_viec", "central_inspection": "lam_viec", "year_end_review": "hoi_nghi",
              "interim_review": "hoi_nghi", "other": "khac"}
    lines = ["noi_dung,nhan"] + [f"\"{t}. {b} Bản {k}.\",{coarse[lab]}" for k in range(2)
                                 for t, b, lab in TINY_ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "own"
    assert run(["train", "--no-corpus", "--data-file", str(path), "--column-mapping", "noi_dung=text,nhan=label",
                "--labels", "infer", "--settings", str(settings_file), "--out", str(out)]) == 0
    meta = read_meta(out)
    assert meta["label_set"] == {"labels": ["hoi_nghi", "khac", "lam_viec"], "taxonomy": False}
    assert meta["eval_sets"] == ["yours (held out)"] and "no dev set" in capsys.readouterr().out


def test_bad_user_data_exits_2_with_the_fix(tmp_path, user_file, capsys):
    assert run(["train", "--data-file", str(user_file), "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "column_mapping={'noi_dung': 'text', 'nhan': 'label', 'tieu_de': 'title'}" in err
    assert run(["train", "--no-corpus", "--out", str(tmp_path / "x")]) == 2
    assert "--no-corpus needs --data-file" in capsys.readouterr().err


def test_evaluate_on_user_file_as_json(tmp_path, user_file, capsys):
    code = run(["evaluate", "--data-file", str(user_file), "--column-mapping",
                '{"tieu_de": "title", "noi_dung": "text", "nhan": "label"}', "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "article-type-linear-v1"
    assert result["metrics"]["mine.jsonl"]["n"] == len(TINY_ARTICLES)


def test_cv_and_grid(tmp_path, corpus, settings_file, capsys):
    assert run(["cv", "--data", str(corpus), "--splits", "train", "--folds", "2",
                "--settings", str(settings_file)]) == 0
    assert "| mean |" in capsys.readouterr().out
    best = tmp_path / "best.json"
    assert run(["cv", "--data", str(corpus), "--splits", "train", "--folds", "2", "--settings", str(settings_file),
                "--grid-json", '{"C": [0.1, 4]}', "--write-settings", str(best)]) == 0
    printed = capsys.readouterr().out
    assert "best: {\"C\": " in printed
    written = json.loads(best.read_text())
    assert written["C"] in (0.1, 4) and written["cv"] == 2


def test_help_is_written_for_newcomers(capsys):
    with pytest.raises(SystemExit):
        run(["train", "--help"])
    text = capsys.readouterr().out
    for option in ("--data-file", "--column-mapping", "--labels", "--compare-to", "--plots", "examples:"):
        assert option in text


def test_evaluate_summaries_against_baselines(tmp_path, corpus, capsys):
    pytest.importorskip("rouge_score")
    pytest.importorskip("matplotlib")
    import numpy as np

    from vnyouth.document import parse
    from vnyouth.model_folder import save_model_folder
    from vnyouth.summarizer import SentenceScorer
    from vnyouth.summary_features import featurize
    from vnyouth.summary_training import sentence_targets

    X, y = [], []
    for t, b, _ in TINY_ARTICLES:
        doc = parse(b + " Câu thứ hai của bài. Câu thứ ba kết thúc bài.", title=t)
        X.append(featurize(doc).X)
        y.append(sentence_targets(doc, b))
    scorer = SentenceScorer(n_knots=0).fit(np.vstack(X), np.concatenate(y))
    folder = save_model_folder(tmp_path / "scorer", scorer, {"kind": "summarizer", "name": "tiny-scorer"}, "# tiny\n")
    code = run(["evaluate", "--summaries", "--model", str(folder), "--data", str(corpus), "--splits", "test",
                "--plots", str(tmp_path / "plots")])
    printed = capsys.readouterr().out
    assert code == 0
    assert "| summarizer |" in printed and "| Oracle |" in printed and "| Lead-3 |" in printed
    assert "by article length" in printed
    assert (tmp_path / "plots" / "rouge_by_length_test.png").read_bytes()[:4] == b"\x89PNG"
