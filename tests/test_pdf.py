"""The offline PDFs: the book, the handouts, the quick sheets, and the published copy that links to them.

One ``make dist`` of the real handbook (``dist`` fixture) is read with pypdf;
page 1 is rendered with poppler's ``pdftoppm`` to check something is drawn, and
to read the QR code back with zxing-cpp. The warning-sign boxes of one handout
are checked in WeasyPrint's own layout, where every box knows its borders and
its text its size.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from handbook.printing.commands import TRANSLATED_SHEET_PAGES, PrintError, make_book, make_handouts, overflows, render
from handbook.printing.documents import Manifest, disclaimer_text, handout, link_target, read_index
from handbook.printing.manifest import MANIFEST, handout_path, quick_sheet_path
from handbook.tools.publish import offline_zip, translation_doctrees
from tests.conftest import CONF, PROJECT, ROOTS, copy_site_sources, run_sphinx
from tests.project import make_env

SOURCE_LANGUAGE, *TRANSLATIONS = CONF["handbook_languages"]
LETTER = (612, 792)
A4 = (595, 842)
PAPER = {"Letter": LETTER, "A4": A4}


def configured_paper() -> str:
    """conf.py's handbook_paper_size, or else its country's (docs/_data/countries.yaml)."""
    if CONF.get("handbook_paper_size"):
        return CONF["handbook_paper_size"]
    countries = yaml.safe_load((PROJECT / "docs" / CONF["handbook_countries_file"]).read_text(encoding="utf-8"))
    return countries[CONF.get("handbook_country", "international")]["paper_size"]


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``make dist`` of the real handbook: site, book, handouts and the offline zip, and each translation's in its
    folder. The only PDF rendering of a run.

    Built from a copy of the sources, so the build never writes into docs/.
    """
    folder = tmp_path_factory.mktemp("published")
    project, target = copy_site_sources(folder / "project"), folder / "dist"
    translations = [option for language in TRANSLATIONS for option in ("--translation", language)]  # as make dist
    command = [sys.executable, "-m", "handbook.tools.publish", str(target), *translations, "--", "-W", "--keep-going", "-n", "-q"]
    result = subprocess.run(command, cwd=project, env=make_env(), capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def manifest(dist: Path) -> Manifest:
    return Manifest.load(dist.with_name("dist.doctrees") / MANIFEST)


@pytest.fixture(scope="session")
def book(dist: Path) -> PdfReader:
    return PdfReader(dist / "handbook.pdf")


@pytest.fixture(scope="session")
def book_text(book: PdfReader) -> str:
    return squash(" ".join(page.extract_text() for page in book.pages))


def squash(text: str) -> str:
    return " ".join(text.split())


def outline_titles(outline: list) -> list[str]:
    titles = []
    for item in outline:
        titles += outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


def html_text(path: Path, selector: str) -> list[str]:
    """The text of the matching elements, without citation numbers (the PDF prints them raised)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for reference in soup.select(".footnote-reference"):
        reference.decompose()
    return [squash(element.get_text()) for element in soup.select(selector)]


# --- The book -----------------------------------------------------------------------


def test_the_book_lists_sections_and_articles_in_reading_order_without_topic_pages(manifest):
    names = [page.docname for page in manifest.pages]
    assert names[0] == "index"
    assert names.index("basics/index") < names.index("basics/red-flags") < names.index("conditions/index")
    articles = [
        path
        for section in CONF["handbook_article_sections"]
        for path in (PROJECT / "docs" / section).glob("*.md")
        if path.name != "index.md"
    ]
    assert len(manifest.articles) == len(articles)
    assert not [name for name in names if name.startswith("_tags/")]
    assert "about/writing-guide" not in names, "handbook_pdf_exclude: the editors' guide is not for patients"
    assert "about/glossary" in names


def test_the_book_has_a_bookmark_for_every_section_and_article(book, manifest):
    titles = outline_titles(book.outline)
    top_level = [item.title for item in book.outline if not isinstance(item, list)]
    for page in manifest.pages:
        assert page.title in titles, page.docname
    for section in ("The basics", "Conditions", "Treatments", "Living with back pain", "About this handbook"):
        assert section in top_level
    assert {"Contents", "Index"} <= set(top_level)
    assert "Key points" not in titles, "only the pages themselves are bookmarked"


def bookmarks(book: PdfReader, outline: list | None = None) -> list[tuple[str, int]]:
    """Every bookmark, in order: its title and the number of the page it opens (the cover is page 1)."""
    found = []
    for item in book.outline if outline is None else outline:
        found += bookmarks(book, item) if isinstance(item, list) else [(item.title, book.get_destination_page_number(item) + 1)]
    return found


def contents_entries(book: PdfReader) -> list[tuple[str, int]]:
    """The lines of the Contents pages: each title, and the page number printed after its dots."""
    marks = dict(bookmarks(book))
    first = marks["Contents"]
    last = min(page for page in marks.values() if page > first) - 1
    text = "\n".join(book.pages[number - 1].extract_text() for number in range(first, last + 1))
    return [(squash(title), int(page)) for title, page in re.findall(r"^(.+?)(?: ?\.)+ ?(\d+)$", text, flags=re.MULTILINE)]


def test_the_contents_lists_every_bookmark_and_the_index_at_the_page_it_opens(book):
    entries = contents_entries(book)
    assert entries == [(squash(title), page) for title, page in bookmarks(book) if title != "Contents"]
    assert entries[-1][0] == "Index"


def test_the_book_text_has_every_article_title_the_contents_and_the_index(book_text, manifest):
    for page in manifest.articles:
        assert squash(page.title) in book_text, page.docname
    assert re.search(r"Contents .*Acupuncture(\s*\.)+\s*\d+", book_text)
    index = book_text[book_text.rindex("Index A ") :]
    # also_called names are in the index, with the page number of their article.
    assert re.search(r"Advil \d+", index)
    assert re.search(r"acetaminophen \d+", index)


def test_the_cover_says_who_it_is_for_its_edition_and_that_it_is_not_medical_advice(book):
    cover = squash(book.pages[0].extract_text())
    assert CONF["project"] in cover
    assert "Information for patients" in cover
    assert re.search(r"Edition of \d{1,2} [A-Z][a-z]+ \d{4}", cover)
    assert "not medical advice" in cover


def test_pages_have_a_running_title_and_page_x_of_y(book):
    total = len(book.pages)
    page = squash(book.pages[10].extract_text())
    assert f"Page 11 of {total}" in page
    assert squash(book.pages[0].extract_text()).count("Page 1 of") == 0, "the cover has no page furniture"


def test_cross_references_become_page_numbers(book_text):
    assert re.search(r"warning signs that need urgent care \(page \d+\)", book_text)


def test_every_article_has_its_sources_and_review_dates_in_the_book(book_text, manifest):
    assert book_text.count("Page last reviewed:") >= len(manifest.articles)
    assert book_text.count("Sources") >= len(manifest.articles)
    assert "Glossary" in book_text


def test_the_book_has_none_of_the_web_interface(book_text):
    for screen_only in ("Search the handbook", "Suggest a correction", "Printable handout", "Download the handbook"):
        assert screen_only not in book_text
    assert "Articles on this topic" not in book_text, "topic pages are left out"
    assert "Topics: " not in book_text, "no topic badges"


def test_the_book_embeds_every_font_including_atkinson_hyperlegible(book):
    names = set()
    for page in book.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font["/BaseFont"]
            names.add(str(font["/BaseFont"]).split("+")[-1])
    assert "Atkinson-Hyperlegible" in names


def test_internal_links_point_inside_the_book(book):
    destinations = book.named_destinations
    internal = 0
    for page in book.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annotation:
                assert str(annotation["/Dest"]) in destinations, annotation["/Dest"]
                internal += 1
            else:
                uri = str(annotation["/A"]["/URI"])
                assert uri.startswith(("https://", "http://", "mailto:")), f"a link out of the book: {uri}"
    assert internal > 500


def test_the_book_is_a_tagged_pdf_with_its_metadata(book):
    root = book.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert book.metadata.title == CONF["project"]
    assert book.metadata.author == CONF["author"]


def test_the_book_is_the_configured_paper_size(book):
    assert {tuple(round(value) for value in page.mediabox[2:]) for page in book.pages} == {PAPER[configured_paper()]}


def test_the_index_leaves_out_pages_not_in_the_book(dist, manifest):
    in_book = {page.docname for page in manifest.pages}
    letters = read_index(dist, in_book)
    targets = [target for _, entries in letters for entry in entries for target in entry.targets]
    assert targets
    assert all(target.split("--")[0] in in_book for target in targets)


# --- Handouts ------------------------------------------------------------------------


# The PDFs of a run are written once (the dist fixture) and read by many tests: each is parsed once (pypdf is slow).
@functools.cache
def all_text(pdf: Path) -> str:
    return squash(" ".join(page.extract_text() for page in PdfReader(pdf).pages))


def handout_text(dist: Path, docname: str) -> str:
    return all_text(dist / "handouts" / f"{docname}.pdf")


def first_words(text: str, count: int = 8) -> str:
    return " ".join(text.split()[:count])


def reading_text(pdf: Path) -> str:
    """A PDF's words in reading order, list numbers included (pypdf puts the tagged list markers last)."""
    result = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return squash(result.stdout)


def continued_lists(page: Path) -> list[tuple[int, str]]:
    """Each numbered list on a built page that goes on from an earlier one (after a picture): its first number and
    the first words of its first step."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    return [
        (int(listing["start"]), first_words(squash(item.get_text(" ")), 5))
        for listing in (article.select("ol[start]") if article else [])
        if (item := listing.find("li")) is not None
    ]


@pytest.mark.make
def test_a_numbered_list_that_starts_at_4_is_printed_from_4(tmp_path):
    """WeasyPrint honours <ol start> only with presentational hints (render() asks for them)."""
    html = '<ol><li>Check the warning signs.</li></ol><p>A picture.</p><ol start="4"><li>Ask your doctor.</li></ol>'
    render(f'<html lang="en"><body>{html}</body></html>', tmp_path, tmp_path / "list.pdf", "list")
    text = reading_text(tmp_path / "list.pdf")
    assert "1. Check the warning signs." in text and "4. Ask your doctor." in text, text


def test_steps_that_go_on_after_a_picture_keep_their_numbers_in_the_handouts(dist, manifest):
    """A list of steps split by a drawing is one list to the reader: step 4 is printed as 4, not as 1 again."""
    wrong = []
    for page in manifest.articles:
        if lists := continued_lists(dist / f"{page.docname}.html"):
            text = reading_text(dist / "handouts" / f"{page.docname}.pdf")  # once per handout
            wrong += [(page.docname, number, words) for number, words in lists if f"{number}. {words}" not in text]
    assert not wrong


def words(text: str) -> str:
    """Letters only: citation numbers and line breaks fall where they like in extracted text."""
    return " ".join(re.sub(r"[^A-Za-z]+", " ", text).split())


def test_every_article_has_a_handout_with_its_title_dates_and_sources(dist, manifest):
    for page in manifest.articles:
        text = handout_text(dist, page.docname)
        assert squash(page.title) in text, page.docname
        assert "Last reviewed:" in text and "Next review due:" in text, page.docname
        assert "Sources" in text, page.docname
        assert not re.search(r"[.,;:],\d", text), f"{page.docname}: a comma before a lone citation number"
        sources = html_text(dist / f"{page.docname}.html", "aside.footnote > p")
        assert sources, page.docname
        for source in sources:
            assert first_words(source) in text, f"{page.docname}: {source[:60]}"


def test_medicine_safety_boxes_are_printed_in_the_book_and_the_handouts(dist, manifest, book_text):
    boxes = {
        page.docname: html_text(dist / f"{page.docname}.html", "div.medicine-safety > p.admonition-title")
        for page in manifest.articles
    }
    boxes = {docname: titles for docname, titles in boxes.items() if titles}
    assert boxes, "articles that name a medicine show its safety box"
    for docname, titles in boxes.items():
        handout = handout_text(dist, docname)
        assert handout.count("The most you should take:") == len(titles), docname
        for title in titles:
            assert words(title) in words(handout), f"{docname}: {title}"
            assert words(title) in words(book_text), f"{docname}: {title}"


def test_a_handout_shows_the_review_step_and_what_changed_at_the_last_review(dist, manifest):
    steps = {"editorial-review": "(editorial review; not yet reviewed by a clinician)", "clinician-reviewed": "(reviewed by"}
    for page in manifest.articles:
        handout = handout_text(dist, page.docname)
        assert steps[page.review_status] in handout, page.docname
        changes = html_text(dist / f"{page.docname}.html", "details.review-changes li")
        assert all(words(change) in words(handout) for change in changes), page.docname


# An article's own first paragraph: the warning-sign boxes say the same on every condition page.
OWN_PARAGRAPH = "article section > section:not(.red-flags) > p"


def test_a_handout_holds_its_own_article_only(dist, manifest):
    openings = {
        page.docname: first_words(html_text(dist / f"{page.docname}.html", OWN_PARAGRAPH)[0], 20) for page in manifest.articles
    }
    for page in manifest.articles:
        text = words(handout_text(dist, page.docname))
        assert words(openings[page.docname]) in text
        others = [name for name, opening in openings.items() if name != page.docname and words(opening) in text]
        assert not others, f"{page.docname} handout contains text of {others}"


def test_a_handout_shows_its_online_address_links_other_articles_online_and_has_a_qr_code(dist, manifest):
    reader = PdfReader(dist / "handouts/treatments/acupuncture.pdf")
    text = squash(" ".join(page.extract_text() for page in reader.pages))
    address = manifest.online_address("treatments/acupuncture")
    assert address.startswith("https://")
    assert address in text.replace(" ", "") or address in text
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert uris and all(uri.startswith(("https://", "http://")) for uri in uris), "no dead relative links"
    images = [image.get_object() for image in reader.pages[0]["/Resources"]["/XObject"].values()]
    assert [image for image in images if image["/Subtype"] == "/Image" and image["/Width"] >= 29], "the QR code"
    assert CONF["project"] in squash(reader.pages[0].extract_text())
    assert "not medical advice" in squash(reader.pages[0].extract_text())
    assert f"Page 1 of {len(reader.pages)}" in squash(reader.pages[0].extract_text())


@pytest.mark.parametrize(
    "pdf",
    ["handouts/treatments/acupuncture.pdf", "quicksheets/conditions/sciatica.pdf", "handouts-large/conditions/sciatica.pdf"],
)
def test_the_qr_code_has_a_4_module_quiet_zone_and_reads_back_as_the_online_address_at_print_size(dist, manifest, tmp_path, pdf):
    """Page 1 drawn at 150 dpi, coarser than any printer, as a phone's camera would see the printed code."""
    [code] = [image.image.convert("L") for image in PdfReader(dist / pdf).pages[0].images]
    ring = [
        (x, y) for x in range(code.width) for y in range(code.height) if min(x, y, code.width - 1 - x, code.height - 1 - y) < 4
    ]
    assert all(code.getpixel(point) == 255 for point in ring), "4 white modules all round"
    assert code.getpixel((4, 4)) == 0, "then the finder pattern, at once"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", str(dist / pdf), str(tmp_path / "page")],
        check=True,
    )
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    docname = pdf.split("/", 1)[1].removesuffix(".pdf")
    assert [(result.format, result.text) for result in found] == [
        (zxingcpp.BarcodeFormat.QRCode, manifest.online_address(docname))
    ]


def test_links_to_other_articles_print_their_online_address(dist, manifest):
    text = handout_text(dist, "basics/diagnosis-and-imaging").replace(" ", "")
    red_flags = manifest.online_address("basics/red-flags")
    assert f"({red_flags})" in text, "after the link"
    assert "Otherarticlesmentioned" in text and f"Warningsigns:whentogethelpfast:{red_flags}" in text, "and at the end"


def test_links_in_tables_list_their_address_at_the_end_only(dist, manifest):
    text = handout_text(dist, "treatments/at-a-glance").replace(" ", "")
    acupuncture = manifest.online_address("treatments/acupuncture")
    assert f"({acupuncture})" not in text
    assert f"Acupuncture:{acupuncture}" in text


def test_handouts_use_the_configured_paper_size_and_another_on_request(dist, manifest, tmp_path):
    configured = configured_paper()
    one = manifest.articles[0]
    sizes = {tuple(round(v) for v in p.mediabox[2:]) for p in PdfReader(dist / handout_path(one.docname)).pages}
    assert sizes == {PAPER[configured]}
    other = next(name for name in PAPER if name != configured)
    make_handouts(replace(manifest, paper_size=other), dist, tmp_path, jobs=1, only={one.docname})
    assert {tuple(round(v) for v in p.mediabox[2:]) for p in PdfReader(tmp_path / f"{one.docname}.pdf").pages} == {PAPER[other]}


# --- Quick sheets ------------------------------------------------------------------------


RUNNING_FOOT = re.compile(r"Spine Health Handbook Page \d+ of \d+.*", re.DOTALL)


@functools.cache
def quick_sheet_text(dist: Path, docname: str, large_print: bool = False) -> str:
    """The sheet's text in reading order: a large-print sheet's running foot (page number and
    disclaimer) is cut from every page but the last, so a list item that runs on to the next page
    reads as one."""
    pages = [page.extract_text() for page in PdfReader(dist / quick_sheet_path(docname, large_print)).pages]
    return squash(" ".join([*(RUNNING_FOOT.sub("", text) for text in pages[:-1]), *pages[-1:]]))


def key_points(dist: Path, docname: str, title: str = CONF["handbook_key_points_title"]) -> list[str]:
    """Each point of the article's key points box (``title``, as the page shows it), as the website shows it."""
    soup = BeautifulSoup((dist / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    for box in soup.select("article section > div.admonition"):
        if squash(box.select_one(".admonition-title").get_text()) == title:
            return [squash(point.get_text()) for point in box.select("li")]
    return []


def get_help_now(dist: Path, docname: str) -> list[str]:
    """The heading, lead-in and signs of the box the sheet must show: the page's short box, else its own
    emergency box, else the emergency box of the warning-signs page (README, Publishing). Every sign, but not the
    labels of the groups the website shows them in: the sheet prints them as one two-column list."""
    for page in (docname, CONF["handbook_red_flags_page"]):
        soup = BeautifulSoup((dist / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        box = soup.select_one("section.red-flags-short") or soup.select_one("section.red-flags-emergency")
        if box is not None:
            for reference in box.select(".footnote-reference"):
                reference.decompose()
            # The group labels (headings) and the note to read every list are the website's: the sheet prints one list.
            parts = box.select("p:not(.red-flags-read-all), li")
            return [squash(box.select_one(".red-flags-heading").get_text()), *(squash(p.get_text()) for p in parts)]
    return []


def what_you_can_do(dist: Path, docname: str) -> tuple[str, list[str]]:
    """The heading conf.py's handbook_quick_sheet_actions chooses for the article, and that section's paragraphs."""
    soup = BeautifulSoup((dist / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    headings = {squash(h.get_text()).rstrip("#"): h for h in soup.select("article section > :is(h2, h3, h4)")}
    patterns = CONF["handbook_quick_sheet_actions"].items()
    wanted = next((names for pattern, names in patterns if fnmatch.fnmatchcase(docname, pattern)), [])
    chosen = next(name for name in [*wanted, "When to get help"] if name in headings)
    section = headings[chosen].parent
    for part in section.select(".footnote-reference, section.red-flags"):
        part.decompose()
    return chosen, [squash(p.get_text()) for p in section.select("p") if squash(p.get_text())]


def test_every_article_has_a_quick_sheet_of_exactly_one_page(dist, manifest):
    sheets = sorted(
        path.relative_to(dist / "quicksheets").with_suffix("").as_posix() for path in (dist / "quicksheets").rglob("*.pdf")
    )
    assert sheets == sorted(page.docname for page in manifest.articles)
    pages = {page.docname: len(PdfReader(dist / quick_sheet_path(page.docname)).pages) for page in manifest.articles}
    assert {docname: count for docname, count in pages.items() if count != 1} == {}


def is_decision_aid(dist: Path, docname: str) -> bool:
    """A decision aid's page has the side-by-side grid; its sheet is the summary for the appointment instead."""
    return "decision-grid" in (dist / f"{docname}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("large_print", [False, True])
def test_a_quick_sheet_has_the_title_key_points_get_help_now_what_you_can_do_dates_and_address(dist, manifest, large_print):
    for page in manifest.articles:
        if is_decision_aid(dist, page.docname):
            continue  # test_a_decision_aids_sheet_has_the_reasons_with_scales_the_questions_and_get_help_now
        text = quick_sheet_text(dist, page.docname, large_print)
        assert squash(page.title) in text, page.docname
        points = key_points(dist, page.docname)
        assert points, f"{page.docname}: the article has key points"
        assert [point for point in points if words(point) not in words(text)] == [], page.docname
        box = get_help_now(dist, page.docname)
        assert box and box[0] in text, f"{page.docname}: the 'Get help now' box"
        assert [line for line in box if words(line) not in words(text)] == [], page.docname
        chosen, paragraphs = what_you_can_do(dist, page.docname)
        assert "What you can do" in text and chosen in text, page.docname
        assert [line for line in paragraphs if words(line) not in words(text)] == [], f"{page.docname}: {chosen}"
        assert manifest.online_address(page.docname) in text.replace(" ", ""), page.docname
        assert "Last reviewed:" in text and "Next review due:" in text, page.docname
        assert "not medical advice" in text, page.docname


@pytest.mark.parametrize("large_print", [False, True])
def test_a_decision_aids_sheet_has_the_reasons_with_scales_the_questions_and_get_help_now(dist, manifest, large_print):
    aids = [page for page in manifest.articles if is_decision_aid(dist, page.docname)]
    assert aids, "the handbook has decision aids (docs/decisions/)"
    for page in aids:
        text = quick_sheet_text(dist, page.docname, large_print)
        soup = BeautifulSoup((dist / f"{page.docname}.html").read_text(encoding="utf-8"), "html.parser")
        statements = [squash(item.find("p").get_text()) for item in soup.select(".decision-values li")]
        questions = [squash(item.get_text()) for item in soup.select("#questions-to-ask-your-doctor li")]
        assert statements and questions, page.docname
        assert squash(page.title) in text and "What matters most to you?" in text, page.docname
        assert [line for line in statements + questions if words(line) not in words(text)] == [], page.docname
        assert text.count("Not important") == len(statements), f"{page.docname}: one scale per reason"
        box = get_help_now(dist, page.docname)
        assert [line for line in box if words(line) not in words(text)] == [], f"{page.docname}: 'Get help now'"
        assert manifest.online_address(page.docname) in text.replace(" ", ""), page.docname
        assert "Last reviewed:" in text and "Next review due:" in text and "not medical advice" in text, page.docname


def test_a_quick_sheet_has_a_qr_code_and_links_online_only(dist, manifest):
    reader = PdfReader(dist / quick_sheet_path("conditions/sciatica"))
    images = [image.get_object() for image in reader.pages[0]["/Resources"]["/XObject"].values()]
    assert [image for image in images if image["/Subtype"] == "/Image" and image["/Width"] >= 29], "the QR code"
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for annotation in reader.pages[0].get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert manifest.online_address("conditions/sciatica") in uris
    assert uris and all(uri.startswith(("https://", "http://")) for uri in uris), "no dead relative links"


@functools.cache
def text_pieces(pdf: Path) -> tuple[tuple[str, float], ...]:
    """Every piece of text on the PDF's pages, with its printed size in points (font size times the text's scaling)."""
    pieces: list[tuple[str, float]] = []

    def note(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            pieces.append((squash(text), round(size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3]), 2)))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=note)
    return tuple(pieces)


def text_sizes(pdf: Path) -> list[float]:
    return [size for _, size in text_pieces(pdf)]


def test_quick_sheet_text_is_at_least_9_pt(dist, manifest):
    smallest = {page.docname: min(text_sizes(dist / quick_sheet_path(page.docname))) for page in manifest.articles}
    assert {docname: size for docname, size in smallest.items() if size < 9} == {}


def test_every_article_links_its_handout_and_quick_sheet_in_normal_and_large_print(dist, manifest):
    for page in manifest.articles:
        soup = BeautifulSoup((dist / f"{page.docname}.html").read_text(encoding="utf-8"), "html.parser")
        links = {
            link.get_text(): (dist / Path(page.docname).parent / link["href"]).resolve()
            for link in soup.select("p.handbook-download a.handbook-download-link")
        }
        assert links == {
            "Printable handout (PDF)": (dist / handout_path(page.docname)).resolve(),
            "One-page quick sheet (PDF)": (dist / quick_sheet_path(page.docname)).resolve(),
            "Large-print handout (PDF)": (dist / handout_path(page.docname, large_print=True)).resolve(),
            "Large-print quick sheet (PDF)": (dist / quick_sheet_path(page.docname, large_print=True)).resolve(),
        }, page.docname
        assert all(path.is_file() for path in links.values()), page.docname


# --- Safety text and large print ----------------------------------------------------------------


def drawing_labels(html: Path) -> list[str]:
    """The words drawn inside the page's pictures: scaled with the drawing, and said again under it in the
    drawing's long description, printed at the text's size."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return [squash(label.get_text()) for label in soup.select("article svg text")]


def is_drawing_label(text: str, labels: list[str]) -> bool:
    """Whether a piece of printed text is (part of) a picture's words. pypdf joins a label's words without their
    spaces when the page's fonts leave out the space's width (pdftotext shows them), so spaces are not compared."""
    bare = "".join(text.split())
    return any(bare in "".join(label.split()) for label in labels)


def test_large_print_handouts_and_quick_sheets_have_every_text_at_least_16_pt(dist, manifest):
    smaller = {}
    for page in manifest.articles:
        labels = drawing_labels(dist / f"{page.docname}.html")
        for path in (handout_path(page.docname, large_print=True), quick_sheet_path(page.docname, large_print=True)):
            assert PdfReader(dist / path).metadata.title.endswith("(large print)"), path
            small = {text for text, size in text_pieces(dist / path) if size < 16}
            smaller[path] = sorted(text for text in small if not is_drawing_label(text, labels))
    assert {path: texts for path, texts in smaller.items() if texts} == {}


def test_a_large_print_quick_sheet_may_take_more_than_one_page_and_the_book_has_no_large_print(dist, manifest, tmp_path):
    """It prints the same parts as the one-page sheet, on the pages they need (handbook.printing.commands)."""
    pages = [len(PdfReader(dist / quick_sheet_path(page.docname, large_print=True)).pages) for page in manifest.articles]
    assert max(pages) > 1
    with pytest.raises(PrintError, match="large print is made for handouts and quick sheets, not the book"):
        make_book(replace(manifest, large_print=True), dist, tmp_path / "handbook.pdf")


SAFETY_BOXES = {"red-flags", "medicine-safety"}


def safety_text(rendered: object) -> tuple[dict[str, set[float]], list[str], dict[int, set[int]]]:
    """What WeasyPrint laid out: the sizes (pt) of the text in warning-sign boxes, medicine boxes and the
    running disclaimer; each part of those boxes with a missing border; and the pages each warning-sign box is on."""
    from weasyprint.formatting_structure.boxes import ParentBox, TextBox

    sizes: dict[str, set[float]] = {}
    open_boxes: list[str] = []
    pages: dict[int, set[int]] = {}

    def visit(box: object, inside: str, number: int) -> None:
        classes = set((box.element.get("class") or "").split()) if box.element is not None else set()
        kind = next(iter(classes & (SAFETY_BOXES | {"running-disclaimer"})), "")
        if kind in SAFETY_BOXES and not inside and not isinstance(box, TextBox):
            borders = (box.border_top_width, box.border_right_width, box.border_bottom_width, box.border_left_width)
            if min(borders) < 1:
                open_boxes.append(f"page {number}: {kind} {borders}")
            if kind == "red-flags":
                pages.setdefault(id(box.element), set()).add(number)
        inside = inside or kind
        if isinstance(box, TextBox) and inside:
            sizes.setdefault(inside, set()).add(round(box.style["font_size"] * 0.75, 2))
        for child in box.children if isinstance(box, ParentBox) else ():
            visit(child, inside, number)

    for number, page in enumerate(rendered.pages, start=1):
        visit(page._page_box, "", number)
    return sizes, open_boxes, pages


@pytest.mark.parametrize(("large_print", "smallest"), [(False, 9), (True, 16)])
def test_a_handouts_safety_text_is_at_least_9_pt_16_in_large_print_and_every_warning_box_is_boxed(
    dist, manifest, large_print, smallest
):
    """Sciatica shows every kind of box: "Get help now", emergency, urgent, see-a-doctor, and medicine boxes."""
    from weasyprint import HTML

    page = next(page for page in manifest.articles if page.docname == "conditions/sciatica")
    html = handout(replace(manifest, large_print=large_print), dist, page, disclaimer_text(dist, "index"))
    sizes, open_boxes, pages = safety_text(HTML(string=html, base_url=f"{dist}/").render())
    assert set(sizes) == {"red-flags", "medicine-safety", "running-disclaimer"}
    assert {kind: min(found) for kind, found in sizes.items() if min(found) < smallest} == {}
    assert open_boxes == [], "a box split across pages is drawn whole on each"
    assert len(pages) == 4
    if not large_print:
        assert [numbers for numbers in pages.values() if len(numbers) > 1] == [], "no warning-sign box is split"


# Long, but in short words and sentences: the reading-level rule passes, the sheet runs out of room.
LONG_POINT = (
    "- Most back pain gets better. Keep moving. Walk a bit each day. Some signs need help at once. "
    "Learn them well. Ask for help if you are not sure. Tell your family too. Keep this sheet near you."
)


# The handbook's theme, templates and stylesheets, for a mini handbook that is printed.
THEMED = f"""
html_theme = "sphinx_book_theme"
templates_path = [{str(PROJECT / "_templates")!r}]
html_static_path = [{str(PROJECT / "_static")!r}]
html_theme_options = {{"footer_content_items": ["handbook-disclaimer.html"]}}
"""


@pytest.mark.make
def test_a_quick_sheet_longer_than_one_page_is_one_error_naming_the_article(tmp_path):
    """A mini handbook (tests/roots/test-red-flags, printed with the handbook's theme and stylesheets) whose
    article has 40 long key points."""
    project = tmp_path / "project"
    srcdir = project / "docs"
    shutil.copytree(ROOTS / "test-red-flags", srcdir, ignore=shutil.ignore_patterns("_tags"))
    article = srcdir / "conditions/sciatica.md"
    markdown = article.read_text(encoding="utf-8")
    box_line = markdown.splitlines().index(":::{admonition} Key points") + 1
    article.write_text(
        markdown.replace("- Sciatica often gets better by itself.", "\n".join([LONG_POINT] * 40)), encoding="utf-8"
    )
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(THEMED)
    html, doctrees = project / "_build/html", project / "_build/doctrees"
    built = run_sphinx(srcdir, html, "-d", str(doctrees))
    assert built.returncode == 0, built.stderr

    command = [
        sys.executable,
        "-m",
        "handbook.printing.commands",
        "quicksheets",
        "_build/html",
        "_build/quicksheets",
        "--doctrees",
    ]
    result = subprocess.run([*command, "_build/doctrees"], cwd=project, env=make_env(), capture_output=True, text=True)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert re.fullmatch(
        rf"docs/conditions/sciatica\.md:{box_line}: ERROR: quick sheet: 'Sciatica' runs onto a second page, by about \d+ lines; "
        r"it must fit on one \(shorten the 'Key points' box here, 'When to get help' \(line \d+\) or the emergency warning "
        r"signs it shows; or name a shorter section for it in handbook_quick_sheet_actions in conf\.py\)",
        line,
    ), line
    assert not (project / "_build/quicksheets/conditions/sciatica.pdf").exists(), "no half sheet, no shortened sheet"


# --- Rendering ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "pdf", ["handbook.pdf", "handouts/treatments/at-a-glance.pdf", "handouts-large/treatments/at-a-glance.pdf"]
)
def test_page_one_renders_to_a_page_that_is_not_blank(dist, tmp_path, pdf):
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(dist / pdf), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    assert dark / (image.width * image.height) > 0.005


@pytest.mark.make
def test_content_wider_than_the_paper_is_an_error_not_a_clipped_page(tmp_path):
    from weasyprint import HTML

    wide = "<html><body><p>Fits.</p><div style='width: 300mm'>Too wide</div></body></html>"
    assert [number for number, _ in overflows(HTML(string=wide).render())] == [1]
    assert list(overflows(HTML(string="<p>Fits.</p>").render())) == []
    with pytest.raises(PrintError, match=r"example: content runs past the right edge of the paper on page 1"):
        render(wide, tmp_path, tmp_path / "out.pdf", "example")
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.make
def test_the_print_tool_reports_a_missing_build_in_one_line(tmp_path):
    command = [sys.executable, "-m", "handbook.printing.commands", "book", str(tmp_path), str(tmp_path / "x.pdf")]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == 1
    assert result.stderr.strip() == f"ERROR: {tmp_path}: no built website here; run `make html` first"


def test_link_targets_resolve_relative_to_the_page():
    assert link_target("../about/glossary.html#term-x", "treatments/yoga") == ("about/glossary", "term-x")
    assert link_target("#sources", "treatments/yoga") == ("treatments/yoga", "sources")
    assert link_target("https://example.org/x.html", "treatments/yoga") is None
    assert link_target("../handouts/treatments/yoga.pdf", "treatments/yoga") == ("", "")


# --- Reproducible ---------------------------------------------------------------------


def pdfs(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.pdf"))}


# Printed again in a new process with another hash seed: the book, and the first and last handout (not all of
# them: the rendering code is the same for each, and rendering is the slowest step of the test run).
PRINT_AGAIN = """
import sys
from pathlib import Path
from handbook.printing.commands import load_manifest, make_book, make_handouts, make_quicksheets
html, doctrees, output = map(Path, sys.argv[1:])
manifest = load_manifest(html, doctrees, None)
make_book(manifest, html, output / "handbook.pdf")
first, last = manifest.articles[0].docname, manifest.articles[-1].docname
make_handouts(manifest, html, output / "handouts", jobs=1, only={first, last})
make_quicksheets(manifest, html, output / "quicksheets", jobs=1, only={first})
"""


@pytest.mark.make
def test_printing_the_same_build_again_writes_the_same_bytes(dist, manifest, tmp_path):
    """A second run, in a new process with another hash seed, writes byte-identical PDFs."""
    env = {**make_env(), "PYTHONHASHSEED": "4242"}
    command = [sys.executable, "-c", PRINT_AGAIN, str(dist), str(dist.with_name("dist.doctrees")), str(tmp_path)]
    result = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "handbook.pdf").read_bytes() == (dist / "handbook.pdf").read_bytes()
    again, first = pdfs(tmp_path / "handouts"), pdfs(dist / "handouts")
    assert len(first) == len(manifest.articles)
    assert sorted(again) == sorted(f"{page.docname}.pdf" for page in (manifest.articles[0], manifest.articles[-1]))
    assert [name for name in again if again[name] != first[name]] == []
    sheet = f"{manifest.articles[0].docname}.pdf"
    assert pdfs(tmp_path / "quicksheets") == {sheet: (dist / "quicksheets" / sheet).read_bytes()}


def test_zipping_the_same_site_again_writes_the_same_bytes(dist, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", make_env()["SOURCE_DATE_EPOCH"])
    site = tmp_path / "site"
    shutil.copytree(dist, site, ignore=shutil.ignore_patterns("handbook-offline.zip"))
    offline_zip(site, site / "handbook-offline.zip")
    assert (site / "handbook-offline.zip").read_bytes() == (dist / "handbook-offline.zip").read_bytes()


# --- The published copy ------------------------------------------------------------------


def test_the_download_links_on_the_site_lead_to_the_published_files(dist, manifest):
    home = BeautifulSoup((dist / "index.html").read_text(encoding="utf-8"), "html.parser")
    home_links = {link.get_text(): link["href"] for link in home.select("a.handbook-download-link")}
    assert home_links["Download the handbook (PDF)"] == "handbook.pdf"
    assert (dist / home_links["Download the whole site to read offline (ZIP)"]).is_file()
    for page in manifest.articles:
        soup = BeautifulSoup((dist / f"{page.docname}.html").read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("a.handbook-download-link")
        assert link is not None and link.get_text() == "Printable handout (PDF)", page.docname
        assert (dist / Path(page.docname).parent / link["href"]).resolve().is_file(), page.docname


def test_the_offline_zip_holds_the_whole_site_under_one_folder(dist):
    with zipfile.ZipFile(dist / "handbook-offline.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {"handbook/index.html", "handbook/search.html", "handbook/handbook.pdf"} <= set(names)
        assert "handbook/handouts/treatments/acupuncture.pdf" in names
        assert "handbook/quicksheets/treatments/acupuncture.pdf" in names
        assert "handbook/handouts-large/treatments/acupuncture.pdf" in names
        assert "handbook/quicksheets-large/treatments/acupuncture.pdf" in names
        assert "handbook/_static/handbook-search.js" in names
        assert not [name for name in names if name.endswith(".zip") or ".partial" in name]
        assert archive.testzip() is None


def test_the_manifest_is_json_with_the_settings_print_needs(dist):
    data = json.loads((dist.with_name("dist.doctrees") / MANIFEST).read_text(encoding="utf-8"))
    assert data["paper_size"] == configured_paper()
    assert data["baseurl"].startswith("https://")
    assert data["language"] == "en"


# --- Translations: each published in its folder with its own PDFs, in its language ------------------------------


def translation_manifest(dist: Path, language: str) -> Manifest:
    return Manifest.load(translation_doctrees(dist.with_name("dist.doctrees"), language) / MANIFEST)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_each_translation_is_published_with_its_own_book_handouts_and_quick_sheets(dist, manifest, language):
    site, translated = dist / language, translation_manifest(dist, language)
    assert translated.language == language and translated.translation
    assert [page.docname for page in translated.articles] == [page.docname for page in manifest.articles]
    assert (site / "handbook.pdf").is_file()
    for page in translated.articles:
        for large_print in (False, True):
            assert (site / handout_path(page.docname, large_print)).is_file(), (page.docname, large_print)
            assert (site / quick_sheet_path(page.docname, large_print)).is_file(), (page.docname, large_print)
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    for link in home.select("a.handbook-download-link"):
        assert (site / link["href"]).resolve().is_file(), link["href"]  # the one zip, of every language, is at the root
    with zipfile.ZipFile(dist / "handbook-offline.zip") as archive:
        assert f"handbook/{language}/handbook.pdf" in archive.namelist()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translations_book_is_in_its_language_from_the_cover_to_the_page_numbers(dist, language):
    translated = translation_manifest(dist, language)
    book = PdfReader(dist / language / "handbook.pdf")
    assert str(book.trailer["/Root"]["/Lang"]) == language
    cover = squash(book.pages[0].extract_text())
    assert translated.say("Information for patients") in cover
    edition = translated.say("Edition of {date}", date="\0").split("\0")[0]
    assert edition in cover and translated.say("Information for patients") != "Information for patients"
    total = len(book.pages)
    assert translated.say("Page {page} of {pages}", page="11", pages=str(total)) in squash(book.pages[10].extract_text())
    top_level = [item.title for item in book.outline if not isinstance(item, list)]
    assert {translated.say("Contents"), translated.say("Index")} <= set(top_level)
    assert not {"Contents", "Index"} & set(top_level), "the book's own headings are translated"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translations_handouts_and_quick_sheets_print_their_own_words_in_its_language(dist, language):
    translated, site = translation_manifest(dist, language), dist / language
    english = Manifest(**{**translated.__dict__, "words": {}})  # the same manifest, with the print tools' own words
    own_words = ("Information for patients", "Read this online:", "Quick sheet")
    assert all(translated.say(words) != words for words in own_words), "every printed word has its translation"
    for page in translated.articles:
        reviewed = translated.say("Last reviewed: {date}", date=translated.long_date(page.last_reviewed))
        text = all_text(site / handout_path(page.docname))
        assert reviewed in text and translated.say("Read this online:") in text, page.docname
        assert translated.say("Information for patients") in text, page.docname
        assert translated.online_address(page.docname).startswith(translated.baseurl), page.docname
        sheet = all_text(site / quick_sheet_path(page.docname))
        assert reviewed in sheet and translated.say("Quick sheet") in sheet, page.docname
        for text_of in (text, sheet):
            assert english.say("Last reviewed: {date}", date=english.long_date(page.last_reviewed)) not in text_of
            assert not re.search(r"\bPage \d+ of \d+", text_of), page.docname


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_articles_quick_sheet_has_its_key_points_and_takes_at_most_two_pages(dist, language):
    """Translated words are longer than the English (Spanish by about a quarter): a translation's sheet prints the
    same parts on up to two pages (handbook.printing.commands.TRANSLATED_SHEET_PAGES)."""
    translated, site = translation_manifest(dist, language), dist / language
    pages = {page.docname: len(PdfReader(site / quick_sheet_path(page.docname)).pages) for page in translated.articles}
    assert {docname: count for docname, count in pages.items() if count > TRANSLATED_SHEET_PAGES} == {}
    titles = [page for page in translated.articles if page.key_points_title and page.key_points_title != "Key points"]
    assert titles, "some articles are translated, with their key points box"
    for page in titles:
        points = key_points(site, page.docname, page.key_points_title)
        sheet = quick_sheet_text(site, page.docname)
        assert page.key_points_title in sheet and points, page.docname
        assert [point for point in points if words(point) not in words(sheet)] == [], page.docname
