"""The search vocabulary: the words patients use, joined to the words articles use.

``docs/_data/synonyms.yaml`` (``handbook_synonyms_file``) lists groups of words
that mean the same thing to a patient: everyday and clinical terms, brand and
generic medicine names, UK and US spellings. This module loads and checks it,
and gives every article book-index entries (the genindex):

* each of its ``also_called`` terms;
* every word of each group that its title contains, or that is one of its
  ``also_called`` terms.

Sphinx puts index entries in the search index, where they score above titles,
so "slipped disc" finds the herniated-disc article; in the book index the entry
reads "slipped disc" then "Slipped disc (herniated disc)". The search page uses
the groups themselves to treat "tylenol" and "acetaminophen" as one word.

Each medicine of ``docs/_data/medicines.yaml`` (:mod:`handbook.clinical.medicines`) is
one more group, its generic and brand names, so a brand added there is found
by search and indexed without a second edit here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from handbook.clinical.medicines import medicines
from handbook.content.metadata import page_meta
from handbook.core.datafiles import DataFile, DataFileError, MarkedList

Group = tuple[str, ...]
# The longest phrase the search page looks for (PHRASE_WORDS in _static/handbook-search.js).
MAX_PHRASE_WORDS = 5


def words(text: str) -> list[str]:
    """Lower-case words, split the way the search page splits a query (``words`` in handbook-search.js): accents
    dropped ("ciática" is "ciatica", as patients type it), apostrophes dropped ("don't" is "dont")."""
    folded = "".join(char for char in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(char))
    return [word for word in re.split(r"[^\w]+|_", folded.replace("'", "").replace("\u2019", "")) if word]


def phrase(text: str) -> str:
    return " ".join(words(text))


@dataclass(frozen=True)
class Phrase:
    """A patient's phrase and what it means ("pins and needles": tingling, numbness): searched one way only."""

    text: str
    means: tuple[str, ...]


def parse_synonyms(data: object) -> list[Group | Phrase]:
    """Groups (``- [word, word]``) and phrases (``- phrase: [meaning, meaning]``), in the file's order."""
    if not isinstance(data, list):
        raise DataFileError(1, "expected a list of groups, one '- [word, word]' per line")
    entries: list[Group | Phrase] = []
    phrases_seen: set[str] = set()
    for number, entry in enumerate(data, start=1):
        line = data.line_of_item(number - 1) if isinstance(data, MarkedList) else 1
        if isinstance(entry, dict):
            found = _phrase(number, entry, line)
            if found.text in phrases_seen:
                raise DataFileError(line, f"phrase {number}: {found.text!r} is already a phrase above; keep one of them")
            phrases_seen.add(found.text)
            entries.append(found)
            continue
        if not isinstance(entry, list) or len(entry) < 2 or not all(isinstance(w, str) and phrase(w) for w in entry):
            raise DataFileError(line, f"group {number}: expected two or more words, got {entry!r}")
        entries.append(tuple(dict.fromkeys(phrase(word) for word in entry)))
    return entries


def _phrase(number: int, entry: dict, line: int) -> Phrase:
    [(text, means)] = entry.items() if len(entry) == 1 else [(None, None)]
    if not isinstance(text, str) or not phrase(text) or not isinstance(means, list) or not means:
        raise DataFileError(line, f"phrase {number}: expected '- phrase: [what it means, ...]', got {entry!r}")
    if len(words(text)) > MAX_PHRASE_WORDS:
        raise DataFileError(
            line, f"phrase {number}: {text!r} has more than {MAX_PHRASE_WORDS} words; the search page never reads it: shorten it"
        )
    if not all(isinstance(meaning, str) and phrase(meaning) for meaning in means):
        raise DataFileError(line, f"phrase {number}: expected words for what {text!r} means, got {means!r}")
    return Phrase(phrase(text), tuple(dict.fromkeys(phrase(meaning) for meaning in means)))


def phrases(env: BuildEnvironment) -> dict[str, list[str]]:
    """Each phrase of the synonyms file and what it means, for the search page, after every country's short
    emergency and advice numbers (:func:`handbook.clinical.countries.numbers_to_search`; the file's own win)."""
    numbers = {number: list(means) for number, means in env.config.handbook_country_numbers.items()}
    own = {entry.text: list(entry.means) for entry in _entries(env) if isinstance(entry, Phrase)}
    return {**numbers, **own}


# A translation's own synonyms (handbook.search.translation_words), after the synonyms file's.
TRANSLATION_WORDS = "handbook_search_words"


def _entries(env: BuildEnvironment) -> list[Group | Phrase]:
    return [*getattr(env, "handbook_synonyms", []), *getattr(env, TRANSLATION_WORDS, {}).get("synonyms", [])]


# Optional: a fork may have no synonyms yet.
SYNONYMS = DataFile(
    "handbook_synonyms_file", "handbook_synonyms", "one '- [word, word]' group per line", parse_synonyms, [], True
)


def synonyms(env: BuildEnvironment) -> list[Group]:
    """The synonyms file's groups, then one group per medicine with more than one name."""
    from_medicines = [
        tuple(dict.fromkeys(phrase(name) for name in (*medicine.names, *medicine.all_brands) if phrase(name)))
        for medicine in medicines(env).values()
    ]
    own = [entry for entry in _entries(env) if isinstance(entry, tuple)]
    return [*own, *(group for group in from_medicines if len(group) > 1)]


def index_terms(title: str, also_called: tuple[str, ...], groups: list[Group]) -> list[str]:
    """The book-index terms for one article, in order, without repeats."""
    in_title = f" {phrase(title)} "
    named = {phrase(term) for term in also_called}
    terms = [" ".join(term.split()) for term in also_called]
    for group in groups:
        if any(f" {member} " in in_title or member in named for member in group):
            terms.extend(group)
    unique: dict[str, str] = {}
    for term in terms:
        unique.setdefault(term.lower(), term)
    return list(unique.values())


def _reread_articles_when_synonyms_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    if not SYNONYMS.changed_since_last_build(env):
        return []
    return sorted(docname for docname, meta in page_meta(env).items() if meta.is_article and docname not in removed)


class IndexEntries(SphinxTransform):
    """Adds the article's book-index entries before Sphinx's domains collect them (priority 850)."""

    default_priority = 840

    def apply(self, **kwargs: Any) -> None:
        meta = page_meta(self.env).get(self.env.docname)
        section = next(iter(self.document.findall(nodes.section)), None)
        if meta is None or not meta.is_article or section is None or not section["ids"]:
            return
        title = section.next_node(nodes.title).astext()
        terms = index_terms(title, meta.also_called, synonyms(self.env))
        entries = [("single", f"{term.replace(';', ',')}; {title}", section["ids"][0], "", None) for term in terms]
        if entries:
            section.insert(1, addnodes.index(entries=entries, inline=False))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.clinical.countries")  # handbook_country_numbers, for phrases()
    app.add_config_value("handbook_synonyms_file", "_data/synonyms.yaml", "env", str)
    app.add_transform(IndexEntries)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
