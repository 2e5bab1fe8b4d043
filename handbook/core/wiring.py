"""The rows of the handbook's wiring table, and connecting them.

``handbook/__init__.py`` lists every event handler of the handbook in one
table, in the order Sphinx calls them, the way pydata-sphinx-theme wires its
``setup()``. A row names its handler as ``"module:attribute"`` (an attribute
may be dotted, ``"handbook.clinical.medicines:MEDICINES.load"``), so the table
reads without importing every module, and a test can compare it with the
listeners Sphinx really holds.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


@dataclass(frozen=True)
class Handler:
    """One row: when ``event`` fires, call ``handler`` (``"module:attribute"``) at ``priority``, because ``why``."""

    event: str
    handler: str
    priority: int
    why: str

    @property
    def module(self) -> str:
        return self.handler.partition(":")[0]

    def resolve(self) -> Callable[..., Any]:
        """The function the row names; a row naming nothing stops the build with the row."""
        module_name, _, path = self.handler.partition(":")
        try:
            found: Any = importlib.import_module(module_name)
            for name in path.split("."):
                found = getattr(found, name)
        except (ImportError, AttributeError) as error:
            raise ExtensionError(
                f"handbook/__init__.py: the wiring table's row for {self.event!r} names {self.handler!r}, "
                f"which does not exist ({error}): correct the row, or the module it names"
            ) from error
        if not callable(found):
            raise ExtensionError(f"handbook/__init__.py: the wiring table's {self.handler!r} is not a function")
        return found


def connect_handlers(app: Sphinx, table: Iterable[Handler], modules: Iterable[str] | None = None) -> None:
    """Connect the table's rows in order, or only the rows of ``modules`` (a module tried on its own)."""
    wanted = None if modules is None else set(modules)
    for row in table:
        if wanted is None or row.module in wanted:
            app.connect(row.event, row.resolve(), priority=row.priority)
