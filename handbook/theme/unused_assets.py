"""Pages leave out the Sphinx files the handbook does not use: fewer requests and bytes on a phone.

Sphinx adds ``pygments.css`` (13 KB), ``doctools.js`` and ``sphinx_highlight.js``
to every page. Articles hold no code (:mod:`handbook.content.structure`
forbids code blocks), so the colours of highlighted code are never used.
``doctools.js`` and ``sphinx_highlight.js`` serve Sphinx's search:
``searchtools.js`` calls them, so the search page keeps them; on any other
page ``sphinx_highlight.js`` only marks the words searched for and adds a
"Hide Search Matches" button (issue 16, items 5 and 7), and ``doctools.js``
only its keyboard shortcuts ("/" to a search box; the theme's Ctrl+K stays).

Bootstrap's script (81 KB) only opened the theme's "Color mode" menu (and
tooltips, which the buttons' titles give without it):
``_templates/theme-switcher.html`` is one "Dark mode" button instead, so the
finished pages (:mod:`handbook.core.final_html_pass`) drop the script and its
preload link.

The files stay in ``_static``: a page from an older build, or the search page,
may still ask for them. ``tests/test_page_weight.py`` counts what Chromium
loads.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

UNUSED_STYLESHEETS = frozenset({"pygments.css"})
# Needed by searchtools.js, which only the search page loads (_templates/layout.html).
SEARCH_ONLY_SCRIPTS = frozenset({"doctools.js", "sphinx_highlight.js"})
SEARCH_PAGE = "search"
# pydata-sphinx-theme's <link rel="preload"> in <head> and its <script defer> at the end of <body>.
BOOTSTRAP = re.compile(
    r'[ \t]*<(?:link rel="preload" as="script"|script defer src)[^>]*/scripts/bootstrap\.js[^>]*>(?:</script>)?\n?'
)


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


def _leave_out_unused(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if "css_files" in context:
        context["css_files"] = [sheet for sheet in context["css_files"] if _name(sheet) not in UNUSED_STYLESHEETS]
    if pagename != SEARCH_PAGE and "script_files" in context:
        context["script_files"] = [script for script in context["script_files"] if _name(script) not in SEARCH_ONLY_SCRIPTS]


def without_bootstrap(html: str) -> str:
    return BOOTSTRAP.sub("", html)


def _leave_out_bootstrap(app: Sphinx, pagename: str, html: list[str]) -> None:
    html[0] = without_bootstrap(html[0])


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.core.final_html_pass")
    app.connect("handbook-finish-page", _leave_out_bootstrap)
    # Late, after the handlers that add files to the page (the search page's, at the default 500).
    app.connect("html-page-context", _leave_out_unused, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
