"""Tools a reader fills in (issue 17, action tools): tables with room to write in, and checklists with boxes to tick,
on a phone and a desktop.

MyST writes an empty paragraph into an empty cell, so a row of empty cells would shrink to its padding;
``_static/handbook.css`` gives that paragraph a height of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

EMPTY_CELL = "<td><p></p></td>"
# Each empty cell of the article's tables: its height and its font size, as laid out.
EMPTY_CELLS = """() => [...document.querySelectorAll('article.bd-article td')]
  .filter((cell) => !cell.textContent.trim())
  .map((cell) => [cell.getBoundingClientRect().height, parseFloat(getComputedStyle(cell).fontSize)])"""


def pages_with_empty_cells(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*.html") if EMPTY_CELL in path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_every_empty_table_cell_has_room_for_a_line_of_handwriting(browser, server, site, width):
    cramped = {}
    for path in pages_with_empty_cells(site):
        page = browser.new_page(viewport={"width": width, "height": 812})
        page.goto(server + path, wait_until="networkidle")
        cells = page.evaluate(EMPTY_CELLS)
        page.close()
        assert cells, f"{path}: its empty cells were not laid out"
        small = [round(height) for height, font_size in cells if height < 2 * font_size]
        if small:
            cramped[path] = small
    assert not cramped, f"empty cells less than two lines of text high (px): {cramped}"


CHECKLIST = 'class="checklist docutils container"'
# Each checklist item's box: the ::before drawn beside it, as laid out.
CHECKLIST_BOXES = """() => [...document.querySelectorAll('article.bd-article .checklist li')].map((item) => {
  const box = getComputedStyle(item, '::before');
  return [parseFloat(box.width), parseFloat(box.borderTopWidth), box.borderTopStyle, getComputedStyle(item).listStyleType];
})"""


def pages_with_checklists(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*.html") if CHECKLIST in path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_every_checklist_item_has_an_empty_box_to_tick_and_no_bullet(browser, server, site, width):
    pages = pages_with_checklists(site)
    assert pages, "no page has a checklist (:::{container} checklist)"
    unticked = {}
    for path in pages:
        page = browser.new_page(viewport={"width": width, "height": 812})
        page.goto(server + path, wait_until="networkidle")
        boxes = page.evaluate(CHECKLIST_BOXES)
        page.close()
        assert boxes, f"{path}: its checklist has no items"
        wrong = [box for box in boxes if box[0] < 12 or box[1] < 1 or box[2] != "solid" or box[3] != "none"]
        if wrong:
            unticked[path] = wrong
    assert not unticked, f"checklist items without a box to tick (width px, border px, style, bullet): {unticked}"
