"""Write the index, search and 404 pages only when what they show has changed.

Sphinx renders these pages again at the end of every HTML build, even one
that read and wrote nothing. At 1,000 articles that was most of a second of
each no-change rebuild, and of each edit that changed no index entry: the
index page lists every ``also_called`` name, and each page runs the theme's
page handlers. None of them shows an article's text. So this module keeps,
for each, a digest of what it is made from: every page title and the
navigation (the sidebar), the configuration, the templates, the static
files and the handbook's own code, and for the index page its entries. When the digest is the same as
last time and the page is there, the page on disk is already right.

The wrapper and the digests use Sphinx's builder internals (``handle_page``,
``build_info``, ``templates``, ``IndexEntries``); a Sphinx without one of them
stops the build with one line (:func:`check_hook_points`). No upstream issue
found for a hook to skip an unchanged page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.indexentries import IndexEntries
from sphinx.util import logging

from handbook.core.output_cache import digest_of, enabled, last_digest, remember_digest
from handbook.core.upstream import UpstreamHook

logger = logging.getLogger(__name__)
# Sphinx has no hook to skip writing a page; no upstream issue found.
WHOLE_SITE_PAGES = UpstreamHook(
    "Sphinx", __name__, "uses it to write the index, search and 404 pages only when what they show has changed"
)


def file_stamps(root: Path, suffixes: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """Name, size and time of each file under ``root`` (of the given suffixes), in a fixed order."""
    return [
        (path.relative_to(root).as_posix(), path.stat().st_size, path.stat().st_mtime_ns)
        for path in (sorted(root.rglob("*")) if root.is_dir() else [])
        if path.is_file() and (suffixes is None or path.suffix in suffixes)
    ]


def _static_files(app: Sphinx) -> list[tuple[str, int, int]]:
    """The project's static files: pages link them with a checksum."""
    return [stamp for folder in app.config.html_static_path for stamp in file_stamps(Path(app.confdir) / folder)]


PACKAGE = Path(__file__).resolve().parents[1]
CODE_SUFFIXES = frozenset({".py", ".js", ".css", ".html"})


def handbook_code(package: Path = PACKAGE) -> list[tuple[str, int, int]]:
    """The handbook's own files: a new version may change what these pages link or hold."""
    return file_stamps(package, CODE_SUFFIXES)


def site_digest(app: Sphinx, builder: StandaloneHTMLBuilder) -> str:
    """What every whole-site page is made from, as one hash."""
    env = builder.env
    inputs = (
        sorted((docname, title.astext()) for docname, title in env.titles.items()),
        sorted((docname, tuple(children)) for docname, children in env.toctree_includes.items()),
        builder.build_info.config_hash,
        builder.templates.newest_template_mtime(),
        _static_files(app),
        handbook_code(),
    )
    return digest_of(inputs)


def index_digest(builder: StandaloneHTMLBuilder) -> str:
    return digest_of(IndexEntries(builder.env).create_index(builder))


def _write_when_changed(app: Sphinx, builder: StandaloneHTMLBuilder) -> Callable[..., None]:
    handle_page = builder.handle_page
    whole_site_pages = {"genindex", "search", app.config.notfound_pagename if "notfound_pagename" in app.config else "404"}
    site: list[str] = []  # computed once, when the first of these pages is written

    def handle_page_when_changed(pagename: str, *args: Any, **kwargs: Any) -> None:
        if pagename not in whole_site_pages:
            handle_page(pagename, *args, **kwargs)
            return
        if not site:
            site.append(site_digest(app, builder))
        digest = site[0] + (index_digest(builder) if pagename == "genindex" else "")
        record = f"page-{pagename}"
        if last_digest(app, record) == digest and (Path(builder.outdir) / builder.get_target_uri(pagename)).is_file():
            logger.info("%s unchanged: not written again", pagename)
            return
        handle_page(pagename, *args, **kwargs)
        remember_digest(app, record, digest)

    return handle_page_when_changed


def check_hook_points(builder: StandaloneHTMLBuilder) -> None:
    """What the wrapper and the digests read from Sphinx's builder, none of it public: all must be there.

    Without ``handle_page`` the wrapper would never run, and without the others
    the first whole-site page would crash the build; either way, say so first.
    """
    WHOLE_SITE_PAGES.attribute(builder, "handle_page")
    WHOLE_SITE_PAGES.attribute(WHOLE_SITE_PAGES.attribute(builder, "build_info"), "config_hash")
    WHOLE_SITE_PAGES.attribute(WHOLE_SITE_PAGES.attribute(builder, "templates"), "newest_template_mtime")
    WHOLE_SITE_PAGES.attribute(IndexEntries, "create_index")


def _install(app: Sphinx) -> None:
    builder = app.builder
    if type(builder) is StandaloneHTMLBuilder and enabled(app):  # with the caches off, Sphinx writes them all
        check_hook_points(builder)
        builder.handle_page = _write_when_changed(app, builder)  # type: ignore[method-assign]
