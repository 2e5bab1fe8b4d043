"""A translation's own search words: its filler words, everyday words, parts of the body and conditions the
handbook has no article on, and its synonyms, from ``docs/_data/search.<language>.yaml``.

The search page's word lists (``word_lists``) and synonyms (``synonyms.yaml``) are English: a Spanish reader
types "me duele la cintura", where "me" and "la" say nothing about the topic, "cintura" means the low back, and
"rodilla" (knee) is a part of the body the handbook has no article on. In a translation's build, the file of
its language adds its words to each list, and its groups and phrases to the synonyms, the same way and with the
same checks as ``synonyms.yaml``; the English lists stay, since untranslated pages show English text. A
language without such a file is searched with the English lists alone.

``warning_signs`` gives, per sign of ``red-flags.yaml`` (by id), the patterns that find it in a query of that
language (``me hice pipí encima``), beside the sign's English patterns: the search page's "Get help now" box
(``handbook.search.search_page.warning_signs``) must answer a reader in the words they type. Patterns are
regular expressions, as in ``red-flags.yaml``, matched against the query in lower case without accents. Like
``red-flags.yaml``, the file may name pieces its patterns share in ``pattern_parts:``, written in its language
(:mod:`handbook.clinical.pattern_parts`). ``carer_reading:`` says how a carer's words in that language are read
as the signs' second person (:mod:`handbook.clinical.carer_reading`); without it, a query is read as typed only.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.clinical.carer_reading import CARER_READING, parse_carer_reading
from handbook.clinical.pattern_parts import PARTS, fill_in, read_parts, require_all_used
from handbook.clinical.redflags import red_flags
from handbook.content.metadata import did_you_mean
from handbook.core.datafiles import DataFile, DataFileError, Marked, MarkedList, require_patterns
from handbook.core.diagnostics import fail_build
from handbook.i18n.languages import is_translation
from handbook.search.vocabulary import TRANSLATION_WORDS, parse_synonyms, phrase

logger = logging.getLogger("handbook")

LISTS = ("fillers", "common", "elsewhere", "conditions", "hedges")
FIELDS = (*LISTS, "synonyms", PARTS, "warning_signs", CARER_READING)


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
    parts = read_parts(data.get(PARTS), _lines_under(data, PARTS))
    found["warning_signs"] = _parse_sign_patterns(data.get("warning_signs") or Marked(), parts)
    written = [pattern for patterns in (data.get("warning_signs") or {}).values() for pattern in patterns]
    found[CARER_READING], reading_patterns = parse_carer_reading(
        data.get(CARER_READING), parts, _lines_under(data, CARER_READING)
    )
    require_all_used(data.get(PARTS), [*written, *reading_patterns], _lines_under(data, PARTS))
    return found


def _lines_under(data: dict[str, Any], section: str) -> Callable[[str], int]:
    """The line of a key under the file's ``section:``, or ("") of the section itself: where an error points."""
    block = data.get(section)
    return lambda name: block.line_of(name) if name and isinstance(block, Marked) else _line_in(data, section)


def _line_in(mapping: object, key: str) -> int:
    return mapping.line_of(key) if isinstance(mapping, Marked) else 1


def _parse_sign_patterns(signs: object, parts: dict[str, str]) -> dict[str, tuple[list[str], int]]:
    """``sign id: [patterns]``, each pattern a valid regular expression once the file's ``pattern_parts`` are
    filled in (:mod:`handbook.clinical.pattern_parts`); with each sign's line, for the id check."""
    if not isinstance(signs, dict):
        raise DataFileError(1, "warning_signs: expected 'sign-id: [patterns]' lines")
    found: dict[str, tuple[list[str], int]] = {}
    for sign, patterns in signs.items():
        line = _line_in(signs, sign)
        if not isinstance(patterns, list) or not patterns or not all(isinstance(item, str) for item in patterns):
            raise DataFileError(line, f"warning_signs: {sign}: expected a list of patterns")
        filled = [fill_in(pattern, parts, line, f"warning_signs: {sign}") for pattern in patterns]
        require_patterns(filled, line, f"warning_signs: {sign}")
        found[str(sign)] = (filled, line)
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


def sign_patterns(env: BuildEnvironment) -> dict[str, list[str]]:
    """The build language's own patterns for each warning sign, by id; none in the articles' language."""
    signs: dict[str, tuple[list[str], int]] = getattr(env, SEARCH_WORDS.attribute, {}).get("warning_signs", {})
    return {sign: patterns for sign, (patterns, _line) in signs.items()}


def translation_carer_reading(env: BuildEnvironment) -> dict[str, Any] | None:
    """How the build language reads a carer's words (:mod:`handbook.clinical.carer_reading`); None: as typed only."""
    reading: dict[str, Any] | None = getattr(env, SEARCH_WORDS.attribute, {}).get(CARER_READING)
    return reading


def _require_known_signs(app: Sphinx) -> None:
    """``builder-inited``, after both files are read: every sign the patterns name is a sign of ``red-flags.yaml``."""
    data = red_flags(app.env)
    signs: dict[str, tuple[list[str], int]] = getattr(app.env, SEARCH_WORDS.attribute, {}).get("warning_signs", {})
    if data is None or not signs:
        return
    known = tuple(sign["id"] for sign in data.signs)
    for sign, (_patterns, line) in signs.items():
        if sign not in known:
            logger.error(
                "warning_signs: unknown sign %r%s (use the id of a sign in %s)",
                sign, did_you_mean(sign, known), app.config.handbook_red_flags_file,
                location=f"{os.path.relpath(SEARCH_WORDS.path(app))}:{line}", type="handbook",
            )  # fmt: skip
            fail_build(app)


def _reread_articles_when_they_change(app: Sphinx, env: BuildEnvironment, *changes: Any) -> list[str]:
    """The words join the book index through the synonyms, so a change reads every page again."""
    if not SEARCH_WORDS.changed_since_last_build(env):
        return []
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_search_words_file", "_data/search.{language}.yaml", "env", str)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
