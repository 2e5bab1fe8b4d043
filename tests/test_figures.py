"""Illustrations ({handbook-figure}) and icon arrays ({icon-array}): handbook.article.figures, handbook.article.icon_arrays.

The ``test-figures`` root holds two of the handbook's real drawings with TEST
DATA; each build works on a copy in ``tmp_path``. The checks on the real
handbook read its drawings, data file and articles, never a list of today's.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from handbook.article import svg_markup
from tests.conftest import CONF, DOCS, PROJECT, ROOTS, build_root
from tests.conftest import copy_root as copy_root_named
from tests.icon_array_people import people_drawn

ROOT = ROOTS / "test-figures"
ARTICLE = "conditions/sciatica"
ERROR = re.compile(r"^(\S+?):(\d+): ERROR: (.*)$", re.MULTILINE)
FIGURES_DATA = yaml.safe_load((DOCS / CONF.get("handbook_figures_file", "_data/figures.yaml")).read_text(encoding="utf-8"))
DRAWINGS = PROJECT / CONF.get("handbook_figures_folder", "_static/figures")
ICON_ARRAY = re.compile(r"```\{icon-array\}\n(?P<options>(?::\w+:.*\n)+)```")


def copy_root(tmp_path: Path) -> Path:
    return copy_root_named(tmp_path, ROOT.name)


def build(srcdir: Path) -> tuple[Path, str, int]:
    return build_root(srcdir)


def errors(stderr: str) -> list[tuple[str, int, str]]:
    return [(path, int(line), message) for path, line, message in ERROR.findall(stderr)]


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def icon_arrays(source: Path) -> list[dict[str, str]]:
    """The options of each ``{icon-array}`` in a Markdown file, as written."""
    found = []
    for block in ICON_ARRAY.finditer(source.read_text(encoding="utf-8")):
        options = dict(re.findall(r"^:(\w+): (.*)$", block["options"], flags=re.MULTILINE))
        found.append(options)
    return found


def groups(options: dict[str, str]) -> list[tuple[str, int]]:
    if "count" in options:
        return [("", int(options["count"]))]
    return [(label.strip(), int(number)) for label, number in (part.rsplit(":", 1) for part in options["groups"].split(";"))]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, stderr, status = build(copy_root(tmp_path_factory.mktemp("figures")))
    assert (status, stderr) == (0, "")
    return outdir


def page(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


# --- Figures on the page -------------------------------------------------------------------


@pytest.mark.make
def test_a_figure_is_inline_svg_named_by_its_alt_text_with_caption_and_description(built):
    data = {Path(entry["file"]).stem: entry for entry in yaml.safe_load((ROOT / "_data/figures.yaml").read_text())["figures"]}
    figures = page(built, ARTICLE).select("figure.handbook-figure")
    assert len(figures) == len(data)
    for figure in figures:
        name = next(cls.removeprefix("figure-") for cls in figure["class"] if cls.startswith("figure-"))
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title = figure.find(id=svg["aria-labelledby"])
        assert title.name == "title" and title.get_text() == data[name]["alt"]
        caption = figure.find("figcaption")
        assert figure["aria-labelledby"] == caption["id"]
        assert caption.get_text().startswith(data[name]["caption"])
        details = figure.find("details")
        assert details.find("summary").get_text() == "Describe this picture"
        assert details.find("p").get_text() == " ".join(data[name]["description"].split())


@pytest.mark.make
def test_a_figure_with_a_source_cites_it_in_its_caption(built):
    cited = page(built, ARTICLE).select_one("figure.figure-slipped-disc figcaption a.footnote-reference")
    assert cited is not None and cited["href"] == "#footcite-test-study"
    assert page(built, ARTICLE).select_one("figure.figure-spine-side figcaption a") is None


@pytest.mark.make
def test_a_figure_resting_on_two_sources_cites_both(tmp_path):
    """A drawing of heat and of ice rests on two leaflets: ``source`` may be a list of keys."""
    root = copy_root(tmp_path)
    data = root / "_data/figures.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("source: test_study", "source: [test_study, second_study]"))
    with (root / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{second_study,\n  author = {{Test Authors}},\n  title = {A second study},\n  year = {2026}\n}\n")
    outdir, stderr, status = build(root)
    assert (status, stderr) == (0, "")
    cited = page(outdir, ARTICLE).select("figure.figure-slipped-disc figcaption a.footnote-reference")
    assert [reference["href"] for reference in cited] == ["#footcite-test-study", "#footcite-second-study"]


@pytest.mark.make
def test_a_drawings_styles_apply_only_inside_it(built):
    for style in page(built, ARTICLE).select("figure.handbook-figure svg style"):
        name = style.find_parent("svg")["class"][0]
        selectors = re.findall(r"(?:^|})\s*([^{}@]+?)\s*\{", style.get_text())
        assert selectors
        for selector_list in selectors:
            for selector in selector_list.split(","):
                assert selector.strip().startswith(f"svg.{name} "), selector


@pytest.mark.make
def test_ids_stay_unique_when_a_drawing_is_used_twice(tmp_path):
    srcdir = copy_root(tmp_path)
    article = srcdir / f"{ARTICLE}.md"
    article.write_text(article.read_text() + "\n```{handbook-figure} slipped-disc\n```\n", encoding="utf-8")
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    ids = [element["id"] for element in page(outdir, ARTICLE).select("main [id]")]
    assert len(ids) == len(set(ids))


# --- Icon arrays ---------------------------------------------------------------------------


@pytest.mark.make
def test_filled_icons_equal_the_numbers_written_and_the_text_says_them(built):
    written = icon_arrays(ROOT / f"{ARTICLE}.md")
    arrays = page(built, ARTICLE).select("figure.icon-array")
    assert len(arrays) == len(written) > 0
    for array, options in zip(arrays, written, strict=True):
        denominator = int(options["of"])
        boxes = array.select(".icon-array-group")
        assert len(boxes) == len(groups(options))
        for box, (label, count) in zip(boxes, groups(options), strict=True):
            filled, faint = people_drawn(box.select_one("svg"))
            columns = sorted({x for x, _ in filled + faint})
            places = [(x, y) for y in range(0, denominator // len(columns) * 10, 10) for x in columns]
            assert len(places) == denominator
            assert filled == places[:count], "the first people in reading order are the solid ones"
            assert faint == places[count:]
            text = box.select_one(".icon-array-text").get_text()
            assert f"{count:,} out of {denominator:,} people {options['text']}" in text.lower()
            assert text.startswith(f"{label}: " if label else ""), text
        assert array.find("svg")["aria-hidden"] == "true", "the sentence is read, not the picture as well"
        key = array.select_one("p.icon-array-key").get_text()
        solid = f"The solid ones are the people who {options['text']}"
        assert key == f"Each figure stands for one person. {solid}; the faint ones are the rest.", key
        caption = array.select_one(".icon-array-caption")
        assert array["aria-labelledby"] == caption["id"]
        assert caption.get_text().startswith(options["caption"])
        assert caption.select_one("a.footnote-reference") is not None, "the caption cites its source"


# --- Mistakes are file:line errors ------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str, file: str = f"{ARTICLE}.md") -> tuple[Path, str, int]:
    """Build a copy with ``old`` replaced; returns the file, the errors and the line of the directive around ``old``."""
    srcdir = copy_root(tmp_path)
    path = srcdir / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    where = text.index(old)
    directive_line = text.count("\n", 0, text.rfind("```{", 0, where + 4)) + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, stderr, status = build(srcdir)
    assert status != 0
    return path, stderr, directive_line


@pytest.mark.make
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{handbook-figure} spine-side", "{handbook-figure} spine-sid", "unknown figure 'spine-sid' (did you mean 'spine-side'?"),
        (":count: 30", ":count: 130", "':count:' is 130, but only 100 people are drawn"),
        (":count: 30", ":count: 3.5", "':count:' must be a whole number"),
        (":of: 100", ":of: 50", "':of:' must be 100 or 1000, got '50'"),
        (":groups: Surgery: 79; Physiotherapy: 62", ":groups: Surgery: 79", "':groups:' needs two or more groups"),
        (":caption: People with sciatica seen by their GP, one year later.\n", "", "missing ':caption:'"),
    ],
)
def test_a_mistake_in_a_directive_is_one_error_at_its_line(tmp_path, old, new, expected):
    _, stderr, directive_line = broken(tmp_path, old, new)
    found = [error for error in errors(stderr) if error[0].endswith(f"{ARTICLE}.md")]
    assert len(found) == 1, stderr
    where, line, message = found[0]
    assert where.endswith(f"{ARTICLE}.md") and expected in message
    assert line == directive_line


@pytest.mark.make
def test_a_figure_entry_without_a_caption_is_an_error_at_its_line(tmp_path):
    path, stderr, _ = broken(tmp_path, "    caption: Your spine from the side.\n", "", "_data/figures.yaml")
    assert [(where.endswith("_data/figures.yaml"), line) for where, line, _ in errors(stderr)] == [
        (True, line_of(path, "file: spine-side.svg"))
    ]
    assert "expected caption" in stderr


@pytest.mark.make
def test_the_build_after_a_mistake_in_the_figures_file_is_fixed_shows_the_drawings_again(tmp_path):
    """A build with a mistake in the data file shows no drawing; the next build, with the mistake fixed, reads the
    pages that use one again, though their own text did not change."""
    srcdir = copy_root(tmp_path)
    data = srcdir / "_data/figures.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("    caption: Your spine from the side.\n", "", 1), encoding="utf-8")
    outdir, stderr, status = build(srcdir)
    assert status != 0 and "expected caption" in stderr
    assert page(outdir, ARTICLE).select("figure.handbook-figure") == []
    data.write_text(good, encoding="utf-8")
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    assert page(outdir, ARTICLE).select("figure.handbook-figure svg.fig-spine-side")


@pytest.mark.make
def test_a_myst_figure_without_a_caption_is_an_error(tmp_path):
    path, stderr, _ = broken(
        tmp_path, "## Outlook\n", "## Outlook\n\n```{figure} /_static/figures/spine-side.svg\n:alt: The spine\n```\n"
    )
    assert [(line, "figure without a caption" in message) for _, line, message in errors(stderr)] == [
        (line_of(path, "```{figure}"), True)
    ]


@pytest.mark.make
def test_a_drawing_no_page_uses_is_an_error(tmp_path):
    _, stderr, _ = broken(tmp_path, "```{handbook-figure} spine-side\n```\n", "")
    assert [(where.endswith("spine-side.svg"), "not used on any page" in message) for where, _, message in errors(stderr)] == [
        (True, True)
    ]


@pytest.mark.make
def test_a_drawing_with_a_script_is_refused(tmp_path):
    _, stderr, _ = broken(tmp_path, "</svg>", "<script>alert(1)</script></svg>", "_static/figures/spine-side.svg")
    assert "is not safe to show: <script> element" in stderr


def test_a_drawing_that_copies_a_shape_with_use_is_refused_because_its_copy_would_show_black():
    """The page scopes a drawing's styles to its own elements; a <use> copy is not one of them (Chromium fills it black:
    the bone of the slipped-disc drawing and the people of the heat-and-ice one showed black until session 14)."""
    text = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>.bone { fill: #e8dcc8; }</style>'
        '<defs><path id="bone" class="bone" d="M0 0H5V5Z"/></defs><use href="#bone"/></svg>'
    )
    assert any(problem.startswith("<use> element") for problem in svg_markup.problems(text))


# --- The real handbook ------------------------------------------------------------------------


@pytest.mark.parametrize("drawing", sorted(DRAWINGS.glob("*.svg")), ids=lambda path: path.name)
def test_every_drawing_has_no_scripts_or_outside_references(drawing):
    text = drawing.read_text(encoding="utf-8")
    assert svg_markup.problems(text) == []
    assert re.findall(r"https?://[^\"']+", text) == ["http://www.w3.org/2000/svg"]


def test_every_drawing_has_an_entry_and_every_entry_a_drawing():
    entries = {entry["file"] for entry in FIGURES_DATA["figures"]}
    assert entries == {path.name for path in DRAWINGS.glob("*.svg")}


def condition_articles() -> list[Path]:
    """The articles of every section named like conditions in conf.py (a fork may rename it)."""
    sections = [section for section in CONF["handbook_article_sections"] if "condition" in section]
    assert sections, "conf.py names a conditions section"
    return sorted(path for section in sections for path in (DOCS / section).glob("*.md") if path.name != "index.md")


@pytest.mark.parametrize("article", condition_articles(), ids=lambda path: path.stem)
def test_every_condition_article_has_an_anatomy_figure(article):
    anatomy = {Path(entry["file"]).stem for entry in FIGURES_DATA["figures"] if entry.get("kind") == "anatomy"}
    used = set(re.findall(r"^```\{handbook-figure\} (\S+)", article.read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert used & anatomy, f"{article.relative_to(PROJECT)}: add one of {sorted(anatomy)}"


# --- Print --------------------------------------------------------------------------------------


@pytest.mark.make
@pytest.mark.pdf
def test_figures_and_icon_arrays_print_in_colour_not_black_in_a_handout(built, tmp_path):
    from handbook.printing.commands import render
    from handbook.printing.documents import Manifest, handout
    from handbook.printing.manifest import MANIFEST

    manifest = Manifest.load(built.parent / "doctrees" / MANIFEST)
    article = next(entry for entry in manifest.pages if entry.docname == ARTICLE)
    pdf = tmp_path / "handout.pdf"
    render(handout(manifest, built, article, "Test disclaimer."), built, pdf, ARTICLE)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "30 out of 100 people still had troubling symptoms" in " ".join(text.split())
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    pixels = [pixel for png in pages for pixel in Image.open(png).convert("RGB").get_flattened_data()]
    disc_blue = sum(1 for red, green, blue in pixels if blue > 180 and red < 160 and 150 < green < 200)
    bone = sum(1 for red, green, blue in pixels if red > 220 and 200 < green < 230 and 180 < blue < 215)
    assert disc_blue > 50 and bone > 50, "the drawings' light fills print (WeasyPrint would paint var() fills black)"
