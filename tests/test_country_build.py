"""One country setting changes every number: an Australian build of the real handbook says 000, never 911 or 999.

``make html SPHINXOPTS="-D handbook_country=AU"`` runs in a copy of the project;
the book and every handout are then printed from that site, as ``make pdf`` and
``make handouts`` do. The numbers are read from the country data file, so the
test follows it. The editors' pages (``handbook_pdf_exclude``) are left out of
the site check: the evidence log quotes what sources said, numbers included.
"""

from __future__ import annotations

import os
import re
import runpy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from handbook.printing.commands import load_manifest, make_book, make_handouts
from handbook.printing.manifest import MANIFEST
from tests.project import copy_project, make

# make html, then the book and every handout printed (tests/conftest.py: the make and pdf tiers).
pytestmark = [pytest.mark.make, pytest.mark.pdf]

COUNTRY = "AU"


@pytest.fixture(scope="module")
def australian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("australia") / "project")
    built = make(project, "html", "BUILDDIR=_build", f"SPHINXOPTS=-D handbook_country={COUNTRY}", timeout=900)
    assert built.returncode == 0, built.stderr
    return project


def numbers(project: Path) -> tuple[str, re.Pattern[str]]:
    """The country's emergency number, and a pattern for the numbers the default build gives (911 and 999)."""
    conf = runpy.run_path(str(project / "conf.py"))
    countries = yaml.safe_load((project / "docs" / conf["handbook_countries_file"]).read_text(encoding="utf-8"))
    own = re.findall(r"\d+", countries[COUNTRY]["emergency_number"])
    others = set(re.findall(r"\d{3}", countries["international"]["emergency_number"]))
    assert own and {"911", "999"} <= others - set(own)
    return own[0], re.compile(rf"\b(?:{'|'.join(sorted(others - set(own)))})\b")


def text_of(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return " ".join(soup.get_text(" ").split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.mark.pdf
@pytest.mark.make
def test_an_australian_build_says_000_on_the_site_in_the_book_and_in_every_handout(australian, tmp_path):
    own, others = numbers(australian)
    html = australian / "_build/html"
    manifest = load_manifest(html, australian / "_build/html/.doctrees", None)
    assert (australian / "_build/html/.doctrees" / MANIFEST).is_file()
    conf = runpy.run_path(str(australian / "conf.py"))
    editors_only = set(conf.get("handbook_pdf_exclude", []))

    pages = {page.docname: text_of(html / f"{page.docname}.html") for page in manifest.pages if page.docname not in editors_only}
    assert {docname: others.findall(text) for docname, text in pages.items() if others.search(text)} == {}
    assert own in pages[conf["root_doc"]], "the home page's Get help now box"
    assert own in pages[conf["handbook_red_flags_page"]]

    make_book(manifest, html, tmp_path / "book.pdf")
    book = pdf_text(tmp_path / "book.pdf")
    assert own in book
    assert others.findall(book) == []

    make_handouts(manifest, html, tmp_path / "handouts", jobs=os.cpu_count() or 1)
    handouts = {page.docname: pdf_text(tmp_path / "handouts" / f"{page.docname}.pdf") for page in manifest.articles}
    assert {docname: others.findall(text) for docname, text in handouts.items() if others.search(text)} == {}
    assert [docname for docname, text in handouts.items() if docname.startswith("conditions/") and own not in text] == []
