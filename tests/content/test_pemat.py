"""Every article is rated with PEMAT-P (issue 17, item 7) and meets the pass marks the handbook publishes.

The ratings are ``docs/_data/pemat.yaml`` (``handbook_pemat_file``), read with the build's own parser
(:mod:`handbook.content.pemat`), for every article found in the section folders. The pass marks are the options of
the ``{pemat-results}`` directive, read from the page that shows them, so a fork that publishes other marks is held
to its own.
"""

from __future__ import annotations

import re

from handbook.content.pemat import Rating, parse_ratings
from tests.content.handbook_site import DOCS, articles, conf

RESULTS_DIRECTIVE = re.compile(r"```\{pemat-results\}\n(.*?)```", re.DOTALL)


def ratings() -> dict[str, Rating]:
    return parse_ratings((DOCS / conf().get("handbook_pemat_file", "_data/pemat.yaml")).read_text(encoding="utf-8"))


def published_pass_marks() -> dict[str, int]:
    """The ``{pemat-results}`` directive's options (``understandability``, ``actionability``), as the site shows them."""
    for page in sorted(DOCS.rglob("*.md")):
        found = RESULTS_DIRECTIVE.search(page.read_text(encoding="utf-8"))
        if found:
            return {name: int(mark) for name, mark in re.findall(r"^:(\w+): (\d+)\s*$", found.group(1), re.MULTILINE)}
    return {}


def test_every_article_is_rated_and_every_rating_is_of_an_article():
    assert sorted(ratings()) == sorted(articles())


def test_every_article_meets_the_published_pass_marks():
    marks = published_pass_marks()
    assert sorted(marks) == ["actionability", "understandability"]
    below = {
        docname: (rating.understandability, rating.actionability)
        for docname, rating in ratings().items()
        if rating.understandability < marks["understandability"] or rating.actionability < marks["actionability"]
    }
    assert below == {}, f"articles below the published PEMAT-P marks {marks} (understandable %, actionable %): {below}"
