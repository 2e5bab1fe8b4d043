"""Pages that leave the site: deleted, renamed, made a draft, or drafts switched off.

Sphinx forgets a removed page's data, but two things it leaves to us:

* The pages that linked to it are not read again, so their now-broken links
  would go unreported until someone happens to edit them. Every page records
  what it links to when it is read (pages by name, and labels); when pages
  leave, those that linked to one of them, or listed one in a toctree, are
  read again, and the build reports each broken link with its file and line.
* Its output stays: ``_build/html/<page>.html`` would still be served. Each
  build notes the pages it has, next to its doctrees; the next build deletes
  the output of every page no longer there (also after ``-E``, which starts
  from a fresh environment that knows nothing of the old pages).

* The sidebar and previous/next links of every page list its neighbours, so
  when a page comes or goes every page is written again (not read again).

Search index, sitemap, topic pages and listings are made from the environment,
so they drop the page by themselves (see :mod:`handbook.search.search_page` for the index).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from handbook.core.document_store import DocumentStore
from handbook.core.output_cache import FOLDER, digest_of

if TYPE_CHECKING:
    from sphinx.builders.html import StandaloneHTMLBuilder

LINKS = DocumentStore[tuple[frozenset[str], frozenset[str]]]("handbook_links")
# On the environment: whether this build added or removed a page.
CAME_OR_WENT = "handbook_pages_came_or_went"


def linked(env: BuildEnvironment) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """For each page: the page names and the labels its cross-references point to."""
    return LINKS.of(env)


def _page_name(refdoc: str, target: str) -> str:
    """``back-strain.md#x`` written in ``conditions/sciatica``: ``conditions/back-strain``."""
    path = target.partition("#")[0]
    stem, extension = posixpath.splitext(path)
    if extension in {".md", ".rst", ".html", ".txt"}:
        path = stem
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(docname_join(refdoc, path)) if path else refdoc


def _record_links(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    pages, labels = set(), set()
    for reference in doctree.findall(addnodes.pending_xref):
        target = reference.get("reftarget") or ""
        if reference.get("refdomain") == "doc":  # MyST resolved the file name already
            pages.add(target)
            continue
        pages.add(_page_name(docname, target))
        labels.add(target.lower())
    linked(app.env)[docname] = (frozenset(pages), frozenset(labels))


def _reread_pages_that_linked(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Pages whose links or toctrees lead to a page that is leaving (run before Sphinx forgets it)."""
    setattr(env, CAME_OR_WENT, bool(added or removed))
    if not removed:
        return []
    standard = env.domains.standard_domain
    label_pages = {label: place[0] for label, place in standard.anonlabels.items()}
    label_pages |= {label: place[0] for label, place in standard.labels.items()}
    stale = set()
    for docname, (pages, labels) in linked(env).items():
        targets = pages | {label_pages[label] for label in labels if label in label_pages}
        if targets & removed:
            stale.add(docname)
    stale |= {docname for docname, included in env.toctree_includes.items() if set(included) & removed}
    return sorted(stale - set(removed))


def _rewrite_every_page_when_pages_came_or_went(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page's sidebar and previous/next links list its neighbours.

    Sphinx rewrites only the pages whose toctree holds a page that came or
    went; the others would keep a link to a page that is gone, or miss a new one.
    """
    return sorted(env.found_docs) if getattr(env, CAME_OR_WENT, False) else []


def _record_file(app: Sphinx) -> Path:
    """Where this output folder's page list is kept (one doctree folder may serve several)."""
    return Path(app.doctreedir) / FOLDER / f"pages-{app.builder.name}-{digest_of(str(app.outdir))[:16]}.json"


def _delete_output_of_departed_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    record = _record_file(app)
    try:
        before = set(json.loads(record.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        before = set()
    current = set(app.env.found_docs)
    outdir = Path(app.outdir)
    builder = cast("StandaloneHTMLBuilder", app.builder)  # format "html": Sphinx's HTML builders, all StandaloneHTMLBuilder
    for docname in sorted(before - current):
        outputs = [outdir / builder.get_outfilename(docname)]
        outputs += outdir.joinpath("_sources").glob(f"{docname}.*")
        for output in outputs:
            output.unlink(missing_ok=True)
            _remove_empty_folders(output.parent, outdir)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(sorted(current)), encoding="utf-8")


def _remove_empty_folders(folder: Path, outdir: Path) -> None:
    while folder != outdir and folder.is_relative_to(outdir) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def setup(app: Sphinx) -> dict[str, Any]:
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
