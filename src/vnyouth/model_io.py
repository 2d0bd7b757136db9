"""Save a trained classifier as a model folder with a model card; load any model folder, verified.

:func:`save_model` evaluates the classifier on the articles you give it
(``eval_sets``), evaluates the reference model (by default the shipped one)
on the very same articles, and writes a model folder (``model.joblib``,
``meta.json`` and a ``README.md`` card from :func:`vnyouth.model_card.render_card`)
in which both sets of numbers stand side by side. :func:`load_model` checks
the artifact's sha256 and the scikit-learn version, as for the shipped
models. The folder works wherever a model folder is accepted:
``vnyouth.classify(text, model=path)``, ``vnyouth classify --model path``,
``VNYOUTH_CLASSIFIER_MODEL=path``.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._paths import shipped_models_dir
from .labelled_data import LabelledData, labels_of_estimator, records_sha256
from .labels import LABELS
from .model_card import render_card
from .model_folder import DEFAULT_MODELS, load_model_folder, read_meta, save_model_folder
from .reports import evaluate_classifier

__all__ = ["SHIPPED", "load_model", "save_model", "shipped_model_path"]

logger = logging.getLogger(__name__)

#: Pass as ``reference=`` to compare with the model shipped in the package.
SHIPPED = "shipped"


def shipped_model_path(kind: str = "classifier") -> Path:
    """The folder of the model shipped with vnyouth (ignores ``$VNYOUTH_CLASSIFIER_MODEL``)."""
    if kind not in DEFAULT_MODELS:
        raise ValueError(f"unknown model kind {kind!r}; expected one of {sorted(DEFAULT_MODELS)}")
    return shipped_models_dir() / DEFAULT_MODELS[kind]


def _backend(estimator) -> str:
    name = type(estimator).__name__
    return {"ArticleClassifier": "linear", "TransformerClassifier": "transformer"}.get(name, name)


def load_model(path: str | os.PathLike, kind: str = "classifier") -> tuple[Any, dict]:
    """Load a model folder after verifying it; return ``(estimator, meta)``.

    Raises
    ------
    ModelFolderError
        Missing or incomplete folder, another kind of model, an artifact whose
        sha256 differs from ``meta.json``, or another scikit-learn version.
    ImportError
        A transformer model folder without the ``transformers`` extra installed.

    Examples
    --------
    >>> model, meta = load_model(shipped_model_path())
    >>> meta["kind"], model.predict(["Tỉnh đoàn tổ chức hội nghị tổng kết năm 2023"])[0] in meta["labels"]
    ('classifier', True)
    """
    meta = read_meta(path)
    if meta.get("backend") == "transformer":
        from .transformer import _require_backend

        _require_backend()
    return load_model_folder(path, kind)


def _fingerprint(records: Sequence[Mapping]) -> dict:
    if isinstance(records, LabelledData):
        return records.fingerprint()
    return {"id": "records", "sha256": records_sha256(records), "n": len(records)}


def _json_ready(obj):
    if isinstance(obj, dict):
        return {str(k): _json_ready(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_ready(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def _versions(estimator) -> dict:
    import sklearn

    out = {"scikit-learn": sklearn.__version__, "numpy": np.__version__}
    if _backend(estimator) == "transformer":
        import torch
        import transformers

        out.update(torch=torch.__version__, transformers=transformers.__version__)
    return out


def _top_features(estimator, k: int = 12) -> dict[str, list[str]]:
    """The strongest positive features per label of an ArticleClassifier (empty for other models)."""
    try:
        base = estimator.calibrated_.calibrated_classifiers_[0].estimator
        names = estimator.feature_names_
    except AttributeError:
        return {}
    coef = base.coef_
    if coef.shape[0] == 1:  # two classes: one row, for the second class
        coef = np.vstack([-coef[0], coef[0]])
    return {str(lab): [str(names[j]) for j in np.argsort(-coef[i])[:k]] for i, lab in enumerate(estimator.classes_)}


def save_model(path: str | os.PathLike, estimator, *, eval_sets: Mapping[str, Sequence[Mapping]] | None = None,
               train_data: Sequence[Mapping] | LabelledData | None = None,
               reference: str | os.PathLike | None = SHIPPED, settings=None,
               training_info: Mapping | None = None, training_data: Mapping | None = None,
               name: str | None = None, description: str = "",
               plots: bool = False, notes: Sequence[str] = ()) -> Path:
    """Write a fitted classifier to a model folder whose card compares it with a reference model.

    Parameters
    ----------
    path : path
        The model folder to write (created; files in it are replaced).
    estimator : fitted classifier
        :class:`vnyouth.ArticleClassifier`, :class:`vnyouth.transformer.TransformerClassifier`
        or any fitted classifier with ``predict`` and ``classes_``.
    eval_sets : dict, optional
        ``{"dev": records, "test": records, ...}``: labelled articles the
        model was **not** trained on. Both models are scored on each.
    train_data : list of dict or LabelledData, optional
        What the model was trained on; its size, labels and sha256 go in ``meta.json``.
    reference : path, "shipped" or None, default "shipped"
        The model to compare with; ``None`` for none. Skipped (with a note)
        when its label set cannot score your labels.
    settings : ClassifierSettings or dict, optional
        Saved in ``meta.json`` (default: the estimator's parameters).
    training_info : dict, optional
        The ``info`` from :func:`vnyouth.train_classifier` (threshold scores).
    training_data : dict, optional
        Entries that describe the training data better than the hash of
        ``train_data`` does, e.g. ``{"id": "corpus train split"}`` or
        :func:`vnyouth.training.corpus_fingerprint` (they replace the computed ones).
    name : str, optional
        Model name (default: the folder name).
    plots : bool, default False
        Also save the confusion matrix and reliability diagram of each
        evaluation set as PNG in the folder (needs matplotlib) and link them
        from the card.

    Returns
    -------
    Path
        The model folder.
    """
    if not hasattr(estimator, "classes_"):
        raise ValueError("the estimator is not fitted (it has no classes_); fit it before save_model()")
    folder = Path(path)
    name = name or folder.name
    eval_sets = dict(eval_sets or {})
    labels = labels_of_estimator(estimator)
    taxonomy = set(labels) <= set(LABELS)
    notes = list(notes)
    if isinstance(train_data, LabelledData):
        notes.extend(train_data.notes)
    metrics = {k: evaluate_classifier(estimator, v, labels=labels) for k, v in eval_sets.items()}

    reference_meta, reference_metrics = None, {}
    if reference is not None and eval_sets:
        ref_path = shipped_model_path() if str(reference) == SHIPPED else Path(reference)
        ref_est, ref_meta = load_model(ref_path)
        ref_labels = set(labels_of_estimator(ref_est))
        if all({r["label"] for r in recs} <= ref_labels for recs in eval_sets.values()):
            reference_metrics = {k: evaluate_classifier(ref_est, v, labels=labels) for k, v in eval_sets.items()}
            reference_meta = {"name": ref_meta.get("name"), "path": str(ref_path),
                              "sha256": ref_meta.get("artifact", {}).get("sha256")}
        else:
            notes.append(f"reference model {ref_meta.get('name')} not compared: its labels "
                         f"{sorted(ref_labels)} cannot score this label set")
    baseline = {}
    if taxonomy and eval_sets:
        from .rules import KeywordRuleClassifier

        rules = KeywordRuleClassifier().fit([], [])
        baseline = {k: evaluate_classifier(rules, v) for k, v in eval_sets.items()}

    if settings is None:
        params = estimator.get_params() if hasattr(estimator, "get_params") else {}
        settings_dict = {k: v for k, v in params.items() if isinstance(v, (int, float, str, bool, list, tuple))
                         or v is None}
    else:
        settings_dict = settings.to_dict() if hasattr(settings, "to_dict") else dict(settings)
    meta: dict[str, Any] = {
        "kind": "classifier", "name": name, "backend": _backend(estimator), "labels": labels,
        "label_set": {"labels": labels, "taxonomy": taxonomy},
        "settings": settings_dict, "eval_sets": list(eval_sets), "metrics": metrics, "versions_at_training": _versions(estimator),
    }
    if description:
        meta["description"] = description
    if getattr(estimator, "other_threshold", None) is not None:
        meta["threshold"] = float(estimator.other_threshold)
    if training_info:
        meta.update({k: v for k, v in training_info.items() if k in ("threshold", "threshold_scores")})
    top = _top_features(estimator)
    if top:
        meta["top_features"] = top
    if getattr(estimator, "checkpoint", None):
        meta["checkpoint"] = str(estimator.checkpoint)
    if train_data is not None:
        meta["training_data"] = _fingerprint(train_data)
        meta["n_train"] = len(train_data)
        counts: dict[str, int] = {}
        for r in train_data:
            counts[r["label"]] = counts.get(r["label"], 0) + 1
        meta["train_label_counts"] = {lab: counts.get(lab, 0) for lab in labels}
    if training_data is not None:
        meta["training_data"] = {**meta.get("training_data", {}), **training_data}
    if reference_meta:
        meta["reference_model"] = reference_meta
        meta["reference_metrics"] = reference_metrics
    if baseline:
        meta["baseline_metrics"] = baseline
    if notes:
        meta["notes"] = notes
    if plots and metrics:
        from .plots import plot_confusion_matrix, plot_reliability

        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for split, m in metrics.items():
            plot_confusion_matrix(m, title=f"{name} on {split}", path=folder / f"confusion_{split}.png")
            files.append(f"confusion_{split}.png")
            if m.get("reliability"):
                ref_m = reference_metrics.get(split)
                plot_reliability(m, reference=ref_m, names=(name, (reference_meta or {}).get("name", "reference")),
                                 title=f"reliability on {split}", path=folder / f"reliability_{split}.png")
                files.append(f"reliability_{split}.png")
        meta["plots"] = files
    meta = _json_ready(meta)
    save_model_folder(folder, estimator, meta, render_card(meta))
    logger.info("saved %s to %s", name, folder)
    return folder
