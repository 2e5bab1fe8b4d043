"""Topics: sphinx-tags, held to one controlled vocabulary and kept incremental.

sphinx-tags (mandated by the design card) reads each page's backtick-fenced
``{tags}`` block from the raw text and writes one Markdown page per tag into
``docs/<tags_output_dir>/`` on every build. This module:

* checks every tags block against the vocabulary file (``handbook_topics_file``,
  a mapping of topic to a one-line description for patients): unknown or
  mis-cased topics, a second block, a colon- or tilde-fenced block that
  sphinx-tags would silently ignore, or an article without a block are errors
  with a did-you-mean;
* puts each topic's description and an article listing on its topic page
  (:mod:`handbook.search.search_page` keeps topic pages out of the search index);
* makes topic pages only for topics in the vocabulary, and keeps the
  timestamps of generated files whose content did not change, so a no-op build
  re-reads nothing (sphinx-tags deletes and rewrites them all);
* deletes the HTML of topic pages whose topic is no longer used.

sphinx-tags has no hooks for any of this, so the module reaches into it. Each
reach is checked, and a sphinx-tags without what it needs stops the build with
one line (:mod:`handbook.core.upstream`): its ``builder-inited`` listener
``update_tags`` must be there to replace (:data:`LISTENER`), the pieces that
write the pages must be there (:data:`PAGE_WRITER`), and the Markdown it writes
must have the title and toctree this module edits (:data:`TOPIC_MARKDOWN`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sphinx_tags
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.matching import get_matching_files

from handbook.content.metadata import did_you_mean, is_article
from handbook.core.datafiles import DataFile, DataFileError
from handbook.core.diagnostics import report_error
from handbook.core.document_store import DocumentStore
from handbook.core.output_cache import digest_of, last_digest, remember_digest
from handbook.core.upstream import UpstreamHook
from handbook.i18n.data import KEYS, shown_keys
from handbook.i18n.interface import _

MAX_TOPIC_LENGTH = 60
TAGS_OPENER = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\{tags\}(?P<rest>.*)$")
# The start of the toctree sphinx-tags writes on the topics index, which _decorate_topic_page hides.
TOCTREE_OPENER = "```{toctree}\n---\n"

LISTENER = UpstreamHook(
    "sphinx-tags",
    __name__,
    "replaces it to keep topic pages incremental and in the vocabulary",
    issue="https://github.com/melissawm/sphinx-tags/pull/111",
)
# No upstream issue found for a vocabulary (VocabularyEntry).
PAGE_WRITER = UpstreamHook("sphinx-tags", __name__, "uses it to write topic pages for the vocabulary's topics only")
# No upstream issue found for a topic page's description or a listing in place of its toctree.
TOPIC_MARKDOWN = UpstreamHook(
    "sphinx-tags", __name__, "edits the Markdown to give each topic page its description and a described article list"
)


@dataclass(frozen=True)
class TagsBlock:
    line: int
    fence: str
    tags: tuple[tuple[str, int], ...]  # (topic as written, its line)


def find_tags_blocks(text: str) -> list[TagsBlock]:
    """Every ``{tags}`` block in ``text``, read the way sphinx-tags reads it: comma-separated
    topics on the opening line and on the lines up to the closing fence."""
    lines = text.splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        opener = TAGS_OPENER.match(lines[index])
        index += 1
        if not opener:
            continue
        opener_line = index
        fence = opener["fence"]
        found = [(item, index) for item in opener["rest"].split(",")]
        while index < len(lines) and not _closes(lines[index], fence):
            found += [(item, index + 1) for item in lines[index].split(",")]
            index += 1
        index += 1
        tags = tuple((" ".join(item.split()).strip('"'), line) for item, line in found if item.strip())
        blocks.append(TagsBlock(line=opener_line, fence=fence, tags=tags))
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def parse_vocabulary(data: object) -> dict[str, str]:
    """The topic vocabulary: ``topic: one-line description for patients``."""
    if not isinstance(data, dict) or not data:
        raise DataFileError(1, "expected 'topic: description' lines, got no topics")
    for topic, description in data.items():
        if not isinstance(topic, str) or not isinstance(description, str) or not description.strip():
            raise DataFileError(1, f"topic {topic!r}: expected a one-line description for patients")
        if topic != topic.strip() or "," in topic:
            raise DataFileError(1, f"topic {topic!r}: expected a name without commas or outer spaces")
        if not 0 < len(sphinx_tags._normalize_tag(topic, dashes=True)) <= MAX_TOPIC_LENGTH:
            raise DataFileError(1, f"topic {topic!r}: expected 1 to {MAX_TOPIC_LENGTH} letters or digits")
    return {topic: " ".join(description.split()) for topic, description in data.items()}


VOCABULARY = DataFile(
    "handbook_topics_file",
    "handbook_vocabulary",
    "'topic: description' lines",
    parse_vocabulary,
    fallback=None,
    translatable=("*", KEYS),  # each topic's description, and its name, shown translated (topic_name)
)


def vocabulary(env: BuildEnvironment) -> dict[str, str]:
    return getattr(env, "handbook_vocabulary", None) or {}


def topic_name(env: BuildEnvironment, topic: str) -> str:
    """The topic's name as the reader sees it: the tag articles write, or its translation (``i18n.data``)."""
    names: dict[str, str] = getattr(env, "handbook_topic_names", {})
    return names.get(topic, topic)


TOPICS = DocumentStore[tuple[str, ...]]("handbook_topics")


def page_topics(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    """Every read document's checked topics, by docname."""
    return TOPICS.of(env)


def is_topic_page(config: Config, docname: str) -> bool:
    return docname.split("/")[0] == config.tags_output_dir.strip("/")


class VocabularyEntry(sphinx_tags.Entry):
    """sphinx-tags' page scanner, keeping only topics from the vocabulary.

    sphinx-tags makes a topic page for every tag it finds in the raw text, before
    any page is read and checked: a mistyped tag would get a page, and a very long
    one crashes the build writing a file name the system refuses. Unknown tags
    are reported, with file and line, when the page is read. No upstream issue
    found for a vocabulary; on the raw-text scanning,
    https://github.com/melissawm/sphinx-tags/issues/105.
    """

    def __init__(self, entrypath: Path, vocabulary: Set[str]) -> None:
        try:
            super().__init__(entrypath)
        except OSError:
            self.tags = []  # Sphinx reports an unreadable page when it reads it
        except UnicodeDecodeError:  # handbook.core.encoding reports it when the page is read; its topics still get pages
            self.filepath = entrypath
            blocks = find_tags_blocks(entrypath.read_bytes().decode("utf-8-sig", errors="replace"))
            self.tags = [tag for tag, _ in blocks[0].tags] if blocks and blocks[0].fence.startswith("`") else []
        self.tags = [tag for tag in self.tags if tag in vocabulary]


# Every setting sphinx-tags reads when it makes its pages (it skips excluded files, such as drafts).
TAGS_SETTINGS: tuple[str, ...] = ("tags_create_tags", "tags_extension", "tags_intro_text", "tags_page_title", "tags_page_header")
TAGS_SETTINGS += ("tags_overview_title", "tags_index_head", "tags_output_dir", "exclude_patterns")


def topic_pages_digest(app: Sphinx, topics: dict[str, str]) -> str:
    """What the generated topic pages are made from: every source file's size and time,
    the vocabulary and sphinx-tags' settings."""
    srcdir = Path(app.srcdir)
    output = srcdir / app.config.tags_output_dir
    sources = []
    for folder, subfolders, files in os.walk(srcdir):
        subfolders[:] = sorted(name for name in subfolders if Path(folder, name) != output)
        for name in sorted(files):
            stat = os.stat(os.path.join(folder, name))
            sources.append((os.path.relpath(os.path.join(folder, name), srcdir), stat.st_size, stat.st_mtime_ns))
    settings = [repr(app.config[name]) for name in TAGS_SETTINGS]
    generated = sorted(file.name for file in output.iterdir()) if output.is_dir() else None
    return digest_of((sources, sorted(topics.items()), settings, generated))


def _take_over_topic_pages(app: Sphinx) -> None:
    """Disconnect sphinx-tags' ``update_tags``, which deletes and rewrites every topic page on every build.

    It must be connected: else sphinx-tags has changed how it makes its pages,
    and they would be made twice, or by sphinx-tags alone, with every tag.
    ``_generate_topic_pages`` makes them instead (the wiring table in ``handbook/__init__.py``).
    """
    LISTENER.disconnect(app, "builder-inited", LISTENER.attribute(sphinx_tags, "update_tags"))


def _generate_topic_pages(app: Sphinx) -> None:
    """Make sphinx-tags' topic pages in place of its own builder-inited handler.

    Around it: load the vocabulary, keep unknown tags out of the generated pages,
    and give back the old timestamp to every file sphinx-tags rewrote unchanged,
    so a no-op build re-reads nothing. sphinx-tags reads every source file to
    make its pages (a fifth of a second at 1,000 articles), so when no source
    file, topic or setting changed since the pages were made, they are kept.
    """
    VOCABULARY.load(app)
    topics = vocabulary(app.env)
    app.env.handbook_topic_names = shown_keys(app, app.config.handbook_topics_file, list(topics))  # type: ignore[attr-defined]
    if last_digest(app, "topic-pages") == topic_pages_digest(app, topics):
        return
    _run_sphinx_tags(app, topics)
    remember_digest(app, "topic-pages", topic_pages_digest(app, topics))  # its pages are among the inputs


def _run_sphinx_tags(app: Sphinx, topics: dict[str, str]) -> None:
    folder = Path(app.srcdir) / app.config.tags_output_dir
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    snapshot = {file.name: (file.read_bytes(), file.stat()) for file in files}
    _write_topic_pages(app, frozenset(topics))
    for name, (content, stat) in snapshot.items():
        file = folder / name
        if file.is_file() and file.read_bytes() == content:
            os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _write_topic_pages(app: Sphinx, topics: Set[str]) -> None:
    """What sphinx-tags' ``update_tags`` does, with :class:`VocabularyEntry` reading the pages.

    sphinx-tags has no setting or hook for its page scanner: ``update_tags``
    looks up ``sphinx_tags.Entry`` by name. Swapping that class while it runs
    (``mock.patch.object``, as the handbook once did) would silently stop
    working if sphinx-tags made its entries another way. So its steps are
    here, and its own ``Tag.create_file`` and ``tagpage`` write the pages.
    """
    config = app.config
    if not config.tags_create_tags:
        return
    write_index = PAGE_WRITER.attribute(sphinx_tags, "tagpage")
    folder = Path(app.srcdir) / config.tags_output_dir
    folder.mkdir(parents=True, exist_ok=True)
    for file in folder.iterdir():
        if file.name.endswith(("md", "rst")):  # what update_tags deletes
            file.unlink()
    patterns = [f"**.{extension}" for extension in config.tags_extension]
    paths = get_matching_files(app.srcdir, include_patterns=patterns, exclude_patterns=config.exclude_patterns)
    entries = [VocabularyEntry(Path(app.srcdir) / path, topics) for path in paths]
    tags: dict[str, Any] = {}
    for entry in entries:
        entry.assign_to_tags(tags)
    for tag in tags.values():
        tagged = [entry for entry in entries if tag.name in entry.tags]
        output = Path(config.tags_output_dir)
        tag.create_file(tagged, config.tags_extension, output, app.srcdir, config.tags_page_title, config.tags_page_header)
    write_index(tags, str(folder), config.tags_overview_title, config.tags_extension, config.tags_index_head)


def _reread_when_vocabulary_changes(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """A changed vocabulary re-reads every page that uses topics, and every topic page."""
    if not VOCABULARY.changed_since_last_build(env):
        return []
    tagged = set(page_topics(env)) | {doc for doc in env.found_docs if is_topic_page(env.config, doc)}
    return sorted(tagged - set(removed))


def _check_tags(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    if is_topic_page(app.config, docname):
        source[0] = _decorate_topic_page(app, source[0])
        return
    if getattr(env, "handbook_vocabulary", None) is None:
        return  # the vocabulary itself is broken, and was reported
    topics = vocabulary(env)
    vocabulary_file = os.path.relpath(Path(app.srcdir) / app.config.handbook_topics_file)
    blocks = find_tags_blocks(source[0])
    if not blocks and is_article(app.config, docname):
        report_error(
            env, docname, 1, f"tags block: missing; add ```{{tags}} topic, topic``` under the title (topics: {vocabulary_file})"
        )
    accepted: list[str] = []
    for number, block in enumerate(blocks):
        if not block.fence.startswith("`"):
            report_error(
                env,
                docname,
                block.line,
                f"tags block: expected a backtick fence ```{{tags}}, got '{block.fence}{{tags}}' (sphinx-tags ignores it)",
            )
            continue
        if number and blocks[0].fence.startswith("`"):
            report_error(
                env,
                docname,
                block.line,
                f"tags block: expected one per page (the first is at line {blocks[0].line}), got another; merge them",
            )
            continue
        if not block.tags:
            report_error(env, docname, block.line, f"tags block: expected at least one topic from {vocabulary_file}")
        for tag, line in block.tags:
            problem = _tag_problem(tag, topics, accepted)
            if problem:
                report_error(env, docname, line, f"{problem} (topics: {vocabulary_file})")
            else:
                accepted.append(tag)
    if accepted:
        page_topics(env)[docname] = tuple(accepted)


def _tag_problem(tag: str, topics: dict[str, str], accepted: list[str]) -> str | None:
    if tag in accepted:
        return f"tags: '{tag}' is listed twice; keep one"
    if tag in topics:
        return None
    same_letters = [topic for topic in topics if topic.lower() == tag.lower()]
    if same_letters:
        expected = same_letters[0]
        return f"tags: expected '{expected}' in lower case as in the vocabulary, got '{tag}'; did you mean '{expected}'?"
    return f"tags: unknown topic '{tag}'{did_you_mean(tag, tuple(topics))}"


def _decorate_topic_page(app: Sphinx, text: str) -> str:
    """Give a topic page its description and a described article list.

    sphinx-tags writes a title and a toctree of the tagged articles. That toctree
    would make every article a child of each of its topics as well as of its
    section, so it is replaced by a listing that shows each article with its
    description, as section pages do. The topics index keeps its toctree, which
    places the topic pages in the navigation, but shows the described list.
    """
    title = re.search(r"^# .*$", text, flags=re.MULTILINE)
    if not title:
        TOPIC_MARKDOWN.missing("'# ' title in a topic page it writes")
    head = text[: title.start()]
    if title.group() == f"# {app.config.tags_overview_title}":
        head += f"# {_(app.config.tags_overview_title)}"  # in a translation, its words (sphinx.po)
        return f"{head}\n\n```{{topic-list}}\n```\n{_hidden_toctree(text[title.end() :])}"
    prefix = f"# {app.config.tags_page_title}: "
    if not title.group().startswith(prefix):
        TOPIC_MARKDOWN.missing(f"title {prefix!r} in a topic page it writes")
    topic = title.group().removeprefix(prefix)
    head += f"# {_(app.config.tags_page_title)}: {topic_name(app.env, topic)}"
    description = vocabulary(app.env).get(topic, "")
    return f"{head}\n\n{description}\n\n```{{article-list}}\n:topic: {topic}\n```\n"


def _hidden_toctree(markdown: str) -> str:
    """The topics index's toctree, hidden: it places the topic pages in the navigation; the topic list shows them."""
    if TOCTREE_OPENER not in markdown:
        TOPIC_MARKDOWN.missing(f"{TOCTREE_OPENER!r} in the topics index it writes")
    return markdown.replace(TOCTREE_OPENER, f"{TOCTREE_OPENER}hidden: true\n", 1)


class TagsDirective(sphinx_tags.TagLinks):
    """sphinx-tags' directive, minus its crash on an empty block and a second block's broken links.

    sphinx-tags raises ``ExtensionError`` for an empty ``{tags}`` block, which
    stops the build with a traceback, and makes topic pages from a page's first
    block only, so a second block's badges link to pages that may not exist.
    Both were reported with their file and line when the page was read, so
    they render nothing.
    """

    def run(self) -> list[nodes.Node]:
        if not (self.arguments or "".join(self.content).strip(", \n")):
            return []
        if self.env.temp_data.setdefault("handbook_tags_shown", False):
            return []
        self.env.temp_data["handbook_tags_shown"] = True
        return super().run()


def _link_badges_as_documents(app: Sphinx, doctree: nodes.document) -> None:
    """Turn sphinx-tags' hard-coded ``../_tags/x.html`` links into document references.

    Resolved by Sphinx, they work in every builder (single-page HTML for the PDF,
    dirhtml), are checked by ``-n``, and are not mistaken for external links.
    """
    folder = app.config.tags_output_dir.strip("/")
    topics = vocabulary(app.env)
    for badges in doctree.findall(nodes.paragraph):
        if "tags" not in badges["classes"]:
            continue
        intro = next(iter(badges.findall(nodes.inline)), None)
        if intro is not None and intro.astext().strip() == app.config.tags_intro_text:
            intro.replace_self(nodes.inline(text=f"{_(app.config.tags_intro_text)} "))  # in a translation, its words
        for link in list(badges.findall(nodes.reference)):
            if link.astext() not in topics:
                link.replace_self(nodes.inline(text=link.astext()))  # reported when the page was read
                continue
            page = Path(link.get("refuri", "")).stem
            xref = addnodes.pending_xref(
                "", nodes.inline(text=topic_name(app.env, link.astext())), refdomain="std", reftype="doc",
                reftarget=f"/{folder}/{page}", refexplicit=True, refwarn=True, refdoc=app.env.docname,
            )  # fmt: skip
            link.replace_self(xref)


def _remove_stale_topic_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    folder = Path(app.outdir) / app.config.tags_output_dir
    prefix = app.config.tags_output_dir.strip("/")
    for page in folder.glob("*.html") if folder.is_dir() else []:
        if f"{prefix}/{page.stem}" not in app.env.found_docs:
            page.unlink()


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_tags")
    app.add_directive("tags", TagsDirective, override=True)
    app.add_config_value("handbook_topics_file", "_data/topics.yaml", "env", str)
    _take_over_topic_pages(app)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
