"""Web conventions: one base URL for canonical links, sitemap, link previews and the 404 page;
structured data, "Suggest a correction", logo, and a print stylesheet."""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from handbook.content.frontmatter import read_front_matter
from handbook.web.privacy import policy
from tests.conftest import CONF, DOCS, PROJECT, ROOTS
from tests.project import make_command

BASE = CONF["html_baseurl"]
ARTICLE = "treatments/acupuncture"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def front_matter(docname: str) -> dict[str, object]:
    front = read_front_matter((DOCS / f"{docname}.md").read_text(encoding="utf-8"))
    return {key: value.value for key, value in front.values.items()}


def articles() -> list[str]:
    return sorted(
        path.relative_to(DOCS).with_suffix("").as_posix()
        for section in CONF["handbook_article_sections"]
        for path in (DOCS / section).glob("*.md")
        if path.stem != "index" and front_matter(path.relative_to(DOCS).with_suffix("").as_posix())["review_status"] != "draft"
    )


def test_the_default_base_url_is_the_projects_pages_address():
    assert BASE == "https://spine-health-handbook.github.io/handbook/"


def test_canonical_link_comes_from_the_base_url(site):
    assert page(site, ARTICLE).find("link", rel="canonical")["href"] == f"{BASE}{ARTICLE}.html"


def test_sitemap_lists_every_article_with_its_last_review_date(site):
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ElementTree.parse(site / "sitemap.xml").getroot()
    }
    assert all(loc.startswith(BASE) for loc in urls)
    for docname in articles():
        assert urls[f"{BASE}{docname}.html"] == front_matter(docname)["last_reviewed"]
    assert f"{BASE}index.html" in urls and f"{BASE}treatments/index.html" in urls
    left_out = [loc for loc in urls if re.search(r"/(search|genindex|404)\.html$|/_tags/", loc)]
    assert left_out == []


def test_link_previews_use_the_front_matter_description_and_the_social_image(site):
    head = page(site, ARTICLE)
    og = {tag["property"]: tag["content"] for tag in head.find_all("meta", property=True)}
    assert og["og:title"] == "Acupuncture"
    assert og["og:description"] == front_matter(ARTICLE)["description"]
    assert og["og:url"] == f"{BASE}{ARTICLE}.html"
    assert og["og:image"] == f"{BASE}_static/social.png"
    assert og["og:image:alt"]
    png = (site / "_static/social.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)
    assert len(head.find_all("meta", attrs={"name": "description"})) == 1


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def test_articles_describe_themselves_as_a_medical_web_page(site):
    soup = page(site, "conditions/sciatica")
    [data] = json_ld(soup)
    meta = front_matter("conditions/sciatica")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == soup.find("h1").get_text().strip("#¶ \n")
    assert data["description"] == meta["description"]
    assert data["url"] == f"{BASE}conditions/sciatica.html"
    assert data["lastReviewed"] == meta["last_reviewed"]
    assert data["audience"] == {"@type": "Patient"}
    assert data["about"][0] == {"@type": "MedicalCondition", "name": data["name"]}
    badges = [link.get_text() for link in soup.select("p.tags a")]
    assert [item["name"] for item in data["about"][1:]] == badges
    assert all(item["@type"] == "Thing" for item in data["about"][1:])


def test_structured_data_is_on_every_article_only_and_allowed_by_the_page_policy(site):
    for docname in articles():
        html = (site / f"{docname}.html").read_text(encoding="utf-8")
        assert len(json_ld(BeautifulSoup(html, "html.parser"))) == 1, docname
        csp = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert csp == policy(html), docname
    for other in ("index", "treatments/index", "about/writing-guide", "_tags/exercise", "search"):
        assert json_ld(page(site, other)) == [], other


def test_articles_link_to_their_source_to_suggest_a_correction(site):
    soup = page(site, ARTICLE)
    link = soup.select_one("p.suggest-correction a")
    assert link.get_text() == "Suggest a correction"
    assert link["href"] == f"{CONF['handbook_repository_url']}/blob/{CONF['handbook_repository_branch']}/docs/{ARTICLE}.md"
    assert (PROJECT / "docs" / f"{ARTICLE}.md").is_file()
    assert soup.select_one("p.review-dates").find_next_sibling("p") is soup.select_one("p.suggest-correction")
    assert page(site, "treatments/index").select("p.suggest-correction") == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"handbook_repository_url": ""}, None),
        (
            {"handbook_repository_url": "https://example.org/fork/", "handbook_repository_branch": "draft"},
            "https://example.org/fork/blob/draft/conditions/sciatica.md",
        ),
    ],
    ids=["no repository", "a fork"],
)
def test_the_correction_link_follows_the_repository_settings(make_app, sphinx_test_tempdir, overrides, expected):
    srcdir = sphinx_test_tempdir / f"correction-{len(overrides)}"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    link = page(Path(app.outdir), "conditions/sciatica").select_one("p.suggest-correction a")
    assert (link["href"] if link else None) == expected


def test_the_404_page_follows_the_base_urls_path(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "fork-address"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    overrides = {
        "extensions": ["handbook", "notfound.extension"],
        "templates_path": [str(PROJECT / "_templates")],
        "notfound_template": "handbook-404.html",
        "html_baseurl": "https://example.org/back-pain",
        "html_theme": "sphinx_book_theme",  # its sidebar is drawn by the theme, not Sphinx's toctree()
    }
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert app.config.html_baseurl == "https://example.org/back-pain/"
    assert app.config.notfound_urls_prefix == "/back-pain/"
    soup = page(Path(app.outdir), "404")
    assert soup.select_one("form.handbook-search-form")["action"] == "/back-pain/search.html"
    assert soup.find("a", string="home page")["href"] == "/back-pain/index.html"
    assert all(link["href"].startswith("/back-pain/") for link in soup.find_all("link", rel="stylesheet"))
    sidebar = [link["href"] for link in soup.select("nav.bd-docs-nav a[href]")]
    assert sidebar and all(href.startswith("/back-pain/") for href in sidebar), sidebar
    assert app.statuscode == 0


def test_a_base_url_that_is_not_an_address_is_one_clear_error(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "bad-address"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    app = make_app("html", srcdir=srcdir, confoverrides={"html_baseurl": "spine-health-handbook.github.io"})
    app.build()
    errors = [line for line in strip_escape_sequences(app.warning.getvalue()).splitlines() if "ERROR" in line]
    assert errors == [
        "ERROR: html_baseurl: expected the site's address, like https://example.org/handbook/, "
        "got 'spine-health-handbook.github.io'"
    ]
    assert app.statuscode == 1
    assert not (Path(app.outdir) / "sitemap.xml").exists()


@pytest.mark.make
def test_make_passes_baseurl_to_sphinx():
    def dry_run(*arguments: str) -> str:
        return subprocess.run(make_command("-n", "html", *arguments), cwd=PROJECT, capture_output=True, text=True).stdout

    assert "-D html_baseurl=https://example.org/back-pain/" in dry_run("BASEURL=https://example.org/back-pain/")
    assert "html_baseurl" not in dry_run()


def test_the_logo_has_alt_text_and_the_favicon_is_linked(site):
    soup = page(site, "index")
    logos = soup.select("img.logo__image")
    assert logos and {logo["alt"] for logo in logos} == {"Home"}
    assert soup.select_one("a.navbar-brand").get_text(strip=True) == "Spine Health Handbook"
    svg = (site / "_static/logo.svg").read_text()
    assert "<title" in svg and "Spine Health Handbook" in svg
    assert soup.find("link", rel="icon")["href"].endswith("_static/favicon.svg")


def test_the_404_page_works_under_the_base_path(browser, server):
    assert server.endswith(re.sub(r"^https?://[^/]+", "", BASE))
    page = browser.new_page()
    response = page.goto(server + "treatments/no-such-page.html", wait_until="networkidle")
    assert response.status == 404
    assert page.evaluate("getComputedStyle(document.querySelector('.bd-header')).display") != "none"  # styled
    assert page.evaluate("[...document.styleSheets].filter(sheet => sheet.href).every(sheet => sheet.cssRules.length)")
    sections = page.eval_on_selector_all("nav.bd-docs-nav a[href]", "links => links.map(link => link.href)")
    assert sections and all(page.request.get(address).status == 200 for address in sections), "sidebar links work from any depth"
    page.fill("#notfound-search", "acupuncture")
    page.click("form.handbook-search-form button")
    page.wait_for_url(server + "search.html?q=acupuncture")
    page.wait_for_selector("#search-results li a")
    assert "Acupuncture" in page.inner_text("#search-results")
    page.close()


def test_every_link_on_the_404_page_resolves_from_a_nested_address(browser, bilingual_server):
    """Served, as static hosts do, for a missing address anywhere, a translation's folder too; the site is built in
    every language (as make html lays them out), so its link to the same page in the other language is followed too."""
    server = bilingual_server
    translations = CONF["handbook_languages"][1:]
    for missing in ["treatments/no/such/page.html", *(f"{language}/no/such/page.html" for language in translations)]:
        page = browser.new_page()
        response = page.goto(server + missing, wait_until="networkidle")
        addresses = page.eval_on_selector_all("a[href]", "links => [...new Set(links.map(link => link.href.split('#')[0]))]")
        # The skip link ("#main-content") points into the page itself, which is the 404 page.
        own = [address for address in addresses if address.startswith(server) and address != page.url]
        broken = [address for address in own if page.request.get(address).status != 200]
        home = page.get_by_role("link", name="home page").evaluate("link => link.href")
        languages = page.eval_on_selector_all(".handbook-languages a", "links => links.map(link => link.href)")
        page.close()
        assert response.status == 404
        assert len(own) >= 5 and broken == [], missing
        assert home == server + "index.html"
        assert languages == [f"{server}{language}/404.html" for language in translations]


HIDDEN_IN_PRINT = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".prev-next-area", ".header-article"]


def test_printing_shows_the_article_only_in_black_on_white(browser, server):
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'dark')")
    page = context.new_page()
    page.goto(server + ARTICLE + ".html", wait_until="networkidle")
    visible = """selector => [...document.querySelectorAll(selector)].some(el => el.getClientRects().length > 0
                   && getComputedStyle(el).visibility !== 'hidden')"""
    assert all(page.evaluate(visible, selector) for selector in HIDDEN_IN_PRINT[:3])  # on screen
    page.emulate_media(media="print")
    assert [selector for selector in HIDDEN_IN_PRINT if page.evaluate(visible, selector)] == []
    assert page.evaluate(visible, "article.bd-article h1")
    assert page.evaluate(visible, "article.bd-article p.review-dates")
    colours = page.evaluate(
        "[getComputedStyle(document.querySelector('article.bd-article p')).color,"
        " getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    after_link = """selector => { const link = document.querySelector(selector);
                                  return [link.href, getComputedStyle(link, '::after').content]; }"""
    address, printed = page.evaluate(after_link, 'article a.reference.external[href^="http"]:not([href^="https://doi.org/"])')
    assert printed == f'" ({address})"', "an external link prints where it goes"
    address, printed = page.evaluate(after_link, 'article a.reference.external[href^="https://doi.org/"]')
    assert printed == "none", "a source's DOI is printed already"
    context.close()


def test_a_build_with_a_sitemap_leaves_no_process_behind(make_app, sphinx_test_tempdir):
    """sphinx-sitemap's own queue starts a server process per build that holds every pipe open."""
    srcdir = sphinx_test_tempdir / "sitemap-processes"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    before = set(multiprocessing.active_children())
    app = make_app("html", srcdir=srcdir, confoverrides={"html_baseurl": "https://example.org/", "sitemap_url_scheme": "{link}"})
    app.build()
    assert set(multiprocessing.active_children()) == before
    locations = [url.findtext(f"{SITEMAP}loc") for url in ElementTree.parse(Path(app.outdir) / "sitemap.xml").getroot()]
    assert "https://example.org/conditions/sciatica.html" in locations
