"""Model folders: save, verify on load, refuse tampered or incompatible ones."""
import json

import pytest

from vnyouth.classifier import ArticleClassifier
from vnyouth.model_folder import (ModelFolderError, default_model_dir, load_default, load_model_folder,
                                  read_meta, save_model_folder)


@pytest.fixture()
def folder(tmp_path, tiny):
    X, y = tiny
    est = ArticleClassifier(cv=2).fit(X, y)
    return save_model_folder(tmp_path / "m", est, {"kind": "classifier", "name": "tiny"}, "# card\n")


def test_round_trip(folder, tiny):
    est, meta = load_model_folder(folder, "classifier")
    assert meta["name"] == "tiny" and meta["versions"]["scikit-learn"]
    assert (folder / "README.md").read_text() == "# card\n"
    assert len(est.predict(tiny[0])) == len(tiny[0])


def test_tampered_artifact_is_refused(folder):
    with open(folder / "model.joblib", "ab") as f:
        f.write(b"x")
    with pytest.raises(ModelFolderError, match="does not match meta.json"):
        load_model_folder(folder)


def test_other_sklearn_minor_is_refused(folder):
    meta = json.loads((folder / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (folder / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelFolderError, match="scikit-learn 0.24.2"):
        load_model_folder(folder)


def test_wrong_kind_and_missing_pieces(folder, tmp_path):
    with pytest.raises(ModelFolderError, match="not a 'summarizer' model"):
        load_model_folder(folder, "summarizer")
    with pytest.raises(ModelFolderError, match="does not exist"):
        read_meta(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelFolderError, match="no meta.json"):
        read_meta(tmp_path / "empty")
    (folder / "meta.json").write_text("{broken")
    with pytest.raises(ModelFolderError, match="not valid JSON"):
        read_meta(folder)


def test_meta_needs_kind_and_name(tmp_path):
    with pytest.raises(ValueError, match="'kind'"):
        save_model_folder(tmp_path / "x", object(), {"name": "x"}, "")


def test_env_var_points_at_another_folder(folder, monkeypatch):
    monkeypatch.setenv("VNYOUTH_CLASSIFIER_MODEL", str(folder))
    assert default_model_dir("classifier") == folder
    est, meta = load_default("classifier")
    assert meta["name"] == "tiny"
    with pytest.raises(ValueError, match="unknown model kind"):
        default_model_dir("tagger")
