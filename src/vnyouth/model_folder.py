"""Model folders: a joblib artifact, ``meta.json`` and a model card, verified on load.

A model folder is how every trained model ships and travels::

    models/article-type-linear-v1/
        model.joblib   the fitted estimator
        meta.json      kind, labels, versions, training data id and hash,
                       metrics, settings, sha256 of the artifact
        README.md      the model card, for people

:func:`load_model_folder` refuses a folder whose artifact hash does not match
``meta.json`` (a tampered or truncated file) or that was saved by an
incompatible scikit-learn, and says what to do instead.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._paths import shipped_models_dir
from ._version import __version__

__all__ = [
    "ModelFolderError", "save_model_folder", "load_model_folder", "read_meta", "sha256_file",
    "default_model_dir", "load_default", "FORMAT_VERSION", "ENV_VARS", "DEFAULT_MODELS",
]

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
ARTIFACT = "model.joblib"
META = "meta.json"
CARD = "README.md"
#: The shipped default model folder for each kind of model.
DEFAULT_MODELS = {
    "classifier": "article-type-linear-v1",
    "summarizer": "sentence-scorer-vietnews-v1",
}
#: Environment variables that point a kind of model at another folder.
ENV_VARS = {"classifier": "VNYOUTH_CLASSIFIER_MODEL", "summarizer": "VNYOUTH_SUMMARIZER_MODEL"}


class ModelFolderError(RuntimeError):
    """A model folder is missing, incomplete, tampered with or incompatible."""


def sha256_file(path: str | os.PathLike) -> str:
    """Return the hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def save_model_folder(path: str | os.PathLike, estimator: Any, meta: dict, card: str) -> Path:
    """Write ``estimator`` and its metadata to a model folder and return its path.

    ``meta`` must hold at least ``kind`` (``"classifier"`` or ``"summarizer"``)
    and ``name``; versions, the artifact hash and the format are added here.
    """
    import joblib

    for key in ("kind", "name"):
        if key not in meta:
            raise ValueError(f"meta needs a {key!r} entry")
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    artifact = folder / ARTIFACT
    tmp = artifact.with_suffix(".tmp")
    joblib.dump(estimator, tmp, compress=3)
    os.replace(tmp, artifact)
    full = dict(meta)
    full.update(
        format=FORMAT_VERSION,
        artifact={"file": ARTIFACT, "sha256": sha256_file(artifact)},
        versions={"vnyouth": __version__, "scikit-learn": _sklearn_version(),
                  "python": platform.python_version()},
    )
    (folder / META).write_text(json.dumps(full, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                               encoding="utf-8")
    (folder / CARD).write_text(card, encoding="utf-8")
    return folder


def read_meta(path: str | os.PathLike) -> dict:
    """Read and check the ``meta.json`` of a model folder, without loading the artifact."""
    folder = Path(path)
    meta_path = folder / META
    if not folder.is_dir():
        raise ModelFolderError(f"model folder {str(folder)!r} does not exist")
    if not meta_path.is_file():
        raise ModelFolderError(f"{str(folder)!r} is not a model folder: it has no {META}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelFolderError(f"{meta_path}: not valid JSON ({e})") from e
    if meta.get("format") != FORMAT_VERSION:
        raise ModelFolderError(
            f"{meta_path}: format {meta.get('format')!r} is not supported by vnyouth {__version__} "
            f"(expects {FORMAT_VERSION}); retrain with `vnyouth train`")
    return meta


def load_model_folder(path: str | os.PathLike, kind: str | None = None) -> tuple[Any, dict]:
    """Load a model folder after verifying it; return ``(estimator, meta)``.

    Raises
    ------
    ModelFolderError
        When the folder is missing or incomplete, of another kind, when the
        artifact's sha256 differs from ``meta.json`` (tampered or damaged), or
        when it was saved by another minor version of scikit-learn.
    """
    import joblib

    folder = Path(path)
    meta = read_meta(folder)
    if kind is not None and meta.get("kind") != kind:
        raise ModelFolderError(f"{str(folder)!r} holds a {meta.get('kind')!r} model, not a {kind!r} model")
    artifact = folder / meta.get("artifact", {}).get("file", ARTIFACT)
    if not artifact.is_file():
        raise ModelFolderError(f"{str(folder)!r} has no artifact {artifact.name!r}")
    digest = sha256_file(artifact)
    if digest != meta["artifact"].get("sha256"):
        raise ModelFolderError(
            f"{artifact}: sha256 {digest[:12]}… does not match meta.json "
            f"({str(meta['artifact'].get('sha256'))[:12]}…): the file was changed or damaged; "
            "restore it or retrain with `vnyouth train`")
    saved = meta.get("versions", {}).get("scikit-learn", "?")
    if _minor(saved) != _minor(_sklearn_version()):
        raise ModelFolderError(
            f"{str(folder)!r} was saved with scikit-learn {saved} but {_sklearn_version()} is installed; "
            f"install scikit-learn=={saved} or retrain with `vnyouth train`")
    estimator = joblib.load(artifact)
    logger.debug("loaded %s model %s from %s", meta.get("kind"), meta.get("name"), folder)
    return estimator, meta


def default_model_dir(kind: str) -> Path:
    """The folder used for ``kind`` when none is given: the env var's, else the shipped one."""
    if kind not in DEFAULT_MODELS:
        raise ValueError(f"unknown model kind {kind!r}; expected one of {sorted(DEFAULT_MODELS)}")
    env = os.environ.get(ENV_VARS[kind])
    if env:
        return Path(env)
    return shipped_models_dir() / DEFAULT_MODELS[kind]


@lru_cache(maxsize=8)
def _load_cached(path: str, kind: str, mtime: float) -> tuple[Any, dict]:
    return load_model_folder(path, kind)


def load_default(kind: str, path: str | os.PathLike | None = None) -> tuple[Any, dict]:
    """Load (once, then from cache) the model folder for ``kind``: ``path`` or the default."""
    folder = Path(path) if path is not None else default_model_dir(kind)
    meta_path = folder / META
    mtime = meta_path.stat().st_mtime if meta_path.exists() else 0.0
    return _load_cached(str(folder.resolve()), kind, mtime)
