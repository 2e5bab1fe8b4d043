"""The names the site's pages use (classes, icons), without reading every page on every build.

Two passes after each HTML build need to know every name that appears on any
page: :mod:`handbook.theme.icons` (which Font Awesome drawings to ship) and
:mod:`handbook.theme.stylesheets` (which theme CSS rules and font glyphs to keep).
Sphinx copies the theme's files again on every build, so both run every time;
reading all pages for them cost seconds at 1,000 articles, even when the build
wrote no page. Instead, this module notes the names of each page when
:mod:`handbook.core.final_html_pass` finishes it (once, right after Sphinx wrote it), and
keeps the notes in the doctree folder for the next build. A page without notes
(a build folder from before this module) is read once. With the caches off
(``handbook_cache``) the notes are deleted, not read or written: every page
not written in that build is read, and the next build reads them once more.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx

from handbook.core.output_cache import enabled, location

CLASSES = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)')""")
# A custom property a page reads (an inline drawing's ``fill="var(--fig-bone)"``), noted with its dashes.
PROPERTY_READ = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
NOTES_FILE = "page-names-2.json"  # in handbook.core.output_cache.FOLDER; -2: the notes hold custom properties too


def names_in(html: str) -> set[str]:
    """The class names a page's markup uses (icons are classes too: ``fa-solid fa-sun``), and the custom
    properties it reads (``--fig-bone``: a class name never starts with two dashes)."""
    classes = {name for match in CLASSES.finditer(html) for name in (match[1] or match[2] or "").split()}
    return classes | set(PROPERTY_READ.findall(html))


class PageNames:
    """Each written page's names, by path relative to the output folder."""

    def __init__(self) -> None:
        self.pages: dict[str, list[str]] = {}
        self.names: set[str] | None = None  # the whole site's, once the build's pages are finished

    def load(self, app: Sphinx) -> None:
        notes = location(app, NOTES_FILE)
        if not enabled(app):
            notes.unlink(missing_ok=True)
        self.pages = json.loads(notes.read_text(encoding="utf-8")) if notes.is_file() else {}
        self.names = None

    def note(self, app: Sphinx, pagename: str, html: list[str]) -> None:
        self.pages[f"{pagename}.html"] = sorted(names_in(html[0]))

    def site_names(self, app: Sphinx) -> set[str]:
        """The names on every page now in the output folder; saves the notes for the next build."""
        if self.names is not None:
            return self.names
        outdir = Path(app.outdir)
        written = {page.relative_to(outdir).as_posix(): page for page in outdir.rglob("*.html")}
        self.pages = {name: names for name, names in self.pages.items() if name in written}
        for name in written.keys() - self.pages.keys():
            self.pages[name] = sorted(names_in(written[name].read_text(encoding="utf-8")))
        if enabled(app):
            location(app, NOTES_FILE).parent.mkdir(parents=True, exist_ok=True)
            location(app, NOTES_FILE).write_text(json.dumps(self.pages, sort_keys=True), encoding="utf-8")
        self.names = {name for names in self.pages.values() for name in names}
        return self.names


PAGE_NAMES = PageNames()


def site_names(app: Sphinx) -> set[str]:
    return PAGE_NAMES.site_names(app)
