"""The search page as a screen-reader user and a phone user meet it (issue 16, item 5), in Chromium.

One live region is in the page before any script runs, and gets one sentence when the results are shown;
nothing on screen moves when they arrive; no "Hide Search Matches" button.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

LIVE_REGION = "#handbook-search-announcement"
# Layout shifts (the Layout Instability API) from the first paint, and when the results region first changes. The
# region is watched from the end of parsing (readyState "interactive"): the deferred search scripts run after it, and
# may show the results before DOMContentLoaded (handbook.search.script_order).
RECORD_SHIFTS = """
window.handbookShifts = [];
window.handbookResultsFrom = null;
new PerformanceObserver(list => window.handbookShifts.push(...list.getEntries().map(e => [e.startTime, e.value])))
  .observe({type: 'layout-shift', buffered: true});
document.addEventListener('readystatechange', () => {
  const results = document.getElementById('search-results');
  if (document.readyState === 'interactive' && results)
    new MutationObserver(() => { window.handbookResultsFrom ??= performance.now(); })
      .observe(results, {childList: true, subtree: true, characterData: true});
});
"""


def search(browser, server: str, query: str, width: int = 375, scripts: bool = True):
    context = browser.new_context(viewport={"width": width, "height": 812}, java_script_enabled=scripts)
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    page.goto(f"{server}search.html?q={quote(query)}", wait_until="networkidle")
    if scripts:
        page.wait_for_selector("html[data-search-done]")
    return page


def test_the_live_region_is_in_the_page_before_any_script_runs(browser, server):
    page = search(browser, server, "sciatica", scripts=False)
    region = page.locator(LIVE_REGION)
    attributes = region.evaluate("node => [node.getAttribute('role'), node.getAttribute('aria-live'), node.textContent]")
    page.context.close()
    assert attributes == ["status", "polite", ""]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sciatica", "Found {count} pages, best first."),
        ("kidney stones", "We don't have an article about kidney stones yet."),
        (
            "back pain and fever",
            "Your search names a warning sign: get help now, as the box at the top says. Found {count} pages",
        ),
        ("sciatca leg pain", "Showing results for sciatica leg pain. Found {count} pages"),
    ],
)
def test_the_results_are_announced_in_one_sentence(browser, server, query, expected):
    page = search(browser, server, query)
    count = page.locator("#search-results ul.search > li").count()
    announced = page.locator(LIVE_REGION).text_content()
    regions = page.locator("[aria-live], [role=status], [role=alert]").count()
    page.context.close()
    assert announced.startswith(expected.format(count=count))
    assert regions == 1, "one announcement, not two"


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_moves_while_the_page_loads_and_the_results_arrive(browser, server, width):
    page = search(browser, server, "back pain and fever", width)
    page.wait_for_timeout(500)  # shifts are reported a frame late
    start, shifts = page.evaluate("[window.handbookResultsFrom, window.handbookShifts]")
    page.context.close()
    assert start is not None, "the results region changed"
    assert shifts == [], "no layout shift from the first paint to the results (CLS 0)"


def test_no_hide_search_matches_button_after_searching_and_opening_a_result(browser, server):
    page = search(browser, server, "sciatica")
    page.locator("#search-results ul.search > li > a").first.click()
    page.wait_for_load_state("networkidle")
    on_article = page.get_by_text("Hide Search Matches").count()
    page.go_back(wait_until="networkidle")
    on_search = page.get_by_text("Hide Search Matches").count()
    page.context.close()
    assert (on_article, on_search) == (0, 0)
