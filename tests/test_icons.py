"""Icons: only the drawings the pages use, instead of Font Awesome's 1.5 MB script."""

from __future__ import annotations

from handbook.theme.icons import BUNDLE, icon_table, subset_script
from tests.browser import PAGE_TYPES


def test_subset_holds_only_the_named_icons():
    table = icon_table(BUNDLE.read_text(encoding="utf-8"))
    assert len(table["fas"]) > 1000 and "magnifying-glass" in table["fas"]
    script = subset_script(table, {"magnifying-glass", "sun", "not-an-icon"})
    assert '"magnifying-glass"' in script and '"sun"' in script and "not-an-icon" not in script
    assert len(script.encode()) < 5000 < BUNDLE.stat().st_size // 100


def test_site_ships_the_small_icon_script(site):
    assert (site / "_static/scripts/fontawesome.js").stat().st_size < 20_000


def test_every_icon_is_drawn_and_hidden_from_screen_readers(browser, server):
    page = browser.new_page()
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    left = page.eval_on_selector_all("i[class*='fa-']", "els => els.map(e => e.className)")
    drawn = page.eval_on_selector_all(
        "svg.svg-inline--fa",
        "els => els.map(e => [e.getAttribute('aria-hidden'), e.querySelector('path').getAttribute('d').length > 20,"
        " e.classList.contains('fa-solid')])",
    )
    page.close()
    assert left == []
    # Like Font Awesome, the pack class goes: the theme positions some icons by "<i class='fa-solid ...'>".
    assert drawn and all(hidden == "true" and has_path and not pack for hidden, has_path, pack in drawn)
