"""The words the handbook's own code and templates write on pages, in the language of the build.

Sphinx translates each page's words from the page's catalog in ``docs/locales``, and its
own words and the theme's from theirs. The handbook's own words are the ``_()`` strings
of ``_templates/`` (the menu button, the search field) and :data:`MESSAGES`, the notices
its Python code writes (``handbook.i18n.progress``). Both are in the catalog Sphinx already
reads for templates, ``docs/locales/<language>/LC_MESSAGES/sphinx.po``: Sphinx compiles
it and hands it to the templates, and this module reads :data:`MESSAGES` from it with
Babel, as Sphinx does (a fuzzy entry counts as untranslated).

``make gettext`` should extract the templates' strings into ``sphinx.pot`` itself, but
Sphinx 9.0's gettext builder looks for ``templates_path`` under the source folder, not
beside conf.py where Sphinx reads it for every other builder
(``MessageCatalogBuilder._collect_templates``; no upstream issue found, to be reported),
so it finds none here. :func:`_write_template` writes ``sphinx.pot`` instead, from the
templates where Sphinx renders them and from :data:`MESSAGES`, and ``make translations``
(sphinx-intl) refreshes ``sphinx.po`` from it like any other catalog.

A notice with no translation stops the build: the page would otherwise tell a Spanish
reader, in English, what language it is in.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from pathlib import Path
from typing import Any

from babel.messages.extract import extract
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.util import logging

from handbook.core.diagnostics import fail_build
from handbook.core.output_cache import digest_of
from handbook.i18n.catalogs import catalog_file, current_translations, read_catalog, shown, write_template
from handbook.i18n.languages import is_translation

logger = logging.getLogger("handbook")

DOMAIN = "sphinx"  # the catalog Sphinx gives to templates
# The handbook's words in Python: ``_("Do not take it:")`` where the words are used, never inside an f-string's
# braces, where make gettext cannot see it (never at import either: a lazy
# translation made then would keep the language of whichever build came first in the process), ``N_`` to mark
# a module constant that is translated where it is used, as ``_(CONSTANT)``. ``make gettext`` extracts both.
_ = get_translation(DOMAIN)


def N_(message: str) -> str:
    """Marks ``message`` for ``make gettext``; it is translated where it is used (gettext's ``gettext_noop``)."""
    return message


UNTRANSLATED = "This page is not translated yet. You are reading the English text."
OUTDATED = (
    "This translation may be out of date: the English page changed after it was translated, "
    "and the parts not yet translated again are in English."
)
READ_THE_ENGLISH = "Read the English page"
TRANSLATED = "Translated from English."
NOT_YET_REVIEWED = "Translation review: not yet reviewed by a professional medical translator."
REVIEWED_BY = "Translation review: {name}, {credentials} ({date})."  # handbook.i18n.reviews
MESSAGES = (UNTRANSLATED, OUTDATED, READ_THE_ENGLISH, TRANSLATED, NOT_YET_REVIEWED, REVIEWED_BY)
# Settings of conf.py whose words a page shows, translated where they are used (``_(config.tags_intro_text)``).
WORDED_SETTINGS = ("tags_intro_text", "tags_page_title", "tags_overview_title")


def translate(app: Sphinx, message: str) -> str:
    """``message`` in the build's language; in the articles' own language, ``message`` as it is."""
    if not is_translation(app.config):
        return message
    cached = getattr(app, "_handbook_interface", None)
    if cached is None:
        cached = app._handbook_interface = translate_all(app, MESSAGES)  # type: ignore[attr-defined]
    return cached.get(message, message)


def translate_all(app: Sphinx, messages: Sequence[str]) -> dict[str, str]:
    """Each of ``messages`` in the build's language, from ``sphinx.po``; one with no current translation there
    is an error at its line (the build fails), since a reader would meet it in the articles' language."""
    if not is_translation(app.config):
        return {message: message for message in messages}
    catalog = read_catalog(app, DOMAIN)
    path = catalog_file(app, DOMAIN)
    translations = current_translations(catalog)
    for message in messages:
        if message not in translations:
            entry = catalog.get(message) if catalog is not None else None
            logger.error(
                "no current %s translation of the handbook's words %r: run make translations, then translate "
                "it in this file (a fuzzy entry counts as untranslated: check it, then remove the fuzzy flag)",
                app.config.language,
                message,
                location=shown(path, (entry.lineno or 1) if entry is not None else 1),
                type="handbook",
            )
            fail_build(app)
    return {message: translations.get(message, message) for message in messages}


def _reread_when_the_catalog_changes(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Every page shows the templates' words and may show a notice: a new ``sphinx.po`` writes them all again.

    Sphinx re-reads a page when the page's own catalog changes, but not when the templates' catalog does.
    """
    if not is_translation(app.config):
        return []
    path = catalog_file(app, DOMAIN)
    digest = digest_of(path.read_bytes()) if path.is_file() else ""
    previous = getattr(env, "handbook_interface_digest", None)
    env.handbook_interface_digest = digest  # type: ignore[attr-defined]
    if previous in (None, digest):
        return []
    return sorted(set(env.found_docs) - set(removed))


def _write_template(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished`` of ``make gettext``: ``sphinx.pot``, the templates' strings and :data:`MESSAGES`."""
    if exception is not None or app.builder.name != "gettext":
        return
    from_template = app.builder.templates.environment.extract_translations
    messages = [
        message
        for folder in app.config.templates_path
        for path in sorted(Path(app.confdir, folder).rglob("*.html"))
        for _line, _function, message in from_template(path.read_text(encoding="utf-8"))
    ]
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        with path.open("rb") as file:
            messages += [str(found[1]) for found in extract("python", file, keywords={"_": None, "N_": None})]
    settings = [str(getattr(app.config, name)) for name in WORDED_SETTINGS if getattr(app.config, name, "")]
    write_template(app, DOMAIN, [*messages, *MESSAGES, *settings])


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.i18n.languages")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
