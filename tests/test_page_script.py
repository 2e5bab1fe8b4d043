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
MENU_OPEN = "document.getElementById('pst-primary-sidebar-modal').open"
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
    expect(heading).to_be_focused()  # a keyboard or screen reader goes on from the section, not from the button
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
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    page.wait_for_timeout(300)
    assert page.evaluate(theme) == "dark", "the reader's choice holds when the device changes"
    page.context.close()


def test_a_returning_reader_who_never_chose_gets_the_devices_colours(browser, server):
    """A colour an earlier visit saved in "auto" mode was the device's then, not the reader's choice."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'auto'); localStorage.setItem('theme', 'light')")
    page = context.new_page()
    page.goto(server + ARTICLE, wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    context.close()


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


def test_escape_closes_the_menu_on_the_search_page_too(browser, server):
    """Sphinx's sphinx_highlight.js, which the search page loads, cancels Escape: the dialog closes all the same."""
    page = new_page(browser, server, 375, path=PAGE_TYPES["search results"])
    menu = page.get_by_role("button", name="Menu", exact=True)
    menu.click()
    assert page.evaluate(MENU_OPEN)
    page.keyboard.press("Escape")
    assert not page.evaluate(MENU_OPEN)
    expect(menu).to_be_focused()
    page.context.close()


def test_a_tap_outside_the_menu_closes_it(browser, server):
    page = new_page(browser, server, 375)
    page.get_by_role("button", name="Menu", exact=True).click()
    box = page.locator("#pst-primary-sidebar-modal").bounding_box()
    assert box is not None
    x = box["x"] + box["width"] + 10 if box["x"] + box["width"] < 365 else box["x"] - 10
    assert 0 < x < 375, "the menu leaves part of the page to tap"
    page.mouse.click(x, 400)
    assert not page.evaluate(MENU_OPEN)
    page.context.close()


def test_on_a_phone_the_menu_opens_at_the_current_page(browser, server):
    page = new_page(browser, server, 375, 600, path=PAGE_TYPES["section"])
    last = page.locator("nav.bd-docs-nav li.toctree-l2 > a").last  # the section's last page: far down its menu
    page.goto(last.evaluate("link => link.href"), wait_until="networkidle")
    page.get_by_role("button", name="Menu", exact=True).click()
    current = page.locator("#pst-primary-sidebar-modal a.current")
    assert current.evaluate("link => link.offsetTop") > 600, "the entry starts below a short phone screen"
    expect(current).to_be_in_viewport()
    page.context.close()


def test_the_wide_screen_menu_button_says_whether_the_sidebar_is_shown(browser, server):
    page = new_page(browser, server, 1280)
    menu = page.get_by_role("button", name="Menu", exact=True)
    expect(menu).to_have_attribute("aria-expanded", "true")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.set_viewport_size({"width": 375, "height": 812})  # a tablet turned, or a window narrowed
    expect(menu).not_to_have_attribute("aria-expanded", "false")
    menu.click()  # the sidebar hidden on the wide screen is a visible menu on the narrow one
    assert page.evaluate(MENU_OPEN)
    expect(page.locator("#pst-primary-sidebar-modal nav.bd-docs-nav")).to_be_visible()
    page.context.close()


def test_ctrl_k_opens_the_search_dialog_with_the_field_focused(browser, server):
    page = new_page(browser, server, 1280)
    page.keyboard.press("Control+K")
    assert page.evaluate("document.getElementById('pst-search-dialog').open")
    expect(page.locator("#pst-search-dialog input[name='q']")).to_be_focused()
    page.keyboard.press("Control+K")
    assert not page.evaluate("document.getElementById('pst-search-dialog').open")
    page.context.close()


def test_on_a_mac_the_shortcut_reads_command_k_and_works(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' })")
    page = context.new_page()
    page.goto(server + ARTICLE, wait_until="networkidle")
    shortcut = page.locator(".search-button__kbd-shortcut").first
    assert shortcut.locator("kbd").all_inner_texts() == ["⌘", "K"]
    page.keyboard.press("Control+K")
    assert not page.evaluate("document.getElementById('pst-search-dialog').open")
    page.keyboard.press("Meta+K")
    assert page.evaluate("document.getElementById('pst-search-dialog').open")
    context.close()


def test_the_header_casts_a_shadow_once_the_page_has_scrolled(browser, server):
    page = new_page(browser, server, 375)
    shadow = "() => getComputedStyle(document.querySelector('.bd-header-article')).boxShadow"
    assert page.evaluate(shadow) == "none"
    page.mouse.wheel(0, 800)
    page.wait_for_function(f"() => ({shadow})() !== 'none'")
    page.context.close()
