"""The front matter a reader meets, in the reader's language: a page's description, change notes and other names.

The description (the line under the title, the listings, search results, link previews), each ``changes``
note (shown at the end of the article, and in the handbook's changelog) and each ``also_called`` name (in the
book's index and in search) are front matter, not page text, so Sphinx neither extracts nor translates them.
They are messages of the page's own catalog all the same:

* the description's line under the title (``article.review_status``) carries the page's source, so
  ``make gettext`` extracts it with the rest of the page (:func:`mark_for_extraction`);
* the change notes and the other names are added to the page's catalog when ``make gettext`` writes it
  (:func:`_extract_front_matter`); a note as its text alone, without the date, which the build writes in the
  reader's language.

In a translation's build they are replaced by their translations as soon as the front matter is read, so every
place that shows them shows the same words. A translated page whose description, other names, or a change note it
shows (its latest review's), has no current translation counts as out of date, like any other message of the page.
"""

from __future__ import annotations

import dataclasses

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain

from handbook.content.metadata import latest_changes, page_meta
from handbook.i18n.catalogs import current_translations, read_catalog
from handbook.i18n.languages import is_translation

COUNTS = "handbook_front_matter_translated"  # in temp_data while the page is read: (messages, translated)


def mark_for_extraction(env: BuildEnvironment, paragraph: nodes.paragraph) -> nodes.paragraph:
    """The description's paragraph, with the page's source, so ``make gettext`` extracts it as a message."""
    paragraph.source = env.doc2path(env.docname)
    paragraph.line = 1
    paragraph.rawsource = paragraph.astext()  # what Sphinx's gettext builder takes as the message
    return paragraph


def _translate_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``, after the front matter is read: the description and change notes in the build's language."""
    if not is_translation(app.config):
        return
    metas = page_meta(app.env)
    meta = metas.get(docname)
    if meta is None or not meta.is_article:
        return  # only an article shows its description as a line of its page, from which make gettext extracts it
    translations = current_translations(read_catalog(app, docname))
    shown = [meta.description] if meta.description else []
    latest = latest_changes(meta)
    shown += [change.text for change in (latest[1] if latest else [])] + list(meta.also_called)
    app.env.temp_data[COUNTS] = (len(shown), sum(text in translations for text in shown))
    changes = tuple(dataclasses.replace(change, text=translations.get(change.text, change.text)) for change in meta.changes)
    description = translations.get(meta.description, meta.description) if meta.description else meta.description
    also_called = tuple(translations.get(name, name) for name in meta.also_called)
    metas[docname] = dataclasses.replace(meta, description=description, changes=changes, also_called=also_called)


def _extract_front_matter(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` of ``make gettext``: each change note and other name of the article, a message of its
    catalog."""
    if app.builder.name != "gettext":
        return
    meta = page_meta(app.env).get(docname)
    if meta is None or not meta.is_article:
        return
    catalog = app.builder.catalogs[docname_to_domain(docname, app.config.gettext_compact)]  # type: ignore[attr-defined]
    for text in [*(change.text for change in meta.changes), *meta.also_called]:
        catalog.add(text, MsgOrigin(str(app.env.doc2path(docname)), 1))


def front_matter_progress(env: BuildEnvironment) -> tuple[int, int]:
    """The page's front matter shown as messages: (messages, translated); (0, 0) with none to translate."""
    messages, translated = env.temp_data.get(COUNTS) or (0, 0)
    return int(messages), int(translated)
