"""Search in patients' words, online and from a downloaded copy.

Sphinx's search page stays (``search.html?q=...`` fills ``#search-results``,
best first); ``_static/handbook-search.js`` replaces how it matches and ranks:
any query word may match (ranked by how many do), filler words are ignored,
a misspelt word is corrected to the nearest indexed word, the synonym groups
join lay and clinical words, and each result shows the article's description,
without fetching the page, so it also works from ``file://``.

This module feeds that script: it writes ``_static/handbook-search-data.js``
(descriptions, synonym groups, filler words, and the words a misspelling may be
corrected to), keeps the home and section landing pages out of the search
index (and the topic pages) so they never outrank the article a query is
about, and loads Sphinx's
search scripts and ``searchindex.js`` on the search page only (templates
``layout.html`` and ``search.html``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import IndexBuilder

from handbook.metadata import page_meta
from handbook.topics import is_topic_page
from handbook.vocabulary import synonyms, words

DATA_FILE = "_static/handbook-search-data.js"
# Words a question carries that say nothing about the topic.
FILLERS = sorted(
    """a about am an and any are as at be been best better but by can could did do does doing
    for from get getting go going good got had has have help helps how i if i'm im in into is it
    its just know me might more most much my need of on or out should so some than that the their
    them then there these they this to too up us very was way we were what when where which while
    who why will with would you your""".split()
)


def is_landing_page(app: Sphinx, docname: str) -> bool:
    parts = docname.split("/")
    return docname == app.config.root_doc or (len(parts) == 2 and parts[1] == "index")


def _keep_ways_in_out_of_search(app: Sphinx, doctree: nodes.document) -> None:
    """Home, section and topic pages list articles; in results they would outrank them."""
    docname = app.env.docname
    if is_landing_page(app, docname) or is_topic_page(app.config, docname):
        app.env.metadata[docname]["nosearch"] = True


def search_data(env: BuildEnvironment) -> dict[str, Any]:
    """What the search page needs beyond Sphinx's index, in a stable order."""
    # By name: parallel and incremental builds fill page_meta in another order.
    metas = {name: meta for name, meta in sorted(page_meta(env).items()) if name in env.found_docs}
    titles = {name: env.titles[name].astext() for name in metas if name in env.titles}
    groups = synonyms(env)
    priority = [*titles.values(), *(term for meta in metas.values() for term in meta.also_called)]
    priority += [member for group in groups for member in group]
    rest = [meta.description or "" for meta in metas.values()]
    vocabulary = dict.fromkeys(word for text in [*priority, *rest] for word in words(text) if len(word) >= 3)
    return {
        "articles": sorted(name for name, meta in metas.items() if meta.is_article),
        "descriptions": {name: meta.description for name, meta in sorted(metas.items()) if meta.description},
        "fillers": FILLERS,
        "synonyms": [list(group) for group in groups],
        "words": list(vocabulary),
    }


def _write_search_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / DATA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(search_data(app.env), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    target.write_text(f"window.HANDBOOK_SEARCH = {payload};\n", encoding="utf-8")


def _keep_index_entries_across_builds() -> None:
    """Work around Sphinx 9.0: an incremental build drops every unchanged page's index entries.

    ``IndexBuilder.load`` restores the previous ``searchindex.js`` for the pages
    a build does not rewrite, but not their ``indexentries``. After any partial
    rebuild, the also_called words and synonyms of every other article would
    vanish from search. This wraps ``load`` to restore them from the same file,
    and ``freeze`` to list them by page name, so a rebuild writes the same
    ``searchindex.js`` as a clean build (restored pages would come first).

    ``prune`` is wrapped too: Sphinx's own drops a page's titles and words but
    not its index entries (it never restores any), so the restored entries of a
    page that was deleted, renamed or made a draft would reach ``freeze`` and
    crash it with a ``KeyError``. It also keeps a word found only on such a
    page, with no pages, which a clean build would not list.

    Upstream: https://github.com/sphinx-doc/sphinx/issues/12599
    """
    if getattr(IndexBuilder.load, "keeps_index_entries", False):
        return
    for hook in ("load", "freeze", "prune"):
        if not callable(getattr(IndexBuilder, hook, None)):
            raise RuntimeError(f"handbook.search: Sphinx {sphinx.__version__} has no IndexBuilder.{hook}; update the workaround")
    original = IndexBuilder.load
    original_freeze = IndexBuilder.freeze
    original_prune = IndexBuilder.prune

    def prune(self: IndexBuilder, docnames: Iterable[str]) -> None:
        kept = set(docnames)
        original_prune(self, kept)
        for docname in [name for name in self._index_entries if name not in kept]:
            del self._index_entries[docname]
        for mapping in (self._mapping, self._title_mapping):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]

    def freeze(self: IndexBuilder) -> dict[str, Any]:
        self._index_entries = dict(sorted(self._index_entries.items()))
        return original_freeze(self)

    def load(self: IndexBuilder, stream: Any, format: Any) -> None:
        text = stream.read()
        original(self, io.StringIO(text) if isinstance(text, str) else io.BytesIO(text), format)
        frozen = (self.formats[format] if isinstance(format, str) else format).loads(text)
        names = frozen["docnames"]
        restored: dict[str, list[tuple[str, str, str]]] = {}
        for entry, hits in frozen.get("indexentries", {}).items():
            for document, anchor, main in hits:
                restored.setdefault(names[document], []).append((entry, anchor, "main" if main else ""))
        for docname, entries in restored.items():
            self._index_entries.setdefault(docname, sorted(entries))

    load.keeps_index_entries = True
    IndexBuilder.load = load
    IndexBuilder.freeze = freeze
    IndexBuilder.prune = prune


def setup(app: Sphinx) -> dict[str, Any]:
    _keep_index_entries_across_builds()
    app.setup_extension("handbook.vocabulary")
    app.connect("doctree-read", _keep_ways_in_out_of_search)
    app.connect("build-finished", _write_search_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
