"""Print documents from the website's own pages: the book, and a handout and a quick sheet per article.

Each page's ``<article>`` is taken from the built HTML, so the PDFs show exactly
what the website shows, checked by the same build. What only makes sense on a
screen is removed (heading anchors, topic badges, download links), and links
are made to work on paper:

* in the book, a link to another page of the book jumps there and prints its
  page number; a link to a page not in the book (a topic page) becomes text.
* in a handout, a link to another article prints its online address, from
  ``html_baseurl``; glossary terms become text.

The book also gets a cover, a contents list with page numbers and a
back-of-book index made from the site's index page (so it includes every
``also_called`` name), listed in the contents and bookmarked like the pages.
A quick sheet is one page: the title, the key points, the "Get help now" box,
"What you can do", the review dates and the online address (:func:`quick_sheet`).
In large print (``Manifest.large_print``) handouts and quick sheets add
``_static/pdf/large-print.css``, which sets the type in 16 pt and up: the same
documents, only bigger. WeasyPrint turns the result into PDF
(``handbook.printing.commands``).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import segno
from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList

from handbook.article.review_status import STEPS, long_date
from handbook.clinical.redflags import ORDER_CLASS, READ_EVERY_LIST_CLASS
from handbook.decisions.aid_directive import QUESTIONS, VALUES

# Added after a handout's or quick sheet's own stylesheet in large print: every text 16 pt or more.
LARGE_PRINT_STYLESHEET = "large-print.css"
# The id of the book's index, for the contents' link to it.
INDEX_ID = "book-index"
# Modules of white around a QR code (ISO/IEC 18004).
QR_QUIET_ZONE = 4

# Parts of a page that only work on a screen.
WEB_ONLY = ("a.headerlink", "p.tags", "p.handbook-download", ".web-only", "script", "form", "button")


@dataclass(frozen=True)
class Page:
    """One page of the handbook, as ``handbook.printing.manifest`` listed it for print."""

    docname: str
    title: str
    kind: str  # home, section, article or page
    level: int
    description: str | None
    last_reviewed: str | None
    next_review: str | None
    review_status: str | None = None
    source: str | None = None  # the Markdown file, relative to the source folder
    key_points_line: int | None = None
    key_points_title: str | None = None  # as the page shows it, in its language
    actions: dict[str, Any] | None = None  # the "What you can do" section: title, id, line (handbook.printing.manifest)


@dataclass(frozen=True)
class Manifest:
    project: str
    author: str
    language: str
    baseurl: str
    paper_size: str
    pages: tuple[Page, ...]
    srcdir: str = ""
    key_points_title: str = ""
    red_flags_page: str = ""
    translation: bool = False  # a translation's quick sheet may take two pages (handbook.printing.commands)
    # The words printed around the pages' own, in their language (``handbook.printing.manifest.PRINTED_WORDS``).
    words: dict[str, str] = field(default_factory=dict)
    # Chosen when printing (``--large-print``), like a ``paper_size`` given there; never in the manifest file.
    large_print: bool = False

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = tuple(Page(**{key: page[key] for key in Page.__dataclass_fields__ if key in page}) for page in data.pop("pages"))
        settings = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        return cls(pages=pages, **settings)

    def online_address(self, docname: str) -> str:
        """The page's address; a translation's link to the English page (``../x``) leaves its folder."""
        return urljoin(self.baseurl.rstrip("/") + "/", f"{docname}.html")

    def say(self, words: str, **values: str) -> str:
        """``words`` in the pages' language, with ``values`` filled in: ``say("Last reviewed: {date}", date=...)``."""
        return self.words.get(words, words).format(**values)

    def long_date(self, iso_date: str | None) -> str:
        return long_date(date.fromisoformat(iso_date), self.language.replace("-", "_")) if iso_date else self.say("not set")

    @property
    def articles(self) -> tuple[Page, ...]:
        return tuple(page for page in self.pages if page.kind == "article")


def anchor(docname: str, fragment: str = "") -> str:
    """The id a page (or a place in it) has once all pages share one document."""
    return f"{docname}--{fragment}" if fragment else docname


def link_target(href: str, docname: str) -> tuple[str, str] | None:
    """``(docname, fragment)`` for a link to a page of the site; ``None`` for anything else.

    Links to other files of the site (PDFs, the zip) give ``("", "")``.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return docname, parts.fragment
    path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), parts.path))
    return (path.removesuffix(".html"), parts.fragment) if path.endswith(".html") else ("", "")


def add_class(tag: Tag, name: str) -> None:
    tag["class"] = AttributeValueList([*tag.get_attribute_list("class"), name])


def read_article(html_dir: Path, docname: str) -> Tag:
    """The page's content, without the screen-only parts."""
    soup = BeautifulSoup((html_dir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    if article is None:
        raise ValueError(f"{docname}.html has no <article class='bd-article'>: was it built by the handbook?")
    for selector in WEB_ONLY:
        for element in article.select(selector):
            element.decompose()
    for reference in article.select(".footnote-reference"):
        previous = reference.previous_sibling
        if isinstance(previous, Tag) and "footnote-reference" in previous.get_attribute_list("class"):
            add_class(reference, "follows-reference")  # printed "2,3", not "23"
    for image in article.select("img[src]"):
        image["src"] = posixpath.normpath(posixpath.join(posixpath.dirname(docname), cast(str, image["src"])))
    return article


def relink(article: Tag, docname: str, rewrite: Callable[[Tag, str, str], None]) -> None:
    """Give every id a page prefix; hand every link to another page to ``rewrite``."""
    for element in article.select("[id]"):
        element["id"] = anchor(docname, cast(str, element["id"]))
    for link in article.select("a[href]"):
        target = link_target(cast(str, link["href"]), docname)
        if target is None:
            continue
        target_doc, fragment = target
        if target_doc == docname:
            link["href"] = "#" + anchor(docname, fragment)
        elif not target_doc:
            link.unwrap()
        else:
            rewrite(link, target_doc, fragment)


def page_section(article: Tag, page: Page, classes: Iterable[str] = ()) -> str:
    """The article as one ``<section>`` of a print document, its title marked for headers."""
    title = article.find("h1")
    if title is not None:
        add_class(title, "page-title")
    names = " ".join(["page", f"kind-{page.kind}", *classes])
    return f'<section class="{names}" id="{escape(anchor(page.docname))}">{article.decode_contents()}</section>'


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def document(
    manifest: Manifest,
    title: str,
    body_class: str,
    stylesheet: str,
    body: str,
    description: str = "",
    page_css: str = "",
    label: str = "",
) -> str:
    """A complete HTML document with the metadata a PDF carries (title, language, author).

    In large print the large-print stylesheet comes last, so its sizes win, and the
    title says so: a reader choosing among PDFs sees which is which. The words of the page margins
    (``label``, "Page 2 of 5") are attributes of ``<html>`` that the stylesheets print (``string-set``), so
    they are in the pages' language while the stylesheets say only where they go.
    """
    meta = f'<meta name="description" content="{escape(description)}">' if description else ""
    sheets = [stylesheet, LARGE_PRINT_STYLESHEET] if manifest.large_print else [stylesheet]
    links = "".join(f'<link rel="stylesheet" href="_static/pdf/{name}">' for name in sheets)
    title = manifest.say("{title} (large print)", title=title) if manifest.large_print else title
    before, between, after = _around(manifest.say("Page {page} of {pages}", page="\0", pages="\0"), 3)
    margins = f'data-label="{escape(label)}" data-page-before="{escape(before)}" data-page-between="{escape(between)}" '
    margins += f'data-page-after="{escape(after)}"'
    return (
        f'<!DOCTYPE html><html lang="{escape(manifest.language)}" {margins}><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(manifest.author)}">{meta}'
        f"{links}"
        f"<style>@page {{ size: {manifest.paper_size}; {page_css} }}</style>"
        f'</head><body class="{body_class}">{body}</body></html>'
    )


def _around(words: str, parts: int) -> list[str]:
    """The text around the numbers of ``words``, whose numbers were filled with NUL characters."""
    found = words.split("\0")
    return found + [""] * (parts - len(found)) if len(found) <= parts else [words] + [""] * (parts - 1)


# --- The book -------------------------------------------------------------------------


def _book_link(in_book: set[str], manifest: Manifest) -> Callable[[Tag, str, str], None]:
    before, after = _around(manifest.say("(page {page})", page="\0"), 2)

    def rewrite(link: Tag, target_doc: str, fragment: str) -> None:
        if target_doc not in in_book:
            link.unwrap()
            return
        link["href"] = "#" + anchor(target_doc, fragment)
        add_class(link, "page-ref")
        link["data-page-before"], link["data-page-after"] = before, after  # book.css prints them around the number

    return rewrite


def cover(manifest: Manifest, edition: str, disclaimer: str) -> str:
    return (
        '<section class="cover">'
        f'<h1 class="cover-title">{escape(manifest.project)}</h1>'
        f'<p class="cover-audience">{escape(manifest.say("Information for patients"))}</p>'
        f'<p class="cover-edition">{escape(manifest.say("Edition of {date}", date=edition))}</p>'
        f'<p class="cover-disclaimer">{escape(disclaimer)}</p>'
        "</section>"
    )


def contents(manifest: Manifest) -> str:
    """The contents list: every page, then the index, each with its page number (book.css)."""
    items = "".join(
        f'<li class="contents-level-{min(page.level, 2)}"><a href="#{escape(anchor(page.docname))}">{escape(page.title)}</a></li>'
        for page in manifest.pages
    )
    items += f'<li class="contents-level-0"><a href="#{INDEX_ID}">{escape(manifest.say("Index"))}</a></li>'
    heading = escape(manifest.say("Contents"))
    return f'<nav class="contents"><h1 class="page-title bookmark-1" id="contents">{heading}</h1><ul>{items}</ul></nav>'


@dataclass
class IndexEntry:
    term: str
    targets: list[str]
    subentries: list[IndexEntry]


def read_index(html_dir: Path, in_book: set[str]) -> list[tuple[str, list[IndexEntry]]]:
    """The site's index page (``genindex.html``) as letters of entries pointing into the book."""
    soup = BeautifulSoup((html_dir / "genindex.html").read_text(encoding="utf-8"), "html.parser")
    letters = []
    for heading in soup.select("article.bd-article h2"):
        table = heading.find_next_sibling("table")
        entries = [_index_entry(item, in_book) for item in table.select("td > ul > li")] if table else []
        entries = [entry for entry in entries if entry.targets or entry.subentries]
        if entries:
            letters.append((heading.get_text(strip=True), entries))
    return letters


def _index_entry(item: Tag, in_book: set[str]) -> IndexEntry:
    own_text = "".join(item.find_all(string=True, recursive=False)).strip()
    own_links = item.find_all("a", recursive=False)
    term = own_text or (own_links[0].get_text(" ", strip=True) if own_links else "")
    targets = _targets(own_links, in_book)
    subentries = []
    nested = item.find("ul")
    for sub in nested.find_all("li", recursive=False) if nested else ():
        sub_text = "".join(sub.find_all(string=True, recursive=False)).strip().rstrip(",").strip()
        links = sub.find_all("a")
        if sub_text:
            entry = IndexEntry(sub_text, _targets(links, in_book), [])
            if entry.targets:
                subentries.append(entry)
        else:
            targets += [target for target in _targets(links, in_book) if target not in targets]
    return IndexEntry(term, _one_per_page(targets), subentries)


def _targets(links: Iterable[Tag], in_book: set[str]) -> list[str]:
    found = []
    for link in links:
        target = link_target(cast(str, link["href"]), "genindex")
        if target and target[0] in in_book:
            found.append(anchor(*target))
    return _one_per_page(found)


def _one_per_page(anchors: list[str]) -> list[str]:
    """One reference per page of the handbook: the first place the term is indexed."""
    chosen: dict[str, str] = {}
    for target in anchors:
        chosen.setdefault(target.split("--")[0], target)
    return list(chosen.values())


def index_section(letters: list[tuple[str, list[IndexEntry]]], heading: str) -> str:
    def refs(targets: list[str]) -> str:
        return ", ".join(f'<a class="index-ref" href="#{escape(target)}"></a>' for target in targets)

    def entry_html(entry: IndexEntry) -> str:
        subs = "".join(f"<li>{escape(sub.term)} {refs(sub.targets)}</li>" for sub in entry.subentries)
        return f"<li>{escape(entry.term)} {refs(entry.targets)}{f'<ul>{subs}</ul>' if subs else ''}</li>"

    body = "".join(
        f'<h2 class="index-letter">{escape(letter)}</h2><ul>{"".join(entry_html(entry) for entry in entries)}</ul>'
        for letter, entries in letters
    )
    return (
        f'<section class="book-index"><h1 class="page-title bookmark-1" id="{INDEX_ID}">{escape(heading)}</h1>'
        f'<div class="index-columns">{body}</div></section>'
    )


def book(manifest: Manifest, html_dir: Path, edition: str, disclaimer: str) -> str:
    """The whole handbook as one HTML document for WeasyPrint."""
    in_book = {page.docname for page in manifest.pages}
    rewrite = _book_link(in_book, manifest)
    sections = []
    for page in manifest.pages:
        article = read_article(html_dir, page.docname)
        if page.kind == "home":
            for subsection in article.select("section section"):
                subsection.decompose()  # the home page's ways to find things are screen navigation
        relink(article, page.docname, rewrite)
        level = 1 if page.level <= 1 else 2
        title = article.find("h1")
        if title is not None:
            add_class(title, f"bookmark-{level}")
        sections.append(page_section(article, page))
    body = (
        cover(manifest, edition, disclaimer)
        + contents(manifest)
        + "".join(sections)
        + index_section(read_index(html_dir, in_book), manifest.say("Index"))
    )
    # The book's description is the home page's own (a fork's book describes the fork).
    home = next((page for page in manifest.pages if page.kind == "home"), None)
    return document(manifest, manifest.project, "book", "book.css", body, (home.description if home else None) or "")


# --- Handouts ---------------------------------------------------------------------------


def _handout_link(manifest: Manifest, mentioned: dict[str, str]) -> Callable[[Tag, str, str], None]:
    """Links to other articles go online; each prints its address, or in a table, at the end.

    ``mentioned`` collects every page linked to, for the handout's closing list.
    """
    titles = {page.docname: page.title for page in manifest.pages}

    def rewrite(link: Tag, target_doc: str, fragment: str) -> None:
        if link.select_one(".std-term") is not None:
            link.unwrap()  # the article explains its own terms; the glossary is online
            return
        address = manifest.online_address(target_doc)
        link["href"] = f"{address}#{fragment}" if fragment else address
        add_class(link, "online-ref")
        mentioned.setdefault(titles.get(target_doc, link.get_text(strip=True)), address)
        if link.find_parent("table") is None:  # a narrow cell has no room for an address
            link.insert_after(f" ({address})")

    return rewrite


def mentioned_list(mentioned: dict[str, str], heading: str) -> str:
    items = "".join(f"<li>{escape(title)}: {escape(address)}</li>" for title, address in mentioned.items())
    return f'<section class="mentioned"><h2>{escape(heading)}</h2><ul>{items}</ul></section>' if items else ""


def qr_code(address: str, alt: str) -> str:
    """A QR code for the address, inline, so the PDF needs no other file (one pixel a module).

    The quiet zone is the 4 modules the QR standard asks for: with less, a phone
    may not find the code beside the text printed next to it.
    """
    code = segno.make(address, error="m")
    return f'<img class="qr-code" src="{code.png_data_uri(scale=1, border=QR_QUIET_ZONE)}" alt="{escape(alt)}">'


def handout(manifest: Manifest, html_dir: Path, page: Page, disclaimer: str) -> str:
    """One article on its own, with its sources, review dates and online address."""
    article = read_article(html_dir, page.docname)
    for dates in article.select("p.review-dates"):
        dates.decompose()  # shown at the top instead, in the handout's own words
    mentioned: dict[str, str] = {}
    relink(article, page.docname, _handout_link(manifest, mentioned))
    article.append(BeautifulSoup(mentioned_list(mentioned, manifest.say("Other articles mentioned")), "html.parser"))
    address = manifest.online_address(page.docname)
    details = (
        '<div class="handout-details">'
        f"{_qr_code(manifest, address)}"
        f'<p class="review-dates">{_review_dates(manifest, page, "<br>")}</p>'
        f'<p class="online-address">{escape(manifest.say("Read this online:"))}<br>'
        f'<a href="{escape(address)}">{escape(address)}</a></p>'
        "</div>"
    )
    title = article.find("h1")
    if title is not None:
        title.insert_after(BeautifulSoup(details, "html.parser"))
    running = f'<div class="running-disclaimer">{escape(disclaimer)}</div>'
    body = running + page_section(article, page)
    header = f"@top-left {{ content: {css_string(manifest.project)}; }}"
    label = manifest.say("Information for patients")
    return document(
        manifest, f"{page.title}: {manifest.project}", "handout", "handout.css", body, page.description or "", header, label
    )


# --- Quick sheets ------------------------------------------------------------------------

ACTIONS_TITLE = "What you can do"


class MissingPart(ValueError):
    """The article lacks a part its quick sheet needs; ``line`` is where to add it (0: unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


def _online_links(part: Tag, docname: str, manifest: Manifest) -> None:
    """Links to any page of the site, this one included, go to its online address.

    A quick sheet holds neither the other pages nor the rest of this one. The
    addresses are not printed beside the words: there is no room, and the sheet's
    QR code and address lead to the full article, which links onwards.
    """
    for link in part.select("a[href]"):
        target = link_target(cast(str, link["href"]), docname)
        if target is None:
            continue
        target_doc, fragment = target
        if not target_doc or link.select_one(".std-term") is not None:
            link.unwrap()  # files made beside the site, and glossary terms: the words are enough
            continue
        address = manifest.online_address(target_doc)
        link["href"] = f"{address}#{fragment}" if fragment else address
        add_class(link, "online-ref")


def key_points_box(article: Tag, title: str) -> Tag | None:
    """The article's key points box: the first box under its title with that heading."""
    page = article.find("section")
    for box in page.find_all("div", class_="admonition", recursive=False) if page and title else ():
        heading = box.find("p", class_="admonition-title")
        if heading is not None and " ".join(heading.get_text().split()) == title:
            return box
    return None


def get_help_now_box(article: Tag, manifest: Manifest, html_dir: Path, page: Page) -> tuple[Tag, str] | None:
    """The emergency warning-signs box the sheet shows, and the page it was drawn on.

    The article's short "Get help now" box if it has one (condition pages), else
    its own emergency box, else the emergency box of the warning-signs page
    (``handbook_red_flags_page``): a page with no emergency signs of its own
    still tells the reader when to call for help.
    """
    box = article.select_one("section.red-flags-short") or article.select_one("section.red-flags-emergency")
    if box is not None:
        return box, page.docname
    if manifest.red_flags_page and manifest.red_flags_page != page.docname:
        signs_page = read_article(html_dir, manifest.red_flags_page)
        box = signs_page.select_one("section.red-flags-emergency")
        if box is not None:
            return box, manifest.red_flags_page
    return None


def sheet_help_box(article: Tag, manifest: Manifest, html_dir: Path, page: Page) -> Tag:
    """The "Get help now" box a one-page sheet prints (:func:`get_help_now_box`), its heading a sheet heading."""
    help_now = get_help_now_box(article, manifest, html_dir, page)
    if help_now is None:
        raise MissingPart(
            "quick sheet: no emergency warning-signs box to show (add ```{red-flags} with ':tier: emergency' "
            "to the article, or set handbook_red_flags_page in conf.py)",
            page.key_points_line or 0,
        )
    box, drawn_on = help_now
    box = box.extract()
    _one_list(box)
    for heading in box.select(".red-flags-heading"):
        heading.name = "h2"
    _online_links(box, drawn_on, manifest)
    return box


def _one_list(box: Tag) -> None:
    """A box's signs as one list in the data file's order, without the group labels the website shows
    (``handbook.clinical.redflags``).

    On a one-page sheet the list already reads in two short columns; the labels would cost lines it does not have.
    """
    groups = box.select_one(".red-flags-groups")
    if groups is None:
        return
    merged = BeautifulSoup("<ul></ul>", "html.parser").ul
    assert merged is not None
    for item in sorted((item.extract() for item in groups.select("li")), key=_place_in_data_file):
        merged.append(item)
    groups.replace_with(merged)
    for note in box.select(f".{READ_EVERY_LIST_CLASS}"):
        note.decompose()  # about lists; the sheet prints one


def _place_in_data_file(item: Tag) -> int:
    return next((int(name.removeprefix(ORDER_CLASS)) for name in item.get("class") or [] if name.startswith(ORDER_CLASS)), 0)


def actions_part(article: Tag, page: Page) -> tuple[str, Tag]:
    """The heading and the content of the article's "What you can do" section, without its warning-sign boxes.

    The section was chosen while the page was read (``handbook.printing.manifest.actions_section``);
    its boxes are left out because the sheet has its own "Get help now" box.
    """
    found = article.find(id=page.actions["id"]) if page.actions else None
    if not page.actions or found is None:
        raise MissingPart(
            "quick sheet: no 'What you can do' section (add the article's 'When to get help', or a heading "
            "handbook_quick_sheet_actions names for it in conf.py)"
        )
    heading = found.find(["h2", "h3", "h4", "h5", "h6"])
    if heading is not None:
        heading.decompose()
    for box in found.select("section.red-flags"):
        box.decompose()
    return page.actions["title"], found


def sheet_head(manifest: Manifest, page: Page, leads_to: str) -> str:
    """The title, the review dates, and the online address with its QR code, which ``leads_to`` describes."""
    address = manifest.online_address(page.docname)
    return (
        '<header class="sheet-head"><div class="sheet-head-text">'
        f'<h1 class="page-title">{escape(page.title)}</h1>'
        f'<p class="review-dates">{_review_dates(manifest, page, ". ")}.</p>'
        f'<p class="online-address">{escape(leads_to)}: <a href="{escape(address)}">{escape(address)}</a></p>'
        f"</div>{_qr_code(manifest, address)}</header>"
    )


def quick_sheet(manifest: Manifest, html_dir: Path, page: Page, disclaimer: str) -> str:
    """One article on one page: title, key points, "Get help now", "What you can do", review dates, address.

    A decision aid's sheet is the summary a patient takes to the appointment instead (:func:`decision_sheet`).
    Nothing is cut to fit: the parts are printed whole, and a sheet that runs
    onto a second page is an error naming the article (``handbook.printing.commands``).
    """
    article = read_article(html_dir, page.docname)
    if article.select_one(".decision-grid") is not None:  # the side-by-side grid only a decision aid has
        return decision_sheet(manifest, html_dir, page, disclaimer, article)
    for reference in article.select(".footnote-reference"):
        reference.decompose()  # the sources are in the full article, online and in the handout
    box = sheet_help_box(article, manifest, html_dir, page)
    key_points = key_points_box(article, page.key_points_title or manifest.key_points_title)
    if key_points is not None:
        key_points = key_points.extract()
        _online_links(key_points, page.docname, manifest)
    actions_heading, actions = actions_part(article, page)
    _online_links(actions, page.docname, manifest)
    # The article's own heading beside the sheet's: "What you can do: Questions to ask".
    sheet_heading = manifest.say(ACTIONS_TITLE)
    subtitle = f'<span class="actions-from">: {escape(actions_heading)}</span>' if actions_heading != sheet_heading else ""
    body = (
        f'<div class="running-disclaimer">{escape(disclaimer)}</div>'
        f'<section class="page kind-{escape(page.kind)} quick-sheet" id="{escape(anchor(page.docname))}">'
        f"{sheet_head(manifest, page, manifest.say('The full article, with its sources'))}"
        f"{key_points.decode() if key_points is not None else ''}"
        f"{box.decode()}"
        f'<section class="sheet-actions"><h2>{escape(sheet_heading)}{subtitle}</h2>{actions.decode_contents()}</section>'
        "</section>"
    )
    header = f"@top-left {{ content: {css_string(manifest.project)}; }}"
    title = f"{manifest.say('{title} (quick sheet)', title=page.title)}: {manifest.project}"
    label = manifest.say("Quick sheet")
    return document(manifest, title, "quick-sheet", "quicksheet.css", body, page.description or "", header, label)


def _aid_part(article: Tag, title: str, page: Page) -> Tag:
    """The content of one ``##`` part of a decision aid (``handbook.decisions.aid_directive.PARTS``), without its heading."""
    for section in article.select("section"):
        heading = section.find("h2", recursive=False)
        if heading is not None and " ".join(heading.get_text().replace("#", " ").split()) == title:
            heading.decompose()
            return section
    raise MissingPart(f"decision summary: no '## {title}' part (the page must show its aid with ```{{decision-aid}}```)")


SHEET_PARTS = ((VALUES, "sheet-values"), (QUESTIONS, "sheet-questions"))
SCALE_HOW = "Circle how much each reason matters to you, from 1 (not important) to 5 (very important)."
"""The parts of a decision aid its one-page sheet prints after the decision, with the class its stylesheet styles."""


def decision_sheet(manifest: Manifest, html_dir: Path, page: Page, disclaimer: str, article: Tag) -> str:
    """A decision aid on one page, to take to the appointment: "What matters most to you?" with the reasons
    for each option side by side and scales to circle, the questions to ask, and "Get help now".

    The title is the decision. The side-by-side grid and the numbers stay in the full aid, a QR code away:
    a patient writes on this sheet, and the grid alone fills a page. Nothing is cut to fit; overflow is an
    error naming the page, as for quick sheets.
    """
    for reference in article.select(".footnote-reference"):
        reference.decompose()
    parts = [(title, css_class, _aid_part(article, title, page)) for title, css_class in SHEET_PARTS]
    for explanation in parts[0][2].find_all("p", recursive=False):
        explanation.string = manifest.say(SCALE_HOW)  # the page's own explanation is for the screen ("Print this page")
    box = sheet_help_box(article, manifest, html_dir, page)
    for _, _, part in parts:
        _online_links(part, page.docname, manifest)
    body = (
        f'<div class="running-disclaimer">{escape(disclaimer)}</div>'
        f'<section class="page kind-{escape(page.kind)} quick-sheet decision-sheet" id="{escape(anchor(page.docname))}">'
        f"{sheet_head(manifest, page, manifest.say('The full aid, with the numbers and their sources'))}"
        + "".join(
            f'<section class="sheet-part {css_class}"><h2>{escape(title)}</h2>{part.decode_contents()}</section>'
            for title, css_class, part in parts
        )
        + f"{box.decode()}</section>"
    )
    header = f"@top-left {{ content: {css_string(manifest.project)}; }}"
    title = f"{manifest.say('{title} (summary to take to your appointment)', title=page.title)}: {manifest.project}"
    label = manifest.say("Quick sheet")
    return document(manifest, title, "quick-sheet", "quicksheet.css", body, page.description or "", header, label)


def _review_dates(manifest: Manifest, page: Page, separator: str) -> str:
    """The review dates, "Last reviewed: 2 December 2026 (editorial review; ...)" then the next one's, as HTML."""
    step = f" ({manifest.say(STEPS[page.review_status])})" if page.review_status in STEPS else ""  # the website's words
    reviewed = manifest.say("Last reviewed: {date}", date=manifest.long_date(page.last_reviewed)) + step
    due = manifest.say("Next review due: {date}", date=manifest.long_date(page.next_review))
    return f"{escape(reviewed)}{separator}{escape(due)}"


def _qr_code(manifest: Manifest, address: str) -> str:
    return qr_code(address, manifest.say("QR code for {address}", address=address))


def disclaimer_text(html_dir: Path, docname: str) -> str:
    """The site's footer disclaimer, without its screen-only link: the same words on paper as on screen."""
    soup = BeautifulSoup((html_dir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    footer = soup.select_one(".handbook-disclaimer")
    if footer is None:
        raise ValueError(f"{docname}.html has no disclaimer (_templates/handbook-disclaimer.html)")
    for element in footer.select(".web-only"):
        element.decompose()
    return " ".join(footer.get_text(" ", strip=True).split())
