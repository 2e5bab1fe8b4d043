"""One clear line per problem in an author's file: ``path:line: ERROR: what to fix``.

Authors are not programmers. Every check in the handbook reports through
:func:`report_error`, which names the file relative to where the build was
started, the line, what was expected and what was found, and never raises, so
one build lists every problem at once instead of stopping at the first with a
traceback.

A handbook with bad input must not publish, even when someone builds without
``-W``: documents with errors are remembered in the environment, re-read on the
next build (so the error cannot vanish just because the file did not change),
and make the build exit non-zero.
"""

from __future__ import annotations

import os
from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.core.document_store import DocumentStore

logger = logging.getLogger("handbook")


def source_location(env: BuildEnvironment, docname: str, line: int) -> str:
    """``docs/conditions/sciatica.md:4``: the path as the author typed it in their shell."""
    path = os.path.relpath(env.doc2path(docname))
    return f"{path}:{line}"


def node_line(node: nodes.Node | None) -> int:
    """The source line of ``node``, or of its nearest ancestor that has one; 1 when none has."""
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return 1


def report_error(env: BuildEnvironment, docname: str, line: int, message: str) -> None:
    """Log one error for ``docname`` at ``line`` and mark the document as invalid.

    The message is folded onto one line: a multi-line error (from YAML, say) is
    hard to read in a build log and breaks tools that parse ``file:line:``.
    """
    _report(env, docname, source_location(env, docname, line), message)


def report_data_error(env: BuildEnvironment, path: str | os.PathLike[str], line: int, message: str) -> None:
    """Log an error at ``path:line`` of a data file that the current document reads, and mark that document invalid.

    The mistake is in the data file, so that is the place named; the document that showed the data is read
    again on the next build, so the error cannot vanish before the file is fixed.
    """
    _report(env, env.docname, f"{os.path.relpath(path)}:{line}", message)


def _report(env: BuildEnvironment, docname: str, location: str, message: str) -> None:
    logger.error(" ".join(message.split()), location=location, type="handbook")
    invalid_documents(env)[docname] = True


INVALID = DocumentStore[bool]("handbook_invalid")


def invalid_documents(env: BuildEnvironment) -> dict[str, bool]:
    """Documents whose last reading reported an error."""
    return INVALID.of(env)


def _reread_invalid(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]) -> list[str]:
    return sorted(set(invalid_documents(env)) - set(removed) - set(added) - set(changed))


def fail_build(app: Sphinx) -> None:
    """Make the build exit non-zero (checks that run after reading call this)."""
    app.statuscode = 1


def _fail_if_invalid(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and invalid_documents(app.env):
        fail_build(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.core.messages")  # Sphinx's and other extensions' messages in the same style
    app.setup_extension("handbook.core.crashes")  # an internal error is one line saying what to do
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
