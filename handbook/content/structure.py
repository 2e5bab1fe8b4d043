"""The shape every article must have, checked while it is read.

A patient article is only safe to publish when its safety net is there: a
"Key points" box first, the sections its kind needs in their order (always
"When to get help" and "Sources"), at least two different sources, and a
"When to get help" section a reader can actually read. Broken Markdown hides
all of that without a single warning: an unclosed ````` fence turns the rest
of the page into one grey code block. So, for every article (every page
:func:`handbook.content.metadata.is_article` calls one, found by the build, not listed):

* **code blocks** are errors: patient articles never need one, and an unclosed
  fence is the usual cause, which the message then says;
* **When to get help** must hold paragraphs or a list, not be empty;
* **duplicate titles** across articles are an error naming both files.

These three catch broken Markdown, so they apply to drafts too. An article being
written may be incomplete; once it leaves ``review_status: draft`` it must also
have

* the **Key points** box (``handbook_key_points_title``) first, with a list of points;
* the **required headings** of its kind, in order (``handbook_required_headings``:
  docname patterns, first match wins); other headings may come between them;
* at least ``handbook_min_sources`` **different cited sources**;
* **none of the template's placeholder text** (``handbook_article_template``,
  the file ``make article`` copies). The template's "When to get help" text is
  the standard wording an article may keep; every other sentence of its prose
  is an instruction to the writer.

Every problem is one ``docs/<file>:<line>: ERROR: what (how to fix)`` line.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.content.frontmatter import FrontMatterError, split_front_matter
from handbook.content.metadata import page_meta
from handbook.content.readability import SOURCES_TITLE, body_text
from handbook.core.diagnostics import fail_build, node_line, report_error, source_location
from handbook.core.document_store import DocumentStore
from handbook.core.headings import source_title

logger = logging.getLogger(__name__)

HELP = "When to get help"
SOURCES = SOURCES_TITLE  # one heading, for the required headings and the readability score
# The default handbook_required_headings: docname patterns, first match wins.
REQUIRED_HEADINGS = {
    "conditions/*": ["What it is", "Symptoms", "Causes", "What helps", "Outlook", HELP, SOURCES],
    "treatments/*": [
        "What it is",
        "What the evidence says",
        "Risks and side effects",
        "What to expect",
        "Questions to ask",
        HELP,
        SOURCES,
    ],
    "*": [HELP, SOURCES],
}
KEY_POINTS = "Key points"
MIN_SOURCES = 2
TEMPLATE = "_data/article-template.md"
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
MIN_PLACEHOLDER_WORDS = 4


def required_headings(config: Config, docname: str) -> list[str]:
    """The ``##`` headings an article needs, from the first pattern that matches its docname."""
    for pattern, headings in config.handbook_required_headings.items():
        if fnmatch.fnmatchcase(docname, pattern):
            return list(headings)
    return []


def heading_matches(title: str, heading: str) -> bool:
    """A required heading may go on with more words, as NHS.UK's do: "Symptoms of sciatica" is "Symptoms".

    A heading that says what it is about helps a reader scanning the page (PEMAT-P item 9), where the same
    "Symptoms" on every condition page does not; the structure stays checkable.
    """
    return title == heading or title.startswith((f"{heading} ", f"{heading}:"))


def matching_title(titles: list[str], heading: str) -> int | None:
    """The place of the first title that is ``heading``, or starts with it (:func:`heading_matches`)."""
    return next((index for index, title in enumerate(titles) if heading_matches(title, heading)), None)


def _subsections(page: nodes.section) -> list[nodes.section]:
    return [child for child in page.children if isinstance(child, nodes.section)]


class ArticleChecker:
    """Checks one article's doctree and reports each problem once."""

    def __init__(self, app: Sphinx, docname: str, doctree: nodes.document, source: str) -> None:
        self.env = app.env
        self.config = app.config
        self.docname = docname
        self.doctree = doctree
        self.source_lines = source.splitlines()
        self.page = next(iter(doctree.findall(nodes.section)), None)

    def error(self, line: int, message: str) -> None:
        report_error(self.env, self.docname, line, message)

    def check_markdown(self) -> None:
        self.code_blocks()
        self.help_section_text()

    def check_completeness(self) -> None:
        self.key_points()
        self.headings()
        self.sources()
        self.placeholders()

    def code_blocks(self) -> None:
        for block in self.doctree.findall(lambda node: isinstance(node, nodes.literal_block | nodes.doctest_block)):
            line = node_line(block)
            content = block.astext().splitlines()
            swallowed = [text.strip() for text in content if text.startswith("#")]
            hidden = f"; it hides {', '.join(repr(text) for text in swallowed[:3])}" if swallowed else ""
            fence = self._fence(line)
            if fence and self._looks_unclosed(content, line):
                last = min(line + len(content) + 1, self._end_line())
                self.error(
                    line,
                    f"unclosed code fence: lines {line} to {last} are shown as one code block{hidden} "
                    f"(delete this {fence} line, or close the fence right after the code)",
                )
            else:
                self.error(
                    line,
                    f"code block: articles have no code blocks{hidden} (write it as text; a line indented by "
                    "4 spaces or a ``` fence makes one)",
                )

    def _fence(self, line: int) -> str:
        match = FENCE.match(self.source_lines[line - 1]) if 0 < line <= len(self.source_lines) else None
        return match.group(1) if match else ""

    def _looks_unclosed(self, content: list[str], line: int) -> bool:
        """A fence closed by the end of the file, or one that swallowed a heading or the next fence's opening
        line (the next block's closing fence then closed this one), was meant to end earlier."""
        reaches_end = line + len(content) >= len(self.source_lines)
        return reaches_end or any(text.startswith("#") or FENCE.match(text) for text in content)

    def _section(self, title: str) -> nodes.section | None:
        if self.page is None:
            return None
        return next((section for section in _subsections(self.page) if source_title(section) == title), None)

    def help_section_text(self) -> None:
        section = self._section(self.config.handbook_help_heading)
        if section is None:
            return
        readable = [
            node
            for node in section.findall(nodes.paragraph)
            if node.astext().strip() and not isinstance(node.parent, nodes.title)
        ]
        if not readable:
            self.error(
                node_line(section),
                f"'## {self.config.handbook_help_heading}': expected paragraphs or a list saying when to get "
                "help, found no text (write the warning signs and where to go)",
            )

    def key_points(self) -> None:
        wanted = self.config.handbook_key_points_title
        if not wanted or self.page is None:
            return
        blocks = [child for child in self.page.children if isinstance(child, nodes.Admonition | nodes.section)]
        boxes = [node for node in blocks if isinstance(node, nodes.admonition) and source_title(node) == wanted]
        how = f"put ':::{{admonition}} {wanted}' with a '- ' list of the main points under the title"
        if not boxes:
            line = node_line(blocks[0]) if blocks else node_line(self.page)
            self.error(line, f"'{wanted}' box: missing ({how})")
            return
        box = boxes[0]
        if blocks[0] is not box:
            self.error(node_line(box), f"'{wanted}' box: expected first, before line {node_line(blocks[0])} ({how})")
        if next(box.findall(nodes.list_item), None) is None:
            self.error(node_line(box), f"'{wanted}' box: expected a '- ' list of points, got none ({how})")

    def headings(self) -> None:
        if self.page is None:
            return
        found = [(source_title(section), node_line(section)) for section in _subsections(self.page)]
        titles = [title for title, _ in found]
        required = required_headings(self.config, self.docname)
        # A heading a code block swallowed is reported with the code block, once.
        swallowed = {
            text.lstrip("#").strip()
            for block in self.doctree.findall(nodes.literal_block)
            for text in block.astext().splitlines()
            if text.startswith("#")
        }
        kind = ", ".join(required)
        last = -1
        for heading in required:
            index = matching_title(titles, heading)
            if heading in swallowed and index is None:
                continue
            if index is None:
                extra = [title for title in titles if not any(heading_matches(title, wanted) for wanted in required)]
                close = difflib.get_close_matches(heading, extra, n=1, cutoff=0.6)
                if close:
                    self.error(
                        found[titles.index(close[0])][1],
                        f"'## {close[0]}': expected '## {heading}' (rename it; this article needs, in order: {kind})",
                    )
                    continue
                line = found[last + 1][1] if last + 1 < len(found) else self._end_line()
                self.error(line, f"'## {heading}': missing (add it here; this article needs, in order: {kind})")
                continue
            if index < last:
                self.error(
                    found[index][1],
                    f"'## {heading}': expected after '## {titles[last]}' (this article needs, in order: {kind})",
                )
                continue
            last = index

    def _end_line(self) -> int:
        return max(len(self.source_lines), 1)

    def sources(self) -> None:
        minimum = self.config.handbook_min_sources
        keys = sorted(cited_sources(self.doctree))
        if len(keys) >= minimum:
            return
        section = self._section(SOURCES)
        line = node_line(section) if section is not None else self._end_line()
        shown = f" ({', '.join(keys)})" if keys else ""
        self.error(
            line,
            f"sources: expected at least {minimum} different sources, got {len(keys)}{shown} "
            "(cite each with {footcite}`key` from the references file)",
        )

    def placeholders(self) -> None:
        sentences = placeholder_sentences(self.env)
        if not sentences:
            return
        for paragraph in self.doctree.findall(nodes.paragraph):
            text = _comparable(body_text(paragraph))
            kept = next((sentence for sentence in sentences if f" {sentence} " in text), None)
            if kept:
                self.error(
                    node_line(paragraph),
                    f"template text: '{sentences[kept]}' is the template's placeholder "
                    "(replace it with the article's own words, or keep review_status: draft)",
                )


def cited_sources(doctree: nodes.document) -> set[str]:
    """The different works the page cites: ``{footcite}`` and ``{cite}`` keys that became links."""
    keys = {
        reference["refid"].removeprefix("footcite-")
        for reference in doctree.findall(nodes.footnote_reference)
        if reference.get("refid", "").startswith("footcite-")
    }
    keys |= {node.get("reftarget", "") for node in doctree.findall(nodes.Element) if node.get("refdomain") == "cite"}
    return keys - {""}


def _comparable(text: str) -> str:
    """Lower-case words separated by single spaces, padded, so phrases compare as whole words."""
    return " " + " ".join(re.sub(r"[^\w]+", " ", text.lower()).split()) + " "


MARKUP = (
    (re.compile(r"\{footcite[pt]?\}`[^`]*`|\{cite[pt]?\}`[^`]*`"), ""),
    (re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(<[^>]*>)?`"), r"\1"),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"[*_`]"), ""),
)


def template_prose(text: str, keep_heading: str) -> Iterable[str]:
    """The prose of the article template: each paragraph and list item, markup removed,
    skipping headings, fenced blocks, directive lines and the ``keep_heading`` section."""
    try:
        split = split_front_matter(text)
    except FrontMatterError:
        split = None
    body = text.splitlines()[split[1] :] if split else text.splitlines()
    heading = ""
    fence = ""
    block: list[str] = []
    blocks: list[str] = []
    for line in [*body, ""]:
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) and not stripped[len(fence) :].strip() else fence
            continue
        opener = FENCE.match(line)
        if opener:
            fence = opener.group(1)
        if opener or not stripped or stripped.startswith(("#", ":::", ":")) or stripped.startswith("- "):
            if block and heading != keep_heading:
                blocks.append(" ".join(block))
            block = []
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
        elif stripped and not opener and not stripped.startswith((":::", ":")):
            block.append(stripped.removeprefix("- "))
    for prose in blocks:
        for pattern, replacement in MARKUP:
            prose = pattern.sub(replacement, prose)
        yield prose


def split_sentences(text: str) -> list[str]:
    return [sentence for sentence in re.split(r"(?<=[.!?])\s+", text.strip()) if sentence]


TEMPLATE_CACHE: dict[tuple[str, float], dict[str, str]] = {}


def placeholder_sentences(env: BuildEnvironment) -> dict[str, str]:
    """The template's placeholder sentences, comparable form to the sentence as written."""
    if not env.config.handbook_article_template:
        return {}
    path = Path(env.srcdir, env.config.handbook_article_template)
    try:
        key = (str(path), path.stat().st_mtime)
    except OSError:
        return {}
    if key not in TEMPLATE_CACHE:
        text = path.read_text(encoding="utf-8")
        sentences = {
            _comparable(sentence).strip(): sentence
            for prose in template_prose(text, env.config.handbook_help_heading)
            for sentence in split_sentences(prose)
            if len(sentence.split()) >= MIN_PLACEHOLDER_WORDS
        }
        TEMPLATE_CACHE.clear()
        TEMPLATE_CACHE[key] = sentences
    return TEMPLATE_CACHE[key]


TITLES = DocumentStore[tuple[str, int]]("handbook_article_titles")


def _check_article(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    meta = page_meta(app.env).get(docname)
    if meta is None or not meta.is_article:
        return
    source = Path(app.env.doc2path(docname)).read_text(encoding="utf-8-sig", errors="replace")
    checker = ArticleChecker(app, docname, doctree, source)
    if checker.page is not None:
        title = checker.page.next_node(nodes.title)
        TITLES.of(app.env)[docname] = (source_title(checker.page), node_line(title))
    checker.check_markdown()
    if meta.review_status != "draft":
        template = Path(app.srcdir, app.config.handbook_article_template)
        if app.config.handbook_article_template and template.is_file():
            app.env.note_dependency(str(template))  # a changed template re-checks every article
        checker.check_completeness()


def _check_duplicate_titles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Two articles with one title confuse readers, search and the book's contents."""
    first: dict[str, str] = {}
    for docname, (title, line) in sorted(TITLES.of(env).items()):
        key = " ".join(title.casefold().split())
        if key not in first:
            first[key] = docname
            continue
        other = source_location(env, first[key], TITLES.of(env)[first[key]][1])
        logger.error(
            "title '%s': also the title of %s (give each article its own title)",
            title,
            other.rsplit(":", 1)[0],
            location=source_location(env, docname, line),
            type="handbook",
        )
        fail_build(app)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("handbook.content.metadata")
    app.add_config_value("handbook_required_headings", REQUIRED_HEADINGS, "env", dict)
    app.add_config_value("handbook_key_points_title", KEY_POINTS, "env", str)
    app.add_config_value("handbook_help_heading", HELP, "env", str)
    app.add_config_value("handbook_min_sources", MIN_SOURCES, "env", int)
    app.add_config_value("handbook_article_template", TEMPLATE, "env", str)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
