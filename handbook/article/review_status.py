"""What every article page shows from its metadata, the way NHS.UK pages do.

* The page's purpose in one or two sentences (its ``description``) directly under the title, as a
  standfirst: a patient sees at once what the page is for (PEMAT-P item 1).
* Topic badges under it, wherever the author put the block.
* One short, calm line under them saying who has reviewed the page: "Not yet
  reviewed by a clinician", or the reviewers' names. It links to the editorial
  policy (``handbook_editorial_policy``), which explains the review steps.
* At the end, the dates with the review step beside them, as NHS.UK does:
  "Page last reviewed: 12 March 2026 (editorial review; not yet reviewed by a
  clinician) · Next review due: 12 March 2028", then each reviewer's name,
  role, credentials, registration and conflicts of interest.
* The description as the page's ``<meta name="description">``.

These are added to the doctree when the page is read, so every output (HTML,
single-page HTML for the PDF book, handouts) shows the same thing.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from babel.dates import format_date
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from handbook.article.reviewers import Reviewer, reviewers_of
from handbook.content.metadata import PageMeta, page_meta
from handbook.i18n.front_matter import mark_for_extraction
from handbook.i18n.interface import N_, _

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
NOT_REVIEWED = N_("Not yet reviewed by a clinician")
NOTICES = {"draft": N_("Draft. Not yet reviewed by a clinician"), "editorial-review": NOT_REVIEWED}
# The review step, in the words shown beside "Page last reviewed".
STEPS = {
    "draft": N_("draft; not yet reviewed by a clinician"),
    "editorial-review": N_("editorial review; not yet reviewed by a clinician"),
    "clinician-reviewed": N_("reviewed by a clinician"),
}


def long_date(day: date, language: str = "en") -> str:
    """``12 March 2026``: day, month name, year, in the same words on every machine; in another language, as
    that language writes a date in full (``5 de diciembre de 2026``, from Babel's data, not the machine's)."""
    if language.split("_")[0].split("-")[0] == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return format_date(day, format="long", locale=language)


def review_dates_text(meta: PageMeta, language: str = "en") -> str:
    assert meta.last_reviewed is not None and meta.next_review is not None, "only for a page with both dates"
    step = f" ({_(STEPS[meta.review_status])})" if meta.review_status in STEPS else ""
    return _("Page last reviewed: {reviewed}{step} · Next review due: {next}").format(
        reviewed=long_date(meta.last_reviewed, language), step=step, next=long_date(meta.next_review, language)
    )


def reviewer_text(reviewer: Reviewer) -> str:
    return _("Reviewed by {reviewer}. Conflicts of interest: {conflicts}").format(
        reviewer=reviewer.summary, conflicts=reviewer.conflicts
    )


def _policy_link(app: Sphinx, text: str) -> nodes.Node:
    """``text`` linking to the editorial policy, or plain text when the handbook has none."""
    policy = app.config.handbook_editorial_policy
    if not policy or policy not in app.env.found_docs:
        return nodes.Text(text)
    link = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{policy}", refexplicit=True)
    link += nodes.inline(text=text)
    return link


def review_notice(app: Sphinx, meta: PageMeta, reviewed_by: list[Reviewer]) -> nodes.paragraph | None:
    """The one line under the title: who has reviewed the page."""
    if reviewed_by:
        names = _(" and ").join(f"{reviewer.name}, {reviewer.credentials}" for reviewer in reviewed_by)
        text = _("Reviewed by {reviewers}").format(reviewers=names)
    elif meta.review_status in NOTICES:
        text = _(NOTICES[meta.review_status])
    else:
        return None
    notice = nodes.paragraph(classes=["review-notice"])
    notice += _policy_link(app, text)
    return notice


def _article_section(app: Sphinx, doctree: nodes.document) -> tuple[PageMeta, nodes.section] | None:
    meta = page_meta(app.env).get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if meta is None or not meta.is_article or section is None:
        return None
    return meta, section


def add_heading_lines(app: Sphinx, doctree: nodes.document) -> None:
    """Under the title: the page's purpose, its topic badges, and who has reviewed it."""
    found = _article_section(app, doctree)
    if found is None:
        return
    meta, section = found
    title = section.next_node(nodes.title)
    position = section.index(title) + 1 if title is not None else 0
    if meta.description:
        purpose = nodes.paragraph(text=meta.description, classes=["page-purpose"])
        section.insert(position, mark_for_extraction(app.env, purpose))
        position += 1
    badges = next((node for node in section.findall(nodes.paragraph) if "tags" in node["classes"]), None)
    if badges is not None:
        badges.parent.remove(badges)
        section.insert(position, badges)
        position += 1
    notice = review_notice(app, meta, reviewers_of(app.env, meta))
    if notice is not None:
        section.insert(position, notice)


def add_review_lines(app: Sphinx, doctree: nodes.document) -> None:
    """At the end: "Page last reviewed ... Next review due", then each reviewer."""
    found = _article_section(app, doctree)
    if found is None:
        return
    meta, section = found
    if meta.last_reviewed and meta.next_review:
        section += nodes.paragraph(text=review_dates_text(meta, app.config.language or "en"), classes=["review-dates"])
    for reviewer in reviewers_of(app.env, meta):
        section += nodes.paragraph(text=reviewer_text(reviewer), classes=["reviewed-by"])


def _meta_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    meta = page_meta(app.env).get(pagename)
    if meta and meta.description:
        context["metatags"] = (
            context.get("metatags", "") + f'\n    <meta name="description" content="{escape(meta.description)}" />'
        )


def setup(app: Sphinx) -> dict[str, Any]:
    # The page explaining the review steps; "" for none (the notice is then plain text).
    app.add_config_value("handbook_editorial_policy", "about/editorial-policy", "env", str)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
