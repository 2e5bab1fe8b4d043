"""Reading level of every article, measured on the text a patient reads.

Most adults read comfortably at grade 8; orthopaedic handouts typically score
13.7. The handbook holds each article to Flesch-Kincaid grade
``handbook_max_grade`` (8) or lower, measured on the rendered body text: not
headings, not the page's furniture (topic badges, the review line, dates,
change notes and reviewer, the links for corrections and feedback), not the sources. Each
paragraph, list item and table cell counts as at least one sentence, as a
reader takes it. An article above the limit fails the build, naming its grade.
So does a block of text the formula cannot measure (a paragraph of Thai or
Chinese, written without spaces, or of Greek or Cyrillic): it would otherwise
count as one long word, or not at all, and hide from the limit.

``sphinx-build -b readability`` (``make readability``) prints a table of every
article's words, Flesch-Kincaid grade and SMOG index, hardest first, and writes
it to ``readability.md`` in the output folder.

textstat is pinned to 0.7.4: later versions download a pronunciation
dictionary at run time, which fails offline and in CI; 0.7.4 counts syllables
with pyphen.
"""

from __future__ import annotations

import functools
import statistics
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.article import DECORATION_CLASSES
from handbook.content.metadata import page_meta
from handbook.core.diagnostics import fail_build, node_line, report_error
from handbook.core.document_store import DocumentStore
from handbook.core.headings import source_title
from handbook.i18n.languages import is_translation
from handbook.i18n.progress import translation_state

logger = logging.getLogger(__name__)

NOT_READ_AS_TEXT = (nodes.title, nodes.footnote, nodes.footnote_reference, nodes.citation, nodes.citation_reference)
SENTENCE_END = (".", "!", "?", ":", ";")
SOURCES_TITLE = "Sources"
# Letters of a script the formula cannot read that make a block worth reporting: a short gloss
# such as "tai chi (太极拳)" is harmless, a sentence is not.
UNMEASURABLE_LETTERS = 8
SCRIPT_NAMES = {"CJK": "Chinese or Japanese (CJK)", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}


@dataclass(frozen=True)
class Score:
    words: int
    grade: float
    smog: float


def body_text(doctree: nodes.Node) -> str:
    """The article's prose as a patient reads it, one block per line."""
    blocks: list[str] = []
    for block in text_blocks(doctree):
        text = " ".join(block_text(block).split())
        if text:
            blocks.append(text if text.endswith(SENTENCE_END) else f"{text}.")
    return "\n".join(blocks)


def text_blocks(node: nodes.Node) -> Iterable[nodes.Element]:
    """Each paragraph, term and table cell of the prose: the blocks a reader reads as sentences."""
    if isinstance(node, NOT_READ_AS_TEXT) or _is_decoration(node) or is_sources_section(node):
        return
    if isinstance(node, nodes.paragraph | nodes.term | nodes.entry) and not node.next_node(
        nodes.paragraph, descend=True, siblings=False, include_self=False
    ):
        yield node
        return
    for child in node.children:
        yield from text_blocks(child)


def block_text(block: nodes.Element) -> str:
    return "".join(_text(block))


def unmeasurable_letters(text: str) -> tuple[str, int] | None:
    """The script and number of letters the formula cannot read, when there are enough to matter.

    textstat counts words between spaces and syllables with an English
    hyphenation dictionary: Thai or Chinese written without spaces is one
    "word" of no known syllables, and Greek or Cyrillic words have no syllables
    it can count. A gloss of a few letters is harmless; a sentence is not.
    """
    scripts = Counter(_script(char) for char in text if char.isalpha())
    scripts.pop("LATIN", None)
    letters = sum(scripts.values())
    if letters < UNMEASURABLE_LETTERS:
        return None
    return scripts.most_common(1)[0][0], letters


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split()[0]


def _report_unmeasurable(env: BuildEnvironment, docname: str, doctree: nodes.document) -> None:
    for block in text_blocks(doctree):
        text = " ".join(block_text(block).split())
        found = unmeasurable_letters(text)
        if found is None:
            continue
        script, letters = found
        shown = text if len(text) <= 30 else f"{text[:30]}…"
        report_error(
            env,
            docname,
            node_line(block),
            f"reading level: cannot measure {letters} letters of {SCRIPT_NAMES.get(script, script.title())} "
            f"text ('{shown}'); the reading-level formula reads only Latin-script words separated by spaces "
            "(write it in the handbook's language, or remove it)",
        )


def _text(node: nodes.Node) -> Iterable[str]:
    if isinstance(node, nodes.Text):
        yield str(node)
    elif not isinstance(node, NOT_READ_AS_TEXT):
        for child in node.children:
            yield from _text(child)


def _is_decoration(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool(DECORATION_CLASSES & set(node.get("classes", ())))


def is_sources_section(node: nodes.Node) -> bool:
    """The page's "Sources": read by no readability score, and searched by no patient (``search.unsearched_sources``)."""
    return isinstance(node, nodes.section) and source_title(node) == SOURCES_TITLE


@functools.cache
def _textstat() -> Any:
    """textstat, imported on first use: loading it and its hyphenation dictionary takes 0.3 s,
    which a rebuild that reads no article should not pay."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # textstat 0.7.4 imports the deprecated pkg_resources
        import textstat
    return textstat


def score(text: str) -> Score:
    textstat = _textstat()
    return Score(
        words=textstat.lexicon_count(text),
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        smog=round(textstat.smog_index(text), 1),
    )


SCORES = DocumentStore[Score]("handbook_readability")
# A translation's pages: their reading ease in the language's own formula (INFLESZ for Spanish).
EASE = DocumentStore[float]("handbook_reading_ease")


def scores(env: BuildEnvironment) -> dict[str, Score]:
    """Every article's reading-level score, by docname."""
    return SCORES.of(env)


def reading_ease(text: str, language: str) -> float:
    """Szigriszt-Pazos's reading ease (INFLESZ, for Spanish): 55 or more is "normal", 65 or more "fairly easy".

    textstat counts syllables with the language's hyphenation dictionary, a setting it keeps globally:
    it is set back to English after, so an English build in the same process is not measured in Spanish.
    """
    textstat = _textstat()
    textstat.set_lang(language)
    try:
        return round(textstat.szigriszt_pazos(text), 1)
    finally:
        textstat.set_lang("en_US")


def _measure(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    meta = page_meta(app.env).get(docname)
    if meta is None or not meta.is_article:
        return
    _report_unmeasurable(app.env, docname, doctree)
    if is_translation(app.config):
        _measure_translation(app, docname, doctree)
        return
    result = score(body_text(doctree))
    scores(app.env)[docname] = result
    limit = app.config.handbook_max_grade
    if result.grade > limit:
        report_error(
            app.env,
            docname,
            1,
            f"reading level: expected Flesch-Kincaid grade {limit} or lower, got {result.grade}; "
            "use shorter sentences and everyday words (make readability lists every article)",
        )


def _measure_translation(app: Sphinx, docname: str, doctree: nodes.document) -> None:
    """A translated article, in its language's formula; an untranslated one shows the English, measured in English."""
    if translation_state(doctree) == "untranslated":
        return
    ease = reading_ease(body_text(doctree), app.config.language)
    EASE.of(app.env)[docname] = ease
    least = app.config.handbook_translation_min_ease
    if ease < least:
        report_error(
            app.env,
            docname,
            1,
            f"reading level of the '{app.config.language}' translation: expected a reading ease (INFLESZ) of {least} "
            f"or more, got {ease}; use shorter sentences and everyday words in its catalog",
        )


def _check_translations_median_ease(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: the translated articles, taken together, read "fairly easy" (INFLESZ median 65 or more)."""
    eases = list(EASE.of(env).values())
    wanted = app.config.handbook_translation_median_ease
    if eases and statistics.median(eases) < wanted:
        logger.error(
            "reading level of the '%s' translation: expected a median reading ease (INFLESZ) of %s or more over its "
            "%d translated articles, got %s; make the hardest easier to read",
            app.config.language,
            wanted,
            len(eases),
            statistics.median(eases),
            type="handbook",
        )
        fail_build(app)


def table(env: BuildEnvironment) -> str:
    """A Markdown table of every article, hardest first, with the maximum and median."""
    rows = sorted(scores(env).items(), key=lambda item: (-item[1].grade, item[0]))
    lines = ["| Article | Words | FK grade | SMOG |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {docname} | {s.words} | {s.grade:.1f} | {s.smog:.1f} |" for docname, s in rows]
    if rows:
        grades = [s.grade for _, s in rows]
        lines.append(f"\n{len(rows)} articles. FK grade: max {max(grades):.1f}, median {statistics.median(grades):.1f}.")
    return "\n".join(lines)


class ReadabilityBuilder(Builder):
    """Reads every document, writes no pages, and reports the reading-level table."""

    name = "readability"
    epilog = "The readability table is in %(outdir)s/readability.md."

    def get_outdated_docs(self) -> list[str]:
        return []

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        report = table(self.env)
        Path(self.outdir, "readability.md").write_text(report + "\n", encoding="utf-8")
        logger.info("\n%s", report)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_max_grade", 8.0, "env", float)
    # A translation's articles (Spanish): INFLESZ 55 is "normal" reading, 65 "fairly easy" (Barrio-Cantalejo 2008).
    app.add_config_value("handbook_translation_min_ease", 55.0, "env", float)
    app.add_config_value("handbook_translation_median_ease", 65.0, "env", float)
    app.add_builder(ReadabilityBuilder)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
