"""Everything an article page shows around its body, placed in one step, in reading order.

A patient reading an article meets, from the top:

* under the title: the page's purpose, its topic badges and who has reviewed it
  (:mod:`handbook.article.review_status`), then the PDFs of the page
  (:mod:`handbook.printing.manifest`);
* the article itself;
* at the end: what changed in the latest review (:mod:`handbook.article.changes`),
  "Page last reviewed ... Next review due" and the reviewers (``review_status``),
  then "Found a mistake?" and "Was this page helpful?" (:mod:`handbook.article.feedback`).

Each part is made by the module that owns its data; this module decides only
where each goes and in what order. To change what an article page shows around
its body, start here. It runs when the page is read (``doctree-read``), so the
website, the book and the handouts show the same parts.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from handbook.article.changes import add_last_changes
from handbook.article.feedback import add_reader_links
from handbook.article.review_status import add_heading_lines, add_review_lines
from handbook.printing.manifest import add_download_links


def decorate_article(app: Sphinx, doctree: nodes.document) -> None:
    """Place the parts around an article's body, top to bottom."""
    add_heading_lines(app, doctree)
    add_download_links(app, doctree)
    add_last_changes(app, doctree)
    add_review_lines(app, doctree)
    add_reader_links(app, doctree)
