"""Accessibility: WCAG 2.2 AA (axe-core), keyboard use, and no sideways scrolling on a phone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import PAGE_TYPES

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    # Experimental in axe-core, so off by default; the theme's search button used to fail it.
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}
MODES = ("light", "dark")


def open_page(browser, url: str, mode: str = "light", width: int = 1280, bypass_csp: bool = False):
    context = browser.new_context(color_scheme=mode, viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_wcag_aa_violations(browser, server, kind, mode):
    page = open_page(browser, server + PAGE_TYPES[kind], mode, bypass_csp=True)  # axe is injected as a script
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    results = Axe().run(page, options=WCAG_AA)
    page.context.close()
    violations = [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
    ]
    assert violations == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_scrolls_sideways_at_320_pixels(browser, server, kind):
    page = open_page(browser, server + PAGE_TYPES[kind], width=320)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    page.context.close()
    assert widths[0] <= widths[1]


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
