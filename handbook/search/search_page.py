"""Search in patients' words, online and from a downloaded copy.

Sphinx's search page stays (``search.html?q=...`` fills ``#search-results``,
best first); ``_static/handbook-search.js`` replaces how it matches and ranks:
filler words are ignored, rare query words count more than common ones, a
misspelt word is corrected to the nearest indexed word (never a protected
medical term, never a common English word), synonym groups join lay and
clinical words, phrases ("pins and needles") are searched for what they mean,
and each result shows the article's description, without fetching the page, so
it also works from ``file://``. Only results that match the query well are
shown; when none does, the page says there is no article on it yet, and shows
the closest topics, the "Get help now" box if the query names a warning sign,
and a link to suggest the topic.

This module feeds that script: it writes ``_static/handbook-search-data.js``
(descriptions, synonym groups and phrases, the word lists of
:mod:`handbook.search.word_lists`, the warning signs of the red-flags data, the
topics, and the words a misspelling may be corrected to) before the search page
is written, so the page's script tags carry Sphinx's checksum (``?v=``) of both
scripts. It keeps the home, section and topic pages out of the search index, so
they never outrank the article a query is about, and the editors' pages
(``handbook_pdf_exclude``) too. Sphinx's search scripts and ``searchindex.js``
load on the search page only (templates ``layout.html`` and ``search.html``).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import IndexBuilder

from handbook.clinical.countries import fill_in
from handbook.clinical.redflags import red_flags, sign_wording
from handbook.content.metadata import page_meta
from handbook.core.upstream import UpstreamHook
from handbook.i18n.interface import N_, translate_all
from handbook.i18n.languages import is_translation
from handbook.search.precomputed_stems import precomputed_stems
from handbook.search.translation_words import sign_patterns, translation_carer_reading, translation_words
from handbook.search.vocabulary import phrases, synonyms, words
from handbook.search.word_lists import (
    COMMON_WORDS,
    CONDITION_PHRASES,
    ELSEWHERE,
    FILLERS,
    HEDGES,
    MEDICAL_ENDINGS,
    OTHER_CONDITIONS,
    PRODUCTS,
    PROTECTED_TERMS,
    SPREADS_TO,
)
from handbook.topics.tags import is_topic_page, topic_name, vocabulary

DATA_FILE = "_static/handbook-search-data.js"
SCRIPTS = ("handbook-search-data.js", "handbook-search.js")


def is_landing_page(app: Sphinx, docname: str) -> bool:
    parts = docname.split("/")
    return docname == app.config.root_doc or (len(parts) == 2 and parts[1] == "index")


def _keep_out_of_search(app: Sphinx, doctree: nodes.document) -> None:
    """Home, section and topic pages list articles; in results they would outrank them. Editors' pages are not for patients."""
    docname = app.env.docname
    if is_landing_page(app, docname) or is_topic_page(app.config, docname) or docname in app.config.handbook_pdf_exclude:
        app.env.metadata[docname]["nosearch"] = True


def topic_pages(env: BuildEnvironment) -> list[dict[str, str]]:
    """Each topic of the vocabulary that has a page: its name, page and one-line description."""
    folder = env.config.tags_output_dir.strip("/")
    found = []
    for name, description in vocabulary(env).items():
        page = f"{folder}/{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"
        if page in env.found_docs:
            found.append({"name": topic_name(env, name), "page": page, "description": description})
    return found


def topic_index(env: BuildEnvironment) -> str:
    """The page listing every topic (sphinx-tags' ``tagsindex``), or "" if there is none."""
    page = f"{env.config.tags_output_dir.strip('/')}/tagsindex"
    return page if page in env.found_docs else ""


def warning_signs(env: BuildEnvironment) -> dict[str, Any]:
    """The red-flags data's signs (text and patterns) and tiers, for the "Get help now" box; empty without the data."""
    data = red_flags(env)
    if data is None:
        return {"signs": [], "tiers": {}, "order": [], "page": "", "carers": None}
    tiers = {name: {"label": tier["label"], "action": fill_in(tier["action"], env.config)} for name, tier in data.tiers.items()}
    # "text" is what a query must match to name the sign; "shown" adds the sign's details for the box.
    # A translation's own patterns join the English ones (handbook.search.translation_words).
    own = sign_patterns(env)
    signs = [
        {
            "id": sign["id"], "tier": sign["tier"], "text": sign["text"], "shown": sign_wording(sign),
            "patterns": [*sign["patterns"], *own.get(sign["id"], [])],
        }
        for sign in data.signs
    ]  # fmt: skip
    page = env.config.handbook_red_flags_page
    # The tiers' order, most urgent first, as the data file lists them: the data is written with sorted keys.
    order = list(data.tiers)
    # A carer's "he" and "she" read as "you" are words of one language: a translation's own, or none (in Spanish
    # "he" is "I have"), never the articles' (handbook.clinical.carer_reading).
    carers = translation_carer_reading(env) if is_translation(env.config) else data.carer_reading
    return {"signs": signs, "tiers": tiers, "order": order, "page": page if page in env.found_docs else "", "carers": carers}


def suggest_topic_url(env: BuildEnvironment) -> str:
    """Where a reader asks for an article, as the pages' feedback link goes (``{query}`` is filled in by the page).

    The feedback address (``handbook_feedback_email``) if there is one, else the repository's issue form, else none.
    """
    subject = quote("Article request: ", safe="")
    if env.config.handbook_feedback_email:
        return f"mailto:{quote(env.config.handbook_feedback_email, safe='@')}?subject={subject}{{query}}"
    if env.config.handbook_repository_url:
        return f"{env.config.handbook_repository_url.rstrip('/')}/issues/new?title={subject}{{query}}"
    return ""


# The search page's own words, in the build's language (sphinx.po): the script fills in each "{name}".
PAGE_WORDS = {
    "showingResultsFor": N_("Showing results for {query}."),
    "searchInsteadFor": N_("Search instead for {query}"),
    "ifYouHave": N_("{action}, if you have:"),
    "allWarningSigns": N_("All warning signs and what to do"),
    "namesASign": N_("Your search names a warning sign: get help now, as the box at the top says."),
    "foundOne": N_("Found 1 page, best first."),
    "foundMany": N_("Found {count} pages, best first."),
    "noArticle": N_("We don't have an article about {query} yet."),
    "worried": N_("Worried it could be serious? {link}."),
    "closestTopics": N_("The closest topics:"),
    "browseTopics": N_("Browse all topics"),
    "suggestTopic": N_("{link} to the editors."),
    "suggestTopicLink": N_("Suggest this topic"),
    "showMore": N_("Show {count} more"),
    "searchResults": N_("Search Results"),
}


def search_data(env: BuildEnvironment) -> dict[str, Any]:
    """What the search page needs beyond Sphinx's index, in a stable order."""
    # By name: parallel and incremental builds fill page_meta in another order.
    metas = {name: meta for name, meta in sorted(page_meta(env).items()) if name in env.found_docs}
    titles = {name: env.titles[name].astext() for name in metas if name in env.titles}
    groups = synonyms(env)
    priority = [*titles.values(), *(term for meta in metas.values() for term in meta.also_called)]
    priority += [member for group in groups for member in group]
    rest = [meta.description or "" for meta in metas.values()]
    vocabulary_words = dict.fromkeys(word for text in [*priority, *rest] for word in words(text) if len(word) >= 3)
    # Pages kept out of the search index (landing, topic and editors' pages) must not be found by their description.
    searchable = {name for name in metas if not env.metadata.get(name, {}).get("nosearch")}
    return {
        "articles": sorted(name for name, meta in metas.items() if meta.is_article),
        "common": sorted({*COMMON_WORDS, *translation_words(env, "common")}),
        "conditions": sorted({*OTHER_CONDITIONS, *translation_words(env, "conditions")}),
        "descriptions": {
            name: meta.description for name, meta in sorted(metas.items()) if meta.description and name in searchable
        },
        "elsewhere": sorted(
            {*ELSEWHERE, *OTHER_CONDITIONS, *translation_words(env, "elsewhere"), *translation_words(env, "conditions")}
        ),
        "fillers": sorted({*FILLERS, *translation_words(env, "fillers")}),
        "hedges": sorted({*HEDGES, *translation_words(env, "hedges")}),
        "medicalEndings": MEDICAL_ENDINGS,
        # "kidney stones" is read as one condition, unless the synonyms file says what it means.
        "phrases": {**{name: [name] for name in CONDITION_PHRASES}, **phrases(env)},
        "products": PRODUCTS,
        "protected": PROTECTED_TERMS,
        "spreadsTo": SPREADS_TO,
        "searchable": len(searchable),  # pages in the search index: how rare a word is is judged against it
        "suggestTopic": suggest_topic_url(env),
        "synonyms": [list(group) for group in groups],
        "topicIndex": topic_index(env),
        "topics": topic_pages(env),
        "warningSigns": warning_signs(env),
        "words": list(vocabulary_words),
    }


def _write_search_data(app: Sphinx) -> list[tuple[str, dict, str]]:
    """On ``html-collect-pages``: after every page is read, before the search page is written (for its checksum)."""
    if app.builder.format == "html":
        target = Path(app.outdir) / DATA_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        translated = translate_all(app, list(PAGE_WORDS.values()))  # a missing translation stops the build
        data = {**search_data(app.env), "text": {key: translated[words] for key, words in PAGE_WORDS.items()}}
        data["stems"] = precomputed_stems(app, data["fillers"], data["descriptions"])
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        target.write_text(f"window.HANDBOOK_SEARCH = {payload};\n", encoding="utf-8")
    return []


def _add_scripts_to_the_search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Deferred, so they run after Sphinx's search scripts and before its search starts (on DOMContentLoaded)."""
    if pagename == "search":
        for script in SCRIPTS:
            app.add_js_file(script, loading_method="defer")


# Set on the patched IndexBuilder.load, so the patch is applied once.
PATCHED = "keeps_index_entries"
# The methods of Sphinx's IndexBuilder that _keep_index_entries_across_builds wraps.
WRAPPED = ("load", "freeze", "prune")
INDEX_BUILDER = UpstreamHook(
    "Sphinx",
    __name__,
    "wraps it to keep unchanged pages' index entries across incremental builds",
    issue="https://github.com/sphinx-doc/sphinx/issues/12599",
)


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

    Upstream: https://github.com/sphinx-doc/sphinx/issues/12599. A Sphinx
    without one of the three methods stops the build (:data:`INDEX_BUILDER`).
    """
    original, original_freeze, original_prune = (INDEX_BUILDER.attribute(IndexBuilder, hook) for hook in WRAPPED)
    if getattr(original, PATCHED, False):
        return

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

    setattr(load, PATCHED, True)
    # Deliberate monkeypatch of Sphinx's IndexBuilder, until the upstream issue above is fixed.
    IndexBuilder.load = load  # type: ignore[method-assign]
    IndexBuilder.freeze = freeze  # type: ignore[method-assign]
    IndexBuilder.prune = prune  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    _keep_index_entries_across_builds()
    app.setup_extension("handbook.search.vocabulary")
    app.setup_extension("handbook.clinical.redflags")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
