"""A heading's words as the author wrote them, in whatever language the page is shown.

Checks find a page's parts by their headings ("When to get help", "Key points",
"Sources"). In a translation, Sphinx's ``Locale`` transform replaces a heading's
words while the page is read; just before, ``handbook.i18n.progress`` keeps the
words the author wrote on the section or box (:data:`SOURCE_TITLE`), and every
check reads them through :func:`source_title`.
"""

from __future__ import annotations

from docutils import nodes

SOURCE_TITLE = "handbook_source_title"


def title_text(node: nodes.Element) -> str:
    """The words of a section's or box's own title as shown, one space between them; "" for none."""
    title = node[0] if node.children and isinstance(node[0], nodes.title) else None
    return " ".join(title.astext().split()) if title is not None else ""


def source_title(node: nodes.Element) -> str:
    """The words of a section's or box's title as written in the page's source; "" for none."""
    return str(node.get(SOURCE_TITLE, title_text(node)))
