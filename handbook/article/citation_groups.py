"""Citation markers side by side become one quiet group: "[1–3]" and "[2, 5]", not "[1][2][3]".

An article cites a source after each claim, and a claim with several sources
got one bracketed link per source. On a phone that is a row of small
targets, and a screen reader reads each out as a link with its brackets
(issue 16, item 3). After each HTML build (:mod:`handbook.core.final_html_pass`)
each run of markers written one after another is wrapped in
``<span class="handbook-citations">``, and its links get classes that
``handbook.css`` uses on screen only: the brackets show once around the
group, in order, three or more numbers in a row show as a range, and the
middle links of a range (and a source repeated) are hidden (``display: none``, so screen readers skip them too).
Every source stays listed, and linked, under "Sources".

The links themselves are unchanged (``a.footnote-reference``): the PDFs,
which print from the same HTML with their own stylesheets, still print every
number ("1,2,3").
"""

from __future__ import annotations

import re

from handbook.core.final_html_pass import page_rewriter

# One marker as docutils writes it: <a class="footnote-reference brackets" ...>[<n>]</a>.
MARKER = re.compile(
    r'<a class="footnote-reference brackets"(?P<attributes>[^>]*)><span class="fn-bracket">\[</span>'
    r'(?P<number>\d+)<span class="fn-bracket">\]</span></a>'
)
# Two or more markers with nothing between them.
RUN = re.compile(rf"(?:{MARKER.pattern.replace('(?P<attributes>', '(?:').replace('(?P<number>', '(?:')}){{2,}}")
GROUP = "handbook-citations"


def roles(numbers: list[int]) -> list[str]:
    """Each marker's part in a group sorted by number: first, next (after a comma), range-end, hidden.

    Hidden: inside a range, or the same source again.
    """
    parts: list[str] = []
    start = 0
    while start < len(numbers):
        if start and numbers[start] == numbers[start - 1]:
            parts.append("hidden")
            start += 1
            continue
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        length = end - start + 1
        lead = "first" if start == 0 else "next"
        if length >= 3:
            parts += [lead, *["hidden"] * (length - 2), "range-end"]
        else:
            parts += [lead] + ["next"] * (length - 1)
        start = end + 1
    return parts


def _grouped(run: re.Match[str]) -> str:
    markers = sorted(MARKER.finditer(run.group(0)), key=lambda marker: int(marker["number"]))
    parts = roles([int(marker["number"]) for marker in markers])
    last = max(index for index, part in enumerate(parts) if part != "hidden")  # it closes the bracket
    links = []
    for index, (marker, part) in enumerate(zip(markers, parts, strict=True)):
        classes = [f"handbook-cite-{part}"] + (["handbook-cite-last"] if index == last else [])
        links.append(marker.group(0).replace('brackets"', f'brackets {" ".join(classes)}"', 1))
    return f'<span class="{GROUP}">{"".join(links)}</span>'


def group_citations(html: str) -> str:
    return RUN.sub(_grouped, html)


# handbook-finish-page: each written page through group_citations (the wiring table in handbook/__init__.py).
finish_page = page_rewriter(group_citations)
