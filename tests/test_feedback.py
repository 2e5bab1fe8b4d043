"""Feedback without tracking: "Was this page helpful? Tell us" at the end of every article.

The link is a ``mailto:`` address (``handbook_feedback_email``) whose subject
and body name the article's title, address and review date; without an
address it opens the repository's issue form, and with neither there is none.
It adds no script and makes the page request nothing new.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser import serve
from tests.conftest import ROOTS, run_sphinx

ROOT = ROOTS / "test-reviews"  # sets handbook_feedback_email and html_baseurl
ARTICLE = "conditions/back-strain"
BASEURL = "https://example.org/test-handbook/"
TRICKY_TITLE = "Back strain & sprain: why? #1 50% + more"


def build(tmp_path: Path, *options: str, title: str | None = None) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    if title:
        article = srcdir / f"{ARTICLE}.md"
        article.write_text(article.read_text(encoding="utf-8").replace("# Back strain\n", f"# {title}\n"), encoding="utf-8")
    outdir = tmp_path / "html"
    result = run_sphinx(srcdir, outdir, *options)
    assert result.returncode == 0, result.stderr
    return outdir


def feedback_link(outdir: Path) -> BeautifulSoup | None:
    soup = BeautifulSoup((outdir / f"{ARTICLE}.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.select_one("p.page-feedback")
    if paragraph is None:
        return None
    assert paragraph.get_text(" ", strip=True) == "Was this page helpful? Tell us"
    correction = soup.select_one("p.suggest-correction")
    if correction is not None:
        assert paragraph.find_previous_sibling("p") is correction, "beside Suggest a correction"
    return paragraph.select_one("a")


@pytest.mark.make
def test_the_mail_link_names_the_title_address_and_review_date_encoded(tmp_path):
    href = feedback_link(build(tmp_path, title=TRICKY_TITLE))["href"]
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "feedback@example.org"
    assert " " not in href and "\n" not in href and '"' not in href, "every reserved character is percent-encoded"
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"subject", "body"}, "the title's & and # do not break the query into more fields"
    assert TRICKY_TITLE in query["subject"][0]
    body = query["body"][0]
    assert f"Page: {TRICKY_TITLE}\r\n" in body
    assert f"Address: {BASEURL}{ARTICLE}.html\r\n" in body
    assert "Page last reviewed: 30 November 2026\r\n" in body


@pytest.mark.make
def test_without_an_address_the_link_opens_the_repositorys_issue_form_filled_in_the_same_way(tmp_path):
    repository = "https://example.org/fork/handbook"
    outdir = build(tmp_path, "-D", "handbook_feedback_email=", "-D", f"handbook_repository_url={repository}")
    parts = urlsplit(feedback_link(outdir)["href"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{repository}/issues/new"
    query = parse_qs(parts.query, strict_parsing=True)
    assert "Back strain" in query["title"][0]
    assert f"Address: {BASEURL}{ARTICLE}.html" in query["body"][0]


@pytest.mark.make
def test_with_no_address_and_no_repository_there_is_no_feedback_link(tmp_path):
    outdir = build(tmp_path, "-D", "handbook_feedback_email=", "-D", "handbook_repository_url=")
    assert feedback_link(outdir) is None


@pytest.mark.make
def test_the_feedback_line_is_web_only_and_holds_nothing_that_loads(tmp_path):
    soup = BeautifulSoup((build(tmp_path) / f"{ARTICLE}.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = soup.select_one("p.page-feedback")
    assert "web-only" in paragraph["class"], "not printed in the PDFs"
    assert paragraph.select("script, img, iframe, form, link, [src]") == []


def requests_made(browser: object, outdir: Path) -> list[str]:
    """Every address the article's page asks for when a browser opens it, relative to the site."""
    requests: list[str] = []
    with serve(outdir, "/") as url:
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url.removeprefix(url)))
        page.goto(f"{url}{ARTICLE}.html", wait_until="networkidle")
        page.close()
    return sorted(requests)


def test_the_page_makes_no_request_the_link_did_not_make_before(browser, tmp_path):
    """The same page with and without the link asks for exactly the same files, all from its own site."""
    with_link = build(tmp_path / "with", "-D", "handbook_repository_url=")
    without = build(tmp_path / "without", "-D", "handbook_feedback_email=", "-D", "handbook_repository_url=")
    assert feedback_link(with_link) is not None and feedback_link(without) is None
    requests = requests_made(browser, with_link)
    assert requests, "the page loaded something"
    assert [request for request in requests if "://" in request] == [], "nothing from another host"
    assert requests == requests_made(browser, without)
