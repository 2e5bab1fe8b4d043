"""The stems of the index's book-index entries, titles and descriptions, made once at build time (issue 20, item 6).

Each search is a fresh load of ``search.html?q=...``, and ``handbook-search.js``
built its lexicon on every load: it split every book-index entry, title and
description of the site into words and ran the Snowball stemmer on each. That
took 28 ms of a search on the handbook and 41 ms on the bench's large
generated site, on a desktop; a phone is several times slower. The stems never change between
builds of the same pages, so the build writes them into the search data, and
the script only looks them up (a text the data lacks is still stemmed there,
so nothing is lost if the two ever disagree on which texts exist).

The words are split as the script splits them (:func:`handbook.search.vocabulary.words`),
without the script's fillers (the search data's ``fillers`` and the language's
stop words, which ``language_data.js`` gives the script), and stemmed by the
same Snowball stemmer Sphinx uses for the index, the one ``language_data.js``
carries in JavaScript. ``tests/test_search.py`` and ``tests/test_translated_site.py``
check in Chromium that the script, stemming every text itself, builds the same
lexicon.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sphinx.application import Sphinx

from handbook.core.upstream import UpstreamHook
from handbook.search.vocabulary import words

INDEXER = UpstreamHook("Sphinx", __name__, "reads the book-index entries and titles its search indexer collected")


def stems_of(text: str, fillers: set[str], stem: Callable[[str], str]) -> str:
    """The stems of ``text``'s words, space-separated: a third shorter than a list, and a stem has no space."""
    return " ".join(stem(word) for word in words(text) if word not in fillers)


def _stemmed(texts: Iterable[str], fillers: set[str], stem: Callable[[str], str]) -> dict[str, str]:
    return {text: stems_of(text, fillers, stem) for text in sorted(set(texts))}


def precomputed_stems(app: Sphinx, fillers: Iterable[str], descriptions: dict[str, str]) -> dict[str, dict[str, str]]:
    """``entries`` (as the index writes them, lower-case), ``titles`` and ``descriptions`` (by page), each as stems."""
    indexer = app.builder.indexer  # type: ignore[attr-defined]
    language = indexer.lang
    skipped = {*fillers, *language.stopwords}
    index_entries: dict[str, list[tuple[str, str, str]]] = INDEXER.attribute(indexer, "_index_entries")
    titles: dict[str, str] = INDEXER.attribute(indexer, "_titles")
    return {
        "descriptions": {name: stems_of(text, skipped, language.stem) for name, text in sorted(descriptions.items())},
        "entries": _stemmed((text.lower() for entries in index_entries.values() for text, *_ in entries), skipped, language.stem),
        "titles": _stemmed(titles.values(), skipped, language.stem),
    }
