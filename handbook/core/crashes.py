"""An internal error ends the build with one line that says what to do, not a traceback.

A bug in the handbook's code, or an exception from Sphinx or an extension
while a page is read or written, would print Sphinx's crash report: a page of
versions and a traceback, ending with a request to report the bug to Sphinx.
An author can do nothing with it, and it is usually not Sphinx's bug. Instead
the build ends with::

    docs/conditions/sciatica.md: ERROR: internal error (KeyError: 'x'); run `make clean` and try again;
    if it happens again, report it with this message (details: _build/handbook-error.log)

(on one line): the file being read or written when it happened, found in the
traceback, and a log holding Sphinx's full report for whoever fixes it.

The hook is Sphinx's own crash handler, ``sphinx._cli.util.errors.handle_exception``,
which ``sphinx-build`` looks up when it catches an exception; Sphinx 9 has no
public one, and gives every exception, even an extension's or a ``conf.py``
error, the "report this bug" treatment (https://github.com/sphinx-doc/sphinx/issues/14543).
A developer who asks for the traceback (``-T``, ``-v`` or ``--pdb``) gets
Sphinx's report as before. An upgraded package that lost a hook point the
handbook uses (:mod:`handbook.core.upstream`) is one line too, with its own
advice (pin the package or update the module) instead of "make clean".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection
from pathlib import Path
from types import TracebackType
from typing import Any

import sphinx
from sphinx._cli.util import errors as sphinx_errors
from sphinx.application import Sphinx
from sphinx.errors import ConfigError, SphinxWarning

from handbook.core.upstream import UpstreamChanged

LOG_NAME = "handbook-error.log"
ADVICE = "run `make clean` and try again; if it happens again, report it with this message"


class CrashReport:
    """What the handler needs from the build that crashed: where its files are."""

    def __init__(self) -> None:
        self.app: Sphinx | None = None

    def log_path(self) -> Path | None:
        if self.app is None:
            return None
        return Path(self.app.outdir).parent / LOG_NAME

    def file_being_built(self, exception: BaseException) -> str | None:
        """The source file of the innermost ``docname`` in the traceback (Sphinx's reader and writer name it so)."""
        if self.app is None or getattr(self.app, "env", None) is None:
            return None
        env = self.app.env
        seen: set[int] = set()
        current: BaseException | None = exception
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            for docname in reversed(list(_docnames(current.__traceback__))):
                if docname in env.found_docs:
                    return os.path.relpath(env.doc2path(docname))
            current = current.__cause__ or current.__context__
        return None


REPORT = CrashReport()


def _docnames(traceback: TracebackType | None) -> list[str]:
    found = []
    while traceback is not None:
        name = traceback.tb_frame.f_locals.get("docname")
        if isinstance(name, str):
            found.append(name)
        traceback = traceback.tb_next
    return found


def one_line(exception: BaseException, where: str | None, log: str | None) -> str:
    # An author's mistake, or a package upgrade that took away a hook point: already in words, with what to do.
    if isinstance(exception, SphinxWarning | ConfigError | UpstreamChanged):
        return f"{where + ': ' if where else ''}ERROR: {' '.join(str(exception).split())}"
    cause = getattr(exception, "orig_exc", None) or exception.__cause__ or exception
    what = f"{type(cause).__name__}: {' '.join(str(cause).split())}"[:300]
    if module := getattr(exception, "modname", None):
        what += f" in {module}"
    details = f" (details: {log})" if log else ""
    return f"{where or 'build'}: ERROR: internal error ({what}); {ADVICE}{details}"


def _handle_exception(
    exception: BaseException,
    /,
    *,
    stderr: Any = sys.stderr,
    use_pdb: bool = False,
    print_traceback: bool = False,
    message_log: Collection[str] = (),
    extensions: Collection[Any] = (),
) -> None:
    if use_pdb or print_traceback or isinstance(exception, KeyboardInterrupt):
        assert ORIGINAL is not None  # the import of this module fails without it
        ORIGINAL(
            exception,
            stderr=stderr,
            use_pdb=use_pdb,
            print_traceback=print_traceback,
            message_log=message_log,
            extensions=extensions,
        )
        return
    log = REPORT.log_path()
    report = sphinx_errors.full_exception_context(exception, message_log=message_log, extensions=extensions)
    shown = None
    if log is not None:  # None: no build folder yet
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            log.write_text(report, encoding="utf-8")
            shown = os.path.relpath(log)
        except OSError:  # it cannot be written
            pass
    if shown is None:
        shown = sphinx_errors.write_temporary_file(report)
    print(one_line(exception, REPORT.file_being_built(exception), shown), file=stderr)


ORIGINAL = getattr(sphinx_errors, "handle_exception", None)
if ORIGINAL is None or not callable(getattr(sphinx_errors, "full_exception_context", None)):
    raise RuntimeError(
        f"handbook.core.crashes: Sphinx {sphinx.__version__} has no sphinx._cli.util.errors.handle_exception to replace"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    REPORT.app = app
    if sphinx_errors.handle_exception is not _handle_exception:
        sphinx_errors.handle_exception = _handle_exception
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
