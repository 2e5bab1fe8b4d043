"""``{search-field}``: a labelled search form inside a page, for the home page's first screen.

The theme's search is a button that opens a dialog with scripts; a patient on
a phone who lands on the home page should see a plain field with a label in
words they would use, as NHS.UK puts search first. The field is an ordinary
``<form method="get">`` that sends ``q`` to the search page, so it works
without scripts and from any depth of the site. Articles may not hold raw
HTML (:mod:`handbook.content.forbidden_markup`), so the form comes from this
directive; in print the form is left out with every other form
(:data:`handbook.printing.documents.WEB_ONLY`). On a page with the field,
``_static/handbook.css`` hides the header's and the sidebar's search buttons,
so a patient sees one search entry at every width, not two
(``tests/test_search_entry.py``).
"""

from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

DEFAULT_LABEL = "Search in your own words (for example: pain down my leg)"


class search_field(nodes.General, nodes.Element):
    """The form; ``label`` is its visible label and ``field_id`` ties the label to the field."""


def _visit_html(self: Any, node: search_field) -> None:
    action = self.builder.get_relative_uri(self.builder.current_docname, "search")
    field_id = node["field_id"]
    self.body.append(
        f'<form class="handbook-search-field" action="{escape(action)}" method="get" role="search">\n'
        f'<label for="{field_id}">{escape(node["label"])}</label>\n'
        f'<div class="handbook-search-row"><input id="{field_id}" type="search" name="q" '
        'autocomplete="off" enterkeyhint="search" />'
        '<button type="submit">Search</button></div>\n</form>\n'
    )
    raise nodes.SkipNode


def _skip(self: Any, node: search_field) -> None:
    raise nodes.SkipNode  # a search form means nothing outside the website


class SearchFieldDirective(SphinxDirective):
    option_spec: ClassVar = {"label": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        serial = self.env.new_serialno("handbook-search-field")
        label = self.options.get("label", DEFAULT_LABEL).strip()
        return [search_field(label=label, field_id=f"handbook-search-{serial}")]


def setup(app: Sphinx) -> dict[str, Any]:
    skip = (_skip, None)
    app.add_node(search_field, html=(_visit_html, None), text=skip, latex=skip, man=skip, texinfo=skip)
    app.add_directive("search-field", SearchFieldDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
