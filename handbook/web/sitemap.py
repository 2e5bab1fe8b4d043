"""``sitemap.xml`` for search engines: every page, each article dated by its last review.

sphinx-sitemap writes the file from a queue of ``(link, lastmod)`` that it fills
as pages are written, so an incremental build would list only the pages it
rewrote, and its dates come only from git. This module fills that queue itself
once the build is done: every page of the site, with ``<lastmod>`` from the
article's ``last_reviewed`` (the date its content was last checked, which is
what a reader and a search engine care about). The address is ``html_baseurl``
(:mod:`handbook.web.site_address`); without one there is no sitemap, since its
addresses must be absolute. ``sitemap_excludes`` (in ``conf.py``) keeps out
pages nobody should land on from a search engine: search, the book index, the
404 page and the topic listings.

sphinx-sitemap 2.9 makes that queue (``app.sitemap_links``) with a
``multiprocessing.Manager``, a server process per build that is never shut
down: it keeps every pipe of the process that started it open (in the tests,
Playwright's, whose driver then never exits). Since the pages are queued here
in the main process at the end, a plain in-process queue does the job, and no
process is started.

sphinx-sitemap has no setting for either, so this module disconnects three of
its listeners. Each must be there to disconnect, else sphinx-sitemap has
changed and would list pages (or start its process) beside this module; a
sphinx-sitemap without one stops the build with one line (:data:`COLLECTION`).
Upstream: https://github.com/jdillard/sphinx-sitemap/issues/13 (open: only the
pages a build rewrote are listed); no upstream issue found for the process
left running.
"""

from __future__ import annotations

from queue import SimpleQueue
from typing import Any

import sphinx_sitemap
from sphinx.application import Sphinx
from sphinx.config import Config

from handbook.content.metadata import page_meta
from handbook.core.upstream import UpstreamHook

BUILDERS = ("html", "dirhtml")
# sphinx-sitemap's queue of (link, lastmod), on the application.
QUEUE = "sitemap_links"


COLLECTION = UpstreamHook(
    "sphinx-sitemap",
    __name__,
    "disconnects it to queue every page itself, without a process",
    issue="https://github.com/jdillard/sphinx-sitemap/issues/13",
)


def _disconnect(app: Sphinx, event: str, handler_name: str) -> None:
    COLLECTION.disconnect(app, event, COLLECTION.attribute(sphinx_sitemap, handler_name))


def _take_over_collection(app: Sphinx, config: Config) -> None:
    # html_baseurl already ends in a translation's folder (handbook.i18n.languages), and the articles' language has
    # none: sphinx-sitemap's "{lang}" would add one; handbook.i18n.switcher lists each page's other languages.
    config.sitemap_url_scheme = "{link}"
    config.sitemap_locales = [None]
    _disconnect(app, "builder-inited", "record_builder_type")  # _make_queue makes the queue
    _disconnect(app, "html-page-context", "add_html_link")  # _queue_every_page fills it
    if not config.html_baseurl:
        _disconnect(app, "build-finished", "create_sitemap")  # no address, no sitemap


def _make_queue(app: Sphinx) -> None:
    setattr(app, QUEUE, SimpleQueue())
    if app.builder.name not in BUILDERS and app.config.html_baseurl:  # without an address it is disconnected already
        # No pages, no sitemap: without this, every other builder (linkcheck, the
        # content check) prints "No pages generated for sitemap.xml".
        _disconnect(app, "build-finished", "create_sitemap")


def _queue_every_page(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in BUILDERS or not app.config.html_baseurl:
        return
    meta = page_meta(app.env)
    queue: SimpleQueue[tuple[str, str | None]] = getattr(app, QUEUE)
    for docname in sorted(app.env.found_docs):
        link = app.builder.get_target_uri(docname)
        if sphinx_sitemap.is_excluded(link, app.config.sitemap_excludes):
            continue
        reviewed = meta[docname].last_reviewed if docname in meta else None
        queue.put((link, reviewed.isoformat() if reviewed else None))


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_sitemap")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
