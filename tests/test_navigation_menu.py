"""The ☰ menu reaches the site's navigation on every width, as a patient meets it in Chromium.

pydata-sphinx-theme 0.20 with sphinx-book-theme 1.4 attached the menu to a hidden copy of the
button, so tapping ☰ did nothing (pydata-sphinx-theme#2451, sphinx-book-theme#988; conf.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import PAGE_TYPES
from tests.conftest import CONF

SITE_NAME = CONF["html_theme_options"]["logo"]["text"]
NARROW = (375, 768)  # below 992 px the theme shows the sidebar as a dialog
IS_OPEN = "document.getElementById('pst-primary-sidebar-modal').open"
OFF_SCREEN = "() => document.querySelector('nav.bd-docs-nav').getBoundingClientRect().right <= 0"
FOCUS_IN_MENU = "!!document.activeElement.closest('#pst-primary-sidebar-modal')"


def open_article(browser, server: str, width: int, mode: str = "light"):
    context = browser.new_context(color_scheme=mode, viewport={"width": width, "height": 812})
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", NARROW)
def test_the_menu_opens_the_site_navigation_and_a_link_in_it_navigates(browser, server, width):
    page = open_article(browser, server, width)
    menu = page.get_by_role("button", name="Menu", exact=True)
    menu.click()
    assert page.evaluate(IS_OPEN)
    assert page.evaluate(FOCUS_IN_MENU), "focus moves into the menu"
    dialog = page.locator("#pst-primary-sidebar-modal")
    assert dialog.get_by_role("link", name=SITE_NAME).first.is_visible(), "the menu leads home"
    sections = dialog.locator("nav.bd-docs-nav li.toctree-l1 > a")
    assert sections.count() > 1 and all(link.is_visible() for link in sections.all())
    section = sections.nth(1)  # the first is the home page
    address = section.evaluate("link => link.href")
    section.click()
    page.wait_for_url(address)
    assert page.evaluate("document.querySelector('article h1') !== null")
    page.context.close()


@pytest.mark.parametrize("key", ["Escape", "Close"])
def test_escape_or_the_close_button_closes_the_menu_and_focus_returns_to_it(browser, server, key):
    page = open_article(browser, server, 375)
    menu = page.get_by_role("button", name="Menu", exact=True)
    menu.click()
    assert page.evaluate(IS_OPEN)
    if key == "Escape":
        page.keyboard.press("Escape")
    else:
        page.locator("#pst-primary-sidebar-modal").get_by_role("button", name="Close").click()
    assert not page.evaluate(IS_OPEN)
    expect(menu).to_be_focused()  # Chromium moves focus back a moment after the dialog closes
    page.wait_for_function(OFF_SCREEN, timeout=5000)  # the navigation went back behind the menu
    menu.click()  # and it opens again
    assert page.evaluate(IS_OPEN)
    page.context.close()


def test_on_a_wide_screen_the_menu_button_hides_and_shows_the_sidebar(browser, server):
    page = open_article(browser, server, 1280)
    navigation = page.locator("#pst-primary-sidebar nav.bd-docs-nav")
    assert navigation.is_visible()
    page.get_by_role("button", name="Menu", exact=True).click()
    page.wait_for_function("() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'hidden'")
    assert page.locator("a.handbook-home-link").is_visible(), "the site's name moves to the header"
    page.get_by_role("button", name="Menu", exact=True).click()
    page.wait_for_function("() => getComputedStyle(document.getElementById('pst-primary-sidebar')).visibility === 'visible'")
    assert navigation.is_visible()
    page.context.close()


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_the_site_name_links_home_on_every_width(browser, server, width):
    page = open_article(browser, server, width)
    home = page.locator("a:visible", has_text=SITE_NAME).first
    assert home.evaluate("link => link.href") == server + "index.html"
    assert home.evaluate("link => link.getBoundingClientRect().top") < 100, "at the top of the page"
    page.context.close()


def test_the_menu_buttons_have_plain_names(browser, server):
    page = open_article(browser, server, 375)
    assert page.get_by_role("button", name="Menu", exact=True).is_visible()
    assert page.get_by_role("button", name="Contents", exact=True).is_visible()
    assert page.get_by_role("button", name="Toggle primary sidebar").count() == 0
    page.context.close()
