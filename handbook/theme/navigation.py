"""The sidebar's navigation, rendered once per section instead of once per page.

pydata-sphinx-theme's ``generate_toctree_html`` (sphinx-book-theme's sidebar
calls it on every page) resolves the toctree of the whole site, renders it and
rewrites it with BeautifulSoup: work that grows with the number of pages, done
for every page, so the build grew with the square of the handbook. At 1,000
articles the sidebar was most of the build.

With the navigation collapsed to the section a reader is in, the pages of one
folder that share a parent get the same sidebar, except for which entry is
marked as the current page. So the first such page gets the theme's own
rendering, and each sibling gets a copy with the mark moved: the first page's
entry loses ``current active`` and gets its link back, the sibling's entry
gets them instead (``<a class="current reference internal" href="#">``, as
Sphinx writes it). Pages of one folder outside the navigation (search, index,
404) share one sidebar with no mark. Pages that do not fit these patterns
(the home page, section pages with pages under them, or any page where the
mark is not found exactly once) keep the theme's rendering.

The theme has no setting or hook for this: the module replaces the theme's
``html-page-context`` listener ``add_toctree_functions`` and wraps the
``generate_toctree_html`` it puts in the context. With the theme loaded and
either of them gone, the build stops with one line (:data:`SIDEBAR`).
Upstream: https://github.com/pydata/pydata-sphinx-theme/issues/762 (open: the
sidebar rendered into every page), after
https://github.com/pydata/pydata-sphinx-theme/issues/364 (the slow builds of
large sites).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from html import escape
from typing import Any

from pydata_sphinx_theme import toctree as theme_toctree
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from handbook.core.output_cache import enabled
from handbook.core.upstream import UpstreamHook
from handbook.theme import PYDATA_THEME

CURRENT_ENTRY = re.compile(r'<li class="toctree-l(\d+) current active"><a class="current reference internal" href="#">')
Sidebar = tuple[str, str]  # (page the theme rendered it for, its HTML)
OUTSIDE = ("(outside the navigation)",)
# On the application, once the theme's listener is replaced: (the theme's add_toctree_functions, this build's cache).
TAKEN_OVER = "handbook_sidebar_cache"
SIDEBAR = UpstreamHook(
    "pydata-sphinx-theme",
    __name__,
    "replaces it to render the sidebar once per section, not once per page",
    issue="https://github.com/pydata/pydata-sphinx-theme/issues/762",
)


def entry(depth: str, href: str) -> str:
    return f'<li class="toctree-l{depth}"><a class="reference internal" href="{escape(href, quote=True)}">'


def current_entry(depth: str) -> str:
    return f'<li class="toctree-l{depth} current active"><a class="current reference internal" href="#">'


def move_current_mark(html: str, shown_href: str, page_href: str) -> str | None:
    """The sidebar ``html`` with the current-page mark moved to another entry, or ``None``.

    ``shown_href`` is the link, from the new page, to the page ``html`` marks as
    current; ``page_href`` the link, from that page, to the new page.
    """
    marks = CURRENT_ENTRY.findall(html)
    if len(marks) != 1:
        return None
    depth = marks[0]
    unmarked = CURRENT_ENTRY.sub(lambda _: entry(depth, shown_href), html)
    target = entry(depth, page_href)
    if unmarked.count(target) != 1:
        return None
    return unmarked.replace(target, current_entry(depth))


def parents(env: BuildEnvironment) -> dict[str, list[str]]:
    """Every document's parents in the toctree, by docname."""
    found: dict[str, list[str]] = {}
    for parent, children in env.toctree_includes.items():
        for child in children:
            found.setdefault(child, []).append(parent)
    return found


def ancestors(parent_of: dict[str, list[str]], docname: str) -> tuple[str, ...]:
    """The chain of parents up to the root, as Sphinx follows it (last parent listed, no loops)."""
    chain: list[str] = []
    while docname in parent_of and parent_of[docname][-1] not in chain:
        docname = parent_of[docname][-1]
        chain.append(docname)
    return tuple(chain)


class SidebarCache:
    """The sidebars rendered in this build, by (folder, ancestors, arguments)."""

    def __init__(self) -> None:
        self.parent_of: dict[str, list[str]] | None = None
        self.sidebars: dict[tuple[Any, ...], Sidebar] = {}

    def reset(self) -> None:
        self.parent_of = None
        self.sidebars = {}

    def sibling_key(self, app: Sphinx, pagename: str) -> tuple[Any, ...] | None:
        """What a page shares with the siblings whose sidebar it can reuse; ``None`` if nothing.

        Siblings are the pages of one folder under the same parent, or the pages of
        one folder outside the navigation (the genindex, search and 404 pages).
        """
        env = app.env
        if self.parent_of is None:
            self.parent_of = parents(env)
        listed = len(self.parent_of.get(pagename, ()))
        if env.toctree_includes.get(pagename) or listed > 1 or pagename == app.config.root_doc:
            return None  # a page with pages under it, listed twice, or the home page
        folder = posixpath.dirname(app.builder.get_target_uri(pagename))
        return (folder, ancestors(self.parent_of, pagename) if listed else OUTSIDE)

    def wrap(self, app: Sphinx, pagename: str, theme_function: Callable[..., Any]) -> Callable[..., Any]:
        key = self.sibling_key(app, pagename)
        if key is None:
            return theme_function

        @functools.cache
        def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
            if kind != "sidebar":
                return theme_function(kind, startdepth, show_nav_level, **kwargs)
            call = (*key, startdepth, show_nav_level, tuple(sorted(kwargs.items())))
            known = self.sidebars.get(call)
            if known is None:
                html = str(theme_function(kind, startdepth, show_nav_level, **kwargs))
                self.sidebars[call] = (pagename, html)
                return html
            shown, html = known
            if shown == pagename or (key[1] == OUTSIDE and not CURRENT_ENTRY.search(html)):
                return html  # pages outside the navigation have no entry to mark
            builder = app.builder
            moved = move_current_mark(html, builder.get_relative_uri(pagename, shown), builder.get_relative_uri(shown, pagename))
            return moved if moved is not None else theme_function(kind, startdepth, show_nav_level, **kwargs)

        return generate_toctree_html


def _use_cached_sidebars(app: Sphinx) -> None:
    """Take over the theme's context functions, if the theme is pydata-sphinx-theme's.

    With the theme loaded, its ``add_toctree_functions`` listener must be there
    to replace: without the check, a renamed listener would leave the theme's
    slow sidebar in place, with no sign of it but the build's time.
    With the caches off (``handbook_cache``), the theme draws every sidebar itself.
    """
    if PYDATA_THEME not in app.extensions or not enabled(app):
        return  # another theme: its sidebar is its own
    theme_function = SIDEBAR.attribute(theme_toctree, "add_toctree_functions")
    SIDEBAR.disconnect(app, "html-page-context", theme_function)
    setattr(app, TAKEN_OVER, (theme_function, SidebarCache()))


def _add_cached_toctree_functions(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """The theme's listener, run in its place, with its sidebar function behind this build's cache."""
    taken_over: tuple[Callable[..., None], SidebarCache] | None = getattr(app, TAKEN_OVER, None)
    if taken_over is None:
        return  # another theme, or the caches are off: the theme's own listener is still connected
    theme_function, cache = taken_over
    theme_function(app, pagename, templatename, context, doctree)
    if "generate_toctree_html" not in context:
        SIDEBAR.missing("generate_toctree_html in the page context")
    context["generate_toctree_html"] = cache.wrap(app, pagename, context["generate_toctree_html"])


def _forget_sidebars(app: Sphinx, env: BuildEnvironment) -> None:
    taken_over = getattr(app, TAKEN_OVER, None)
    if taken_over is not None:
        taken_over[1].reset()
