"""One setting, ``html_baseurl``, says where the site lives; everything else follows it.

The canonical links (Sphinx), the sitemap (:mod:`handbook.sitemap`), link
previews (:mod:`handbook.socialmeta`), the structured data
(:mod:`handbook.structureddata`) and the 404 page all need the site's address.
A fork published at ``https://example.org/back-pain/`` sets ``html_baseurl``
once (or ``make html BASEURL=...``), and this module derives the rest when
the configuration is read:

* ``notfound_urls_prefix``: the 404 page is served for missing addresses at
  any depth, so its links are absolute from the site's path (``/back-pain/``);
* ``ogp_site_url``: the address link previews give for each page.

A base URL that is not an absolute ``http(s)`` address is an error naming the
setting; the build goes on without one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from handbook.diagnostics import fail_build

logger = logging.getLogger(__name__)


def normalised_base_url(value: str) -> str:
    """``https://host/path/``, always ending in ``/``; raise ValueError for anything else."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(value)
    return value if value.endswith("/") else f"{value}/"


def site_path(base_url: str) -> str:
    """The path the site is served under: ``/handbook/`` for ``https://host/handbook/``, else ``/``."""
    return urlsplit(base_url).path or "/"


def _derive_from_base_url(app: Sphinx, config: Config) -> None:
    if config.html_baseurl:
        try:
            config.html_baseurl = normalised_base_url(config.html_baseurl)
        except ValueError:
            logger.error(
                "html_baseurl: expected the site's address, like https://example.org/handbook/, got '%s'",
                config.html_baseurl,
                type="handbook",
            )
            config.html_baseurl = ""
            fail_build(app)
    derived = {"notfound_urls_prefix": site_path(config.html_baseurl), "ogp_site_url": config.html_baseurl}
    for name, value in derived.items():
        if name in config:  # only for the extensions this project uses
            setattr(config, name, value)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _derive_from_base_url, priority=100)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
