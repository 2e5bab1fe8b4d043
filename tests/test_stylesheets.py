"""The trimmed theme stylesheets and fonts (handbook.theme.stylesheets) draw every page exactly as the themes' own."""

from __future__ import annotations

import io
from pathlib import Path

import pydata_sphinx_theme
import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from handbook.theme.icons import TARGET as ICON_SCRIPT
from handbook.theme.stylesheets import (
    BASIC_STYLESHEET,
    BOOK_STATIC,
    BOOK_STYLESHEET,
    FONTS,
    STYLESHEET,
    glyphs,
    may_match,
    properties_read,
    used_rules,
)
from handbook.theme.unused_assets import TRIMMED_BASIC, without_comments
from tests.browser import PAGE_TYPES
from tests.conftest import copy_site, run_sphinx, site_project

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static"
THEME_FONTS = sorted((THEME_STATIC / "vendor/fontawesome/webfonts").glob("*.woff2"))
THEME_FILES = {
    f"**/{STYLESHEET}*": (THEME_STATIC / "styles/pydata-sphinx-theme.css", "text/css"),
    f"**/{BOOK_STYLESHEET}*": (BOOK_STATIC / "styles/sphinx-book-theme.css", "text/css"),
    **{f"**/{FONTS}/{font.name}*": (font, "font/woff2") for font in THEME_FONTS},
}


FLICKER_PIXELS = 64


def use_the_sidebar(page) -> None:
    """On a phone, open the navigation; on a wide screen, fold the section that is open."""
    toggle = page.locator("button.primary-toggle").first
    if toggle.is_visible():
        toggle.click()
    else:
        page.evaluate("document.querySelector('nav.bd-docs-nav details[open]')?.removeAttribute('open')")


def open_search(page) -> None:
    """Close the phone menu, if it is open, then press Ctrl+K.

    Chromium gives focus back to the menu button a moment after Escape closes the menu's
    modal dialog. A Ctrl+K pressed before that lands in the search field and then loses its
    focus to the button, so the screenshot would catch either state: wait for the button.
    """
    menu_was_open = page.locator("dialog[open]").count() > 0
    page.keyboard.press("Escape")
    if menu_was_open:
        expect(page.locator("button.primary-toggle").first).to_be_focused()
    page.keyboard.press("Control+k")


def differences(ours: bytes, theirs: bytes) -> tuple[int, str]:
    """How many pixels differ, and where (the sizes, or the box), so that a failure in CI says where to look."""
    first, second = (Image.open(io.BytesIO(image)).convert("RGB") for image in (ours, theirs))
    if first.size != second.size:
        return first.width * first.height, f"sizes {first.size} and {second.size}"
    difference = ImageChops.difference(first, second)
    box = difference.getbbox()
    if box is None:
        return 0, "none"
    return sum(1 for pixel in difference.crop(box).get_flattened_data() if any(pixel)), f"box {box}"


def serve_file(path: Path, kind: str):
    return lambda route: route.fulfill(path=path, content_type=kind)


def screenshots(browser, url: str, mode: str, width: int, theme_files: dict[str, tuple[Path, str]]) -> list[bytes]:
    """The page as loaded, then after using the sidebar, then with the search dialog open, served ``theme_files``."""
    context = browser.new_context(color_scheme=mode, viewport={"width": width, "height": 900})
    context.add_init_script(f"localStorage.setItem('mode', '{mode}')")
    page = context.new_page()
    for pattern, (path, kind) in theme_files.items():
        page.route(pattern, serve_file(path, kind))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    # Sphinx's search page pulses "Searching..." until the results are in: on a loaded machine for longer than
    # settled_screenshot waits (search results at 390 px failed so in CI, 3 December 2026). A reader sees the results.
    page.wait_for_function("!document.getElementById('search-results') || document.documentElement.dataset.searchDone")
    images = [settled_screenshot(page)]
    for action in (use_the_sidebar, open_search):
        action(page)
        images.append(settled_screenshot(page))
    context.close()
    return images


def settled_screenshot(page, attempts: int = 20) -> bytes:
    """The first of two screenshots in a row that differ by no more than rendering flicker.

    Playwright's own ``toHaveScreenshot`` waits so. A full-page screenshot resizes the window,
    and the contents list's scroll-spy then picks its highlighted entry when the browser gets
    round to it: on a loaded machine, later than any fixed wait (the article at 1280 px failed
    so in CI, 3 December 2026). Two screenshots in a row are not always identical, though:
    Chromium can draw the edge of the scaled logo two ways, one after the other, for ever (4
    pixels; search results at 390 px failed so in CI, 4 December 2026). So "the same" allows
    the flicker that the comparison allows.
    """
    previous = page.screenshot(full_page=True, animations="disabled")
    changes = []
    for _ in range(attempts):
        page.wait_for_timeout(250)
        current = page.screenshot(full_page=True, animations="disabled")
        pixels, where = differences(previous, current)
        if pixels <= FLICKER_PIXELS:
            return current
        changes.append(where)
        previous = current
    raise AssertionError(f"{page.url} never stopped changing: {attempts} screenshots 250 ms apart all differ, at {changes}")


@pytest.mark.parametrize(("mode", "width"), [("light", 1280), ("dark", 1280), ("light", 390)])
@pytest.mark.parametrize("kind", ["home", "article", "search results", "404"])
def test_pages_look_the_same_as_with_the_themes_own_files(browser, server, site, kind, mode, width):
    url = server + PAGE_TYPES[kind]
    # Sphinx's basic.css stays in the output as it wrote it; the pages link the trimmed copy.
    originals = {**THEME_FILES, f"**/_static/{TRIMMED_BASIC}*": (site / BASIC_STYLESHEET, "text/css")}
    ours = screenshots(browser, url, mode, width, theme_files={})
    theirs = screenshots(browser, url, mode, width, theme_files=originals)
    # A few pixels of the search field's edge differ between any two loads of a page, whatever the CSS.
    found = [differences(a, b) for a, b in zip(ours, theirs, strict=True)]
    assert [pixels <= FLICKER_PIXELS for pixels, _ in found] == [True, True, True], (
        f"loaded, after the sidebar, with search open: {[where for _, where in found]}"
    )


def test_a_rebuild_that_writes_no_page_ships_the_same_trimmed_files(site, tmp_path):
    """The names of pages it did not write come from handbook.theme.used_names's notes, not from reading them."""
    outdir, doctrees = copy_site(site, tmp_path)
    trimmed = [
        STYLESHEET,
        BOOK_STYLESHEET,
        f"_static/{TRIMMED_BASIC}",
        ICON_SCRIPT,
        *(f"{FONTS}/{font.name}" for font in THEME_FONTS),
    ]
    before = {name: (outdir / name).read_bytes() for name in trimmed}
    project = site_project(site)
    result = run_sphinx(project / "docs", outdir, "-d", str(doctrees), confdir=project)
    assert result.returncode == 0, result.stderr
    assert {name: (outdir / name).read_bytes() for name in trimmed} == before


def test_the_trimmed_stylesheet_is_a_fraction_of_the_themes(site):
    assert (site / STYLESHEET).stat().st_size < (THEME_STATIC / "styles/pydata-sphinx-theme.css").stat().st_size / 2
    assert (site / BOOK_STYLESHEET).stat().st_size < (BOOK_STATIC / "styles/sphinx-book-theme.css").stat().st_size
    assert (site / "_static" / TRIMMED_BASIC).stat().st_size < (site / BASIC_STYLESHEET).stat().st_size


def test_a_custom_property_goes_when_nothing_reads_it_even_through_one_that_went():
    css = ":root{--used:red;--unused:blue;--chain:var(--only-chain);--only-chain:green}.a{color:var(--used)}"
    assert properties_read(css, set()) == ":root{--used:red}.a{color:var(--used)}"


def test_a_custom_property_read_elsewhere_stays_and_a_rule_left_empty_goes():
    css = "@media (min-width:1px){:root{--page:1px}.b{--gone:0}}.c{margin:0}"
    assert properties_read(css, {"--page"}) == "@media (min-width:1px){:root{--page:1px}}.c{margin:0}"


@pytest.mark.parametrize(
    ("prelude", "kept"),
    [
        (".used .unused", False),
        (".unused, .used > a", True),
        ("a:not(.unused)", True),
        ('a[href$=".unused"]', True),
        (".bs-tooltip-top .used", False),
        ("main", True),
    ],
)
def test_a_rule_goes_only_when_every_selector_needs_an_unused_class(prelude, kept):
    assert may_match(prelude, {"used"}) is kept


def test_rules_inside_media_queries_are_trimmed_and_empty_queries_dropped():
    css = "@media (min-width:960px){.used{color:red}.unused{color:blue}}@media print{.unused{color:red}}"
    assert used_rules(css, {"used"}) == "@media (min-width:960px){.used{color:red}}"


def test_the_glyphs_a_stylesheet_draws_are_found_as_characters_and_escapes():
    assert glyphs('.a{--fa:"\uf078"}.b::before{content:"\\f05a"}') == {0xF078, 0xF05A}


def test_the_own_stylesheets_are_bundled_without_comments_but_with_every_rule_and_string():
    css = '/* for editors */ a { content: "/* kept */" } /* more */ @media print { b { c: d } }'
    assert without_comments(css) == 'a { content: "/* kept */" }\n@media print { b { c: d } }\n'
