"""handbook.theme.navigation on its own, as a Sphinx extension: its rows of the wiring table and nothing else.

The sidebar tests compare the cached sidebar with the theme's own on a project
that is not a handbook, so they cannot load all of ``handbook``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from handbook import HANDLERS
from handbook.core.wiring import connect_handlers


def setup(app: Sphinx) -> ExtensionMetadata:
    connect_handlers(app, HANDLERS, modules={"handbook.theme.navigation"})
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
