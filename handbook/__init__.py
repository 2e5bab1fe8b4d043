"""The Spine Health Handbook's own Sphinx extensions.

Listing ``handbook`` in ``extensions`` sets up everything the handbook needs:
MyST Markdown, sphinx-tags, and one module per concern, grouped in subpackages (see ARCHITECTURE.md). Each module has
its own ``setup(app)`` so it can be read, tested and reused on its own.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"

MODULES = (
    "handbook.core.diagnostics",
    "handbook.core.output_cache",
    "handbook.article.citations",
    "handbook.content.metadata",
    "handbook.clinical.countries",
    "handbook.clinical.redflags",
    "handbook.clinical.urgency",
    "handbook.article.reviewers",
    "handbook.article.changes",
    "handbook.clinical.medicines",
    "handbook.article.figures",
    "handbook.article.icon_arrays",
    "handbook.decisions.aid_directive",
    "handbook.topics.tags",
    "handbook.topics.listings",
    "handbook.article.review_status",
    "handbook.content.readability",
    "handbook.content.pemat",
    "handbook.content.forbidden_markup",
    "handbook.content.structure",
    "handbook.web.privacy",
    "handbook.web.accessibility",
    "handbook.article.table_cards",
    "handbook.article.citation_groups",
    "handbook.search.vocabulary",
    "handbook.search.search_page",
    "handbook.search.unsearched_sources",
    "handbook.search.search_field",
    "handbook.core.removed_pages",
    "handbook.theme.icons",
    "handbook.web.unchanged_pages",
    "handbook.theme.template_cache",
    "handbook.theme.navigation",
    "handbook.theme.layout_override",
    "handbook.theme.unused_assets",
    "handbook.search.stemming",
    "handbook.theme.stylesheets",
    "handbook.printing.manifest",
    "handbook.web.site_address",
    "handbook.web.sitemap",
    "handbook.web.link_previews",
    "handbook.web.structured_data",
    "handbook.article.feedback",
)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_tags")
    for module in MODULES:
        app.setup_extension(module)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
