"""Offline PDFs, the Sphinx side: what the print tools need to know, and the download links.

The book and the handouts are made from the website's own pages, after the
HTML build (``python -m handbook.printing.commands``). Three things must come from Sphinx:

* the page list in reading order, with titles and review dates. Each HTML
  build writes it to ``handbook-pages.json`` in the doctree folder. It is
  written from the environment, so it is complete after any build, however
  incremental.
* the parts of each article its one-page quick sheet shows, found while the
  page is read: the line of its key points box, and its "What you can do"
  section (:func:`actions_section`), so the print tool can name the place to
  shorten when a sheet does not fit on one page.
* the links readers use: "Download the handbook (PDF)" and the offline zip on
  the home page, "Printable handout (PDF)" and "One-page quick sheet (PDF)" on
  every article, each also in large print. They point where ``make dist`` puts
  the files (``handbook.pdf``, ``handouts/<page>.pdf``, ``quicksheets/<page>.pdf``,
  ``handouts-large/<page>.pdf``, ``quicksheets-large/<page>.pdf``,
  ``handbook-offline.zip`` at the site root).

A link must never 404 on the site a build wrote. ``make dist``
(:mod:`handbook.tools.publish`) builds the site with ``handbook_download_links`` on
and swaps it in only once every PDF and the zip exist, so its links always
work. ``make html`` alone builds no PDFs, and linking to PDFs left by some
earlier ``make dist`` would offer readers files from another version: so there
the same words appear as plain text, marked "(made by ``make dist``)".
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from handbook.article.review_status import STEPS
from handbook.content.metadata import page_meta
from handbook.core.diagnostics import node_line
from handbook.core.document_store import DocumentStore
from handbook.core.headings import source_title, title_text
from handbook.i18n.interface import N_, _, translate_all
from handbook.i18n.languages import is_translation
from handbook.topics.tags import is_topic_page

MANIFEST = "handbook-pages.json"
BOOK_FILE = "handbook.pdf"
OFFLINE_FILE = "handbook-offline.zip"
# The home page section the download links go into, when it has one (else before its first section).
DOWNLOADS_SECTION = "downloads"
HANDOUTS_FOLDER = "handouts"
QUICK_SHEETS_FOLDER = "quicksheets"


def large_print_folder(folder: str) -> str:
    """The folder beside ``folder`` for the same PDFs in large print: ``handouts-large``."""
    return f"{folder}-large"


def handout_path(docname: str, large_print: bool = False) -> str:
    """Where an article's handout (or its large-print one) lives, relative to the site root."""
    return f"{large_print_folder(HANDOUTS_FOLDER) if large_print else HANDOUTS_FOLDER}/{docname}.pdf"


def quick_sheet_path(docname: str, large_print: bool = False) -> str:
    """Where an article's quick sheet (or its large-print one) lives, relative to the site root."""
    return f"{large_print_folder(QUICK_SHEETS_FOLDER) if large_print else QUICK_SHEETS_FOLDER}/{docname}.pdf"


def article_downloads(docname: str) -> list[tuple[str, str]]:
    """An article's printable versions, as link text and path from the site root, in the order shown."""
    return [
        (_("Printable handout (PDF)"), handout_path(docname)),
        (_("One-page quick sheet (PDF)"), quick_sheet_path(docname)),
        (_("Large-print handout (PDF)"), handout_path(docname, large_print=True)),
        (_("Large-print quick sheet (PDF)"), quick_sheet_path(docname, large_print=True)),
    ]


def _to_root(docname: str) -> str:
    return "../" * docname.count("/")


MADE_BY = "make dist"


def _download_link(config: Config, text: str, uri: str) -> nodes.Node:
    if config.handbook_download_links:
        return nodes.reference("", text, refuri=uri, classes=["handbook-download-link"])
    return nodes.inline("", text, classes=["handbook-download-later"])


def _made_later(config: Config) -> list[nodes.Node]:
    """After the link texts of a build without the files: where they will come from."""
    if config.handbook_download_links:
        return []
    return [nodes.Text(" (" + _("made by") + " "), nodes.literal("", MADE_BY), nodes.Text(")")]


def add_download_links(app: Sphinx, doctree: nodes.document) -> None:
    """Under the title (after the review line): the PDFs of the page; on the home page, the book and the offline zip."""
    # The PDFs and the zip sit beside a published website only: other builders
    # (the link checker, the content check) would find links to missing files.
    if app.builder.format != "html":
        return
    docname = app.env.docname
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    if docname == app.config.root_doc:
        links = nodes.paragraph(classes=["handbook-download"])
        links += _download_link(app.config, _("Download the handbook (PDF)"), BOOK_FILE)
        links += nodes.Text(" · ")
        # One zip holds every language, at the site's root: a translation's home page is one folder below it.
        zip_file = f"../{OFFLINE_FILE}" if is_translation(app.config) else OFFLINE_FILE
        links += _download_link(app.config, _("Download the whole site to read offline (ZIP)"), zip_file)
        links += _made_later(app.config)
        subsections = [child for child in section.children if isinstance(child, nodes.section)]
        downloads = next((child for child in subsections if DOWNLOADS_SECTION in child["ids"]), None)
        if downloads is not None:
            downloads += links  # the home page's own "Downloads" section, at the end of its first screens
        else:
            section.insert(section.index(subsections[0]) if subsections else len(section), links)
        return
    meta = page_meta(app.env).get(docname)
    if meta is None or not meta.is_article:
        return
    links = nodes.paragraph(classes=["handbook-download"])
    for number, (text, path) in enumerate(article_downloads(docname)):
        if number:
            links += nodes.Text(" · ")
        links += _download_link(app.config, text, _to_root(docname) + path)
    links += _made_later(app.config)
    position = 0
    for index, child in enumerate(section.children):
        if isinstance(child, nodes.title) or "tags" in child["classes"] or "review-notice" in child["classes"]:
            position = index + 1
    section.insert(position, links)


# --- What each article's quick sheet shows ------------------------------------------------------


# Per article: the line of its key points box, and the title, id and line of its "What you can do" section.
QUICK_SHEET = DocumentStore[dict[str, Any]]("handbook_quick_sheet")


def actions_section(config: Config, docname: str, doctree: nodes.document) -> nodes.section | None:
    """The section a quick sheet prints as "What you can do".

    ``handbook_quick_sheet_actions`` maps docname patterns to headings; the first
    pattern that matches the article wins, then the first of its headings the
    article has, at any level. An article with none of them gets its
    ``handbook_help_heading`` section ("When to get help"), which every
    published article must have.
    """
    sections = [section for section in doctree.findall(nodes.section) if section["ids"]]
    patterns = config.handbook_quick_sheet_actions.items()
    wanted = next((list(headings) for pattern, headings in patterns if fnmatch.fnmatchcase(docname, pattern)), [])
    for heading in [*wanted, config.handbook_help_heading]:
        found = next((section for section in sections if source_title(section) == heading), None)
        if found is not None:
            return found
    return None


def _note_quick_sheet_parts(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    meta = page_meta(app.env).get(docname)
    page = next(iter(doctree.findall(nodes.section)), None)
    if meta is None or not meta.is_article or page is None:
        return
    wanted = app.config.handbook_key_points_title
    key_points = next(
        (child for child in page.children if isinstance(child, nodes.admonition) and wanted and source_title(child) == wanted),
        None,
    )
    actions = actions_section(app.config, docname, doctree)
    QUICK_SHEET.of(app.env)[docname] = {
        "key_points_line": node_line(key_points) if key_points is not None else None,
        "key_points_title": title_text(key_points) if key_points is not None else None,  # as shown: translated
        "actions": {"title": title_text(actions), "id": actions["ids"][0], "line": node_line(actions)} if actions else None,
    }


def _reading_order(env: BuildEnvironment) -> list[tuple[str, int]]:
    """Every page of the book with its depth, in the order the navigation lists them."""
    config = env.config
    excluded = set(config.handbook_pdf_exclude)
    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(docname: str, level: int) -> None:
        if docname in seen or docname in excluded or is_topic_page(config, docname) or docname not in env.titles:
            return
        seen.add(docname)
        order.append((docname, level))
        for child in env.toctree_includes.get(docname, ()):
            visit(child, level + 1)

    visit(config.root_doc, 0)
    return order


def _kind(env: BuildEnvironment, docname: str) -> str:
    meta = page_meta(env).get(docname)
    if docname == env.config.root_doc:
        return "home"
    if meta is not None and meta.is_article:
        return "article"
    return "section" if docname.endswith("/index") else "page"


# The words the PDFs print around the pages' own, in the build's language (``sphinx.po``): the print tools run
# without Sphinx, so the manifest carries them. "{page}", "{pages}" and the like are filled when printing.
PRINTED_WORDS = (
    N_("Information for patients"),
    N_("Edition of {date}"),
    N_("Contents"),
    N_("Index"),
    N_("Other articles mentioned"),
    N_("Last reviewed: {date}"),
    N_("Next review due: {date}"),
    N_("Read this online:"),
    N_("not set"),
    N_("QR code for {address}"),
    N_("What you can do"),
    N_("The full article, with its sources"),
    N_("The full aid, with the numbers and their sources"),
    N_("Circle how much each reason matters to you, from 1 (not important) to 5 (very important)."),
    N_("{title} (large print)"),
    N_("{title} (quick sheet)"),
    N_("{title} (summary to take to your appointment)"),
    N_("Quick sheet"),
    N_("Page {page} of {pages}"),
    N_("(page {page})"),
    *STEPS.values(),
)


def manifest(app: Sphinx) -> dict[str, Any]:
    """What ``handbook.printing.commands`` needs: the book's pages in order, the settings, and its words."""
    env, config = app.env, app.config
    metas = page_meta(env)
    sheets = QUICK_SHEET.of(env)
    pages = []
    for docname, level in _reading_order(env):
        meta = metas.get(docname)
        sheet = sheets.get(docname, {})
        pages.append(
            {
                "docname": docname,
                "title": env.titles[docname].astext(),
                "kind": _kind(env, docname),
                "level": level,
                "description": meta.description if meta else None,
                "last_reviewed": meta.last_reviewed.isoformat() if meta and meta.last_reviewed else None,
                "next_review": meta.next_review.isoformat() if meta and meta.next_review else None,
                "review_status": meta.review_status if meta else None,
                "source": env.doc2path(docname, base=False).as_posix(),
                "key_points_line": sheet.get("key_points_line"),
                "key_points_title": sheet.get("key_points_title"),
                "actions": sheet.get("actions"),
            }
        )
    return {
        "project": config.project,
        "author": config.author,
        "language": getattr(config, "handbook_language_tag", "") or config.language or "en",
        "baseurl": config.html_baseurl,
        "paper_size": config.handbook_paper_size,
        "srcdir": str(env.srcdir),
        "key_points_title": config.handbook_key_points_title,
        "red_flags_page": getattr(config, "handbook_red_flags_page", ""),
        "translation": is_translation(config),
        "words": translate_all(app, PRINTED_WORDS),
        "pages": pages,
    }


def _write_manifest(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        path = Path(app.doctreedir) / MANIFEST
        path.write_text(json.dumps(manifest(app), indent=1) + "\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.content.structure")  # handbook_key_points_title, handbook_help_heading
    # "" = the paper of handbook_country (handbook.clinical.countries), Letter without one.
    app.add_config_value("handbook_paper_size", "", "", types=[str])
    app.add_config_value("handbook_pdf_exclude", [], "", types=[list])
    # On only where the PDFs and the zip are built beside the site (make dist: handbook.tools.publish).
    app.add_config_value("handbook_download_links", False, "env", types=[bool])
    # The quick sheet's "What you can do": docname patterns to headings (actions_section); {} = "When to get help".
    app.add_config_value("handbook_quick_sheet_actions", {}, "env", types=[dict])
    # env_version: environments saved before the quick-sheet store (2) or the large-print links (3) are read
    # again, so the manifest is complete and every article offers the same downloads; (4) the key points' title.
    return {"version": "1", "env_version": 4, "parallel_read_safe": True, "parallel_write_safe": True}
