"""A citation style that prints only what was checked, and never fails on a gap.

The evidence file records only the bibliographic fields seen on the page each
source was checked against: some entries have no year, no authors or no
journal, on purpose. Standard pybtex styles stop the whole build on such an
entry ("missing year"). This style prints what is there, in one shape for every
entry type: authors, title as written, where it appeared, year, DOI (a link to the
work, which ``make linkcheck`` checks). The ``note`` field is
the editors' record of where a fact was checked and is not printed.

It is also fast at scale: sphinxcontrib-bibtex makes a new style for every
``{footcite}``, and pybtex then looks up its name, label and sorting styles in
the installed packages' entry points (a scan of every package's metadata, 25 ms
a citation). This style names those classes directly. And pybtex takes about
4 ms to format one entry, which sphinxcontrib-bibtex does for the whole
reference list on every build, even one that changed nothing: so each
formatted entry is kept, under a digest of its fields, in the doctree folder
from one build to the next.
"""

from __future__ import annotations

import pickle
from typing import Any

from pybtex.plugin import find_plugin, register_plugin
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, first_of, href, join, optional, sentence, words
from sphinx.application import Sphinx

from handbook.core.output_cache import digest_of, enabled, location

STYLE_NAME = "handbook"
STYLE_VERSION = "2"  # change it when the template below changes: stored entries are then remade
CACHE_FILE = "citations.pickle"  # in handbook.core.output_cache.FOLDER
# A DOI is printed as itself and links to the work, so readers can open the source.
DOI_RESOLVER = "https://doi.org/"

# Formatted entries by digest: those of the last build, and those used in this one.
_STORED: dict[str, FormattedEntry] = {}
_USED: dict[str, FormattedEntry] = {}
# False for a build with the caches off (handbook_cache): every entry is formatted where it is cited.
_CACHING = [True]


def entry_digest(entry: Any, label: str) -> str:
    """Everything a formatted entry is made from."""
    persons = {role: [str(person) for person in people] for role, people in entry.persons.items()}
    parts = (STYLE_VERSION, entry.key, entry.type, label, sorted(entry.fields.items()), sorted(persons.items()))
    return digest_of(parts)


class HandbookStyle(UnsrtStyle):
    default_name_style = find_plugin("pybtex.style.names")
    default_label_style = find_plugin("pybtex.style.labels")
    default_sorting_style = find_plugin("pybtex.style.sorting")

    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        digest = entry_digest(entry, label)
        formatted = (_USED.get(digest) or _STORED.get(digest)) if _CACHING[0] else None
        if formatted is None:
            context = {"entry": entry, "style": self, "bib_data": bib_data}
            formatted = FormattedEntry(entry.key, self.template(entry).format_data(context), label)
        _USED[digest] = formatted
        return formatted

    def template(self, entry: Any) -> Any:
        where = first_of[
            optional[sentence[field("journal"), optional[field("volume")], optional[field("pages")]]],
            optional[sentence[field("howpublished")]],
        ]
        return toplevel[
            optional[self.format_names("author")],
            sentence[field("title")],  # as written: sentence-casing would lower "American", "NICE"
            where,
            optional[sentence[words[optional[field("month")], field("year")]]],
            optional[sentence[join["doi:", href[join[DOI_RESOLVER, field("doi", raw=True)], field("doi", raw=True)]]]],
        ]


def _load_formatted(app: Sphinx) -> None:
    _STORED.clear()
    _USED.clear()
    _CACHING[0] = enabled(app)
    if not _CACHING[0]:
        return
    try:
        _STORED.update(pickle.loads(location(app, CACHE_FILE).read_bytes()))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # first build, or a cache from another version: everything is formatted afresh


def _store_formatted(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _CACHING[0] and not _USED.keys() <= _STORED.keys():
        location(app, CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
        location(app, CACHE_FILE).write_bytes(pickle.dumps(_STORED | _USED))


def setup(app: Sphinx) -> dict[str, Any]:
    register_plugin("pybtex.style.formatting", STYLE_NAME, HandbookStyle)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
