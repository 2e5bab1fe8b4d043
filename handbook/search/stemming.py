"""Stem each word once per build for the search index, not once per page.

Sphinx's search indexer runs the Snowball stemmer on every distinct word of
every page, remembering the stems only while it reads that one page. Articles
share most of their words, so at 1,000 articles the stemmer was one of the
largest costs of writing the site. The stem of a word never changes, so this
module gives the indexer's language one memory of stems for the whole build.
"""

from __future__ import annotations

import functools

from docutils import nodes
from sphinx.application import Sphinx

from handbook.core.output_cache import enabled


def _share_stems_across_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Before the first page is indexed (the indexer exists once writing has started); not with the caches off."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or "stem" in vars(indexer.lang) or not enabled(app):
        return
    indexer.lang.stem = functools.cache(indexer.lang.stem)
