"""Plots: they draw the numbers they are given, save PNG and return a Figure."""
from __future__ import annotations

import math

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")

from matplotlib.figure import Figure

from vnyouth.plots import plot_confusion_matrix, plot_reliability, plot_rouge_by_length, save_figure
from vnyouth.reports import Table, reliability_curve

PNG = b"\x89PNG\r\n\x1a\n"


def _metrics(matrix, labels):
    return {"confusion": {"labels": labels, "matrix": matrix}}


def test_confusion_matrix_writes_every_count(tmp_path):
    matrix = [[5, 1, 0], [2, 7, 3], [0, 0, 11]]
    fig = plot_confusion_matrix(_metrics(matrix, ["a", "b", "c"]), path=tmp_path / "cm.png", title="t")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    cells = sorted((round(t.get_position()[1]), round(t.get_position()[0]), t.get_text()) for t in ax.texts)
    assert cells == sorted((i, j, str(matrix[i][j])) for i in range(3) for j in range(3))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert ax.get_title() == "t"
    assert (tmp_path / "cm.png").read_bytes()[:8] == PNG
    np.testing.assert_array_equal(ax.images[0].get_array(), np.array(matrix, dtype=float))


def test_confusion_matrix_normalised_colours_and_bad_input():
    fig = plot_confusion_matrix(np.array([[1, 3], [0, 4]]), labels=["x", "y"], normalize=True)
    np.testing.assert_allclose(fig.axes[0].images[0].get_array(), [[0.25, 0.75], [0.0, 1.0]])
    assert {t.get_text() for t in fig.axes[0].texts} == {"1", "3", "0", "4"}  # still counts
    with pytest.raises(ValueError, match="pass labels"):
        plot_confusion_matrix([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="does not fit 3 labels"):
        plot_confusion_matrix([[1, 2], [3, 4]], labels=["a", "b", "c"])


def test_reliability_diagram_draws_the_bins(tmp_path):
    rng = np.random.RandomState(1)
    proba = rng.dirichlet([2, 1], size=50)
    y = np.where(rng.rand(50) < proba[:, 0], "a", "b")
    rows = reliability_curve(y, proba, ["a", "b"], n_bins=5)
    fig = plot_reliability({"reliability": rows, "ece": 0.1}, reference=rows, names=("mine", "shipped"),
                           path=tmp_path / "rel.png")
    ax, hist = fig.axes
    lines = [line for line in ax.lines if line.get_label().startswith("mine")]
    assert len(lines) == 1 and lines[0].get_label() == "mine (ECE 0.100)"
    filled = [r for r in rows if r["n"]]
    np.testing.assert_allclose(lines[0].get_xdata(), [r["confidence"] for r in filled])
    np.testing.assert_allclose(lines[0].get_ydata(), [r["accuracy"] for r in filled])
    assert any(line.get_label().startswith("shipped (ECE") for line in ax.lines)
    heights = sorted(p.get_height() for p in hist.patches)
    assert sum(heights) == 2 * 50
    assert (tmp_path / "rel.png").read_bytes()[:8] == PNG


def test_reliability_needs_probabilities():
    with pytest.raises(ValueError, match="no 'reliability'"):
        plot_reliability({"macro_f1": 0.5})


def test_rouge_by_length_one_line_per_system(tmp_path):
    table = Table([{"length": "0-300", "lower": 0, "upper": 300, "n": 4, "Lead-3": 30.0, "summarizer": 35.5},
                   {"length": "300+", "lower": 300, "upper": math.inf, "n": 2, "Lead-3": 25.0, "summarizer": 33.0}])
    fig = plot_rouge_by_length(table, path=tmp_path / "r.png")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.lines] == ["Lead-3", "summarizer"]
    assert list(ax.lines[1].get_ydata()) == [35.5, 33.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0-300\n(n=4)", "300+\n(n=2)"]
    assert (tmp_path / "r.png").read_bytes()[:8] == PNG
    with pytest.raises(ValueError, match="no column for \\['TextRank'\\]"):
        plot_rouge_by_length(table, systems=["TextRank"])
    with pytest.raises(ValueError, match="no rows"):
        plot_rouge_by_length([])


def test_save_figure_only_png(tmp_path):
    fig = plot_confusion_matrix([[1]], labels=["a"])
    assert save_figure(fig, tmp_path / "sub" / "x.png").read_bytes()[:8] == PNG
    with pytest.raises(ValueError, match="PNG"):
        save_figure(fig, tmp_path / "x.pdf")
