"""vnyouth: label and summarise Vietnamese news about the Ho Chi Minh Communist Youth Union.

>>> import vnyouth
>>> vnyouth.LABELS[0]
'working_session'

Everything public is listed in ``__all__`` and imported lazily, so
``import vnyouth`` is fast and loads no model.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__
from .labels import LABELS

# public name -> module that defines it
_EXPORTS = {
    "classify": "api", "classify_many": "api", "ClassificationResult": "api",
    "analyze": "analysis", "analyze_many": "analysis", "AnalysisResult": "analysis",
    "summarize": "summarizer", "summarize_document": "summarizer", "SummaryResult": "summarizer",
    "extract": "extract", "extract_document": "extract", "Facts": "extract",
    "tag": "batch", "tag_dataset": "batch",
    "save_model": "model_io", "load_model": "model_io",
    "load_labelled": "labelled_data", "merge_with_corpus": "labelled_data", "LabelledData": "labelled_data",
    "evaluate_classifier": "reports", "compare_models": "reports", "misclassified": "reports",
    "cross_validate": "model_selection", "grid_search": "model_selection",
    "rank_by_uncertainty": "active_learning", "TransformerClassifier": "transformer",
    "ArticleClassifier": "classifier", "KeywordRuleClassifier": "rules",
    "ClassifierSettings": "training", "train_classifier": "training",
    "save_model_folder": "model_folder", "load_model_folder": "model_folder",
    "ModelFolderError": "model_folder",
    "normalize": "normalize", "canonical_tones": "normalize",
    "split_sentences": "sentences", "parse": "document", "Document": "document",
    "load_corpus": "data", "load_split": "data", "load_seeds": "data",
}

__all__ = ["__version__", "LABELS", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vnyouth' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from .analysis import AnalysisResult, analyze, analyze_many
    from .api import ClassificationResult, classify, classify_many
    from .active_learning import rank_by_uncertainty
    from .batch import tag, tag_dataset
    from .labelled_data import LabelledData, load_labelled, merge_with_corpus
    from .model_io import load_model, save_model
    from .model_selection import cross_validate, grid_search
    from .reports import compare_models, evaluate_classifier, misclassified
    from .transformer import TransformerClassifier
    from .extract import Facts, extract, extract_document
    from .summarizer import SummaryResult, summarize, summarize_document
    from .classifier import ArticleClassifier
    from .data import load_corpus, load_seeds, load_split
    from .document import Document, parse
    from .model_folder import ModelFolderError, load_model_folder, save_model_folder
    from .normalize import canonical_tones, normalize
    from .rules import KeywordRuleClassifier
    from .sentences import split_sentences
    from .training import ClassifierSettings, train_classifier
