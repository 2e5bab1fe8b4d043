"""A page's description in the reader's language: the line under its title, its listings and its link preview.

The description is front matter, not page text, so Sphinx neither extracts nor translates it. The line
under the title (``article.review_status``) carries the page's source, so ``make gettext`` extracts it into
the page's catalog with the rest of the page. In a translation's build the description is replaced by its
translation as soon as the front matter is read, so every place that shows it (that line, the section
listings, search results, the link preview) shows the same words. A translated page whose description has
no current translation counts as out of date, like any other message of the page.
"""

from __future__ import annotations

import dataclasses

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from handbook.content.metadata import page_meta
from handbook.i18n.catalogs import current_translations, read_catalog
from handbook.i18n.languages import is_translation

TRANSLATED = "handbook_description_translated"  # in temp_data while the page is read: True, False, or absent


def mark_for_extraction(env: BuildEnvironment, paragraph: nodes.paragraph) -> nodes.paragraph:
    """The description's paragraph, with the page's source, so ``make gettext`` extracts it as a message."""
    paragraph.source = env.doc2path(env.docname)
    paragraph.line = 1
    paragraph.rawsource = paragraph.astext()  # what Sphinx's gettext builder takes as the message
    return paragraph


def _translate_description(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, after the front matter is read: the description in the build's language."""
    if not is_translation(app.config):
        return
    metas = page_meta(app.env)
    meta = metas.get(docname)
    if meta is None or not meta.description or not meta.is_article:
        return  # only an article shows its description as a line of its page, from which make gettext extracts it
    translation = current_translations(read_catalog(app, docname)).get(meta.description)
    app.env.temp_data[TRANSLATED] = translation is not None
    if translation is not None:
        metas[docname] = dataclasses.replace(meta, description=translation)


def description_progress(env: BuildEnvironment) -> tuple[int, int]:
    """The page's description as a message: (1, 1) translated, (1, 0) not, (0, 0) none to translate."""
    if TRANSLATED not in env.temp_data:
        return 0, 0
    return 1, int(bool(env.temp_data[TRANSLATED]))
