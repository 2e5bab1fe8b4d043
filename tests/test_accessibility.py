"""Accessibility: WCAG 2.2 AA (axe-core) on every page type and topic page, light and dark, menu closed and open;
keyboard use, and no sideways scrolling on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sphinx_tags
import yaml
from axe_playwright_python.sync_playwright import Axe

from tests.browser import PAGE_TYPES

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    # Experimental in axe-core, so off by default; the theme's search button used to fail it.
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}
MODES = ("light", "dark")
PHONE, DESKTOP = 375, 1280
DOCS = Path(__file__).parent.parent / "docs"


def section_articles() -> dict[str, str]:
    """One article of each section (the first by name), read from docs/, so a new section is checked too."""
    return {
        f"article in {index.parent.name}": sorted(page for page in index.parent.glob("*.md") if page.name != "index.md")[0]
        .relative_to(DOCS)
        .with_suffix(".html")
        .as_posix()
        for index in sorted(DOCS.glob("*/index.md"))
    }


def decision_aids() -> dict[str, str]:
    """Every decision aid (a page drawing ```{decision-aid}```): tables, pictures and printed scales on one page."""
    return {
        f"decision aid {page.stem}": page.relative_to(DOCS).with_suffix(".html").as_posix()
        for page in sorted(DOCS.rglob("*.md"))
        if re.search(r"^```\{decision-aid\}", page.read_text(encoding="utf-8"), re.MULTILINE)
    }


def topic_pages() -> dict[str, str]:
    """Every topic's page, named as sphinx-tags names it, from the vocabulary (docs/_data/topics.yaml)."""
    topics = yaml.safe_load((DOCS / "_data/topics.yaml").read_text(encoding="utf-8"))
    return {f"topic {topic}": f"_tags/{sphinx_tags._normalize_tag(topic, dashes=True)}.html" for topic in topics}


# Every page type, an article of every section, every decision aid, every topic page, and the pages a patient reaches in other
# ways: the 404 page served for a missing address inside a folder, and an article opened from search.
AXE_PAGES = {
    **PAGE_TYPES,
    "404 at a nested address": "treatments/no-such-page.html",
    "article from search": PAGE_TYPES["article"] + "?highlight=back+pain",
}
for kind, url in (section_articles() | decision_aids() | topic_pages()).items():
    if url not in AXE_PAGES.values():
        AXE_PAGES[kind] = url


def open_page(browser, url: str, mode: str = "light", width: int = 1280, bypass_csp: bool = False):
    context = browser.new_context(color_scheme=mode, viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


def axe_violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
    ]


def test_every_topic_page_of_the_site_is_checked(site):
    """The vocabulary's pages are the site's topic pages: none is built that the axe test leaves out."""
    built = {f"_tags/{page.name}" for page in (site / "_tags").glob("*.html")} - {PAGE_TYPES["topics index"]}
    assert built == set(topic_pages().values())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", AXE_PAGES)
def test_no_wcag_aa_violations(browser, server, kind, mode):
    """Wide screen; then a phone with the menu closed, and open (there it is a dialog over the page)."""
    found = {}
    page = open_page(browser, server + AXE_PAGES[kind], mode, DESKTOP, bypass_csp=True)  # axe is injected as a script
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    found[f"{DESKTOP} px"] = axe_violations(page)
    page.context.close()
    page = open_page(browser, server + AXE_PAGES[kind], mode, PHONE, bypass_csp=True)
    found[f"{PHONE} px, menu closed"] = axe_violations(page)
    page.get_by_role("button", name="Menu", exact=True).click()
    assert page.evaluate("document.getElementById('pst-primary-sidebar-modal').open")
    found[f"{PHONE} px, menu open"] = axe_violations(page)
    page.context.close()
    assert {state: violations for state, violations in found.items() if violations} == {}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_scrolls_sideways_at_320_pixels(browser, server, kind):
    page = open_page(browser, server + PAGE_TYPES[kind], width=320)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    page.context.close()
    assert widths[0] <= widths[1]


def test_a_comparison_table_is_one_card_per_row_on_a_phone(browser, server):
    page = open_page(browser, server + PAGE_TYPES["comparison table"], width=375)
    tables = page.evaluate("""[...document.querySelectorAll('div.wide-table table')].map(table => ({
        headings: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
        rows: [...table.querySelectorAll('tbody tr')].map(row => [...row.cells].map(cell =>
            [Math.round(cell.getBoundingClientRect().left), cell.getBoundingClientRect().right,
             getComputedStyle(cell, '::before').content]))}))""")
    width = page.evaluate("document.documentElement.clientWidth")
    page.context.close()
    assert tables
    for table in tables:
        assert table["rows"] and len(table["headings"]) > 2
        for cells in table["rows"]:
            assert len({left for left, _, _ in cells}) == 1, "cells stacked, one under another"
            assert all(right <= width for _, right, _ in cells)
            assert [label for _, _, label in cells[1:]] == [f'"{heading}"' for heading in table["headings"][1:]]


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_headings_step_down_from_the_page_title(browser, server, width):
    page = open_page(browser, server + PAGE_TYPES["article"], width=width)
    sizes = page.evaluate("""['h1', 'h2', 'h3'].map(level => parseFloat(getComputedStyle(
        document.querySelector(`article.bd-article ${level}`)).fontSize))""")
    page.context.close()
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 3


def test_first_tab_reaches_a_working_skip_link(browser, server):
    page = open_page(browser, server + PAGE_TYPES["article"])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    page.keyboard.press("Enter")
    target = page.evaluate("document.activeElement.id || document.activeElement.closest('[id]').id")
    page.context.close()
    assert focused[0].lower().startswith("skip to")
    assert target == focused[1].lstrip("#")


VISIBLE_CONTROLS = """() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0
                && getComputedStyle(el).visibility !== 'hidden')
  .map((el, i) => { el.dataset.controlId = String(i); return String(i); })"""


@pytest.mark.parametrize("kind", ["home", "article", "search results"])
def test_every_visible_control_is_reachable_by_keyboard(browser, server, kind):
    page = open_page(browser, server + PAGE_TYPES[kind])
    controls = set(page.evaluate(VISIBLE_CONTROLS))
    reached: set[str] = set()
    for _ in range(len(controls) + 20):
        page.keyboard.press("Tab")
        control = page.evaluate("document.activeElement && document.activeElement.dataset.controlId")
        if control is not None:
            reached.add(control)
        if reached >= controls:
            break
    unreachable = page.evaluate(
        "ids => ids.map(id => document.querySelector(`[data-control-id='${id}']`).outerHTML.slice(0, 120))",
        sorted(controls - reached),
    )
    page.context.close()
    assert controls
    assert unreachable == []


def test_every_disclosure_on_every_page_is_named_by_its_own_words_or_a_label(site):
    """An icon-only ``<summary>`` (the sidebar's expanders) gets a name; one with words keeps them as its name.

    A label on "Describe this picture" once made screen readers announce it as "Show or hide the pages in this section".
    """
    from bs4 import BeautifulSoup

    for page in site.rglob("*.html"):
        for summary in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("summary"):
            words = " ".join(summary.get_text().split())
            if words:
                assert summary.get("aria-label", words) == words, (page.relative_to(site), words, summary["aria-label"])
            else:
                assert summary.get("aria-label", "").strip(), (page.relative_to(site), str(summary)[:120])


@pytest.mark.parametrize("mode", MODES)
def test_back_to_top_shown_on_a_phone_has_no_wcag_aa_violations(browser, server, mode):
    """The button handbook-page.js shows while a reader scrolls back up: over the text, in both colour schemes."""
    page = open_page(browser, server + PAGE_TYPES["article"], mode, PHONE, bypass_csp=True)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 2000")
    page.mouse.wheel(0, -300)
    page.get_by_role("button", name="Back to top").wait_for(state="visible")
    assert axe_violations(page) == []
    page.context.close()
