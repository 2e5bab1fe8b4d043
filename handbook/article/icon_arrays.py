"""Icon arrays: "30 out of 100 people" drawn as 100 people, 30 of them filled in.

Risk-communication research (and the IPDAS standards) find that people read a
number better as a picture of a crowd with the same denominator every time than
as a percentage. The directive draws the grid as inline SVG and always writes
the same fact as a sentence, which is what screen readers, search and the
printed handouts read::

    ```{icon-array}
    :of: 100
    :count: 30
    :qualifier: more than        (optional: the page's own "about" or "more than")
    :text: still had troubling symptoms a year later
    :caption: People with sciatica, one year after seeing their GP.
    :source: konstantinou2018
    ```

Several groups with the same denominator sit side by side:
``:groups: Surgery: 79; Physiotherapy: 62`` instead of ``:count:``. Every
number is checked (a whole number, no more than the denominator; the
denominator 100 or 1000) and a mistake is a ``file:line`` error. The caption
cites ``:source:`` as a ``{footcite}``, so it joins the page's sources.

The filled icons use the text colour (``currentColor``) and the empty ones the
same colour faintly, so the picture works in light and dark mode and prints
clearly in black and white. The drawing repeats the sentence, so it is hidden
from screen readers (``aria-hidden``) to be read once, not twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.core.diagnostics import report_error

DENOMINATORS = {100: 10, 1000: 40}  # denominator: icons per row
CELL = 10  # each person is drawn in a 10 x 10 square


@dataclass(frozen=True)
class Group:
    label: str
    count: int


PERSON = "M3.4 2.1a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0-3.2 0zM2.6 9.6v-3.6a1.8 1.8 0 0 1 1.8-1.8h1.2a1.8 1.8 0 0 1 1.8 1.8v3.6z"
"""One person's outline in a 10 x 10 square: a round head and rounded shoulders."""


def grid_svg(count: int, denominator: int, person_id: str) -> str:
    """``denominator`` people in rows, the first ``count`` filled in, read left to right from the top.

    The person is drawn once (``person_id``, unique on the page), and so is a whole row of them
    (``person_id-row``, each a ``<use>`` of the person): a full row of the grid is one ``<use>`` of the row, and
    only the row where the filled people end is drawn person by person. A grid of 100 is about 1 KB of markup,
    rather than 5 KB with one ``<use>`` a person or 18 KB with one path a person (issue 16, lighter pages).
    The filled and the faint icons are two groups, so each icon is only its place.
    """
    columns = DENOMINATORS[denominator]
    row_id = f"{person_id}-row"

    def person(column: int, row: int) -> str:
        return f'<use href="#{person_id}" x="{column * CELL}" y="{row * CELL}"/>'

    def icons(first: int, last: int) -> str:
        """The people from place ``first`` up to, not including, ``last``: whole rows as rows, the rest one by one."""
        parts = []
        index = first
        while index < last:
            row, column = divmod(index, columns)
            if column == 0 and index + columns <= last:
                parts.append(f'<use href="#{row_id}" y="{row * CELL}"/>')
                index += columns
            else:
                parts.append(person(column, row))
                index += 1
        return "".join(parts)

    row_of_people = "".join(f'<use href="#{person_id}" x="{column * CELL}"/>' for column in range(columns))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {columns * CELL} {denominator // columns * CELL}" '
        f'class="icon-array-grid icon-array-of-{denominator}" aria-hidden="true" focusable="false">'
        f'<defs><path id="{person_id}" d="{PERSON}"/><g id="{row_id}">{row_of_people}</g></defs>'
        f'<g class="filled" fill="currentColor">{icons(0, count)}</g>'
        f'<g class="empty" fill="currentColor" fill-opacity="0.3">{icons(count, denominator)}</g></svg>'
    )


def sentence(group: Group, denominator: int, text: str, noun: str, qualifier: str = "") -> str:
    """ "About 30 out of 100 people still had ..." (with the group's name first when there are several).

    ``qualifier`` ("about", "more than") is the page's own hedge on the number, kept with it.
    """
    words = f"{qualifier} {group.count:,} out of {denominator:,} {noun} {text}".strip().rstrip(".") + "."
    return f"{group.label}: {words}" if group.label else words[0].upper() + words[1:]


def key(text: str, noun: str) -> str:
    """What the picture's marks mean: "Each figure stands for one person. The solid ones are the people who ...".

    Solid and faint, not dark and light: in dark mode the solid figures are the lighter ones.

    A reader who has never met an icon array needs the key to use it (PEMAT-P items 17 and 25).
    """
    *first, last = noun.split()
    one = " ".join([*first, SINGULAR.get(last, last.removesuffix("s"))])
    who = "who" if last in SINGULAR else "that"
    filled = f"The solid ones are the {noun} {who} {text.strip().rstrip('.')}"
    return f"Each figure stands for one {one}. {filled}; the faint ones are the rest."


SINGULAR = {"people": "person", "women": "woman", "men": "man", "children": "child", "adults": "adult"}


def parse_groups(value: str, denominator: int) -> list[Group]:
    """``Surgery: 79; Physiotherapy: 62`` -> groups; ValueError saying what is wrong."""
    groups = []
    for part in [piece.strip() for piece in value.split(";") if piece.strip()]:
        label, colon, number = part.rpartition(":")
        if not colon or not label.strip():
            raise ValueError(f"group '{part}' needs a name and a number, as in 'Surgery: 79'")
        groups.append(Group(label.strip(), parse_count(number, denominator, label.strip())))
    if len(groups) < 2:
        raise ValueError("':groups:' needs two or more groups, as in 'Surgery: 79; Physiotherapy: 62' (one group: use ':count:')")
    return groups


def parse_count(value: str, denominator: int, label: str = "") -> int:
    name = f"the count for '{label}'" if label else "':count:'"
    try:
        count = int(value.strip().replace(",", ""))
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got '{value.strip()}' (round it as the source does)") from None
    if not 0 <= count <= denominator:
        raise ValueError(
            f"{name} is {count}, but only {denominator:,} people are drawn (give a number from 0 to {denominator:,})"
        )
    return count


# --- Nodes -----------------------------------------------------------------------------


class icon_array(nodes.General, nodes.Element):
    """The whole picture: a ``<figure>`` named by its caption."""


class icon_grid(nodes.General, nodes.Element):
    """One group's grid (``svg``: markup made here from numbers) and its sentence as children."""


def _visit_array(self: Any, node: icon_array) -> None:
    caption = node.get("caption_id")
    labelled = {"aria-labelledby": caption} if caption else {}
    self.body.append(self.starttag(node, "figure", CLASS="icon-array", **labelled))


def _depart_array(self: Any, node: icon_array) -> None:
    self.body.append("</figure>\n")


def _visit_grid(self: Any, node: icon_grid) -> None:
    self.body.append(self.starttag(node, "div", CLASS="icon-array-group", **{"data-count": str(node["count"])}))
    self.body.append(node["svg"])


def _depart_grid(self: Any, node: icon_grid) -> None:
    self.body.append("</div>\n")


class IconArrayDirective(SphinxDirective):
    has_content = False
    option_spec = {  # noqa: RUF012 (docutils reads a class attribute)
        "of": directives.unchanged_required,
        "count": directives.unchanged_required,
        "groups": directives.unchanged_required,
        "text": directives.unchanged_required,
        "noun": directives.unchanged_required,
        "qualifier": directives.unchanged_required,
        "caption": directives.unchanged_required,
        "source": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        try:
            denominator, groups = self._numbers()
            caption, source = self._required("caption"), self._required("source")
            text = self._required("text")
        except ValueError as problem:
            report_error(self.env, self.env.docname, self.lineno, f"{{icon-array}}: {problem}")
            return []
        noun = self.options.get("noun", "people").strip()
        qualifier = self.options.get("qualifier", "").strip().lower()
        serial = self.env.new_serialno("icon-array")
        figure = icon_array(caption_id=f"icon-array-caption-{serial}")
        self.set_source_info(figure)
        for number, group in enumerate(groups, 1):
            person_id = f"icon-array-person-{serial}-{number}"
            grid = icon_grid(svg=grid_svg(group.count, denominator, person_id), count=group.count)
            grid += nodes.paragraph(text=sentence(group, denominator, text, noun, qualifier), classes=["icon-array-text"])
            figure += grid
        figure += nodes.paragraph(text=key(text, noun), classes=["icon-array-key"])
        figure += self._caption(caption, source, figure["caption_id"])
        return [figure]

    def _numbers(self) -> tuple[int, list[Group]]:
        written = self.options.get("of", "100").strip().replace(",", "")
        if not written.isdigit() or int(written) not in DENOMINATORS:
            raise ValueError(
                f"':of:' must be 100 or 1000, got '{written}' (use the same denominator for every number you compare)"
            )
        denominator = int(written)
        if ("count" in self.options) == ("groups" in self.options):
            raise ValueError("give either ':count:' (one group) or ':groups:' (several, as in 'Surgery: 79; Physiotherapy: 62')")
        if "count" in self.options:
            return denominator, [Group("", parse_count(self.options["count"], denominator))]
        return denominator, parse_groups(self.options["groups"], denominator)

    def _required(self, option: str) -> str:
        value = self.options.get(option, "").strip()
        if not value:
            hints = {
                "caption": "who the people are and the time frame, as in 'People with sciatica, one year later.'",
                "source": "the citation key of the study the numbers come from",
                "text": "what happened to the filled-in people, as in 'still had pain a year later'",
            }
            raise ValueError(f"missing ':{option}:' ({hints[option]})")
        return value

    def _caption(self, caption: str, source: str, caption_id: str) -> nodes.Node:
        """The caption paragraph, citing ``source`` as a ``{footcite}`` when the project has a bibliography."""
        line = f"{caption}{{footcite}}`{source}`" if "bibtex_bibfiles" in self.config else caption
        parsed = nodes.Element()
        self.state.nested_parse(StringList([line], source=self.get_source_info()[0]), self.content_offset, parsed)
        paragraph = parsed.children[0] if parsed.children else nodes.paragraph(text=caption)
        paragraph["classes"].append("icon-array-caption")
        paragraph["ids"].append(caption_id)
        return paragraph


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(icon_array, html=(_visit_array, _depart_array))
    app.add_node(icon_grid, html=(_visit_grid, _depart_grid))
    app.add_directive("icon-array", IconArrayDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
