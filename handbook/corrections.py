"""A "Suggest a correction" link: every article links to its own source file in the repository.

Readers and clinicians who spot a mistake should be one click from the text
that needs fixing. Under the "Page last reviewed" line (:mod:`handbook.pages`)
each article gets a link to its Markdown file at
``handbook_repository_url``/blob/``handbook_repository_branch``/docs/...; forks
set their own repository, and an empty ``handbook_repository_url`` means no
link.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from handbook.metadata import page_meta

LINK_TEXT = "Suggest a correction"


def source_url(repository: str, branch: str, source: Path, project_root: Path) -> str:
    """The address of ``source`` (a file under ``project_root``) in the repository's web view."""
    path = Path(os.path.relpath(source, project_root)).as_posix()
    return f"{repository.rstrip('/')}/blob/{branch}/{path}"


def _add_correction_link(app: Sphinx, doctree: nodes.document) -> None:
    meta = page_meta(app.env).get(app.env.docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    if not app.config.handbook_repository_url or meta is None or not meta.is_article or section is None:
        return
    url = source_url(
        app.config.handbook_repository_url,
        app.config.handbook_repository_branch,
        Path(app.env.doc2path(app.env.docname)),
        Path(app.confdir),
    )
    paragraph = nodes.paragraph(classes=["suggest-correction", "web-only"])  # not in the PDFs
    paragraph += nodes.Text("Found a mistake? ")
    paragraph += nodes.reference("", LINK_TEXT, refuri=url)
    section += paragraph


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_repository_url", "https://github.com/spine-health-handbook/handbook", "env", str)
    app.add_config_value("handbook_repository_branch", "main", "env", str)
    # After handbook.pages adds "Page last reviewed" (priority 500), so the link comes under it.
    app.connect("doctree-read", _add_correction_link, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
