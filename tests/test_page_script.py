"""What ``_static/handbook-page.js`` does in place of the themes' scripts, as a reader meets it in Chromium.

The menu button's dialog and wide-screen sidebar are in ``tests/test_navigation_menu.py``, Ctrl+K in
``tests/test_stylesheets.py``; these are the rest: the page's contents, the dark mode that follows the
device, the navigation's scroll position, and tables wider than the screen.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import PAGE_TYPES

ARTICLE = PAGE_TYPES["article"]
CONTENTS_DIALOG_OPEN = "document.getElementById('pst-secondary-sidebar-modal').open"
MARKED = "[...document.querySelectorAll('#pst-page-toc-nav a[aria-current=\"true\"]')].map(link => link.hash)"


def new_page(browser, server: str, width: int, height: int = 812, path: str = ARTICLE, mode: str = "light"):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=mode)
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    return page


def test_on_a_phone_a_section_chosen_in_contents_is_shown_and_marked(browser, server):
    page = new_page(browser, server, 375)
    page.get_by_role("button", name="Contents", exact=True).click()
    assert page.evaluate(CONTENTS_DIALOG_OPEN)
    links = page.locator("#pst-secondary-sidebar-modal a")
    assert links.count() > 3
    chosen = links.nth(3)
    hash_ = chosen.evaluate("link => link.hash")
    chosen.click()
    page.wait_for_function(f"() => !{CONTENTS_DIALOG_OPEN}")  # the reader sees the section, not the contents
    heading = page.locator(f"[id='{hash_[1:]}'] :is(h2, h3)").first
    expect(heading).to_be_in_viewport()
    assert page.evaluate(MARKED) == [hash_]
    page.context.close()


def test_on_a_wide_screen_the_contents_mark_the_section_being_read(browser, server):
    page = new_page(browser, server, 1280, 800)
    links = page.locator("#pst-page-toc-nav a")
    assert links.count() > 3
    for index in (4, 1):  # down the page, then back up
        hash_ = links.nth(index).evaluate("link => link.hash")
        heading = page.locator(f"[id='{hash_[1:]}'] :is(h2, h3)").first
        heading.evaluate("heading => scrollBy(0, heading.getBoundingClientRect().top - innerHeight / 5)")
        page.wait_for_function(f"() => JSON.stringify({MARKED}) === JSON.stringify([{hash_!r}])", timeout=5000)
    page.context.close()


def test_dark_mode_follows_the_device_until_the_reader_picks_one(browser, server):
    page = new_page(browser, server, 375)
    theme = "document.documentElement.dataset.theme"
    assert page.evaluate(theme) == "light"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"() => {theme} === 'dark'")
    page.emulate_media(color_scheme="light")
    page.wait_for_function(f"() => {theme} === 'light'")
    page.get_by_role("button", name="Dark mode", exact=True).click()
    assert page.evaluate(theme) == "dark"
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(300)
    assert page.evaluate(theme) == "dark", "the reader's choice holds when the device changes"
    page.context.close()


def test_the_site_navigation_keeps_its_scroll_position_from_page_to_page(browser, server):
    page = new_page(browser, server, 1280, 600, path="conditions/index.html")
    sidebar = page.locator("div.bd-sidebar")
    bottom = sidebar.evaluate("nav => (nav.scrollTop = nav.scrollHeight - nav.clientHeight)")
    assert bottom > 0, "the navigation is taller than the screen"
    link = page.locator("nav.bd-docs-nav li.toctree-l2 > a").last  # a page of the same section, the same navigation
    address = link.evaluate("link => link.href")
    link.click()
    page.wait_for_url(address)
    assert abs(page.locator("div.bd-sidebar").evaluate("nav => nav.scrollTop") - bottom) <= 1
    page.context.close()


def test_a_table_wider_than_the_screen_can_be_reached_by_keyboard(browser, server):
    page = new_page(browser, server, 768, path=PAGE_TYPES["comparison table"])
    page.wait_for_load_state("load")
    boxes = page.locator(".pst-scrollable-table-container")
    stops = boxes.evaluate_all("boxes => boxes.map(box => [box.scrollWidth > box.clientWidth, box.tabIndex])")
    assert any(wider for wider, _ in stops), "the comparison table is wider than a 768 px screen"
    assert all(stop == (0 if wider else -1) for wider, stop in stops)
    first = boxes.first
    for _ in range(200):
        page.keyboard.press("Tab")
        if first.evaluate("box => box === document.activeElement"):
            break
    expect(first).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    page.context.close()


def test_back_to_top_shows_while_scrolling_up_a_long_page_and_takes_focus_to_the_top(browser, server):
    page = new_page(browser, server, 375)
    button = page.get_by_role("button", name="Back to top")
    expect(button).to_be_hidden()
    page.mouse.wheel(0, 4000)
    page.wait_for_function("() => scrollY > 3000")
    expect(button).to_be_hidden()  # reading down the page
    page.mouse.wheel(0, -300)
    expect(button).to_be_visible()  # scrolling back up
    button.click()
    page.wait_for_function("() => scrollY === 0")
    expect(page.locator("#main-content")).to_be_focused()
    expect(button).to_be_hidden()
    page.context.close()
