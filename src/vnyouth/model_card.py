"""The human-readable model card of a model folder, generated from its ``meta.json``.

:func:`render_card` needs nothing but the ``meta`` dict that
:func:`vnyouth.model_io.save_model` writes, so a card can always be rebuilt
from a folder (``render_card(read_meta(path))``). Every number in the card is
in ``meta.json``: the metrics of this model next to those of the reference
model (by default the shipped one) on the same articles, the keyword-rule
baseline, the confusion matrix and the reliability curve behind the plots.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping

__all__ = ["render_card"]

_BACKENDS = {
    "linear": "Calibrated multinomial logistic regression over TF-IDF features of the title, the lead "
              "and the body (syllable n-grams, tone-canonical, digits masked){chars} "
              "(`vnyouth.ArticleClassifier`).",
    "transformer": "A transformer encoder fine-tuned for sequence classification "
                   "(`vnyouth.transformer.TransformerClassifier`), from the local checkpoint named below.",
}


def _f(v, digits: int = 3) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _delta(a, b) -> str:
    if a is None or b is None:
        return "–"
    return f"{a - b:+.3f}"


def _metrics_table(meta: Mapping) -> str:
    m, ref, base = meta.get("metrics", {}), meta.get("reference_metrics", {}), meta.get("baseline_metrics", {})
    ref_name = (meta.get("reference_model") or {}).get("name", "reference")
    has_ref, has_base = bool(ref), bool(base)
    head = ["set", "n", "macro-F1", "accuracy", "ECE"]
    if has_ref:
        head += [f"{ref_name} macro-F1", f"{ref_name} accuracy", f"{ref_name} ECE", "Δ macro-F1"]
    if has_base:
        head += ["keyword rules macro-F1"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for split in meta.get("eval_sets") or list(m):
        v = m[split]
        row = [split, _f(v.get("n")), _f(v.get("macro_f1")), _f(v.get("accuracy")), _f(v.get("ece"))]
        if has_ref:
            r = ref.get(split, {})
            row += [_f(r.get("macro_f1")), _f(r.get("accuracy")), _f(r.get("ece")),
                    _delta(v.get("macro_f1"), r.get("macro_f1"))]
        if has_base:
            row += [_f(base.get(split, {}).get("macro_f1"))]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _per_class(meta: Mapping, split: str) -> str:
    m = meta["metrics"][split]
    ref = meta.get("reference_metrics", {}).get(split)
    ref_name = (meta.get("reference_model") or {}).get("name", "reference")
    head = ["label", "precision", "recall", "F1", "n"] + ([f"{ref_name} F1"] if ref else [])
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    order = (m.get("confusion") or {}).get("labels") or list(m["per_class"])
    for lab in order:
        v = m["per_class"][lab]
        row = [f"`{lab}`", _f(v["precision"]), _f(v["recall"]), _f(v["f1"]), _f(v["support"])]
        if ref:
            row.append(_f(ref.get("per_class", {}).get(lab, {}).get("f1")))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def _confusion(m: Mapping) -> str:
    conf = m.get("confusion")
    if not conf:
        return ""
    labels, matrix = conf["labels"], conf["matrix"]
    lines = ["| true ↓ / predicted → | " + " | ".join(f"`{lab}`" for lab in labels) + " |",
             "|---|" + "---:|" * len(labels)]
    for lab, row in zip(labels, matrix):
        lines.append(f"| `{lab}` | " + " | ".join(str(x) for x in row) + " |")
    return "\n".join(lines)


def _reliability(m: Mapping, ref: Mapping | None, ref_name: str) -> str:
    rows = m.get("reliability")
    if not rows:
        return ""
    ref_rows = {r["bin"]: r for r in (ref or {}).get("reliability", [])}
    head = ["confidence bin", "n", "mean confidence", "accuracy"]
    if ref_rows:
        head += [f"{ref_name} n", f"{ref_name} accuracy"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for r in rows:
        rr = ref_rows.get(r["bin"], {})
        if not r["n"] and not rr.get("n"):
            continue
        row = [f"{r['lower']:.1f}–{r['upper']:.1f}", str(r["n"]), _f(r["confidence"]), _f(r["accuracy"])]
        if ref_rows:
            row += [str(rr.get("n", 0)), _f(rr.get("accuracy"))]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def render_card(meta: Mapping) -> str:
    """The Markdown model card for a ``meta.json`` dict written by :func:`vnyouth.model_io.save_model`."""
    name = meta.get("name", "model")
    labels = meta.get("labels", [])
    label_set = meta.get("label_set", {})
    taxonomy = label_set.get("taxonomy", True)
    backend = meta.get("backend", "linear")
    ref = meta.get("reference_model") or {}
    ref_name = ref.get("name", "reference")
    metrics = meta.get("metrics", {})
    order = meta.get("eval_sets") or list(metrics)
    main = "test" if "test" in metrics else (order[0] if order else None)
    data = meta.get("training_data", {})
    parts = [f"# Model card: {name}", ""]
    if meta.get("description"):
        parts += [meta["description"], ""]
    parts += [
        "Article-type classifier of `vnyouth`: labels a Vietnamese news article about the Ho Chi Minh "
        "Communist Youth Union as one of " + ", ".join(f"`{lab}`" for lab in labels) + ".",
        ("The labels are TAXONOMY's (`../shared/TAXONOMY.md`)." if taxonomy else
         "**The label set is user-defined** (not TAXONOMY's five types); it is recorded in "
         "`meta.json` under `label_set`."), "",
        "## Model", _BACKENDS.get(backend, f"`{backend}` backend.").format(
            chars=" and character n-grams of title and lead"
            if (meta.get("settings") or {}).get("char_weight", 0) else ""),
    ]
    if meta.get("checkpoint"):
        parts.append(f"Checkpoint: `{meta['checkpoint']}` (a local folder; nothing was downloaded).")
    if meta.get("threshold"):
        parts.append(f"When the top probability is below **{meta['threshold']:.2f}** the answer is `other`"
                     + (" (threshold chosen on dev)." if meta.get("threshold_scores") else "."))
    elif meta.get("threshold_scores"):
        parts.append("No fallback to `other`: a threshold of 0 did best on dev.")
    if meta.get("settings"):
        parts.append(f"Settings: `{json.dumps(meta['settings'], ensure_ascii=False, sort_keys=True)}`.")
    parts += ["", "## Data",
              f"Trained on `{data.get('id', 'unknown data')}` ({meta.get('n_train', data.get('n', '?'))} "
              f"articles; sha256 `{str(data.get('sha256', ''))[:16]}…`)."]
    counts = meta.get("train_label_counts")
    if counts:
        order = [lab for lab in labels if lab in counts] + [lab for lab in counts if lab not in labels]
        parts.append("Articles per label: " + ", ".join(f"`{k}` {counts[k]}" for k in order) + ".")
    if metrics:
        parts.append("Evaluated on: " + ", ".join(f"`{k}` ({metrics[k]['n']})"
                                                  for k in meta.get("eval_sets") or list(metrics))
                     + ". None of these articles were trained on"
                     + ("; `dev` chose the fallback threshold." if meta.get("threshold_scores") and "dev" in metrics
                        else "."))
    for note in meta.get("notes", []):
        parts.append(f"- {note}")
    if metrics:
        parts += ["", "## Metrics",
                  (f"This model next to **{ref_name}** (the reference model, `{ref.get('path', '')}`) on the "
                   "same articles. Δ is this model minus the reference." if ref else
                   "No reference model was evaluated."), "", _metrics_table(meta)]
        if main:
            parts += ["", f"Per class on `{main}`:", "", _per_class(meta, main)]
            conf = _confusion(metrics[main])
            if conf:
                parts += ["", f"Confusion matrix on `{main}` (the numbers of the confusion-matrix plot):", "",
                          conf]
            rel = _reliability(metrics[main], meta.get("reference_metrics", {}).get(main), ref_name)
            if rel:
                parts += ["", f"Reliability on `{main}` (the numbers of the reliability diagram; ECE "
                          f"{_f(metrics[main].get('ece'))}):", "", rel]
    top = meta.get("top_features")
    if top:
        parts += ["", "## What the model keys on",
                  "The strongest positive features per label (field: phrase; lower-cased, digits as 0):", ""]
        parts += [f"- `{lab}`: " + ", ".join(f"`{f}`" for f in top[lab]) for lab in labels if lab in top]
    plots = meta.get("plots")
    if plots:
        parts += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]
    parts += ["", "## Use", "```python", "import vnyouth",
              "from vnyouth.model_io import load_model",
              f"vnyouth.classify(text, model=\"path/to/{name}\")",
              f"model, meta = load_model(\"path/to/{name}\")  # verified: sha256 and versions",
              "```", f"Command line: `vnyouth classify --model path/to/{name} article.txt`, "
              f"`vnyouth evaluate --model path/to/{name} --compare <other model>`.",
              "", "## Limits",
              "- The corpus is written by the project; real reporting may differ, so expect lower figures "
              "on real articles. Small evaluation sets give noisy figures: a difference of one or two "
              "articles is not a finding.",
              "- The event decides the label, but the model only sees words: unusual phrasing of a known "
              "event type may be missed.",
              f"- Versions at training: `{json.dumps(meta.get('versions_at_training', {}), sort_keys=True)}`.", ""]
    return "\n".join(parts)
