"""Tables a reader fills in (issue 17, action tools): every empty cell leaves room to write in, on a phone and a desktop.

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
