"""The Spine Health Handbook's own Sphinx extensions.

Listing ``handbook`` in ``extensions`` sets up everything the handbook needs:
MyST Markdown, sphinx-tags, and one module per concern below. Each module has
its own ``setup(app)`` so it can be read, tested and reused on its own.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

MODULES = (
    "handbook.diagnostics",
    "handbook.citations",
    "handbook.metadata",
    "handbook.countries",
    "handbook.redflags",
    "handbook.urgency",
    "handbook.reviewers",
    "handbook.changes",
    "handbook.medicines",
    "handbook.figures",
    "handbook.iconarrays",
    "handbook.topics",
    "handbook.listings",
    "handbook.pages",
    "handbook.readability",
    "handbook.safety",
    "handbook.structure",
    "handbook.privacy",
    "handbook.accessibility",
    "handbook.tablecards",
    "handbook.vocabulary",
    "handbook.search",
    "handbook.removals",
    "handbook.icons",
    "handbook.sitepages",
    "handbook.templatecache",
    "handbook.navigation",
    "handbook.indexing",
    "handbook.stylesheets",
    "handbook.pdf",
    "handbook.siteaddress",
    "handbook.sitemap",
    "handbook.socialmeta",
    "handbook.structureddata",
    "handbook.corrections",
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_tags")
    for module in MODULES:
        app.setup_extension(module)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
