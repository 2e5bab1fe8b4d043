"""Wide comparison tables become one card per row on phones: each cell carries its column's name.

A comparison table ("Treatments at a glance": 8 columns) cannot fit a phone's
screen, and scrolling it sideways shows two columns at a time with no way to
tell which row a cell belongs to. On narrow screens ``_static/handbook.css``
shows each row of a table in a ``wide-table`` container as a card, with each
cell under its column's name. CSS can only show that name if the cell holds it,
so after each build this module copies every column heading into its cells'
``data-label`` attributes (``<td data-label="NICE NG59">``). The table stays a
table on wide screens and in print, and the headings stay in ``<thead>``.
"""

from __future__ import annotations

import html
import re

from handbook.core.final_html_pass import page_rewriter

WIDE_TABLE = re.compile(r'<div class="[^"]*\bwide-table\b[^"]*">\s*(?:<div[^>]*>\s*)?(<table\b.*?</table>)', re.DOTALL)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
BODY = re.compile(r"<tbody>(.*?)</tbody>", re.DOTALL)
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
CELL = re.compile(r"<td\b(?![^>]*\bdata-label=)([^>]*)>")
COLSPAN = re.compile(r'\bcolspan="(\d+)"')
TAG = re.compile(r"<[^>]+>")


def column_names(head: str) -> list[str]:
    """The text of each heading in the table's first header row, one entry per column it spans."""
    first_row = ROW.search(head)
    names: list[str] = []
    for match in HEADING.finditer(first_row.group(0) if first_row else head):
        span = COLSPAN.search(match.group(0)[: match.group(0).index(">")])
        names += [" ".join(html.unescape(TAG.sub("", match.group(1))).split())] * int(span.group(1) if span else 1)
    return names


def label_row(row: str, names: list[str]) -> str:
    column = 0

    def label(cell: re.Match[str]) -> str:
        nonlocal column
        name = names[column] if column < len(names) else ""
        span = COLSPAN.search(cell.group(1))
        column += int(span.group(1) if span else 1)
        return f'<td data-label="{html.escape(name, quote=True)}"{cell.group(1)}>' if name else cell.group(0)

    return CELL.sub(label, row)


def label_table(table: str) -> str:
    """``table`` with each body cell's ``data-label`` set to its column's heading."""
    head, body = HEAD.search(table), BODY.search(table)
    if not head or not body:
        return table  # no headings to give
    names = column_names(head.group(1))
    labelled = ROW.sub(lambda row: label_row(row.group(0), names), body.group(1))
    return table[: body.start(1)] + labelled + table[body.end(1) :]


def label_wide_tables(page: str) -> str:
    if "wide-table" not in page:
        return page
    return WIDE_TABLE.sub(lambda match: match.group(0).replace(match.group(1), label_table(match.group(1))), page)


# handbook-finish-page: each written page through label_wide_tables (the wiring table in handbook/__init__.py).
finish_page = page_rewriter(label_wide_tables)
