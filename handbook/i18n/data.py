"""Data files in the reader's language: the words of the warning signs, medicines, topics and drawings.

A data file says which of its fields patients read, as paths (``signs[].text``: the ``text`` of each item of
``signs``; ``groups.*``: every value of ``groups``; ``<keys>``: the keys of the file's mapping, such as the topic
names, which stay the data's English identity and are shown translated through :func:`shown_keys`). Their
words are translated once, in the file's own catalog, ``docs/locales/<language>/LC_MESSAGES/_data/red-flags.po``,
so every page shows the same words for the same sign: ``make gettext`` writes ``_build/gettext/_data/red-flags.pot``
from the fields, and ``make translations`` refreshes the catalog from it as it does the pages'.

In a translation's build each field is replaced by its translation after the YAML is read and before the
file's own parser sees it, so the parser checks the translated file as it checks the English one. A field with
no current translation (none, or a fuzzy one) keeps its English and is remembered in
:func:`untranslated_words`: ``handbook.i18n.progress`` refuses it in the safety boxes of a translated page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.i18n.catalogs import current_translations, read_catalog, write_template
from handbook.i18n.languages import is_translation

logger = logging.getLogger("handbook")

UNTRANSLATED = "handbook_untranslated_data"
KEYS = "<keys>"  # the path of the keys of a file's top-level mapping


def catalog_domain(data_file: str) -> str:
    """``_data/red-flags``: a data file's catalog, named by its path under the sources without the suffix."""
    return PurePosixPath(data_file).with_suffix("").as_posix()


def field_slots(tree: Any, path: str) -> Iterator[tuple[Any, Any]]:
    """Each ``(holder, key)`` where ``holder[key]`` is a string that ``path`` names in the YAML ``tree``."""
    steps: list[str] = []
    for part in path.split("."):
        if part.endswith("[]"):
            steps += [part[:-2], "[]"] if part[:-2] else ["[]"]
        else:
            steps.append(part)
    reached: list[tuple[Any, Any, Any]] = [(None, None, tree)]
    for step in steps:
        following: list[tuple[Any, Any, Any]] = []
        for _holder, _key, value in reached:
            if step == "[]" and isinstance(value, list):
                following += [(value, position, item) for position, item in enumerate(value)]
            elif step == "*" and isinstance(value, dict):
                following += [(value, name, item) for name, item in value.items()]
            elif isinstance(value, dict) and step in value:
                following.append((value, step, value[step]))
        reached = following
    # Words only: a number alone (a phone number, a dose) reads the same in every language.
    yield from ((holder, key) for holder, key, value in reached if isinstance(value, str) and any(c.isalpha() for c in value))


def english_words(tree: Any, paths: tuple[str, ...]) -> list[str]:
    """Every string the ``paths`` name, once each, in the file's order (a catalog's messages)."""
    found: dict[str, None] = {}
    for path in paths:
        if path == KEYS:
            found.update(dict.fromkeys(str(key) for key in tree) if isinstance(tree, dict) else {})
            continue
        for holder, key in field_slots(tree, path):
            found.setdefault(holder[key], None)
    return list(found)


def translate_fields(app: Sphinx, data_file: str, tree: Any, paths: tuple[str, ...]) -> Any:
    """``tree`` with the fields ``paths`` names in the build's language; in the articles' language, as it is."""
    if not paths or not is_translation(app.config):
        return tree
    translations = shown_words(app, data_file)
    missing = untranslated_words(app)
    for path in paths:
        if path == KEYS:
            continue  # the keys are the data's identity; shown_keys translates them where they are shown
        for holder, key in field_slots(tree, path):
            english = holder[key]
            if english in translations:
                holder[key] = translations[english]
            else:
                missing[english] = catalog_domain(data_file)
    return tree


def shown_words(app: Sphinx, data_file: str) -> dict[str, str]:
    """The current translations of a data file's catalog, read once per build (for words shown many times)."""
    cache: dict[str, dict[str, str]] = getattr(app, "_handbook_data_words", {})
    if data_file not in cache:
        cache[data_file] = (
            current_translations(read_catalog(app, catalog_domain(data_file))) if is_translation(app.config) else {}
        )
        app._handbook_data_words = cache  # type: ignore[attr-defined]
    return cache[data_file]


def shown_keys(app: Sphinx, data_file: str, keys: list[str]) -> dict[str, str]:
    """Each key of a data file as a reader sees it: its translation, or the English one (remembered as untranslated)."""
    if not is_translation(app.config):
        return {key: key for key in keys}
    translations = shown_words(app, data_file)
    missing = untranslated_words(app)
    for key in keys:
        if key not in translations:
            missing[key] = catalog_domain(data_file)
    return {key: translations.get(key, key) for key in keys}


def untranslated_words(app: Sphinx) -> dict[str, str]:
    """The data files' words this build shows in English for want of a translation, with their catalog's name.

    Kept on the application, not the environment: the countries file is read at ``config-inited``, before
    there is an environment, and every data file is read again at the start of each build.
    """
    if not hasattr(app, UNTRANSLATED):
        setattr(app, UNTRANSLATED, {})
    return getattr(app, UNTRANSLATED)


def write_data_template(app: Sphinx, data_file: str, tree: Any, paths: tuple[str, ...], more: Sequence[str] = ()) -> None:
    """``make gettext``: the file's catalog template, ``_build/gettext/_data/<file>.pot``; ``more``: words its pages
    show that the file does not hold (the drawings' labels)."""
    words = english_words(tree, paths)
    write_template(app, catalog_domain(data_file), [*words, *(word for word in more if word not in words)])
