"""What an article may not contain: raw HTML, and images nobody can read.

Patient articles never need raw HTML, and a pasted ``<script>`` or tracking
pixel would reach every reader, so raw HTML blocks, inline HTML and the
``{raw}`` directive are build errors. Only the project's templates produce
HTML. An image without alt text leaves screen-reader users with nothing, so it
is an error too.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from handbook.core.diagnostics import node_line, report_error


def _refuse_unsafe_content(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    for raw in doctree.findall(nodes.raw):
        shown = " ".join(raw.astext().split())[:40]
        report_error(
            app.env,
            docname,
            node_line(raw),
            f"raw HTML: expected Markdown only, got '{shown}' (raw HTML and the raw directive are not allowed)",
        )
    for image in doctree.findall(nodes.image):
        if not image.get("alt", "").strip():
            report_error(
                app.env,
                docname,
                node_line(image),
                f"image '{image.get('uri', '')}': expected alt text that says what it shows, as in ![what it shows](file)",
            )
