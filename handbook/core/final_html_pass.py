"""One pass over the HTML pages a build wrote, for fixes that need the final markup.

Some guarantees can only be checked or made on the page as the theme rendered
it: the Content-Security-Policy must hash the inline scripts the theme wrote;
the sidebar's disclosure buttons need names. After each HTML build this module
reads every page Sphinx wrote in that build once, emits
``handbook-finish-page(app, pagename, html)`` with ``html`` a one-item list that
handlers may change in place (as ``source-read`` does), and writes the result
back. A finished page ends with a marker, so later builds leave it alone until
Sphinx writes it again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

EVENT = "handbook-finish-page"
MARKER = "<!-- finished by the handbook -->"


def _is_finished(page: Path) -> bool:
    """Whether the page ends with the marker; reads only its end (a rebuild skips most pages)."""
    with page.open("rb") as file:
        file.seek(max(0, page.stat().st_size - len(MARKER) - 16))
        return file.read().rstrip().endswith(MARKER.encode())


def _finish_written_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in sorted(outdir.rglob("*.html")):
        if _is_finished(page):
            continue
        html = page.read_text(encoding="utf-8")
        holder = [html]
        app.emit(EVENT, page.relative_to(outdir).with_suffix("").as_posix(), holder)
        page.write_text(f"{holder[0].rstrip()}\n{MARKER}\n", encoding="utf-8")


def _rewrite(rewrite: Callable[[str], str], app: Sphinx, pagename: str, html: list[str]) -> None:
    html[0] = rewrite(html[0])


def page_rewriter(rewrite: Callable[[str], str]) -> Callable[[Sphinx, str, list[str]], None]:
    """A ``handbook-finish-page`` handler passing each page's HTML through ``rewrite``: the one most fixes need."""
    return partial(_rewrite, rewrite)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_event(EVENT)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
