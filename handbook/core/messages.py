"""Every problem a build reports in the handbook's one style: ``docs/x.md:12: ERROR: what (how to fix)``.

The handbook's own checks write that already (:mod:`handbook.core.diagnostics`).
Sphinx and the other extensions do not: they print an absolute path,
``WARNING`` (though a strict build fails on it) and a ``[type.subtype]`` tag an
author cannot act on. A filter on Sphinx's warning stream rewrites every
message as it is printed: the path relative to where the build was started,
``ERROR``, one line, and, for the mistakes authors make most (a link or
citation key that does not exist), what to do, with the nearest existing
target as a did-you-mean.
"""

from __future__ import annotations

import difflib
import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

if TYPE_CHECKING:
    from sphinxcontrib.bibtex.domain import BibtexDomain

LINK_FIX = "link to an existing page's file, like [text](page.md), or to a heading on it, like [text](page.md#heading)"
LOCATION = re.compile(r"^(?P<path>.*?)(?::(?P<line>\d*))?$")


def did_you_mean(wrong: str, candidates: Iterable[str], prefix: str = "") -> str:
    """``did you mean 'x'? `` for the closest of ``candidates``, or nothing."""
    close = difflib.get_close_matches(wrong, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{prefix}{close[0]}'? " if close else ""


class Rewriter:
    """Turns one message from Sphinx or an extension into ``what (how to fix)``."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.rules: list[tuple[re.Pattern[str], Callable[[re.Match[str], str | None], str]]] = [
            (re.compile(r"^'myst' (?:cross-)?reference target not found: '(?P<target>.*)'$"), self.missing_link),
            (re.compile(r"^Could not find document: (?P<target>.*)$"), self.missing_file),
            (re.compile(r"^Unknown source document '(?P<target>.*)'$"), self.missing_page),
            (re.compile(r"^unknown document: '(?P<target>.*)'$"), self.missing_link),
            (re.compile(r"^toctree contains reference to nonexisting document '(?P<target>.*)'$"), self.missing_toctree_entry),
            (re.compile(r"^local id not found in doc '(?P<page>.*)': '(?P<target>.*)'$"), self.missing_heading),
            (re.compile(r"^undefined label: '(?P<target>.*)'$"), self.missing_label),
            (re.compile(r"^could not find bibtex key \"(?P<target>.*)\"$"), self.missing_citation_key),
            (re.compile(r"^Substitution error:UndefinedError: '(?P<target>.*)' is undefined$"), self.missing_substitution),
        ]

    def rewrite(self, message: str, docname: str | None) -> str:
        for pattern, rewrite in self.rules:
            if found := pattern.match(message):
                return rewrite(found, docname)
        return message

    # --- what exists, as an author would write it from ``docname`` ---------------
    def page_files(self, docname: str | None) -> list[str]:
        env = self.app.env
        folder = posixpath.dirname(docname) if docname else ""
        return [posixpath.relpath(env.doc2path(name, base=False).as_posix(), folder or ".") for name in env.found_docs]

    def labels(self) -> list[str]:
        return list(self.app.env.domains.standard_domain.labels)

    def headings(self, page: str) -> list[str]:
        """The anchors of ``page``: its headings (from its table of contents, and MyST's) and labels."""
        env = self.app.env
        toc = env.tocs.get(page)
        anchors = [link["anchorname"].lstrip("#") for link in toc.findall(nodes.reference)] if toc else []
        anchors += env.metadata.get(page, {}).get("myst_slugs", {})
        anchors += [label for label, place in env.domains.standard_domain.anonlabels.items() if place[0] == page]
        return [anchor for anchor in anchors if anchor]

    # --- the rules ----------------------------------------------------------------
    def missing_link(self, found: re.Match[str], docname: str | None) -> str:
        target = found["target"]
        path, _, anchor = target.partition("#")
        if path:
            hint = did_you_mean(path, self.page_files(docname)) or did_you_mean(target, self.labels())
        else:
            hint = did_you_mean(anchor, self.headings(docname or ""), prefix="#")
        return f"link target not found: '{target}' ({hint}{LINK_FIX})"

    def missing_file(self, found: re.Match[str], docname: str | None) -> str:
        target = os.path.relpath(found["target"], os.path.dirname(self.app.env.doc2path(docname)) if docname else ".")
        return f"link target not found: '{target}' ({did_you_mean(target, self.page_files(docname))}{LINK_FIX})"

    def missing_page(self, found: re.Match[str], docname: str | None) -> str:
        page = found["target"]
        folder = posixpath.dirname(docname) if docname else "."
        written = posixpath.relpath(f"{page}.md", folder or ".")
        return f"link target not found: '{written}' ({did_you_mean(written, self.page_files(docname))}{LINK_FIX})"

    def missing_toctree_entry(self, found: re.Match[str], docname: str | None) -> str:
        target = found["target"]
        env = self.app.env
        folder = posixpath.dirname(docname) if docname else ""
        entries = [posixpath.relpath(name, folder or ".") for name in env.found_docs]
        hint = did_you_mean(target, entries)
        return f"toctree: no page '{target}' ({hint}list pages by file name without '.md', relative to this file)"

    def missing_heading(self, found: re.Match[str], docname: str | None) -> str:
        page, anchor = found["page"], found["target"]
        where = os.path.relpath(self.app.env.doc2path(page)) if page in self.app.env.found_docs else page
        hint = did_you_mean(anchor, self.headings(page), prefix="#")
        return (
            f"link target not found: no heading '#{anchor}' in {where} ({hint}use the heading's words, lower case, joined by '-')"
        )

    def missing_label(self, found: re.Match[str], docname: str | None) -> str:
        target = found["target"]
        return f"link target not found: '{target}' ({did_you_mean(target, self.labels())}{LINK_FIX})"

    def missing_citation_key(self, found: re.Match[str], docname: str | None) -> str:
        key = found["target"]
        try:
            keys = list(cast("BibtexDomain", self.app.env.get_domain("cite")).bibdata.data.entries)
        except (AttributeError, KeyError):
            keys = []
        hint = did_you_mean(key, keys)
        files = ", ".join(self.app.config.bibtex_bibfiles) if "bibtex_bibfiles" in self.app.config else "the references file"
        return f"citation key not found: '{key}' ({hint}use a key from {files}, or add the source there)"

    def missing_substitution(self, found: re.Match[str], docname: str | None) -> str:
        name = found["target"]
        known = list(getattr(self.app.config, "myst_substitutions", {}) or {})
        return f"unknown substitution '{{{{ {name} }}}}' ({did_you_mean(name, known)}use one of {', '.join(known) or 'none'})"


class OneMessageStyle(logging.Filter):
    """Rewrites each warning record Sphinx is about to print (added after Sphinx's own translator)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app
        self.rewriter = Rewriter(app)

    def filter(self, record: logging.LogRecord) -> bool:
        message = logging.LogRecord.getMessage(record)
        tag = getattr(record, "type", "")
        if subtype := getattr(record, "subtype", ""):
            tag = f"{tag}.{subtype}"
        message = message.removesuffix(f" [{tag}]") if tag else message
        docname = None
        location = getattr(record, "location", None)
        if isinstance(location, str) and location:
            parts = LOCATION.match(location)
            path = parts["path"] if parts else location
            docname = self._docname(path)
            shown = os.path.relpath(path) if os.path.isabs(path) else path
            if parts and parts["line"]:
                shown += f":{parts['line']}"
            # Sphinx's WarningLogRecordTranslator, which runs first, made it a SphinxLogRecord.
            cast(sphinx_logging.SphinxLogRecord, record).location = shown
        try:
            message = self.rewriter.rewrite(" ".join(message.split()), docname)
        except Exception:  # a suggestion must never cost the message itself
            message = " ".join(message.split())
        record.msg, record.args = message, ()
        if record.levelno < logging.ERROR:
            record.levelno, record.levelname = logging.ERROR, "ERROR"
        return True

    def _docname(self, path: str) -> str | None:
        env = getattr(self.app, "env", None)
        if env is None or not path:
            return None
        try:
            return env.path2doc(os.path.abspath(path))
        except (AttributeError, ValueError):
            return None


def warning_handler() -> logging.Handler:
    """Sphinx's handler that prints warnings; fails loudly if Sphinx changed how it logs."""
    for handler in logging.getLogger(sphinx_logging.NAMESPACE).handlers:
        if isinstance(handler, sphinx_logging.WarningStreamHandler):
            return handler
    raise RuntimeError(
        "handbook.core.messages: Sphinx's warning handler (sphinx.util.logging.WarningStreamHandler) was not found"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    handler = warning_handler()
    for old in [existing for existing in handler.filters if isinstance(existing, OneMessageStyle)]:
        handler.removeFilter(old)
    handler.addFilter(OneMessageStyle(app))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
