"""Link previews (Open Graph): what a chat app or social site shows for a shared page.

sphinxext-opengraph writes the ``og:`` tags: the page title, its address from
``html_baseurl`` (:mod:`handbook.web.site_address`), and the image ``ogp_image``
(``_static/social.png``, drawn once and committed). This module gives it the
description the author wrote for patients in the front matter, instead of the
page's first paragraph. Social cards are off (``ogp_social_cards`` in
``conf.py``): they need matplotlib, and one committed image does the job.

sphinxext-opengraph prints a note about matplotlib to stdout when imported
without it; it is imported here with that note silenced, so it does not
clutter every build.
"""

from __future__ import annotations

import contextlib
import io
from typing import Any

from sphinx.application import Sphinx

from handbook.content.metadata import page_meta

with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph  # noqa: F401  (imported once, quietly; set up below)


def _front_matter_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    meta = page_meta(app.env).get(pagename)
    if meta and meta.description:
        # A copy: context["meta"] is the environment's own record of the page.
        context["meta"] = {**(context.get("meta") or {}), "og:description": meta.description}


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxext.opengraph")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
