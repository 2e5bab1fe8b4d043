"""Every article is rated with PEMAT-P (issue 17, item 7), so a new article needs its rating.

The ratings are ``docs/_data/pemat.yaml`` (``handbook_pemat_file``), read with the build's own parser
(:mod:`handbook.content.pemat`), for every article found in the section folders.
"""

from __future__ import annotations

from handbook.content.pemat import Rating, parse_ratings
from tests.content.handbook_site import DOCS, articles, conf


def ratings() -> dict[str, Rating]:
    return parse_ratings((DOCS / conf().get("handbook_pemat_file", "_data/pemat.yaml")).read_text(encoding="utf-8"))


def test_every_article_is_rated_and_every_rating_is_of_an_article():
    assert sorted(ratings()) == sorted(articles())
