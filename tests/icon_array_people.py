"""Where an icon array's people are drawn, as a reader sees them: each ``<use>`` followed to what it copies.

``handbook.article.icon_arrays`` draws a person once and a row of people once, and copies them; counting the
``<use>`` elements would count rows as people. The figure and decision-aid tests count the people instead.
"""

from __future__ import annotations

from bs4 import Tag

Place = tuple[int, int]


def people_drawn(svg: Tag) -> tuple[list[Place], list[Place]]:
    """The (x, y) of each solid and each faint person of an icon array's ``<svg>``, in drawing order."""
    by_id = {element["id"]: element for element in svg.select("defs [id]")}

    def places(element: Tag, x: int = 0, y: int = 0) -> list[Place]:
        if element.name == "path":
            return [(x, y)]
        if element.name == "use":
            target = by_id[str(element["href"]).removeprefix("#")]
            return places(target, x + int(element.get("x", 0)), y + int(element.get("y", 0)))
        return [place for child in element.find_all(recursive=False) for place in places(child, x, y)]

    return places(svg.select_one("g.filled")), places(svg.select_one("g.empty"))


def people_in(group: Tag) -> int:
    """How many people one group of an icon array draws, solid and faint."""
    filled, faint = people_drawn(group.select_one("svg"))
    return len(filled) + len(faint)
