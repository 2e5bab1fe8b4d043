"""Pages leave out the Sphinx files the handbook does not use: fewer requests and bytes on a phone.

Sphinx adds ``pygments.css`` (13 KB), ``doctools.js`` and ``sphinx_highlight.js``
to every page. Articles hold no code (:mod:`handbook.content.structure`
forbids code blocks), so the colours of highlighted code are never used.
``doctools.js`` and ``sphinx_highlight.js`` serve Sphinx's search:
``searchtools.js`` calls them, so the search page keeps them; on any other
page ``sphinx_highlight.js`` only marks the words searched for and adds a
"Hide Search Matches" button (issue 16, items 5 and 7), and ``doctools.js``
only its keyboard shortcuts ("/" to a search box; the theme's Ctrl+K stays).

Bootstrap's script (81 KB) only opened the theme's "Color mode" menu (and
tooltips, which the buttons' titles give without it):
``_templates/theme-switcher.html`` is one "Dark mode" button instead, so the
finished pages (:mod:`handbook.core.final_html_pass`) drop the script and its
preload link. The themes' own scripts go too: pydata-sphinx-theme's (16 KB)
fetches version switchers and banners and runs search as you type, none of
which the site has, and its class names kept 10 KB of the theme's CSS;
sphinx-book-theme's (3 KB) serves margin notes and full-screen buttons. What
the pages need of them, the menus, Ctrl+K, the contents that follow the
reading, is ``_static/handbook-page.js`` (``html_js_files`` in ``conf.py``).

The handbook's own stylesheets, ``handbook.css``, ``red-flags.css``,
``figures.css`` and ``print.css``, were four requests, and the theme's
``theme.css`` a fifth that only imports ``basic.css`` (a request that waits for
another). The pages load one ``handbook-site.css`` instead, written from the
four at ``builder-inited`` (``print.css`` inside ``@media print``) without
their comments, and a link to ``basic-used.css``, the rules of ``basic.css``
the site can use (:mod:`handbook.theme.stylesheets`): an article's first load
is 12 requests (issue 16, item 7).
The PDFs still import ``red-flags.css`` and ``figures.css`` themselves.

The files stay in ``_static``: a page from an older build, or the search page,
may still ask for them. ``tests/test_page_weight.py`` counts what Chromium
loads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tinycss2
from sphinx.application import Sphinx

from handbook.core.final_html_pass import page_rewriter

UNUSED_STYLESHEETS = frozenset({"pygments.css"})
# Needed by searchtools.js, which only the search page loads (_templates/layout.html). translations.js (a translated
# build's) calls doctools.js's Documentation.addTranslations, so without doctools.js it throws on every other page.
SEARCH_ONLY_SCRIPTS = frozenset({"doctools.js", "sphinx_highlight.js", "translations.js"})
SEARCH_PAGE = "search"
# The handbook's own stylesheets (conf.py html_css_files), one file on the web: the PDFs still @import them one by one.
OWN_STYLESHEETS = ("handbook.css", "red-flags.css", "figures.css")
PRINT_STYLESHEET = "print.css"  # loaded with media="print": in the bundle inside @media print
BUNDLE = "handbook-site.css"
# pydata-sphinx-theme's theme.css holds only @import "../basic.css": a request that waits for another. Pages link
# instead the rules of Sphinx's basic.css they can use, which handbook.theme.stylesheets writes after the build.
TRIMMED_BASIC = "basic-used.css"
THEME_CSS = re.compile(r'(<link href="[^"]*_static/)styles/theme\.css\?digest=[0-9a-f]+(" rel="stylesheet" />)')
# Left out of every page (THEME_SCRIPTS, BOOK_THEME_SCRIPT below): handbook.theme.stylesheets does not keep CSS for
# the classes only they name.
BOOK_THEME_SCRIPT = "sphinx-book-theme.js"  # added with add_js_file: left out of the page's context
DROPPED_SCRIPTS = frozenset({"bootstrap.js", "pydata-sphinx-theme.js", BOOK_THEME_SCRIPT})
# pydata-sphinx-theme's <link rel="preload"> in <head> and its <script defer> at the end of <body>, for its own script
# and Bootstrap's: its template writes them, with no setting to leave them out.
THEME_SCRIPTS = re.compile(
    r'[ \t]*<(?:link rel="preload" as="script"|script defer src)[^>]*/scripts/(?:bootstrap|pydata-sphinx-theme)\.js'
    r"[^>]*>(?:</script>)?\n?"
)


def bundle(static: Path) -> str | None:
    """The project's stylesheets as one, in the order the pages loaded them; None if one is missing.

    Their comments, a third of their bytes, are for editors: the sources in ``_static`` keep them.
    """
    names = [*OWN_STYLESHEETS, PRINT_STYLESHEET]
    if not all((static / name).is_file() for name in names):
        return None
    parts = [f"/* {name} */\n{without_comments((static / name).read_text(encoding='utf-8'))}" for name in OWN_STYLESHEETS]
    printed = without_comments((static / PRINT_STYLESHEET).read_text(encoding="utf-8"))
    parts.append(f"/* {PRINT_STYLESHEET} */\n@media print {{\n{printed}}}\n")
    return "\n".join(parts)


def without_comments(css: str) -> str:
    """``css`` rule by rule, one to a line, without its comments (tinycss2 knows a comment from a string)."""
    return "".join(f"{rule.serialize()}\n" for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _write_bundle(app: Sphinx) -> None:
    app.builder.handbook_css_bundle = False  # type: ignore[attr-defined]
    if app.builder.format != "html":
        return
    text = bundle(Path(app.confdir) / "_static")
    if text is None:
        return
    target = Path(app.outdir) / "_static" / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    app.builder.handbook_css_bundle = True  # type: ignore[attr-defined]


def _bundled(sheets: list[Any]) -> list[Any]:
    own = [sheet for sheet in sheets if _name(sheet) in (*OWN_STYLESHEETS, PRINT_STYLESHEET)]
    if len(own) != len(OWN_STYLESHEETS) + 1:
        return sheets
    first = own[0]
    replacement = type(first)(f"_static/{BUNDLE}", priority=getattr(first, "priority", 800))
    return [replacement if sheet is first else sheet for sheet in sheets if sheet is first or sheet not in own]


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset)).rsplit("/", 1)[-1]


def _leave_out_unused(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if "css_files" in context:
        context["css_files"] = [sheet for sheet in context["css_files"] if _name(sheet) not in UNUSED_STYLESHEETS]
        if getattr(app.builder, "handbook_css_bundle", False):
            context["css_files"] = _bundled(context["css_files"])
    if "script_files" in context:
        unused = {BOOK_THEME_SCRIPT} if pagename == SEARCH_PAGE else {BOOK_THEME_SCRIPT, *SEARCH_ONLY_SCRIPTS}
        context["script_files"] = [script for script in context["script_files"] if _name(script) not in unused]


def without_theme_scripts(html: str) -> str:
    return THEME_CSS.sub(rf"\1{TRIMMED_BASIC}\2", THEME_SCRIPTS.sub("", html))


# handbook-finish-page: each written page through without_theme_scripts (the wiring table in handbook/__init__.py).
finish_page = page_rewriter(without_theme_scripts)
