"""Training the classifier from the corpus, reproducibly, into a model folder.

``vnyouth train`` and :func:`train_classifier_folder` rebuild the shipped model
from ``data/``: fit on ``train`` (folds grouped by ``family``), choose the
``other`` fallback threshold on ``dev``, score ``dev``, ``test`` and the seed
articles, and write a model folder with ``meta.json`` and a model card.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import numpy as np

from .classifier import ArticleClassifier
from .data import corpus_dir, load_seeds, load_split, CorpusError
from .evaluation import classification_metrics, expected_calibration_error, format_metrics
from .labels import LABELS
from .model_folder import DEFAULT_MODELS, save_model_folder
from .rules import KeywordRuleClassifier

__all__ = ["ClassifierSettings", "train_classifier", "choose_threshold", "train_classifier_folder",
           "corpus_fingerprint"]

logger = logging.getLogger(__name__)


@dataclass
class ClassifierSettings:
    """Everything that decides a trained classifier; saved in ``meta.json``.

    Attributes mirror :class:`~vnyouth.ArticleClassifier` parameters, plus
    ``thresholds``: the candidate ``other`` fallback thresholds tried on dev.
    """

    C: float = 8.0
    title_weight: float = 1.0
    lead_weight: float = 1.0
    body_weight: float = 1.0
    char_weight: float = 0.0
    word_ngram_range: tuple[int, int] = (1, 3)
    char_ngram_range: tuple[int, int] = (2, 5)
    min_df: int = 2
    calibration: str = "temperature"
    cv: int = 5
    random_state: int = 0
    thresholds: tuple[float, ...] = field(default=(0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6))

    def __post_init__(self) -> None:
        self.word_ngram_range = tuple(self.word_ngram_range)
        self.char_ngram_range = tuple(self.char_ngram_range)
        self.thresholds = tuple(float(t) for t in self.thresholds)
        if self.C <= 0:
            raise ValueError(f"C={self.C!r} must be positive")
        for name in ("title_weight", "lead_weight", "body_weight", "char_weight"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name}={getattr(self, name)!r} must be >= 0")
        for name in ("word_ngram_range", "char_ngram_range"):
            lo, hi = getattr(self, name)
            if not 1 <= lo <= hi:
                raise ValueError(f"{name}={getattr(self, name)!r} must be (lo, hi) with 1 <= lo <= hi")
        if self.calibration not in ("temperature", "sigmoid", "isotonic"):
            raise ValueError(f"calibration={self.calibration!r}; expected temperature, sigmoid or isotonic")
        if not self.thresholds or any(not 0 <= t < 1 for t in self.thresholds):
            raise ValueError(f"thresholds={self.thresholds!r} must be non-empty values in [0, 1)")

    def to_dict(self) -> dict:
        """A JSON-ready dict; :meth:`from_dict` reads it back."""
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, d: dict) -> "ClassifierSettings":
        """Build settings from :meth:`to_dict` output; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ValueError(f"unknown settings {sorted(unknown)}; known: {sorted(known)}")
        return cls(**d)

    def estimator(self, other_threshold: float = 0.0) -> ArticleClassifier:
        """An unfitted classifier with these settings."""
        params = {k: v for k, v in self.to_dict().items() if k != "thresholds"}
        params["word_ngram_range"] = tuple(params["word_ngram_range"])
        params["char_ngram_range"] = tuple(params["char_ngram_range"])
        return ArticleClassifier(other_threshold=other_threshold, **params)


def _xy(records):
    return ([{"title": r.get("title"), "text": r["text"]} for r in records],
            [r["label"] for r in records])


def choose_threshold(estimator: ArticleClassifier, X_dev, y_dev, thresholds) -> tuple[float, dict]:
    """The ``other`` fallback threshold with the best dev macro-F1 (ties: the lowest).

    Macro-F1 is over TAXONOMY's labels, or over the estimator's own classes
    when it was trained on a user-defined label set.
    """
    proba = estimator.predict_proba(X_dev)
    classes = [str(c) for c in estimator.classes_]
    labels = LABELS if set(classes) <= set(LABELS) else classes
    scores = {}
    for t in thresholds:
        estimator.set_params(other_threshold=t)
        pred = estimator._labels_from_proba(proba)
        scores[t] = classification_metrics(y_dev, pred, labels=labels)["macro_f1"]
    best = max(thresholds, key=lambda t: (round(scores[t], 6), -t))
    estimator.set_params(other_threshold=best)
    return best, scores


def train_classifier(train: list[dict], dev: list[dict],
                     settings: ClassifierSettings | None = None) -> tuple[ArticleClassifier, dict]:
    """Fit on ``train`` (grouped by family), pick the fallback threshold on ``dev``.

    Returns the fitted estimator and ``{"threshold", "threshold_scores"}``.
    """
    settings = settings or ClassifierSettings()
    X, y = _xy(train)
    groups = [r.get("family", r["id"]) for r in train]
    est = settings.estimator().fit(X, y, groups=groups)
    X_dev, y_dev = _xy(dev)
    threshold, scores = choose_threshold(est, X_dev, y_dev, settings.thresholds)
    return est, {"threshold": threshold, "threshold_scores": {str(k): v for k, v in scores.items()}}


def corpus_fingerprint(data_dir=None) -> dict:
    """Id and sha256 of the training data (the three split files)."""
    folder = corpus_dir(data_dir)
    h = hashlib.sha256()
    for split in ("train", "dev", "test"):
        h.update((folder / f"{split}.jsonl").read_bytes())
    version = (folder / "VERSION").read_text().strip() if (folder / "VERSION").is_file() else "unversioned"
    return {"id": f"vnyouth-corpus-{version}", "sha256": h.hexdigest()}


def evaluate_estimator(est, records: list[dict]) -> dict:
    """Metrics of a fitted classifier on labelled records (plus ECE when it has probabilities)."""
    X, y = _xy(records)
    m = classification_metrics(y, est.predict(X))
    if hasattr(est, "predict_proba"):
        m["ece"] = expected_calibration_error(y, est.predict_proba(X), [str(c) for c in est.classes_])
    return m


def _card(name: str, meta: dict) -> str:
    m = meta["metrics"]
    rows = []
    for split in ("dev", "test", "seeds"):
        if split in m:
            rb = meta["baseline_metrics"].get(split, {})
            rows.append(f"| {split} | {m[split]['n']} | {m[split]['macro_f1']:.3f} | {m[split]['accuracy']:.3f} | "
                        f"{m[split].get('ece', float('nan')):.3f} | {rb.get('macro_f1', float('nan')):.3f} |")
    chars = (" and character n-grams of title and lead" if meta["settings"].get("char_weight") else "")
    top = "\n".join(f"- `{lab}`: " + ", ".join(f"`{f}`" for f in feats)
                    for lab, feats in meta.get("top_features", {}).items())
    per_class = "\n".join(
        f"| {lab} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |"
        for lab, v in m["test"]["per_class"].items())
    return f"""# Model card: {name}

Article-type classifier of `vnyouth`: labels a Vietnamese news article about the
Ho Chi Minh Communist Youth Union as one of {', '.join(f'`{l}`' for l in LABELS if l in meta['labels'])}
(see `../shared/TAXONOMY.md`).

## Model
Calibrated multinomial logistic regression (temperature scaling on
family-grouped cross-validated predictions) over TF-IDF features of the
title, the lead and the body (syllable n-grams, tone-canonical, digits
masked){chars}. When the top probability
is below **{meta['threshold']:.2f}** (chosen on dev) the answer is `other`.
Settings: `{json.dumps(meta['settings'], ensure_ascii=False)}`.
They were chosen on `dev` (never `test`) by a small grid — C ∈ {{2, 8, 32}},
body weight ∈ {{0.25, 0.5, 1}}, character n-gram weight ∈ {{0, 0.5}}: dev macro-F1
ranged 0.940–0.958 (one or two articles); body weight 1 was best, C and
character n-grams made no difference on dev, so the simpler and faster model
(no character n-grams) was kept.

## Data
Trained on the `train` split of the authored corpus `{meta['training_data']['id']}`
(sha256 `{meta['training_data']['sha256'][:16]}…`; {meta['n_train']} articles), threshold
chosen on `dev`. Neither `test` nor the five seed articles were seen in training.
The corpus is written by this project (see `data/README.md`); real articles
may differ from it, so expect lower figures on real reporting.

## Metrics (held out)
| split | n | macro-F1 | accuracy | ECE | keyword-rule baseline macro-F1 |
|---|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

Per class on `test`:

| label | precision | recall | F1 | n |
|---|---:|---:|---:|---:|
{per_class}

Reproduce: `vnyouth train --out models/{name}` (deterministic for the same
data, settings and scikit-learn version), then `vnyouth evaluate --model models/{name}`.

## What the model keys on
The strongest positive features per label (checked so that none is a byline,
caption, site furniture or a writer's stock phrase; captions, bylines and
furniture are removed before features are computed):

{top}

## Limits
- Trained on authored articles; the event decides the label, but the model
  only sees words: unusual phrasing of a known event type may be missed.
- Articles about several events are labelled by their title and lead.
- Versions: {json.dumps(meta.get('versions_at_training', {}))}.
"""


def train_classifier_folder(out_dir: str | os.PathLike | None = None, data_dir=None,
                            settings: ClassifierSettings | None = None,
                            name: str | None = None) -> tuple[Path, dict]:
    """Train from ``data_dir`` and write a model folder; return its path and ``meta``."""
    settings = settings or ClassifierSettings()
    name = name or DEFAULT_MODELS["classifier"]
    out = Path(out_dir) if out_dir is not None else Path("models") / name
    train, dev, test = (load_split(s, data_dir) for s in ("train", "dev", "test"))
    est, info = train_classifier(train, dev, settings)
    try:
        seeds = load_seeds()
    except CorpusError:
        seeds = []
        logger.warning("seed articles not found; the model card will not report them")
    rules = KeywordRuleClassifier().fit([], [])
    evals = {"dev": dev, "test": test, **({"seeds": seeds} if seeds else {})}
    metrics = {k: evaluate_estimator(est, v) for k, v in evals.items()}
    baseline = {k: evaluate_estimator(rules, v) for k, v in evals.items()}
    import sklearn
    base = est.calibrated_.calibrated_classifiers_[0].estimator
    top_features = {str(lab): [str(est.feature_names_[j]) for j in np.argsort(-base.coef_[i])[:12]]
                    for i, lab in enumerate(est.classes_)}
    meta = {
        "kind": "classifier", "name": name, "labels": [str(c) for c in est.classes_],
        "threshold": info["threshold"], "threshold_scores": info["threshold_scores"],
        "settings": settings.to_dict(), "training_data": corpus_fingerprint(data_dir),
        "n_train": len(train), "metrics": metrics, "baseline_metrics": baseline,
        "versions_at_training": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "top_features": {lab: top_features[lab] for lab in LABELS if lab in top_features},
    }
    save_model_folder(out, est, meta, _card(name, meta))
    for k in metrics:
        logger.info("%s", format_metrics(k, metrics[k]))
    return out, meta
