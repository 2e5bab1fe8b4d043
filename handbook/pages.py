"""What every article page shows from its metadata, the way NHS.UK pages do.

* Topic badges directly under the title, wherever the author put the block.
* A notice under them when no clinician has reviewed the article yet.
* "Page last reviewed: 12 March 2026 · Next review due: 12 March 2028" at the end.
* The description as the page's ``<meta name="description">``.

These are added to the doctree when the page is read, so every output (HTML,
single-page HTML for the PDF book, handouts) shows the same thing.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from handbook.metadata import PageMeta, page_meta

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NOTICES = {
    "draft": "This article is a draft. It has not yet been reviewed by a clinician.",
    "editorial-review": "This article has not yet been reviewed by a clinician.",
}


def long_date(day: date) -> str:
    """``12 March 2026``: day, month name, year, in the same words on every machine."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def review_dates_text(meta: PageMeta) -> str:
    return f"Page last reviewed: {long_date(meta.last_reviewed)} · Next review due: {long_date(meta.next_review)}"


def _decorate_article(app: Sphinx, doctree: nodes.document) -> None:
    meta = page_meta(app.env).get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if meta is None or not meta.is_article or section is None:
        return
    title = section.next_node(nodes.title)
    position = section.index(title) + 1 if title is not None else 0
    badges = next((node for node in section.findall(nodes.paragraph) if "tags" in node["classes"]), None)
    if badges is not None:
        badges.parent.remove(badges)
        section.insert(position, badges)
        position += 1
    if meta.review_status in NOTICES:
        notice = nodes.admonition(classes=["review-notice", "attention"])
        notice += nodes.title(text="Review status")
        notice += nodes.paragraph(text=NOTICES[meta.review_status])
        section.insert(position, notice)
    if meta.last_reviewed and meta.next_review:
        section += nodes.paragraph(text=review_dates_text(meta), classes=["review-dates"])


def _meta_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    meta = page_meta(app.env).get(pagename)
    if meta and meta.description:
        context["metatags"] = (
            context.get("metatags", "") + f'\n    <meta name="description" content="{escape(meta.description)}" />'
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _decorate_article)
    app.connect("html-page-context", _meta_description)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
