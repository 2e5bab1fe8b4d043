"""The home page on a phone, as a patient meets it in Chromium: help and search on the first screen (issue 16)."""

from __future__ import annotations

import pytest

from handbook.search.search_field import DEFAULT_LABEL
from tests.browser import PAGE_TYPES

PHONE = {"width": 375, "height": 812}
# Inside the viewport, and the element at its centre is the element itself (nothing covers it).
ON_FIRST_SCREEN = """element => {
  const box = element.getBoundingClientRect();
  const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && box.height > 0;
  const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return inside && (top === element || element.contains(top));
}"""
TAP_TARGET_PX = 44  # WCAG 2.5.5 (AAA) and NHS.UK's minimum


def open_home(browser, server: str, mode: str = "light"):
    context = browser.new_context(viewport=PHONE, color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    page.goto(server + PAGE_TYPES["home"], wait_until="networkidle")
    return page


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_first_screen_on_a_phone_holds_the_help_box_and_a_labelled_search_field(browser, server, mode):
    page = open_home(browser, server, mode)
    field = page.get_by_role("searchbox", name=DEFAULT_LABEL, exact=True)
    label = page.locator(f"label[for='{field.get_attribute('id')}']")
    heading = page.locator("section.red-flags-emergency .red-flags-heading")
    elements = {"field": field, "label": label, "heading": heading}
    shown = {name: element.evaluate(ON_FIRST_SCREEN) for name, element in elements.items()}
    heading_text = heading.inner_text()
    page.context.close()
    assert shown == {"field": True, "label": True, "heading": True}
    assert "help now" in heading_text.lower()


def test_the_search_field_finds_pages_in_the_patients_words(browser, server):
    page = open_home(browser, server)
    page.get_by_role("searchbox", name=DEFAULT_LABEL, exact=True).fill("pain down my leg")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=pain+down+my+leg")
    page.wait_for_selector("html[data-search-done]")
    first = page.locator("#search-results ul.search > li > a").first.evaluate("link => link.href")
    page.context.close()
    assert first.endswith("conditions/sciatica.html")


def test_the_most_read_pages_and_start_here_are_large_tap_targets(browser, server):
    page = open_home(browser, server)
    tiles = page.evaluate("""[...document.querySelectorAll('div.handbook-tiles a')].map(link => {
        const box = link.getBoundingClientRect();
        return [link.textContent.trim(), box.height, box.width, link.closest('section').querySelector('h2').textContent];
    })""")
    downloads = page.locator("section#downloads p.handbook-download").inner_text()
    page.context.close()
    assert {"Sciatica", "Exercises for back pain", "How to use this handbook"} <= {text for text, *_ in tiles}
    assert {section.rstrip("#") for *_, section in tiles} == {"Most read", "Start here"}
    assert all(height >= TAP_TARGET_PX and width >= 300 for _, height, width, _ in tiles)
    assert downloads.startswith("Download the handbook (PDF)")
