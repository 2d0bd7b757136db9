"""analyze() and analyze_many(): label, summary and facts in one pass, the same either way."""
from __future__ import annotations

import json

import pytest

from vnyouth import analyze, analyze_many
from vnyouth.data import load_split


@pytest.fixture(scope="module")
def articles():
    return [{"title": r["title"], "text": r["text"]} for r in load_split("dev")[:10]]


def test_analyze_many_matches_analyze_article_by_article(articles):
    many = analyze_many(articles)
    assert len(many) == len(articles)
    for item, got in zip(articles, many):
        one = analyze(item["text"], title=item["title"])
        assert got.label == one.label and got.summary == one.summary
        assert got.scores == pytest.approx(one.scores)
        assert got.facts.to_dict() == one.facts.to_dict()
    # the articles differ, so a result paired with the wrong article would be caught above
    assert len({json.dumps(r.facts.to_dict(), sort_keys=True) for r in many}) == len(articles)
    assert len({r.summary for r in many}) == len(articles)


def test_analyze_many_names_the_bad_index(articles):
    with pytest.raises(ValueError, match=r"items\[1\]"):
        analyze_many([articles[0], {"text": "   "}])
    with pytest.raises(TypeError, match="analyze_many"):
        analyze_many(articles[0])
    assert analyze_many([]) == []
