"""One setting, ``html_baseurl``, says where the site lives; everything else follows it.

The canonical links (Sphinx), the sitemap (:mod:`handbook.web.sitemap`), link
previews (:mod:`handbook.web.link_previews`), the structured data
(:mod:`handbook.web.structured_data`) and the 404 page all need the site's address.
A fork published at ``https://example.org/back-pain/`` sets ``html_baseurl``
once (or ``make html BASEURL=...``), and this module derives the rest when
the configuration is read:

* ``notfound_urls_prefix``: the 404 page is served for missing addresses at
  any depth, so its links are absolute from the site's path (``/back-pain/``).
  sphinx-notfound-page makes ``pathto()`` and Sphinx's ``toctree()`` absolute,
  but the theme draws the sidebar with its own ``generate_toctree_html``, whose
  links stayed relative: from ``/back-pain/treatments/old.html`` "The basics"
  led to ``/back-pain/treatments/basics/index.html``, another 404. This module
  resolves them against the 404 page's own address;
* ``ogp_site_url``: the address link previews give for each page.

A base URL that is not an absolute ``http(s)`` address is an error naming the
setting; the build goes on without one.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from handbook.core.diagnostics import fail_build

logger = logging.getLogger(__name__)
# href="..." that is not absolute (scheme, "/") and not a fragment on the same page ("#").
RELATIVE_HREF = re.compile(r'href="(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)([^"]*)"')


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


def absolute_links(html: str, page_address: str) -> str:
    """``html`` with each relative ``href`` resolved against ``page_address`` (``/handbook/404.html``)."""
    return RELATIVE_HREF.sub(lambda link: f'href="{urljoin(page_address, link.group(1))}"', html)


def _absolute_sidebar_on_404_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if "notfound_pagename" not in app.config or pagename != app.config.notfound_pagename:
        return
    theme_function = context.get("generate_toctree_html")
    if theme_function is None:
        return  # a theme without pydata-sphinx-theme's sidebar: sphinx-notfound-page's toctree() covers it
    address = urljoin(app.config.notfound_urls_prefix or "/", app.builder.get_target_uri(pagename))

    def generate_toctree_html(*args: Any, **kwargs: Any) -> str:
        return absolute_links(str(theme_function(*args, **kwargs)), address)

    context["generate_toctree_html"] = generate_toctree_html
