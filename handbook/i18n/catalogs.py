"""The translations' gettext catalogs, read and written with Babel as Sphinx and sphinx-intl do.

A catalog is named by its domain: a page's docname (``conditions/sciatica``), ``sphinx`` for the handbook's
own words, or ``_data/<file>`` for a data file's. It lives under the first of ``locale_dirs`` (relative to
the sources): ``docs/locales/<language>/LC_MESSAGES/<domain>.po``; ``make gettext`` writes its template,
``<domain>.pot``, and ``make translations`` refreshes the catalog from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.core.diagnostics import fail_build

logger = logging.getLogger("handbook")


def catalog_file(app: Sphinx, domain: str) -> Path:
    """Where the build language's catalog of ``domain`` is."""
    locale_dir = app.config.locale_dirs[0] if app.config.locale_dirs else "locales"
    return Path(app.srcdir, locale_dir, app.config.language, "LC_MESSAGES", f"{domain}.po")


def shown(path: Path, line: int = 1) -> str:
    """``docs/locales/es/LC_MESSAGES/sphinx.po:12``: relative to where the build was started, as Sphinx names pages."""
    return f"{os.path.relpath(path)}:{line}"


def read_catalog(app: Sphinx, domain: str) -> Catalog | None:
    """The build language's catalog of ``domain``; None when there is none, or (reported) when it cannot be read."""
    path = catalog_file(app, domain)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as file:
            return read_po(file, locale=app.config.language)
    except Exception as error:  # Babel's PoFileError, or a value it cannot parse
        logger.error(
            "cannot read the catalog (%s): fix it, or run make translations", error, location=shown(path), type="handbook"
        )
        fail_build(app)
        return None


def current_translations(catalog: Catalog | None) -> dict[str, str]:
    """Each message's translation, where it has one that is not fuzzy (as Sphinx counts a message translated)."""
    if catalog is None:
        return {}
    return {str(entry.id): str(entry.string) for entry in catalog if entry.id and entry.string and not entry.fuzzy}


def write_template(app: Sphinx, domain: str, messages: Iterable[str]) -> None:
    """``make gettext``: ``<domain>.pot`` in the output folder, one entry per message, in order."""
    template = Catalog(project=app.config.project, version="", fuzzy=False)
    for message in messages:
        template.add(message)
    target = Path(app.outdir, f"{domain}.pot")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as file:
        write_po(file, template, omit_header=False, width=0)
