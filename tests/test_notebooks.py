"""The notebooks: stored without outputs, and each runs top to bottom (slow; needs the notebooks extra).

Executed with nbclient in a fresh kernel, in ``notebooks/`` as working directory,
with ``VNYOUTH_NOTEBOOK_FAST=1`` (smaller settings) and the model folders written
under a temporary directory.
"""
from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))
WITH_PLOTS = {"01_retrain_classifier.ipynb", "02_summaries.ipynb", "04_transformers.ipynb"}
NEEDS = {
    "02_summaries.ipynb": ("rouge_score",),
    "04_transformers.ipynb": ("torch", "transformers"),
}


def test_the_four_notebooks_exist():
    assert [p.name for p in ALL] == ["01_retrain_classifier.ipynb", "02_summaries.ipynb",
                                     "03_your_own_labels.ipynb", "04_transformers.ipynb"]


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_outputs_are_stripped(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, \
                f"{path.name}: clear the outputs before committing (jupyter nbconvert --clear-output --inplace)"


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    for module in ("nbclient", "nbformat", "ipykernel", "matplotlib"):
        pytest.importorskip(module, reason="needs the notebooks extra: pip install 'vnyouth[notebooks]'")
    missing = [m for m in NEEDS.get(path.name, ()) if find_spec(m) is None]
    if missing:
        pytest.skip(f"{path.name} needs {missing}")
    if path.name == "02_summaries.ipynb":
        from vnyouth.model_folder import default_model_dir

        if not (default_model_dir("summarizer") / "meta.json").is_file():
            pytest.skip("02_summaries needs the shipped summarizer model folder")
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("VNYOUTH_NOTEBOOK_FAST", "1")
    monkeypatch.setenv("VNYOUTH_NOTEBOOK_OUT", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    if path.name in WITH_PLOTS:
        assert any("image/png" in o.get("data", {}) for o in outputs), "no plot was shown inline"
    assert list((tmp_path / "models").glob("*/meta.json")), "the notebook saved no model folder"
