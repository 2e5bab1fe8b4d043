"""The search page loads its scripts side by side, and answers as soon as the last one has run (issue 20, item 6).

The themes put Sphinx's search scripts (``searchtools.js``, ``language_data.js``,
``searchindex.js``) and ``doctools.js`` in ``<head>`` as parser-blocking scripts.
Opened from a downloaded copy (``file://``), Chromium then fetched them one
after another, each only when the one before had run: in a trace of
``search.html?q=...``, 85 of the 150 ms before the results were shown went on
that chain. Deferred scripts are all requested as the parser meets them, and
still run in the page's order.

So on the search page every script with a ``src`` is deferred (but
``documentation_options.js``: inline scripts that Sphinx writes after it set
its ``DOCUMENTATION_OPTIONS`` as the page is parsed), and the
handbook's two (:data:`handbook.search.search_page.SCRIPTS`) move to just before
``searchindex.js``. The order matters: a deferred ``searchtools.js`` starts the
search at once (the document is no longer "loading"), finds no index and
queues the query; ``handbook-search.js`` then replaces ``Search.query``; and
``searchindex.js`` runs the queued query through it. Loaded after the index,
the handbook's script would come too late and Sphinx's own ranking would answer.
``tests/test_search.py`` opens the page and checks the order and the answer.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

from handbook.search.search_page import SCRIPTS

SEARCH_PAGE = "search"
INDEX_SCRIPT = "searchindex.js"
READ_WHILE_PARSING = frozenset({"documentation_options.js"})  # Sphinx's inline <script>s set its object
SCRIPT_TAG = re.compile(r'(?P<indent>[ \t]*)<script(?P<before>[^>]*?) src="(?P<src>[^"]+)"(?P<after>[^>]*)></script>\n?')
WAITS = re.compile(r"\b(?:defer|async)\b")


def _name(src: str) -> str:
    return src.split("?", 1)[0].rsplit("/", 1)[-1]


def _deferred(tag: re.Match[str]) -> str:
    if WAITS.search(f"{tag['before']}{tag['after']}") or _name(tag["src"]) in READ_WHILE_PARSING:
        return tag.group(0)
    return f'{tag["indent"]}<script defer{tag["before"]} src="{tag["src"]}"{tag["after"]}></script>\n'


def scripts_side_by_side(html: str) -> str:
    """The search page's HTML with every external script deferred, and the handbook's just before the index."""
    tags = {_name(tag["src"]): tag for tag in SCRIPT_TAG.finditer(html)}
    if not {*SCRIPTS, INDEX_SCRIPT} <= tags.keys():
        return html  # not the handbook's search page (another theme's, or a page that only shares its name)
    ours = "".join(_deferred(tags[name]) for name in SCRIPTS)

    def rewrite(tag: re.Match[str]) -> str:
        name = _name(tag["src"])
        if name in SCRIPTS:
            return ""
        return (ours if name == INDEX_SCRIPT else "") + _deferred(tag)

    return SCRIPT_TAG.sub(rewrite, html)


def finish_search_page(app: Sphinx, pagename: str, html: list[str]) -> None:
    """``handbook-finish-page``: only the search page is rewritten."""
    if pagename == SEARCH_PAGE:
        html[0] = scripts_side_by_side(html[0])
