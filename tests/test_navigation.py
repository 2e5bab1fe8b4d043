"""The sidebar rendered once per section (handbook.theme.navigation) is the theme's own sidebar, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.builders.html import StandaloneHTMLBuilder

from handbook.theme.navigation import move_current_mark
from tests.conftest import CONF, ROOTS

# The handbook's sidebar settings, so the comparison covers the navigation the site really has.
SIDEBAR_OPTIONS = ("show_navbar_depth", "collapse_navbar", "home_page_in_toc")
HANDBOOK_THEME_OPTIONS = CONF["html_theme_options"]
THEME_OPTIONS = {key: HANDBOOK_THEME_OPTIONS[key] for key in SIDEBAR_OPTIONS}
# Pages whose sidebar a sibling's can give: basics (3 pages), treatments (yoga, massage), medicines (2),
# and the pages outside the navigation in the top folder (genindex, search).
SIBLINGS_SERVED_FROM_CACHE = 2 + 1 + 1 + 1


def build(make_app, tmp_path: Path, name: str, extensions: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int]:
    """Build the navigation root; return the output folder and how often the site's toctree was resolved."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    resolved = []
    theme_resolve = StandaloneHTMLBuilder._get_local_toctree

    def counting_resolve(self: StandaloneHTMLBuilder, docname: str, *args: object, **kwargs: object) -> object:
        resolved.append(docname)
        return theme_resolve(self, docname, *args, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counting_resolve)
    app = make_app("html", srcdir=srcdir, confoverrides={"extensions": extensions, "html_theme_options": THEME_OPTIONS})
    app.build()
    assert not app.statuscode
    return Path(app.outdir), len(resolved)


def pages(outdir: Path) -> dict[str, str]:
    return {page.relative_to(outdir).as_posix(): page.read_text(encoding="utf-8") for page in sorted(outdir.rglob("*.html"))}


def test_every_page_is_byte_identical_to_the_themes_own_rendering(make_app, tmp_path, monkeypatch):
    theirs, theme_renders = build(make_app, tmp_path, "theme", ["myst_parser"], monkeypatch)
    ours, our_renders = build(make_app, tmp_path, "cached", ["myst_parser", "tests.sidebar_cache_alone"], monkeypatch)
    expected, got = pages(theirs), pages(ours)
    assert got.keys() == expected.keys()
    assert [name for name in expected if got[name] != expected[name]] == []
    assert our_renders == theme_renders - SIBLINGS_SERVED_FROM_CACHE


def test_the_sidebar_marks_the_page_and_opens_its_section(make_app, tmp_path, monkeypatch):
    outdir, _ = build(make_app, tmp_path, "cached", ["myst_parser", "tests.sidebar_cache_alone"], monkeypatch)
    html = (outdir / "treatments/medicines/ibuprofen.html").read_text(encoding="utf-8")
    assert '<li class="toctree-l3 current active"><a class="current reference internal" href="#">Ibuprofen</a></li>' in html
    assert '<li class="toctree-l3"><a class="reference internal" href="paracetamol.html">Paracetamol</a></li>' in html
    assert html.count('<details open="open">') == 2  # Treatments, and Medicines inside it


TWICE = '<li class="toctree-l2"><a class="reference internal" href="b.html">B</a></li>\n</ul>'
SIDEBAR = (
    '<ul class="current">\n'
    '<li class="toctree-l2 current active"><a class="current reference internal" href="#">A</a></li>\n'
    '<li class="toctree-l2"><a class="reference internal" href="b.html">B &amp; C</a></li>\n'
    "</ul>"
)


def test_moving_the_mark_unmarks_the_first_page_and_marks_the_second():
    assert move_current_mark(SIDEBAR, shown_href="a.html", page_href="b.html") == (
        '<ul class="current">\n'
        '<li class="toctree-l2"><a class="reference internal" href="a.html">A</a></li>\n'
        '<li class="toctree-l2 current active"><a class="current reference internal" href="#">B &amp; C</a></li>\n'
        "</ul>"
    )


@pytest.mark.parametrize(
    ("sidebar", "page_href"),
    [
        (SIDEBAR.replace(" current active", "").replace("current reference", "reference"), "b.html"),  # no mark
        (SIDEBAR, "elsewhere.html"),  # the page is not in this sidebar
        (SIDEBAR.replace("</ul>", TWICE), "b.html"),
    ],
    ids=["no current page", "page not listed", "page listed twice"],
)
def test_a_sidebar_that_does_not_fit_the_pattern_is_left_to_the_theme(sidebar, page_href):
    assert move_current_mark(sidebar, shown_href="a.html", page_href=page_href) is None
