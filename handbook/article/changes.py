"""What changed at each review: at the end of the article, and in one changelog for the handbook.

An article's optional ``changes`` front matter (validated by
:mod:`handbook.content.metadata`) lists one dated line per change::

    changes:
      - 2026-12-02: Checked against the 2 December 2026 independent reviews; doses now match the NHS pages.

The latest review's lines are shown at the end of the article, above "Page
last reviewed", under "What changed at the last review" (or "What changed at
the review of <date>" when the article has been reviewed since without
changes). On the web they sit in a closed ``<details>``: a patient sees one
line and opens it if they want the editors' record, which PEMAT's item 2 found
distracting when shown in full at the end of every page. Handouts and the book
print them open (a ``details`` element has no closed state on paper).

``{handbook-changes}`` lists every article's changes, newest first, grouped by
date, each linked to its article: the handbook's changelog
(``docs/about/changes.md``). Like :mod:`handbook.topics.listings`, it is filled in when
the page is written and rewritten whenever any article's changes change.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from handbook.article.review_status import long_date
from handbook.content.metadata import PageMeta, latest_changes, page_meta
from handbook.core.document_store import DocumentStore
from handbook.i18n.interface import N_, _

LAST_REVIEW_HEADING = N_("What changed at the last review")

ChangelogEntry = tuple[date, str, str, str]  # (day, docname, article title, what changed)


def heading_for(meta: PageMeta, day: date, language: str = "en") -> str:
    if meta.last_reviewed is None or meta.last_reviewed == day:
        return _(LAST_REVIEW_HEADING)
    return _("What changed at the review of {day}").format(day=long_date(day, language))


class review_changes(nodes.General, nodes.Element):
    """The last review's changes: ``<details class="review-changes">``, closed until the reader opens it."""


class review_changes_summary(nodes.General, nodes.TextElement):
    """The line a closed ``review_changes`` shows: its ``<summary>``."""


def _visit_review_changes(self: Any, node: review_changes) -> None:
    self.body.append(self.starttag(node, "details", CLASS="review-changes"))


def _depart_review_changes(self: Any, node: review_changes) -> None:
    self.body.append("</details>\n")


def _visit_summary(self: Any, node: review_changes_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def _depart_summary(self: Any, node: review_changes_summary) -> None:
    self.body.append("</summary>\n")


def add_last_changes(app: Sphinx, doctree: nodes.document) -> None:
    """At the end of an article: what changed in its latest review, in a closed box."""
    meta = page_meta(app.env).get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    latest = latest_changes(meta) if meta is not None and meta.is_article else None
    if section is None or meta is None or latest is None:
        return
    day, changes = latest
    box = review_changes()
    language = app.config.language or "en"
    box += review_changes_summary(text=heading_for(meta, day, language))
    items = nodes.bullet_list()
    for change in changes:
        items += nodes.list_item("", nodes.paragraph(text=f"{long_date(change.day, language)}: {change.text}"))
    box += items
    section += box


class changelog(nodes.General, nodes.Element):
    """Placeholder for the handbook's changelog, filled in when the page is written."""


class Changelog(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        CHANGELOGS.of(self.env)[self.env.docname] = True
        return [changelog()]


CHANGELOGS = DocumentStore[bool]("handbook_changelogs")
# On the environment: what the changelog pages listed when they were last written.
SHOWN = "handbook_changelog_shown"


def changelog_entries(env: BuildEnvironment) -> list[ChangelogEntry]:
    """Every article's changes, newest first, then by title."""
    found = [
        (change.day, docname, env.titles[docname].astext(), change.text)
        for docname, meta in page_meta(env).items()
        if meta.is_article and docname in env.titles
        for change in meta.changes
    ]
    return sorted(found, key=lambda entry: (-entry[0].toordinal(), entry[2].lower(), entry[3]))


def _fill_changelogs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(changelog)):
        node.replace_self(_render(app, docname, changelog_entries(app.env)))


def _render(app: Sphinx, docname: str, entries: list[ChangelogEntry]) -> list[nodes.Node]:
    if not entries:
        return [nodes.paragraph(text="No article has recorded a change yet.")]
    rendered: list[nodes.Node] = []
    for day, group in groupby(entries, key=lambda entry: entry[0]):
        rendered.append(nodes.rubric(text=long_date(day), classes=["changelog-date"]))
        items = nodes.bullet_list(classes=["handbook-changelog"])
        for _day, target, title, text in group:
            link = nodes.reference("", title, internal=True, refuri=app.builder.get_relative_uri(docname, target))
            items += nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(f": {text}")))
        rendered.append(items)
    return rendered


def _rewrite_changed_changelogs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The changelog pages, when what they would list differs from what was last written."""
    shown = getattr(env, SHOWN, None)
    current = changelog_entries(env)
    setattr(env, SHOWN, current)
    return sorted(CHANGELOGS.of(env)) if shown != current else []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(changelog)
    app.add_directive("handbook-changes", Changelog)
    app.add_node(review_changes, html=(_visit_review_changes, _depart_review_changes))
    app.add_node(review_changes_summary, html=(_visit_summary, _depart_summary))
    return {"version": "1", "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
