"""Described lists of articles for section landing pages and topic pages.

A patient choosing what to read needs more than titles: each entry shows the
article's title, linked, and its ``description``. ``{article-list}`` lists the
articles of a section (by default the page's own folder) or of one topic
(``:topic:``); ``{topic-list}`` lists every topic with its description and how
many articles it has.

The lists are filled in when pages are written, from the environment, like
``sphinx.ext.todo``'s ``todolist``. A listing page is rewritten whenever what it
shows changes (a title, a description, a topic), even if its own source did not.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx_tags import _normalize_tag

from handbook.content.metadata import page_meta
from handbook.core.document_store import DocumentStore
from handbook.topics.tags import page_topics, topic_name, vocabulary

Entry = tuple[str, str, str]  # (docname or topic page, title, description)


class listing(nodes.General, nodes.Element):
    """Placeholder replaced by a described list when the page is written."""


class ArticleList(SphinxDirective):
    option_spec: ClassVar = {"section": directives.unchanged, "topic": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        if "topic" in self.options:
            spec = ("topic", self.options["topic"])
        else:
            spec = ("section", self.options.get("section") or self.env.docname.split("/")[0])
        listing_specs(self.env)[self.env.docname] = spec
        return [listing(spec=spec)]


class TopicList(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        spec = ("topics", "")
        listing_specs(self.env)[self.env.docname] = spec
        return [listing(spec=spec)]


LISTINGS = DocumentStore[tuple[str, str]]("handbook_listings")
# On the environment: what each listing page showed when it was last written.
SHOWN = "handbook_listings_shown"


def listing_specs(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Which listing each page shows: ("section", name), ("topic", name) or ("topics", "")."""
    return LISTINGS.of(env)


def entries(env: BuildEnvironment, spec: tuple[str, str]) -> list[Entry]:
    kind, value = spec
    if kind == "topics":
        topics = vocabulary(env)
        counts: dict[str, int] = {}
        for tags in page_topics(env).values():
            for tag in tags:
                counts[tag] = counts.get(tag, 0) + 1
        prefix = env.config.tags_output_dir.strip("/")
        return [
            (f"{prefix}/{_normalize_tag(tag, dashes=True)}", f"{topic_name(env, tag)} ({counts[tag]})", topics.get(tag, ""))
            for tag in sorted(counts, key=lambda tag: topic_name(env, tag).lower())
        ]
    found = []
    for docname, meta in page_meta(env).items():
        if not meta.is_article or docname not in env.titles:
            continue
        in_scope = docname.startswith(f"{value}/") if kind == "section" else value in page_topics(env).get(docname, ())
        if in_scope:
            found.append((docname, env.titles[docname].astext(), meta.description or ""))
    return sorted(found, key=lambda entry: entry[1].lower())


def _fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(listing)):
        node.replace_self(_render(app, docname, entries(app.env, node["spec"])))


def _render(app: Sphinx, docname: str, found: list[Entry]) -> nodes.Node:
    items = nodes.bullet_list(classes=["handbook-listing"])
    for target, title, description in found:
        link = nodes.reference("", "", internal=True, refuri=app.builder.get_relative_uri(docname, target))
        link += nodes.strong(text=title)
        item = nodes.list_item()
        item += nodes.paragraph("", "", link)
        if description:
            item += nodes.paragraph(text=description, classes=["handbook-listing-description"])
        items += item
    return items


def _rewrite_changed_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose listing would now show something different from what was last written."""
    shown = getattr(env, SHOWN, {})
    current = {docname: entries(env, spec) for docname, spec in listing_specs(env).items()}
    setattr(env, SHOWN, current)
    return sorted(docname for docname, found in current.items() if shown.get(docname) != found)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(listing)
    app.add_directive("article-list", ArticleList)
    app.add_directive("topic-list", TopicList)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
