"""A translation's own search words: its filler words, everyday words, parts of the body and conditions the
handbook has no article on, and its synonyms, from ``docs/_data/search.<language>.yaml``.

The search page's word lists (``word_lists``) and synonyms (``synonyms.yaml``) are English: a Spanish reader
types "me duele la cintura", where "me" and "la" say nothing about the topic, "cintura" means the low back, and
"rodilla" (knee) is a part of the body the handbook has no article on. In a translation's build, the file of
its language adds its words to each list, and its groups and phrases to the synonyms, the same way and with the
same checks as ``synonyms.yaml``; the English lists stay, since untranslated pages show English text. A
language without such a file is searched with the English lists alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from handbook.core.datafiles import DataFile, DataFileError, Marked, MarkedList
from handbook.i18n.languages import is_translation
from handbook.search.vocabulary import TRANSLATION_WORDS, parse_synonyms, phrase

LISTS = ("fillers", "common", "elsewhere", "conditions", "hedges")
FIELDS = (*LISTS, "synonyms")


def parse_search_words(data: object) -> dict[str, Any]:
    """Each list as search-page words (lower case, accents dropped), and the synonyms as ``synonyms.yaml``'s."""
    if not isinstance(data, dict):
        raise DataFileError(1, f"expected the keys {', '.join(FIELDS)}, each with a list")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        line = data.line_of(unknown[0]) if isinstance(data, Marked) else 1
        raise DataFileError(line, f"unknown key {unknown[0]!r}: expected one of {', '.join(FIELDS)}")
    found: dict[str, Any] = {}
    for name in LISTS:
        items = data.get(name) or []
        line = data.line_of(name) if isinstance(data, Marked) else 1
        if not isinstance(items, list) or not all(isinstance(item, str) and phrase(item) for item in items):
            raise DataFileError(line, f"{name}: expected a list of words, as in [me, la, de]")
        found[name] = sorted({phrase(item) for item in items})
    found["synonyms"] = parse_synonyms(data.get("synonyms") or MarkedList())
    return found


class TranslationFile(DataFile):
    """The file of the build's language, ``handbook_search_words_file`` with ``{language}`` filled in."""

    def path(self, app: Sphinx) -> Path:
        return Path(app.srcdir) / app.config.handbook_search_words_file.format(language=app.config.language)

    def load(self, app: Sphinx) -> None:
        if not is_translation(app.config):
            setattr(app.env, self.attribute, self.fallback)
            return
        super().load(app)


SEARCH_WORDS = TranslationFile(
    "handbook_search_words_file", TRANSLATION_WORDS, "lists of words and 'synonyms:'", parse_search_words, {}, True
)


def translation_words(env: BuildEnvironment, name: str) -> list[str]:
    """The build language's words for one list (``fillers``, ``common``...); none in the articles' language."""
    return list(getattr(env, SEARCH_WORDS.attribute, {}).get(name, []))


def _reread_articles_when_they_change(app: Sphinx, env: BuildEnvironment, *changes: Any) -> list[str]:
    """The words join the book index through the synonyms, so a change reads every page again."""
    if not SEARCH_WORDS.changed_since_last_build(env):
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_search_words_file", "_data/search.{language}.yaml", "env", str)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
