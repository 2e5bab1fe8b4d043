"""Which languages the handbook is built in, and where each one is published.

The first of ``handbook_languages`` is the language the articles are written in: it is
published at the site's root. Each other one is a translation, built from the same
sources through Sphinx's gettext catalogs (``locale_dirs``) into a folder named by its
code, ``_build/html/es/``: ``make html`` builds every language in turn, reading the list
from conf.py, and ``make html LANGUAGES=en`` builds one.

A translation lives below the site's address, so its canonical links, sitemap, link
previews and 404 page all follow ``html_baseurl`` with the language's folder added.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from handbook.core.diagnostics import fail_build

logger = logging.getLogger("handbook")

LANGUAGES = ["en"]


def source_language(config: Config) -> str:
    """The language the articles are written in: the first of ``handbook_languages``."""
    languages = config.handbook_languages
    return languages[0] if languages else "en"


def is_translation(config: Config) -> bool:
    """True when this build is one of the translations, not the language the articles are written in."""
    return bool(config.language) and config.language != source_language(config)


def _publish_below_the_source(app: Sphinx, config: Config) -> None:
    """``config-inited``: a translation's address is the site's address and its language's folder."""
    languages = config.handbook_languages
    if not languages or len(set(languages)) != len(languages):
        logger.error(
            "handbook_languages: expected a list of language codes, each once, the articles' own language first "
            "(like ['en', 'es']), got %r",
            languages,
            type="handbook",
        )
        fail_build(app)
        return
    if config.language not in languages:
        logger.error(
            "language %r is not in handbook_languages %r: add it there (conf.py), or build one of those",
            config.language,
            languages,
            type="handbook",
        )
        fail_build(app)
        return
    if is_translation(config) and config.html_baseurl:
        config.html_baseurl = f"{config.html_baseurl.rstrip('/')}/{config.language}/"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_languages", LANGUAGES, "env", list)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
