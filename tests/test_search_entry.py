"""One clear search entry per screen width, and a plain name for every icon button (issue 16, item 4).

The home page has its own labelled search field (``{search-field}``); the header's
search button and the sidebar's "Search Ctrl+K" would be a second entry beside it.
An article keeps the theme's one: the header button on narrow screens, the
sidebar's on wide ones. Counted in the browser, as a patient sees the page.
"""

from __future__ import annotations

import re

import pytest

from tests.browser import PAGE_TYPES

WIDTHS = (375, 768, 1280)
PAGES = ("home", "article")
# Visible search fields, and visible buttons or links named "Search" that are not a field's own submit button.
SEARCH_ENTRIES = """() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const name = (el) => (el.getAttribute('aria-label') || el.innerText || el.title || '').trim();
  const fields = [...document.querySelectorAll('input[type=search]')].filter(shown);
  const buttons = [...document.querySelectorAll('button, a[href], [role=button]')].filter((el) =>
    shown(el) && /search/i.test(name(el)) && !(el.form && fields.some((field) => field.form === el.form)));
  return [...fields, ...buttons].map((el) => el.outerHTML.slice(0, 160));
}"""
# Visible buttons that show no words, only an icon (text hidden off screen, such as "Contents" on a phone,
# counts as no words): their accessible name is all a screen reader user gets. Each is numbered to find it again.
ICON_BUTTONS = """() => {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const showsWords = (el) => [el, ...el.querySelectorAll('*')].some((node) => shown(node)
    && getComputedStyle(node).clipPath === 'none' && node.getBoundingClientRect().width > 1
    && [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent.trim()));
  const buttons = [...document.querySelectorAll('button, [role=button]')].filter(shown);
  const icons = buttons.filter((el) => !showsWords(el));
  icons.forEach((el, i) => { el.dataset.iconButton = String(i); });
  return [buttons.length, icons.map((_, i) => String(i))];
}"""
# A plain name: a few ordinary words, none of the themes' own jargon.
PLAIN_NAME = re.compile(r"[A-Z][a-z]+( [a-z]+){0,3}")
JARGON = {"toggle", "sidebar", "primary", "secondary", "modal", "navbar", "btn"}


def open_page(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_one_search_entry_that_leads_to_search(browser, server, kind, width):
    page = open_page(browser, server + PAGE_TYPES[kind], width)
    entries = page.evaluate(SEARCH_ENTRIES)
    assert len(entries) == 1, entries
    entry = page.locator("input[type=search]:visible, .search-button__button:visible").first
    if entry.evaluate("el => el.tagName") == "INPUT":
        entry.fill("sciatica")
        entry.press("Enter")
        page.wait_for_url(re.compile(r"search\.html\?q=sciatica"))
    else:
        entry.click()
        assert page.evaluate("document.activeElement.type") == "search"
        assert page.locator("input[type=search]:focus").is_visible()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_every_icon_button_has_a_plain_name(browser, server, kind, width):
    page = open_page(browser, server + PAGE_TYPES[kind], width)
    buttons, icons = page.evaluate(ICON_BUTTONS)
    names = []
    for number in icons:
        snapshot = page.locator(f"[data-icon-button='{number}']").aria_snapshot()
        found = re.match(r'- button "([^"]*)"', snapshot)
        names.append(found.group(1) if found else snapshot)
    page.context.close()
    assert buttons >= 3, "Menu, Dark mode and a search entry at least"
    if width < 576:
        assert "Contents" in names, "on a phone the Contents button shows its icon alone"
    for name in names:
        assert PLAIN_NAME.fullmatch(name), name
        assert not JARGON & set(name.lower().split()), name
