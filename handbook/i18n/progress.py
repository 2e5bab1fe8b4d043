"""Each translated page says how much of it is translated, and its warning-sign text is never out of date.

Sphinx reads a translation's page through the page's catalog
(``docs/locales/es/LC_MESSAGES/conditions/sciatica.po``) and counts, per page, the
messages it found translated (``translation_progress``); a fuzzy entry, left when the
English changed after it was translated, counts as untranslated, and Sphinx shows the
English message in its place. On every page of a translation this module says which of
three it is, in the reader's language, at the top of the page:

* nothing translated: "This page is not translated yet", and the page is marked as
  English (``lang="en"``) so a screen reader reads it in an English voice;
* some of it: the translation may be out of date, with a link to the English page;
* all of it: "Translated from English", the translation's review, and the English page.

A partly translated page would mix a current Spanish text with an English one a reader
may skip, so its text on when to get help (the ``When to get help`` section, the
warning-sign boxes, the medicine safety boxes) must be wholly translated: one message
there that is missing or fuzzy is an error naming the page and its line.
"""

from __future__ import annotations

import os
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from handbook.article.figures import handbook_figure
from handbook.article.review_status import long_date
from handbook.core.diagnostics import node_line, report_error
from handbook.core.headings import SOURCE_TITLE, title_text
from handbook.i18n.catalogs import catalog_file
from handbook.i18n.data import catalog_domain, untranslated_words
from handbook.i18n.front_matter import front_matter_progress
from handbook.i18n.interface import (
    NOT_YET_REVIEWED,
    OUTDATED,
    READ_THE_ENGLISH,
    REVIEWED_BY,
    TRANSLATED,
    UNTRANSLATED,
    translate,
)
from handbook.i18n.languages import is_translation, source_language
from handbook.i18n.reviews import review_of
from handbook.topics.tags import is_topic_page

NOTICE_CLASS = "handbook-translation"
HELP_SECTION_CLASS = "handbook-get-help"
# Text a reader acts on in an emergency: a partly translated page may not show it in the older language.
SAFETY_CLASSES = frozenset({HELP_SECTION_CLASS, "red-flags", "medicine-safety"})
# The boxes that print a data file's words (the warning signs, the medicines), the topic badges (topics.yaml's
# names, which link to the topic pages); and the drawings (handbook_figure).
DATA_CLASSES = frozenset({"red-flags", "medicine-safety", "tags"})
ICON_ARRAY_CLASSES = frozenset({"icon-array-text", "icon-array-key"})  # the sentences {icon-array} writes


class RememberSourceTitles(SphinxTransform):
    """Keeps each section's and box's title as written (``core.headings``), before Sphinx translates it.

    Sphinx's ``Locale`` transform (priority 20) replaces a title's words; the checks that find a page's parts
    by their headings read these instead, and the "When to get help" section is marked for the safety check.
    """

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        heading = self.config.handbook_help_heading
        for node in self.document.findall(nodes.Element):
            if not isinstance(node, nodes.section | nodes.Admonition) or not title_text(node):
                continue
            node[SOURCE_TITLE] = title_text(node)
            if isinstance(node, nodes.section) and node[SOURCE_TITLE] == heading:
                node["classes"].append(HELP_SECTION_CLASS)


class GiveTablesTheirPage(SphinxTransform):
    """The text of a table, and of an icon array's sentences, becomes a message of its page like any paragraph.

    Sphinx extracts and translates only text that knows its source file. MyST's table cells inside a
    directive (``:::{container} wide-table``) have none, and neither have the sentences ``{icon-array}`` writes
    from its options; each takes its page and the line of the nearest block above it that has one.
    """

    default_priority = 14

    def apply(self, **kwargs: Any) -> None:
        source = self.document.get("source")
        for block in self.document.findall(nodes.Element):
            if not isinstance(block, nodes.table) and not ICON_ARRAY_CLASSES & set(block.get("classes", ())):
                continue
            for text in block.findall(nodes.TextElement):
                if not text.source and not isinstance(text, nodes.Inline):
                    text.source, text.line = source, node_line(text)


class KeepDataOutOfPageCatalogs(SphinxTransform):
    """The words a box or drawing takes from a data file are translated once, in the file's catalog (``i18n.data``).

    Sphinx would also extract them into the catalog of every page that shows the box, where a translator would
    translate them again on each page; before its ``Locale`` transform (priority 20), they are marked as not
    translatable there, so they count neither in a page's catalog nor in its progress.
    """

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for container in self.document.findall(nodes.Element):
            from_data = isinstance(container, handbook_figure) or DATA_CLASSES & set(container.get("classes", ()))
            if not from_data and not _is_front_matter(container):
                continue
            for text in container.findall(nodes.TextElement):
                # Not inline nodes: Sphinx unwraps every inline node that has a 'translatable' attribute
                # (RemoveTranslatableInline), which would empty a link. Messages are blocks anyway.
                if not isinstance(text, nodes.Inline):
                    text["translatable"] = False


def _is_front_matter(node: nodes.Element) -> bool:
    """MyST's fields of the front matter, above the title: they leave the page (the description is translated
    on its own, ``i18n.front_matter``), and are no message of it."""
    return isinstance(node, nodes.docinfo | nodes.field_list) and isinstance(node.parent, nodes.document)


def translation_state(doctree: nodes.document) -> str:
    """``untranslated``, ``outdated`` (some messages not, or no longer, translated) or ``translated``."""
    progress = doctree.get("translation_progress") or {}
    total, translated = progress.get("total", 0), progress.get("translated", 0)
    if translated == 0:
        return "untranslated"
    return "translated" if translated == total else "outdated"


def _say_how_much_is_translated(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the notice at the top of every page of a translation, and the safety text checked."""
    if not is_translation(app.config):
        return
    page = next(iter(doctree.findall(nodes.section)), None)
    if page is None:
        return
    _count_what_the_reader_sees(app, doctree)
    state = _topic_page_state(app) if is_topic_page(app.config, app.env.docname) else translation_state(doctree)
    page.insert(1, _notice(app, app.env.docname, state))
    if state == "untranslated":
        page["classes"].append(f"language-{source_language(app.config)}")
    else:
        _require_current_safety_text(app, doctree)


def _topic_page_state(app: Sphinx) -> str:
    """A topic page is made from the topic vocabulary's words (``_data/topics.po``) and the handbook's own, with no
    catalog of its own: translated when the vocabulary is."""
    topics = catalog_domain(app.config.handbook_topics_file)
    return "outdated" if topics in untranslated_words(app).values() else "translated"


def _count_what_the_reader_sees(app: Sphinx, doctree: nodes.document) -> None:
    """The page's messages as shown, and its description: Sphinx's own count (``translation_progress``) is made
    before the front matter's fields leave the page, and would count them as messages no catalog can translate."""
    messages = [node["translated"] for node in doctree.findall(nodes.Element) if "translated" in node]
    total, translated = front_matter_progress(app.env)
    total, translated = len(messages) + total, sum(messages) + translated
    if translated:  # a page none of whose own words are translated stays untranslated, whatever its drawings show
        for drawing in doctree.findall(handbook_figure):  # the words drawn in it (handbook.article.figures)
            total, translated = total + drawing.get("labels", [0, 0])[0], translated + drawing.get("labels", [0, 0])[1]
    doctree["translation_progress"] = {"total": total, "translated": translated}


def _notice(app: Sphinx, docname: str, state: str) -> nodes.container:
    words = {"untranslated": [UNTRANSLATED], "outdated": [OUTDATED], "translated": [TRANSLATED]}[state]
    sentences = [translate(app, text) for text in words]
    if state == "translated":
        sentences.append(_review_line(app, docname))
    paragraph = nodes.paragraph()
    paragraph += nodes.Text(" ".join(sentences) + " ")
    paragraph += nodes.reference("", translate(app, READ_THE_ENGLISH), refuri=_source_page(app, docname))
    notice = nodes.container(classes=[NOTICE_CLASS, f"{NOTICE_CLASS}-{state}", f"language-{app.config.language}"])
    notice += paragraph
    return notice


def _review_line(app: Sphinx, docname: str) -> str:
    """Who reviewed this translation, and when (``handbook.i18n.reviews``); or that no translator has."""
    review = review_of(app.env, app.config.language, docname)
    if review is None:
        return translate(app, NOT_YET_REVIEWED)
    day = long_date(review.date, app.config.language)
    return translate(app, REVIEWED_BY).format(name=review.reviewer.name, credentials=review.reviewer.credentials, date=day)


def _source_page(app: Sphinx, docname: str) -> str:
    """The same page in the articles' language, relative to this one: a translation sits one folder below it."""
    return "../" * (docname.count("/") + 1) + app.builder.get_target_uri(docname)


def _require_current_safety_text(app: Sphinx, doctree: nodes.document) -> None:
    language = app.config.language
    _require_translated_data(app, doctree)
    for node in doctree.findall(nodes.Element):
        if node.get("translated") is not False or not _is_safety_text(node):
            continue
        shown = " ".join(node.astext().split())
        report_error(
            app.env,
            app.env.docname,
            node.line or 1,
            f"text on when to get help has no current '{language}' translation, so this partly translated page "
            f"would show it in English among translated text: '{shown[:80]}'. Translate it in "
            f"{os.path.relpath(catalog_file(app, app.env.docname))} (a fuzzy entry counts as untranslated: check it "
            "against the English, then remove the fuzzy flag)",
        )


def _require_translated_data(app: Sphinx, doctree: nodes.document) -> None:
    """No safety box of a translated page shows a data file's words that have no current translation.

    Each such word is reported once per box, at the innermost box that shows it (the warning-sign box, not the
    "When to get help" section around it).
    """
    missing = untranslated_words(app)
    if not missing:
        return
    substitutions = {name: str(value) for name, value in app.config.myst_substitutions.items()}
    boxes = [node for node in doctree.findall(nodes.Element) if SAFETY_CLASSES & set(node.get("classes", ()))]
    shown = {id(box): " ".join(box.astext().split()) for box in boxes}
    for english, catalog in missing.items():
        forms = _forms(english, substitutions)
        showing = [box for box in boxes if any(form in shown[id(box)] for form in forms)]
        for box in showing:
            if any(other is not box and _is_inside(other, box) for other in showing):
                continue
            path = catalog_file(app, catalog)
            report_error(
                app.env,
                app.env.docname,
                node_line(box),
                f"this translated page shows, in a box on when to get help, words from a data file that have no "
                f"current '{app.config.language}' translation: '{english[:80]}'. Translate them in "
                f"{os.path.relpath(path)} (a fuzzy entry counts as untranslated: check it against the English, "
                "then remove the fuzzy flag)",
            )


def _is_inside(node: nodes.Node, container: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is container:
            return True
        parent = parent.parent
    return False


def _forms(english: str, substitutions: dict[str, str]) -> set[str]:
    """The words as written, and with ``{{ emergency_number }}`` and the like filled in, as a box shows them."""
    filled = english
    for name, value in substitutions.items():
        filled = filled.replace(f"{{{{ {name} }}}}", value)
    return {" ".join(english.split()), " ".join(filled.split())}


def _is_safety_text(node: nodes.Element) -> bool:
    parent: nodes.Element | None = node
    while parent is not None:
        if SAFETY_CLASSES & set(parent.get("classes", ())):
            return True
        parent = parent.parent
    return False


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.content.structure")  # handbook_help_heading
    app.setup_extension("handbook.i18n.interface")
    app.add_transform(GiveTablesTheirPage)
    app.add_transform(RememberSourceTitles)
    app.add_transform(KeepDataOutOfPageCatalogs)
    # 1: the transforms above change what each page's doctree holds.
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
