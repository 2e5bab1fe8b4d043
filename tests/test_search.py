"""Patient-language search, in Chromium, over http and from a downloaded copy (file://)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from tests.browser import PAGE_TYPES
from tests.search.recall import load_queries, recall_at, run_queries

RECALL_AT_3 = 0.9


@pytest.fixture(scope="module")
def file_url(site) -> str:
    return site.as_uri() + "/"


def top(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}search.html?q={quote(query)}")
    page.wait_for_selector("html[data-search-done]")
    return [
        href.removesuffix(".html")
        for href in page.eval_on_selector_all("#search-results ul.search > li > a", "els => els.map(e => e.getAttribute('href'))")
    ]


def test_query_set_is_big_and_covers_every_kind_of_patient_query():
    queries = load_queries()
    assert len(queries) >= 100
    assert {case["kind"] for case in queries} == {"lay", "brand", "typo", "spelling", "question"}


@pytest.mark.parametrize("origin", ["http", "file"])
def test_recall_at_3_over_the_patient_query_set(browser, server, file_url, origin):
    page = browser.new_page()
    outcomes = run_queries(page, server if origin == "http" else file_url, load_queries())
    page.close()
    misses = [(outcome.query, outcome.got[:3]) for outcome in outcomes if (outcome.rank() or 99) > 3]
    assert recall_at(outcomes, 3) >= RECALL_AT_3, misses


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("acupunture", "treatments/acupuncture"),
        ("advil", "treatments/pain-medicines"),
        ("slipped disc", "conditions/herniated-disc"),
        ("pain shooting down my leg", "conditions/sciatica"),
        ("physio", "treatments/physical-therapy"),
    ],
)
def test_the_right_article_comes_first(browser, server, query, first):
    page = browser.new_page()
    assert top(page, server, query)[0] == first
    page.close()


def test_misspelling_is_corrected_and_said(browser, server):
    page = browser.new_page()
    top(page, server, "sciatca leg pain")
    assert page.text_content(".search-corrected") == "Showing results for sciatica leg pain"
    page.close()


@pytest.mark.parametrize("origin", ["http", "file"])
def test_results_show_the_article_description(browser, server, file_url, site, origin):
    page = browser.new_page()
    top(page, server if origin == "http" else file_url, "tai chi")
    snippet = page.text_content("#search-results ul.search > li:first-child p.context")
    page.close()
    data = json.loads((site / "_static/handbook-search-data.js").read_text(encoding="utf-8").split(" = ", 1)[1].rstrip(";\n"))
    assert snippet == data["descriptions"]["treatments/tai-chi"]


def test_landing_and_topic_pages_never_appear_in_results(browser, server):
    page = browser.new_page()
    landing = {"index", "basics/index", "conditions/index", "treatments/index", "living/index", "about/index"}
    for query in ("back pain", "treatments", "conditions", "exercise", "nerve pain", "topics"):
        found = set(top(page, server, query))
        assert not found & landing and not any(name.startswith("_tags/") for name in found), query
    page.close()


@pytest.mark.parametrize("kind", [kind for kind in PAGE_TYPES if kind != "search results"])
def test_search_index_is_not_loaded_outside_the_search_page(browser, server, kind):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + PAGE_TYPES[kind], wait_until="networkidle")
    page.close()
    assert not [url for url in requests if "searchindex.js" in url or "searchtools.js" in url]


def test_header_search_box_leads_to_the_search_page(browser, server):
    page = browser.new_page()
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    page.keyboard.press("Control+k")
    page.keyboard.type("slipped disc")
    page.keyboard.press("Enter")
    page.wait_for_selector("html[data-search-done]")
    assert "search.html?q=slipped+disc" in page.url
    assert page.eval_on_selector("#search-results ul.search > li > a", "e => e.getAttribute('href')").endswith(
        "herniated-disc.html"
    )
    page.close()


@pytest.mark.parametrize(
    ("term", "article"),
    [
        ("slipped disc", "conditions/herniated-disc.html"),
        ("paracetamol", "treatments/pain-medicines.html"),
        ("physio", "treatments/physical-therapy.html"),
        ("pinched nerve", "conditions/sciatica.html"),
    ],
)
def test_patient_words_are_entries_in_the_book_index(site, term, article):
    soup = BeautifulSoup((site / "genindex.html").read_text(encoding="utf-8"), "html.parser")

    def label(item) -> str:  # an entry's own words, whether plain text or a link (glossary terms)
        own = "".join(item.find_all(string=True, recursive=False)).strip()
        return own or (item.a.get_text(strip=True) if item.a else "")

    entry = next(item for item in soup.select("table.indextable li") if label(item) == term)
    assert article in [link["href"].split("#")[0] for link in entry.select("ul a")]
