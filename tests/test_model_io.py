"""save_model / load_model: model folders whose card compares with a reference model, verified on load."""
from __future__ import annotations

import json

import numpy as np
import pytest

from vnyouth.classifier import ArticleClassifier
from vnyouth.model_card import render_card
from vnyouth.model_folder import ModelFolderError, read_meta
from vnyouth.model_io import load_model, save_model, shipped_model_path


@pytest.fixture(scope="module")
def fitted(tiny):
    X, y = tiny
    records = [dict(x, id=f"t{i}", label=lab, family=f"t{i}") for i, (x, lab) in enumerate(zip(X, y))]
    mine = ArticleClassifier(cv=2, C=4.0).fit(X, y)
    other = ArticleClassifier(cv=2, C=0.05, char_weight=0.0).fit(X, y)
    return records, mine, other


@pytest.fixture(scope="module")
def tiny(request):
    from conftest import TINY_ARTICLES

    return [{"title": t, "text": b} for t, b, _ in TINY_ARTICLES], [lab for *_, lab in TINY_ARTICLES]


def test_round_trip_with_reference_metrics_in_meta_and_card(tmp_path, fitted):
    records, mine, other = fitted
    ref = save_model(tmp_path / "ref", other, eval_sets={"all": records}, reference=None, name="ref-model")
    out = save_model(tmp_path / "mine", mine, eval_sets={"all": records, "half": records[::2]},
                     train_data=records, reference=ref, description="A test model.")
    meta = read_meta(out)
    assert meta["name"] == "mine" and meta["backend"] == "linear" and meta["eval_sets"] == ["all", "half"]
    assert meta["reference_model"]["name"] == "ref-model"
    assert set(meta["reference_metrics"]) == {"all", "half"}
    assert meta["n_train"] == len(records) and sum(meta["train_label_counts"].values()) == len(records)
    assert meta["label_set"] == {"labels": meta["labels"], "taxonomy": True}
    assert "baseline_metrics" in meta and "reliability" in meta["metrics"]["all"]
    est, _ = load_model(out)
    X = [{"title": r["title"], "text": r["text"]} for r in records]
    np.testing.assert_allclose(est.predict_proba(X), mine.predict_proba(X))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card == render_card({k: v for k, v in meta.items() if k not in ("artifact", "format", "versions")})
    mine_f1, ref_f1 = meta["metrics"]["all"]["macro_f1"], meta["reference_metrics"]["all"]["macro_f1"]
    row = next(line for line in card.splitlines() if line.startswith("| all |"))
    assert f"{mine_f1:.3f}" in row and f"{ref_f1:.3f}" in row and f"{mine_f1 - ref_f1:+.3f}" in row
    assert "ref-model macro-F1" in card and "A test model." in card
    assert set(meta["top_features"]) == set(meta["labels"]) and "## What the model keys on" in card
    assert all(f.split(": ", 1)[0] in ("title", "lead", "body", "chars") for f in meta["top_features"]["other"])
    conf = meta["metrics"]["all"]["confusion"]["matrix"]
    assert f"| `{meta['metrics']['all']['confusion']['labels'][0]}` | " + " | ".join(map(str, conf[0])) in card


def test_tampered_artifact_is_refused(tmp_path, fitted):
    records, mine, _ = fitted
    out = save_model(tmp_path / "m", mine, eval_sets={"all": records}, reference=None)
    with open(out / "model.joblib", "ab") as f:
        f.write(b"x")
    with pytest.raises(ModelFolderError, match="does not match meta.json"):
        load_model(out)


def test_classify_accepts_the_saved_folder(tmp_path, fitted):
    from vnyouth.api import classify

    records, mine, _ = fitted
    out = save_model(tmp_path / "m", mine, eval_sets={"all": records}, reference=None)
    r = classify("Tỉnh đoàn tổ chức hội nghị tổng kết công tác Đoàn năm 2024", model=out)
    assert r.model == "m" and r.label in mine.classes_


def test_own_label_set_is_recorded_and_reference_skipped(tmp_path, tiny):
    X, y = tiny
    coarse = {"working_session": "lam_viec", "central_inspection": "lam_viec", "year_end_review": "hoi_nghi",
              "interim_review": "hoi_nghi", "other": "khac"}
    yc = [coarse[v] for v in y]
    est = ArticleClassifier(cv=2).fit(X, yc)
    records = [dict(x, id=str(i), label=lab) for i, (x, lab) in enumerate(zip(X, yc))]
    out = save_model(tmp_path / "coarse", est, eval_sets={"all": records}, reference=shipped_model_path())
    meta = read_meta(out)
    assert meta["label_set"] == {"labels": ["hoi_nghi", "khac", "lam_viec"], "taxonomy": False}
    assert "reference_metrics" not in meta and any("not compared" in n for n in meta["notes"])
    assert "baseline_metrics" not in meta
    assert list(meta["metrics"]["all"]["per_class"]) == ["hoi_nghi", "khac", "lam_viec"]
    assert "user-defined" in (out / "README.md").read_text(encoding="utf-8")


def test_unfitted_and_plots(tmp_path, fitted):
    records, mine, _ = fitted
    with pytest.raises(ValueError, match="not fitted"):
        save_model(tmp_path / "x", ArticleClassifier())
    pytest.importorskip("matplotlib")
    out = save_model(tmp_path / "p", mine, eval_sets={"all": records}, reference=None, plots=True)
    meta = read_meta(out)
    assert meta["plots"] == ["confusion_all.png", "reliability_all.png"]
    for name in meta["plots"]:
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"![{name}]({name})" in (out / "README.md").read_text(encoding="utf-8")


def test_shipped_model_path_and_kinds():
    assert (shipped_model_path() / "meta.json").is_file()
    assert json.loads((shipped_model_path() / "meta.json").read_text())["kind"] == "classifier"
    with pytest.raises(ValueError, match="unknown model kind"):
        shipped_model_path("tagger")
