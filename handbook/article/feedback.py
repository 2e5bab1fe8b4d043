"""Two ways for a reader to answer back, at the end of every article, with no script and no tracking.

* "Suggest a correction": readers and clinicians who spot a mistake should be
  one click from the text that needs fixing. Under the "Page last reviewed"
  line (:mod:`handbook.article.review_status`) each article links to its Markdown file at
  ``handbook_repository_url``/blob/``handbook_repository_branch``/docs/...;
  an empty ``handbook_repository_url`` means no link.
* "Was this page helpful? Tell us" (PIF TICK criterion 8, feedback): a
  ``mailto:`` link to ``handbook_feedback_email`` whose subject and body
  already name the article's title, address and review date, so the reader
  needs no account and the editors know which page is meant. Without an
  address, the link opens the repository's new-issue form, filled in the same
  way; with neither setting there is no feedback line. Either way it is a
  plain link: the page sends nothing anywhere until the reader chooses to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx

from handbook.article.review_status import long_date
from handbook.content.metadata import PageMeta, page_meta
from handbook.i18n.interface import N_, _

LINK_TEXT = N_("Suggest a correction")
FEEDBACK_QUESTION = N_("Was this page helpful?")
FEEDBACK_LINK_TEXT = N_("Tell us")


def source_url(repository: str, branch: str, source: Path, project_root: Path) -> str:
    """The address of ``source`` (a file under ``project_root``) in the repository's web view."""
    path = Path(os.path.relpath(source, project_root)).as_posix()
    return f"{repository.rstrip('/')}/blob/{branch}/{path}"


def feedback_subject_and_body(title: str, address: str, meta: PageMeta) -> tuple[str, str]:
    """What the reader's message starts with: which page, where, and which version of it."""
    reviewed = long_date(meta.last_reviewed) if meta.last_reviewed else "not set"
    body = (
        f"Page: {title}\r\nAddress: {address}\r\nPage last reviewed: {reviewed}\r\n\r\n"
        "Was this page helpful? Yes / No\r\nWhat would make it better?\r\n"
    )
    return f"Feedback on “{title}”", body


def feedback_url(email: str, repository: str, title: str, address: str, meta: PageMeta) -> str:
    """A ``mailto:`` address (RFC 6068: every reserved character percent-encoded), else the issue form; or ""."""
    subject, body = feedback_subject_and_body(title, address, meta)
    if email:
        return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    if repository:
        return f"{repository.rstrip('/')}/issues/new?title={quote(subject, safe='')}&body={quote(body, safe='')}"
    return ""


def page_address(base_url: str, docname: str) -> str:
    """The article's public address, as the PDFs print it."""
    return f"{base_url.rstrip('/')}/{docname}.html" if base_url else f"{docname}.html"


def add_reader_links(app: Sphinx, doctree: nodes.document) -> None:
    """At the very end of an article: "Found a mistake?" and "Was this page helpful?"."""
    meta = page_meta(app.env).get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if meta is None or not meta.is_article or section is None:
        return
    config = app.config
    if config.handbook_repository_url:
        url = source_url(
            config.handbook_repository_url,
            config.handbook_repository_branch,
            Path(app.env.doc2path(app.env.docname)),
            Path(app.confdir),
        )
        paragraph = nodes.paragraph(classes=["suggest-correction", "web-only"])  # not in the PDFs
        paragraph += nodes.Text(_("Found a mistake?") + " ")
        paragraph += nodes.reference("", _(LINK_TEXT), refuri=url)
        section += paragraph
    title = section.next_node(nodes.title)
    address = page_address(config.html_baseurl, app.env.docname)
    feedback = feedback_url(
        config.handbook_feedback_email, config.handbook_repository_url, title.astext() if title else "", address, meta
    )
    if feedback:
        paragraph = nodes.paragraph(classes=["page-feedback", "web-only"])
        paragraph += nodes.Text(f"{_(FEEDBACK_QUESTION)} ")
        paragraph += nodes.reference("", _(FEEDBACK_LINK_TEXT), refuri=feedback)
        section += paragraph


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_repository_url", "https://github.com/spine-health-handbook/handbook", "env", str)
    app.add_config_value("handbook_repository_branch", "main", "env", str)
    app.add_config_value("handbook_feedback_email", "", "env", str)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
