"""handbook.article.table_cards: each cell of a wide comparison table carries its column's name, for the phone cards."""

from __future__ import annotations

import re

from handbook.article.table_cards import label_wide_tables

TABLE = (
    '<table class="table">\n<thead>\n<tr class="row-odd"><th class="head"><p>Treatment</p></th>\n'
    '<th class="head" colspan="2"><p>Risks &amp; <em>side</em> effects</p></th>\n<th class="head"><p>WHO</p></th></tr>\n'
    '</thead>\n<tbody>\n<tr class="row-even"><td><p>A</p></td>\n<td><p>b</p></td>\n<td><p>c</p></td>\n<td><p>d</p></td></tr>\n'
    '<tr class="row-odd"><td colspan="3"><p>wide</p></td>\n<td><p>e</p></td></tr>\n</tbody>\n</table>'
)
WIDE = f'<div class="wide-table docutils container">\n<div class="pst-scrollable-table-container">{TABLE}\n</div>\n</div>'


def labels(html: str) -> list[str]:
    return re.findall(r'<td data-label="([^"]*)"', html)


def test_each_cell_gets_its_columns_heading_counting_spans():
    assert labels(label_wide_tables(WIDE)) == ["Treatment", *["Risks &amp; side effects"] * 2, "WHO", "Treatment", "WHO"]


def test_tables_outside_a_full_width_container_and_a_second_pass_are_left_alone():
    assert label_wide_tables(TABLE) == TABLE
    once = label_wide_tables(WIDE)
    assert label_wide_tables(once) == once
