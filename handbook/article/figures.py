"""The handbook's illustrations: ``{handbook-figure} spine-side`` puts a drawing on a page.

The drawings are SVG files in ``_static/figures/`` (``handbook_figures_folder``,
next to conf.py like ``html_static_path``); ``docs/_data/figures.yaml``
(``handbook_figures_file``) gives each its alt text, caption, long description
and source. Written once there, a figure reads the same on every page.

The SVG is inlined at build time, not linked with ``<img>``: only inline markup
takes the page's text colour and the dark-mode values of the ``--fig-*``
variables (``_static/figures.css``), and WeasyPrint prints it in the book and
handouts. No script is needed, so the Content-Security-Policy is unchanged. On
the page a figure is a ``<figure>`` named by its caption, the drawing named by
its alt text, and a "Describe this picture" disclosure with the long text.

Build errors, each with the file and line: an unknown figure name (with a
did-you-mean), a data entry without alt text or caption, an unsafe drawing
(:mod:`handbook.article.svg_markup`), a drawing no page uses (unless its entry says why
in ``not_placed``), and a plain MyST ``{figure}`` without a caption.
"""

from __future__ import annotations

import os
import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from handbook.article import svg_markup
from handbook.clinical.redflags import TextDataFile
from handbook.clinical.redflags import _line_of as line_of
from handbook.core.datafiles import DataFileError, bib_keys
from handbook.core.diagnostics import fail_build, node_line, report_error
from handbook.core.document_store import DocumentStore
from handbook.core.messages import did_you_mean
from handbook.i18n.data import shown_words
from handbook.i18n.interface import _
from handbook.i18n.languages import is_translation

logger = logging.getLogger(__name__)
REQUIRED = ("file", "alt", "caption", "description")
MAX_ALT = 125  # screen readers read longer alt text in one breath, without pauses
BIB_KEY = re.compile(r"^[\w:.\-]+$")
USED = DocumentStore[list[str]]("handbook_figures_used")


@dataclass(frozen=True)
class Figure:
    name: str
    alt: str
    caption: str
    description: str
    sources: tuple[str, ...]  # bib keys; none for plain anatomy
    line: int


def parse_figures(data: object) -> dict[str, Figure]:
    """``figures:``, a list of entries with file, alt, caption, description and optional source keys.

    ``source`` is one bib key or a list of them (a drawing of heat and of ice rests on two leaflets), or null.
    """
    text = FIGURES.text
    if not isinstance(data, dict) or not isinstance(data.get("figures"), list):
        raise DataFileError(1, "expected 'figures:', a list with file, alt, caption and description for each drawing")
    figures: dict[str, Figure] = {}
    for entry in data["figures"]:
        file = entry.get("file") if isinstance(entry, dict) else None
        line = line_of(text, rf"^\s*-?\s*file:\s*{re.escape(str(file))}\s*$") if file else 1
        missing = [field for field in REQUIRED if not isinstance(entry, dict) or not str(entry.get(field) or "").strip()]
        if missing:
            expected = ", ".join(missing)
            raise DataFileError(line, f"figure {file!r}: expected {expected} (every figure needs alt text and a caption)")
        if len(entry["alt"]) > MAX_ALT:
            raise DataFileError(line, f"figure {file!r}: alt text is {len(entry['alt'])} characters (keep it to {MAX_ALT})")
        sources = bib_keys(entry.get("source"))
        for key in sources:
            if not BIB_KEY.match(key):
                raise DataFileError(line, f"figure {file!r}: source {key!r} is not a key of the references file (or null)")
        name = str(file).removesuffix(".svg")
        if name in figures:
            raise DataFileError(line, f"figure {file!r}: listed twice")
        figures[name] = Figure(name, entry["alt"].strip(), entry["caption"].strip(), entry["description"].strip(), sources, line)
    return figures


def drawing_labels(app: Sphinx) -> list[str]:
    """The words drawn in every drawing of the figures folder: translated in the figures' catalog, with its text."""
    folder = figures_folder(app)
    paths = sorted(folder.glob("*.svg")) if folder.is_dir() else []
    return list(dict.fromkeys(label for path in paths for label in svg_markup.labels(path.read_text(encoding="utf-8"))))


FIGURES = TextDataFile(
    "handbook_figures_file",
    "handbook_figures",
    "'figures:'",
    parse_figures,
    fallback={},
    optional=True,
    translatable=("figures[].alt", "figures[].caption", "figures[].description"),
    more_words=drawing_labels,
)


def figures(env: BuildEnvironment) -> dict[str, Figure]:
    return getattr(env, "handbook_figures", {}) or {}


def data_file(app: Sphinx) -> Path:
    return Path(app.srcdir) / app.config.handbook_figures_file


def figures_folder(app: Sphinx) -> Path:
    return Path(app.confdir) / app.config.handbook_figures_folder


# --- Nodes -----------------------------------------------------------------------------


class handbook_figure(nodes.General, nodes.Element):
    """A drawing (``svg``: checked markup) with its caption and description as children."""


class figure_caption(nodes.General, nodes.Element):
    """The caption, a ``<figcaption>`` whose id names the figure."""


class figure_description(nodes.General, nodes.Element):
    """The long description, behind "Describe this picture"."""


def _visit_figure(self: Any, node: handbook_figure) -> None:
    self.body.append(
        self.starttag(node, "figure", CLASS=f"handbook-figure {' '.join(node['extra_classes'])}".strip(), **_labelled(node))
    )
    self.body.append(node["svg"])


def _labelled(node: nodes.Element) -> dict[str, str]:
    caption = next(iter(node.findall(figure_caption)), None)
    return {"aria-labelledby": caption["ids"][0]} if caption is not None and caption["ids"] else {}


def _depart_figure(self: Any, node: handbook_figure) -> None:
    self.body.append("</figure>\n")


def _visit_caption(self: Any, node: figure_caption) -> None:
    self.body.append(self.starttag(node, "figcaption", ""))


def _depart_caption(self: Any, node: figure_caption) -> None:
    self.body.append("</figcaption>\n")


def _visit_description(self: Any, node: figure_description) -> None:
    self.body.append(self.starttag(node, "details", "", CLASS="figure-description"))
    self.body.append(f'<summary aria-label="{node["summary"]}">{node["summary"]}</summary>\n')


def _depart_description(self: Any, node: figure_description) -> None:
    self.body.append("</details>\n")


# --- The directive ---------------------------------------------------------------------


class FigureDirective(SphinxDirective):
    """``{handbook-figure} <name>``: the drawing ``<name>.svg`` with its data-file text."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        known = figures(self.env)
        name = self.arguments[0].strip().removesuffix(".svg")
        # Noted even when the drawing cannot be shown (a mistake in the data file, a name not in it yet), so that
        # the data file's next change reads the page again and shows it.
        USED.of(self.env).setdefault(self.env.docname, []).append(name)
        if not known and data_file(self.env.app).is_file():
            return []  # the data file has a mistake, reported once by handbook.core.datafiles
        figure = known.get(name)
        if figure is None:
            hint = did_you_mean(name, known)
            return self._error(
                f"{{handbook-figure}}: unknown figure '{name}' ({hint}use a file name from "
                f"{self.config.handbook_figures_file}, without '.svg')"
            )
        path = figures_folder(self.env.app) / f"{name}.svg"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return self._error(f"{{handbook-figure}}: no drawing {os.path.relpath(path)} (add the SVG file, or fix the name)")
        self.env.note_dependency(str(path))  # before the check: a drawing made safe shows on the next build
        if unsafe := svg_markup.problems(text):
            return self._error(f"{{handbook-figure}}: {os.path.relpath(path)} is not safe to show: {unsafe[0]}")
        suffix = str(self.env.new_serialno("handbook-figure"))
        drawn = svg_markup.labels(text)
        translations = {
            label: words
            for label, words in shown_words(self.env.app, self.config.handbook_figures_file).items()
            if label in drawn
        }
        text = svg_markup.relabel(text, translations)  # in a translation, its words; in English, as drawn
        node = handbook_figure(svg=svg_markup.inline(text, f"fig-{name}", suffix, figure.alt), extra_classes=[f"figure-{name}"])
        if is_translation(self.config):
            node["labels"] = [len(drawn), len(translations)]  # the page's translation progress counts them
        self.set_source_info(node)
        caption = figure_caption("", *self._caption(figure))
        caption["ids"] = [f"figure-caption-{suffix}"]
        node += caption
        description = figure_description("", nodes.paragraph(text=figure.description), summary=_("Describe this picture"))
        node += description
        return [node]

    def _caption(self, figure: Figure) -> list[nodes.Node]:
        """The caption, citing the figure's source (a ``{footcite}``, so it joins the page's numbered sources)."""
        if not figure.sources or "bibtex_bibfiles" not in self.config:
            return [nodes.Text(figure.caption)]
        parsed = nodes.Element()
        line = f"{figure.caption}{{footcite}}`{','.join(figure.sources)}`"
        self.state.nested_parse(StringList([line], source=self.get_source_info()[0]), self.content_offset, parsed)
        paragraph = parsed.children[0] if parsed.children else nodes.paragraph(text=figure.caption)
        return list(paragraph.children)

    def _error(self, message: str) -> list[nodes.Node]:
        report_error(self.env, self.env.docname, self.lineno, message)
        return []


# --- Checks ----------------------------------------------------------------------------


def _require_captions(app: Sphinx, doctree: nodes.document) -> None:
    """A MyST ``{figure}`` needs a caption (its image's alt text is checked by :mod:`handbook.content.forbidden_markup`)."""
    for figure in doctree.findall(nodes.figure):
        caption = next(iter(figure.findall(nodes.caption)), None)
        if caption is None or not caption.astext().strip():
            report_error(
                app.env,
                app.env.docname,
                node_line(figure),
                "figure without a caption: expected one sentence saying what the picture shows, "
                "as the text inside ```{figure} (or use {handbook-figure} with a drawing from the figures data file)",
            )


def _check_every_drawing_is_used(app: Sphinx, env: BuildEnvironment) -> None:
    """Each drawing in the folder has a data entry and is on a page (or its entry says why it is not)."""
    folder = figures_folder(app)
    if not folder.is_dir():
        return
    known = figures(env)
    data = data_file(app)
    if not known and data.is_file():
        return  # the data file has a mistake, already reported
    held = _not_placed(data)
    used = {name for names in USED.of(env).values() for name in names}
    for path in sorted(folder.glob("*.svg")):
        name = path.stem
        where = f"{os.path.relpath(path)}:1"
        if name not in known:
            logger.error(
                f"drawing not in {os.path.relpath(data)} (add it there with alt, caption and description)",
                location=where,
                type="handbook",
            )
            fail_build(app)
        elif name not in used and name not in held:
            logger.error(
                f"drawing not used on any page (add ```{{handbook-figure}} {name}``` to a page, or give its entry in "
                f"{os.path.relpath(data)} a 'not_placed:' reason)",
                location=where,
                type="handbook",
            )
            fail_build(app)


def _not_placed(data: Path) -> set[str]:
    """Drawings whose entry gives a ``not_placed`` reason (kept, but not yet on a page)."""
    import yaml

    try:
        entries = yaml.safe_load(data.read_text(encoding="utf-8")).get("figures", [])
    except (OSError, AttributeError, yaml.YAMLError):
        return set()
    return {
        str(entry["file"]).removesuffix(".svg")
        for entry in entries
        if isinstance(entry, dict) and str(entry.get("not_placed") or "").strip() and entry.get("file")
    }


def _reread_when_figures_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    if not FIGURES.changed_since_last_build(env):
        return []
    return sorted(name for name, used in USED.of(env).items() if used and name not in removed)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_figures_file", "_data/figures.yaml", "env", types=[str])
    app.add_config_value("handbook_figures_folder", "_static/figures", "env", types=[str])
    app.add_node(handbook_figure, html=(_visit_figure, _depart_figure))
    app.add_node(figure_caption, html=(_visit_caption, _depart_caption))
    app.add_node(figure_description, html=(_visit_description, _depart_description))
    app.add_directive("handbook-figure", FigureDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
