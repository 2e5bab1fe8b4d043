"""A loud failure, in one line, when a hook into another package's internals is gone.

The handbook replaces other extensions' listeners, wraps Sphinx's methods,
edits the Markdown sphinx-tags writes and trims files out of
pydata-sphinx-theme's package folder. None of these are promised by their
packages; the pins in ``requirements.lock`` keep them in place. After an
upgrade, most would let the build pass doing the wrong thing: topic pages
written twice, a stale index page, every icon gone, the theme's new ``<head>``
tags dropped. So each hook point is checked where it is used, and a missing
one stops the build with one line saying which package and version, what is
missing, what the handbook used it for, the upstream issue if there is one,
and what to do::

    ERROR: handbook: sphinx-tags 0.5 has no listener update_tags at builder-inited
    (handbook.topics.tags replaces it to keep topic pages incremental and in the vocabulary;
    upstream: https://github.com/melissawm/sphinx-tags/pull/111); pin sphinx-tags or update handbook/topics/tags.py

(on one line). :mod:`handbook.core.crashes` prints :class:`UpstreamChanged` as
it is, without a traceback or its "internal error" advice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any, NoReturn

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError


class UpstreamChanged(ExtensionError):
    """A package the handbook hooks into no longer has the hook point: its message says what to do."""


def installed_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def module_path(module: str) -> str:
    """``handbook.topics.tags`` -> ``handbook/topics/tags.py``: the file to update."""
    return module.replace(".", "/") + ".py"


@dataclass(frozen=True)
class UpstreamHook:
    """One hook of a handbook module into another package's internals, and what it is for.

    ``purpose`` follows the module's name in the message ("replaces it to keep
    topic pages incremental"); ``issue`` is the upstream issue the workaround
    works around, if there is one; ``update`` the files to change, when they are
    more than the module itself.
    """

    distribution: str
    module: str
    purpose: str
    issue: str = ""
    update: str = ""

    def message(self, missing: str) -> str:
        upstream = f"; upstream: {self.issue}" if self.issue else ""
        update = self.update or module_path(self.module)
        return (
            f"handbook: {self.distribution} {installed_version(self.distribution)} has no {missing} "
            f"({self.module} {self.purpose}{upstream}); pin {self.distribution} or update {update}"
        )

    def missing(self, missing: str) -> NoReturn:
        """Stop the build: the hook point ``missing`` is not there."""
        raise UpstreamChanged(self.message(missing))

    def attribute(self, owner: object, name: str) -> Any:
        """``owner.name``, or a loud failure naming it (``sphinx_tags.update_tags``, ``IndexBuilder.prune``)."""
        if not hasattr(owner, name):
            self.missing(f"{getattr(owner, '__name__', type(owner).__name__)}.{name}")
        return getattr(owner, name)

    def disconnect(self, app: Sphinx, event: str, handler: Callable[..., Any]) -> None:
        """Disconnect another extension's listener, which must be connected.

        Not found, it has been renamed or moved, and whatever the handbook puts in
        its place would run beside it, or the handbook's work would not be done.
        """
        found = [listener for listener in listeners(app, event) if listener.handler is handler]
        if not found:
            self.missing(f"listener {handler.__name__} at {event}")
        for listener in found:
            app.disconnect(listener.id)


EVENT_LISTENERS = UpstreamHook(
    "Sphinx", __name__, "reads app.events.listeners to find another extension's listener to replace or disconnect"
)


def listeners(app: Sphinx, event: str) -> list[Any]:
    """The listeners connected to ``event`` (Sphinx's ``EventListener``: ``id``, ``handler``, ``priority``)."""
    return list(EVENT_LISTENERS.attribute(app.events, "listeners")[event])
