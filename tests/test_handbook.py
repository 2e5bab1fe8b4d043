"""The real handbook builds strictly, and every article page shows its review dates and topics."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook.article.review_status import STEPS, long_date
from tests.conftest import CONF, DOCS, copy_site, run_sphinx, site_project

SECTIONS = tuple(CONF["handbook_article_sections"])
ARTICLES = sorted(
    path.relative_to(DOCS).with_suffix("").as_posix()
    for section in SECTIONS
    for path in (DOCS / section).glob("*.md")
    if path.stem != "index"
)


def front_matter(docname: str) -> dict:
    text = (DOCS / f"{docname}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_noop_rebuild_of_the_handbook_reads_no_document(site, tmp_path):
    html, doctrees = copy_site(site, tmp_path)
    project = site_project(site)
    result = run_sphinx(project / "docs", html, "-d", str(doctrees), confdir=project, quiet=False)
    assert result.returncode == 0, result.stderr
    assert "updating environment: 0 added, 0 changed, 0 removed" in result.stdout
    index = json.loads((html / "searchindex.js").read_text(encoding="utf-8").removeprefix("Search.setIndex(")[:-1])
    assert "slipped disc" in index["indexentries"], "a no-op rebuild keeps every page's index entries"


def test_every_page_says_it_is_not_medical_advice(site):
    for name in ("index.html", "treatments/yoga.html", "_tags/exercise.html"):
        footer = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser").select_one(".handbook-disclaimer")
        assert "not medical advice" in footer.get_text()
        assert footer.select_one("a")["href"].endswith("about/disclaimer.html")


def test_no_warning_signs_box_on_any_page_lists_more_than_7_signs_in_one_list(site):
    """A long list is hard to take in when you are in pain (PEMAT-P item 8): a box with more signs shows them in
    labelled groups (handbook.clinical.redflags), and each group must stay short too."""
    long_lists = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lengths = [
            len(found.find_all("li", recursive=False)) for box in soup.select("section.red-flags") for found in box.select("ul")
        ]
        if any(length > 7 for length in lengths):
            long_lists[path.relative_to(site).as_posix()] = lengths
    assert not long_lists, f"warning-sign lists longer than 7 signs (lengths of each list): {long_lists}"


def test_every_article_shows_a_drawing_or_an_icon_array_unless_the_figures_file_says_why(site):
    """Pictures help patients understand and remember (issue 17; PEMAT-P item 15). Each article shows one, as built, or
    the figures file's ``without_pictures`` says why not; a listed article that gains a picture must leave the list."""
    from tests.content.handbook_site import articles

    data = yaml.safe_load((DOCS / CONF.get("handbook_figures_file", "_data/figures.yaml")).read_text(encoding="utf-8"))
    without = data.get("without_pictures") or {}
    assert set(without) <= set(articles()), "without_pictures names a page that is not an article"
    shown = {}
    for docname in articles():
        soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        shown[docname] = soup.select_one("article figure.handbook-figure, article figure.icon-array") is not None
    assert [name for name, has in shown.items() if not has and not str(without.get(name) or "").strip()] == []
    assert [name for name in without if shown[name]] == [], "these now show a picture: take them off without_pictures"


def test_the_handbook_has_articles_in_every_section():
    assert {docname.split("/")[0] for docname in ARTICLES} == set(SECTIONS)


@pytest.mark.parametrize("docname", ARTICLES)
def test_article_page_shows_topics_review_dates_and_status(site, docname):
    meta = front_matter(docname)
    soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one("article section > h1")
    purpose = title.find_next_sibling()
    assert (purpose.get("class"), purpose.get_text()) == (["page-purpose"], meta["description"]), "its purpose, first"
    assert purpose.find_next_sibling().get("class") == ["tags"], "topic badges sit under the title and purpose"
    assert soup.select("p.tags a.reference"), "at least one topic badge"
    dates = soup.select_one("p.review-dates").get_text()
    assert dates == (
        f"Page last reviewed: {long_date(meta['last_reviewed'])} ({STEPS[meta['review_status']]})"
        f" · Next review due: {long_date(meta['next_review'])}"
    )
    notice = soup.select_one("p.review-notice")
    if meta["review_status"] == "clinician-reviewed":
        assert notice.get_text().startswith("Reviewed by ")
    else:
        assert notice.get_text() == "Not yet reviewed by a clinician"
        policy = CONF.get("handbook_editorial_policy", "about/editorial-policy")
        assert notice.select_one("a")["href"] == f"../{policy}.html"
    assert soup.select(".admonition.review-notice") == [], "a calm line, not a warning box"
    assert soup.select_one('meta[name="description"]')["content"] == " ".join(meta["description"].split())
    sources = soup.select("section#sources .footnote-list > aside.footnote")
    assert len(sources) >= 2, "the article's own sources are listed under Sources"


@pytest.mark.parametrize("section", SECTIONS)
def test_section_page_lists_each_of_its_articles(site, section):
    soup = BeautifulSoup((site / section / "index.html").read_text(encoding="utf-8"), "html.parser")
    linked = {
        re.sub(r"\.html$", "", f"{section}/{link['href']}") for link in soup.select("main ul.handbook-listing > li a.reference")
    }
    assert linked == {docname for docname in ARTICLES if docname.startswith(f"{section}/")}


def test_sidebar_shows_sections_and_expands_only_the_current_one(site):
    soup = BeautifulSoup((site / "treatments/yoga.html").read_text(encoding="utf-8"), "html.parser")
    sidebar = soup.select_one("nav.bd-docs-nav")
    top = [link.get_text(strip=True) for link in sidebar.select("li.toctree-l1 > a")]
    home_title = re.search(r"^# (.+)$", (DOCS / "index.md").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    # The sections, in the home page's table of contents order, by their own titles (a new section is listed too).
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    entries = re.search(r"```\{toctree\}\n(?::.*\n)*\n?((?:[^`\n].*\n)+)```", index).group(1).split()
    sections = [
        re.search(r"^# (.+)$", (DOCS / f"{entry}.md").read_text(encoding="utf-8"), re.MULTILINE).group(1)
        for entry in entries
        if not entry.startswith("_tags")
    ]
    assert len(sections) >= 5 and top[: len(sections) + 1] == [home_title, *sections]
    assert sidebar.select("li.toctree-l1.current > a")[0].get_text(strip=True) == "Treatments"
    expanded = [li for li in sidebar.select("li.toctree-l1") if li.select("li.toctree-l2")]
    assert [li.select_one("a").get_text(strip=True) for li in expanded] == ["Treatments"]
