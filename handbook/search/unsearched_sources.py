"""Keep each page's "Sources" out of the search index.

The reference list repeats the titles of the papers and pages a fact was
checked against: "Mayo Clinic Proceedings", "ADHD", "postnatal". A patient's
query that shares such a word is not about the page, yet Sphinx indexes every
word of it, so "mayo clinic appointment" found the page on inflammatory back
pain. Sphinx skips any node with the ``no-search`` class (``sphinx.search.WordCollector``),
so the section gets it; the page shows it as before.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from handbook.content.readability import is_sources_section

NO_SEARCH = "no-search"  # the class Sphinx's search indexer skips


def _keep_sources_out_of_search(app: Sphinx, doctree: nodes.document) -> None:
    for section in doctree.findall(is_sources_section):
        section["classes"].append(NO_SEARCH)


def setup(app: Sphinx) -> dict[str, Any]:
    # env_version: doctrees read before this module existed lack the class, so adding it rereads every page.
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
