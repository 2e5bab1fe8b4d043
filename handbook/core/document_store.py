"""Per-document data kept in the build environment, the way ``sphinx.ext.todo`` keeps it.

Each handbook module that remembers something about a document (its metadata,
its topics, its reading level, its errors) keeps it in one dict on the
environment, keyed by docname. The dict must drop a document when Sphinx is
about to re-read it (``env-purge-doc``) and take the results of parallel
readers (``env-merge-info``), or incremental and parallel builds go stale.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Generic, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

Value = TypeVar("Value")


class DocumentStore(Generic[Value]):
    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict[str, Value]:
        """The store's dict in ``env``, created on first use."""
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        return getattr(env, self.attribute)

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """``env-purge-doc``: forget a page Sphinx is about to read again."""
        self.of(env).pop(docname, None)

    def merge(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
        """``env-merge-info``: take what a parallel reader learnt of its pages."""
        theirs = self.of(other)
        self.of(env).update({name: theirs[name] for name in docnames if name in theirs})
