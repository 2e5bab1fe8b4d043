"""What a phone downloads for a page, counted by Chromium (issue 16, item 7), and the dark mode that needs no Bootstrap.

``handbook.theme.unused_assets`` leaves out what the site does not use. ``make bench`` reports the whole
first load of an article (bytes and requests) against the issue's budget of 150 KB and 12 requests.
"""

from __future__ import annotations

import pytest

from tests.browser import PAGE_TYPES, first_load

ARTICLE = "conditions/sciatica.html"
UNUSED = ("bootstrap.js", "pygments.css", "doctools.js", "sphinx_highlight.js")
# The themes' own scripts: _static/handbook-page.js does what the pages need of them, on every page, the search page too.
THEME_SCRIPTS = ("pydata-sphinx-theme.js", "sphinx-book-theme.js")
# Served inside handbook-site.css, or (theme.css: an @import of basic.css) replaced by the rules of basic.css it uses.
BUNDLED = ("handbook.css", "red-flags.css", "figures.css", "print.css", "theme.css", "basic.css")
# conditions/sciatica.html, measured on 3 December 2026 before the files were dropped: 403,125 bytes in 20 requests;
# after: 302,417 in 12; with the theme stylesheets, basic.css and icon arrays trimmed: 238,630 in 12. Issue 16's budget
# is 12 requests and 150 KB: the bytes are not met yet (`make bench` reports both).
MOST_REQUESTS = 12


def file_names(addresses: list[str]) -> set[str]:
    return {address.split("?")[0].rsplit("/", 1)[-1] for address in addresses}


@pytest.mark.parametrize("kind", ["home", "article", "comparison table", "topic page", "404"])
def test_pages_do_not_load_what_the_site_does_not_use(browser, server, kind):
    _, addresses = first_load(browser, server + PAGE_TYPES[kind])
    assert file_names(addresses) & {*UNUSED, *BUNDLED, *THEME_SCRIPTS} == set()
    assert {"handbook-site.css", "basic-used.css", "handbook-page.js"} <= file_names(addresses)


def test_an_article_loads_at_most_12_requests(browser, server):
    total, addresses = first_load(browser, server + ARTICLE)
    assert len(addresses) <= MOST_REQUESTS, sorted(file_names(addresses))
    assert all(address.startswith(server) for address in addresses), "no third-party requests"
    assert total > 0


def test_the_search_page_still_loads_what_its_search_needs(browser, server):
    _, addresses = first_load(browser, server + "search.html?q=sciatica")
    assert {"searchtools.js", "doctools.js", "sphinx_highlight.js", "handbook-page.js"} <= file_names(addresses)
    assert file_names(addresses) & {"bootstrap.js", *THEME_SCRIPTS} == set()


def test_an_article_opened_from_search_has_no_hide_search_matches_button(browser, server):
    page = browser.new_page()
    page.goto(server + PAGE_TYPES["article"] + "?highlight=needles", wait_until="networkidle")
    assert page.get_by_text("Hide Search Matches").count() == 0
    page.close()


def test_the_dark_mode_button_switches_and_the_next_page_keeps_it(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme="light")
    page = context.new_page()
    page.goto(server + ARTICLE, wait_until="networkidle")
    button = page.get_by_role("button", name="Dark mode", exact=True)
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert button.get_attribute("aria-pressed") == "true"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.get_by_role("button", name="Dark mode", exact=True).get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Dark mode", exact=True).click()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert background != light
