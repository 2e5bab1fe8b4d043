"""Download links: on the site ``make html`` writes, no link may lead to a file that is not there.

``make html`` makes no PDFs or zip, so the download lines are plain text there,
saying ``make dist`` makes them; ``make dist`` (handbook.tools.publish) builds with
``handbook_download_links`` on, beside the files (tests/test_pdf.py checks
that its links open the files).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from handbook.tools.publish import site_steps
from tests.conftest import run_sphinx

ARTICLE = "conditions/sciatica"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def missing_targets(site: Path) -> list[str]:
    """Every link to a file of this site that the build did not write, as ``page -> href``."""
    missing = []
    for page in sorted(site.rglob("*.html")):
        for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a[href]"):
            parts = urlsplit(link["href"])
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                missing.append(f"{page.relative_to(site)} -> {link['href']}")
    return missing


@pytest.mark.make
def test_make_html_writes_no_link_to_a_file_it_did_not_make(valid_project, tmp_path):
    site = tmp_path / "html"
    result = run_sphinx(valid_project, site)
    assert result.returncode == 0, result.stderr
    assert missing_targets(site) == []
    home = soup(site, "index").select_one("p.handbook-download")
    assert home.select("a") == []
    assert home.get_text() == ("Download the handbook (PDF) · Download the whole site to read offline (ZIP) (made by make dist)")
    handout = soup(site, ARTICLE).select_one("p.handbook-download")
    assert handout.select("a") == []
    assert handout.get_text() == (
        "Printable handout (PDF) · One-page quick sheet (PDF) · Large-print handout (PDF) · Large-print quick sheet (PDF)"
        " (made by make dist)"
    )


@pytest.mark.make
def test_with_the_files_beside_it_the_site_links_to_them(valid_project, tmp_path):
    site = tmp_path / "html"
    result = run_sphinx(valid_project, site, "-D", "handbook_download_links=1")
    assert result.returncode == 0, result.stderr
    links = [link["href"] for link in soup(site, "index").select("p.handbook-download a")]
    assert links == ["handbook.pdf", "handbook-offline.zip"]
    article_links = [link["href"] for link in soup(site, ARTICLE).select("p.handbook-download a")]
    folders = ["handouts", "quicksheets", "handouts-large", "quicksheets-large"]
    assert article_links == [f"../{folder}/{ARTICLE}.pdf" for folder in folders]
    assert "made by" not in soup(site, ARTICLE).select_one("p.handbook-download").get_text()
    made_by_dist = {
        (site / page.split(" -> ")[0]).parent.joinpath(href).resolve().relative_to(site.resolve()).as_posix()
        for page, href in (entry.split(" -> ") for entry in missing_targets(site))
    }
    articles = [
        path.relative_to(valid_project).with_suffix("").as_posix()
        for path in valid_project.glob("*/*.md")
        if not path.parent.name.startswith("_") and path.stem != "index"
    ]
    per_article = {f"{folder}/{name}.pdf" for name in articles for folder in folders}
    assert made_by_dist == {"handbook.pdf", "handbook-offline.zip", *per_article}, (
        "the only missing files are the ones make dist adds"
    )


def test_only_make_dist_builds_the_site_with_download_links(tmp_path):
    html_step = site_steps(tmp_path / "staging", tmp_path / "doctrees", [])[0]
    assert html_step[html_step.index("-D") + 1] == "handbook_download_links=1"
    makefile = (Path(__file__).parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "handbook_download_links" not in makefile, "make html and make pdf never claim the files exist"
