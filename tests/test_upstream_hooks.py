"""Every hook into another package's internals fails loudly when the hook point is gone.

Each test takes one hook point away (an attribute, a listener, a file, the
text of a template or of sphinx-tags' Markdown) and calls the guarded code in
process, on a small app of the test-valid root that uses the handbook's theme
and templates, as the site does. The failure must be an ``ExtensionError``
naming the package and its installed version; the build prints it as one line.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest
import sphinx_sitemap
import sphinx_tags
from pydata_sphinx_theme import toctree as theme_toctree
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.cmd.build import build_main
from sphinx.errors import ExtensionError
from sphinx.search import IndexBuilder
from sphinx.testing.util import SphinxTestApp

from handbook.core import crashes
from handbook.core.upstream import UpstreamChanged, UpstreamHook
from handbook.search import precomputed_stems, search_page
from handbook.theme import icons, layout_override, navigation, stylesheets
from handbook.topics import tags
from handbook.web import sitemap, unchanged_pages
from tests.conftest import PROJECT, ROOTS

# The site's theme and templates, on the smallest project that loads the whole handbook.
THEMED = {"html_theme": "sphinx_book_theme", "templates_path": [str(PROJECT / "_templates")]}


def themed_project(folder: Path) -> Path:
    shutil.copytree(ROOTS / "test-valid", folder, ignore=shutil.ignore_patterns("_tags"))
    return folder


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """One app, set up and not built: each test calls a guard on it and changes nothing it keeps."""
    application = SphinxTestApp("html", srcdir=themed_project(tmp_path_factory.mktemp("hooks") / "src"), confoverrides=THEMED)
    yield application
    application.cleanup()


def assert_names_the_package(error: pytest.ExceptionInfo[ExtensionError], distribution: str, *expected: str) -> None:
    message = str(error.value)
    assert isinstance(error.value, UpstreamChanged)
    assert message.startswith(f"handbook: {distribution} {metadata.version(distribution)} has no "), message
    assert f"pin {distribution} or update " in message
    assert "\n" not in message
    for part in expected:
        assert part in message, message


# The helper and the crash handler


def test_the_message_names_package_version_hook_use_upstream_issue_and_fix():
    hook = UpstreamHook("sphinx-tags", "handbook.topics.tags", "replaces it to keep topic pages incremental", issue="https://x/1")
    assert hook.message("listener update_tags at builder-inited") == (
        f"handbook: sphinx-tags {metadata.version('sphinx-tags')} has no listener update_tags at builder-inited "
        "(handbook.topics.tags replaces it to keep topic pages incremental; upstream: https://x/1); "
        "pin sphinx-tags or update handbook/topics/tags.py"
    )


def test_replacing_a_listener_needs_sphinxs_list_of_listeners(app, monkeypatch):
    monkeypatch.delattr(app.events, "listeners")
    with pytest.raises(ExtensionError) as error:
        tags._take_over_topic_pages(app)
    assert_names_the_package(error, "Sphinx", "EventManager.listeners", "handbook/core/upstream.py")


def without_sphinxs_full_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """The log's report asks the system for its processor (``uname -p``), a process the fast tests may not start."""
    monkeypatch.setattr(crashes.sphinx_errors, "full_exception_context", lambda *args, **kwargs: "Sphinx's report")


def test_the_crash_handler_prints_it_as_one_line_without_advice_for_an_internal_error(tmp_path, monkeypatch):
    without_sphinxs_full_report(monkeypatch)
    monkeypatch.setattr(crashes.REPORT, "app", SimpleNamespace(outdir=tmp_path / "html"))
    error = UpstreamChanged(UpstreamHook("sphinx-tags", "handbook.topics.tags", "uses it").message("sphinx_tags.tagpage"))
    printed = io.StringIO()
    crashes._handle_exception(error, stderr=printed)
    assert printed.getvalue() == f"ERROR: {error}\n"
    assert (tmp_path / crashes.LOG_NAME).read_text(encoding="utf-8") == "Sphinx's report"


def test_a_build_that_meets_a_changed_theme_stops_with_one_line_and_no_traceback(tmp_path, monkeypatch, capsys):
    without_sphinxs_full_report(monkeypatch)
    changed = tmp_path / "layout.html"
    changed.write_text(layout_override.COPIED_FROM.replace("</script>", "</script>\n    <script src='new.js'></script>", 1))
    monkeypatch.setattr(layout_override, "THEME_LAYOUT", changed)
    srcdir = themed_project(tmp_path / "src")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "".join(f"{name} = {value!r}\n" for name, value in THEMED.items()))
    assert build_main([str(srcdir), str(tmp_path / "out" / "html"), "-q"]) == 2
    # Apps of earlier tests in this process left Sphinx's node classes registered; a sphinx-build process has none.
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip() and "is already registered" not in line]
    version = metadata.version("pydata-sphinx-theme")
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ERROR: handbook: pydata-sphinx-theme {version} has no extrahead block"), lines[0]
    assert "Traceback" not in lines[0] and "internal error" not in lines[0]


# Row 1: search_page wraps IndexBuilder.load, freeze and prune (sphinx-doc/sphinx#12599).


@pytest.mark.parametrize("method", search_page.WRAPPED)
def test_search_needs_the_index_builder_methods_it_wraps(monkeypatch, method):
    monkeypatch.delattr(IndexBuilder, method)
    with pytest.raises(ExtensionError) as error:
        search_page._keep_index_entries_across_builds()
    assert_names_the_package(error, "Sphinx", f"IndexBuilder.{method}", "sphinx-doc/sphinx/issues/12599")


@pytest.mark.parametrize("collected", ["_index_entries", "_titles"])
def test_precomputed_stems_need_what_the_indexer_collected(app, collected):
    indexer = IndexBuilder(app.env, "en", {}, None)
    delattr(indexer, collected)
    built = SimpleNamespace(builder=SimpleNamespace(indexer=indexer))
    with pytest.raises(ExtensionError) as error:
        precomputed_stems.precomputed_stems(built, [], {})
    assert_names_the_package(error, "Sphinx", f"IndexBuilder.{collected}", "handbook.search.precomputed_stems")


# Row 3: unchanged_pages wraps the builder's handle_page.


def test_unchanged_pages_needs_the_builders_handle_page(app, monkeypatch):
    monkeypatch.delattr(app.builder, "handle_page")  # the wrapper installed at builder-inited
    monkeypatch.delattr(StandaloneHTMLBuilder, "handle_page")
    with pytest.raises(ExtensionError) as error:
        unchanged_pages._install(app)
    assert_names_the_package(error, "Sphinx", "StandaloneHTMLBuilder.handle_page", "handbook/web/unchanged_pages.py")


def test_unchanged_pages_needs_the_templates_newest_time(app, monkeypatch):
    for owner in type(app.builder.templates).__mro__:
        if "newest_template_mtime" in vars(owner):
            monkeypatch.delattr(owner, "newest_template_mtime")
    with pytest.raises(ExtensionError) as error:
        unchanged_pages.check_hook_points(app.builder)
    assert_names_the_package(error, "Sphinx", "newest_template_mtime")


# Row 4: navigation replaces pydata's add_toctree_functions listener.


def test_navigation_needs_the_themes_listener_to_replace(app):
    """At builder-inited the handbook replaced it: a second look finds none, as after a rename upstream."""
    with pytest.raises(ExtensionError) as error:
        navigation._use_cached_sidebars(app)
    assert_names_the_package(error, "pydata-sphinx-theme", "listener add_toctree_functions at html-page-context")


def test_navigation_leaves_another_theme_alone():
    navigation._use_cached_sidebars(SimpleNamespace(extensions={"alabaster": None}))


def test_navigation_needs_the_themes_sidebar_function_in_the_context(make_app, tmp_path, monkeypatch):
    monkeypatch.setattr(theme_toctree, "add_toctree_functions", lambda *args: None)  # connected by the theme's setup
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-navigation", srcdir)
    themed = make_app("html", srcdir=srcdir, confoverrides={"extensions": ["myst_parser", "tests.sidebar_cache_alone"]})
    wrapper = next(
        listener.handler
        for listener in themed.events.listeners["html-page-context"]
        if listener.handler.__module__ == navigation.__name__
    )
    with pytest.raises(ExtensionError) as error:
        wrapper(themed, "index", "page.html", {}, None)
    assert_names_the_package(error, "pydata-sphinx-theme", "generate_toctree_html in the page context")


# Rows 5, 6 and 8: topics replace sphinx-tags' update_tags, write its pages with its pieces, and edit its Markdown.


def test_topics_need_sphinx_tags_listener_to_replace(app):
    with pytest.raises(ExtensionError) as error:
        tags._take_over_topic_pages(app)
    expected = ("listener update_tags at builder-inited", "melissawm/sphinx-tags/pull/111", "handbook/topics/tags.py")
    assert_names_the_package(error, "sphinx-tags", *expected)


def test_topics_need_sphinx_tags_update_tags(app, monkeypatch):
    monkeypatch.delattr(sphinx_tags, "update_tags")
    with pytest.raises(ExtensionError) as error:
        tags._take_over_topic_pages(app)
    assert_names_the_package(error, "sphinx-tags", "sphinx_tags.update_tags")


def test_topics_need_sphinx_tags_index_writer(app, monkeypatch):
    monkeypatch.delattr(sphinx_tags, "tagpage")
    before = sorted((Path(app.srcdir) / app.config.tags_output_dir).iterdir())
    with pytest.raises(ExtensionError) as error:
        tags._write_topic_pages(app, frozenset(tags.vocabulary(app.env)))
    assert_names_the_package(error, "sphinx-tags", "sphinx_tags.tagpage")
    assert sorted((Path(app.srcdir) / app.config.tags_output_dir).iterdir()) == before, "nothing deleted first"


@pytest.mark.parametrize(
    ("generated", "missing"),
    [
        ("(tagoverview)=\n\n# {overview}\n\n```{{toctree}}\n:caption: All topics\n```\n", "in the topics index"),
        ("(sphx_tag_exercise)=\n# Tag: exercise\n\n```{{toctree}}\n---\n```\n", "title '# {title}: '"),
        ("(sphx_tag_exercise)=\n{title}: exercise\n===============\n", "'# ' title"),
    ],
    ids=["index toctree without options", "another title", "no Markdown title"],
)
def test_topics_need_the_markdown_sphinx_tags_writes(app, generated, missing):
    settings = {"overview": app.config.tags_overview_title, "title": app.config.tags_page_title}
    with pytest.raises(ExtensionError) as error:
        tags._decorate_topic_page(app, generated.format(**settings))
    assert_names_the_package(error, "sphinx-tags", missing.format(**settings))


def test_topic_pages_from_sphinx_tags_markdown_are_decorated_as_before(app):
    page = (Path(app.srcdir) / app.config.tags_output_dir / "exercise.md").read_text(encoding="utf-8")
    decorated = tags._decorate_topic_page(app, page)
    assert decorated.startswith(f"(sphx_tag_exercise)=\n# {app.config.tags_page_title}: exercise\n\n")
    assert "```{article-list}\n:topic: exercise\n```" in decorated


# Row 10: sitemap disconnects three of sphinx-sitemap's listeners.


def test_sitemap_needs_sphinx_sitemaps_listeners_to_disconnect(app):
    with pytest.raises(ExtensionError) as error:
        sitemap._take_over_collection(app, app.config)
    assert_names_the_package(
        error, "sphinx-sitemap", "listener record_builder_type at builder-inited", "jdillard/sphinx-sitemap/issues/13"
    )


def test_sitemap_needs_sphinx_sitemaps_handlers(app, monkeypatch):
    monkeypatch.delattr(sphinx_sitemap, "record_builder_type")
    with pytest.raises(ExtensionError) as error:
        sitemap._take_over_collection(app, app.config)
    assert_names_the_package(error, "sphinx-sitemap", "has no sphinx_sitemap.record_builder_type")


def test_a_builder_without_pages_needs_sphinx_sitemaps_writer_to_disconnect(app, monkeypatch):
    """Without an address it went at config-inited; with one, a builder without pages (linkcheck) must find it."""
    assert not app.config.html_baseurl
    monkeypatch.setattr(app.config, "html_baseurl", "https://example.org/")
    monkeypatch.setattr(app.builder, "name", "linkcheck")
    with pytest.raises(ExtensionError) as error:
        sitemap._make_queue(app)
    assert_names_the_package(error, "sphinx-sitemap", "listener create_sitemap at build-finished")


# Row 11: icons are read from the theme's minified Font Awesome bundle.


def test_icons_need_readable_drawings_in_the_themes_bundle():
    with pytest.raises(ExtensionError) as error:
        icons.make_script(b'(()=>{const q={"sun":[512,512,[],"f185","M0 0"]};r("fas",q)})();', {"sun"})
    assert_names_the_package(error, "pydata-sphinx-theme", "icons in theme/pydata_sphinx_theme/static/scripts/fontawesome.js")


def test_icons_need_the_themes_bundle(app, monkeypatch, tmp_path):
    monkeypatch.setattr(icons, "BUNDLE", tmp_path / "fontawesome.js")
    with pytest.raises(ExtensionError) as error:
        icons._write_icon_subset(app, None)
    assert_names_the_package(error, "pydata-sphinx-theme", "has no theme/pydata_sphinx_theme/static/scripts/fontawesome.js")


# Row 12: stylesheets trims the theme's CSS and fonts from its package folder.


def test_stylesheets_need_the_themes_stylesheet(app, monkeypatch, tmp_path):
    monkeypatch.setattr(stylesheets, "THEME_STATIC", tmp_path)
    with pytest.raises(ExtensionError) as error:
        stylesheets._trim_theme_files(app, None)
    assert_names_the_package(error, "pydata-sphinx-theme", "static/styles/pydata-sphinx-theme.css")


def test_stylesheets_need_the_book_themes_stylesheet(app, monkeypatch, tmp_path):
    monkeypatch.setattr(stylesheets, "BOOK_STATIC", tmp_path)
    with pytest.raises(ExtensionError) as error:
        stylesheets._trim_theme_files(app, None)
    assert_names_the_package(error, "sphinx-book-theme", "static/styles/sphinx-book-theme.css")


def test_stylesheets_need_sphinxs_basic_stylesheet_in_the_output(tmp_path):
    with pytest.raises(ExtensionError) as error:
        stylesheets.basic_file(tmp_path)
    assert_names_the_package(error, "sphinx", "_static/basic.css")


def test_stylesheets_need_the_themes_icon_fonts(tmp_path):
    with pytest.raises(ExtensionError) as error:
        stylesheets.output_fonts(tmp_path)
    assert_names_the_package(error, "pydata-sphinx-theme", "static/vendor/fontawesome/webfonts/*.woff2")


def test_stylesheets_need_each_font_the_output_has(monkeypatch, tmp_path):
    monkeypatch.setattr(stylesheets, "THEME_STATIC", tmp_path)
    with pytest.raises(ExtensionError) as error:
        stylesheets.theme_file("vendor/fontawesome/webfonts/fa-solid-900.woff2")
    assert_names_the_package(error, "pydata-sphinx-theme", "webfonts/fa-solid-900.woff2")


# Row 13: _templates/layout.html replaces the theme's extrahead block without super().


def test_the_themes_extrahead_block_is_the_one_the_template_copied():
    layout_override.check_theme_block(layout_override.THEME_LAYOUT.read_text(encoding="utf-8"))


def test_the_projects_template_is_that_block_without_the_search_scripts():
    ours = layout_override.extrahead_block((PROJECT / "_templates/layout.html").read_text(encoding="utf-8"))
    search_scripts = re.compile(r"\n  \{% if pagename == 'search' %\}.*?\{% endif %\}", re.DOTALL)
    assert ours == search_scripts.sub("", layout_override.COPIED_FROM)


NEW_TAG = '  <meta name="theme-color" content="#fff"/>\n'


@pytest.mark.parametrize(
    "change",
    [
        lambda block: block.replace("{%- endblock extrahead %}", f"{NEW_TAG}{{%- endblock extrahead %}}"),
        lambda block: block.replace("{%- block extrahead %}", "{%- block head_extra %}"),
    ],
    ids=["a tag added to the block", "the block renamed"],
)
def test_a_changed_extrahead_block_names_the_theme_and_its_version(change):
    theme_layout = f"{{% extends 'basic/layout.html' %}}\n{change(layout_override.COPIED_FROM)}\n"
    with pytest.raises(ExtensionError) as error:
        layout_override.check_theme_block(theme_layout)
    assert_names_the_package(error, "pydata-sphinx-theme", "extrahead block", "_templates/layout.html and COPIED_FROM")


def test_the_block_is_checked_when_the_build_starts(app, monkeypatch, tmp_path):
    monkeypatch.setattr(layout_override, "THEME_LAYOUT", tmp_path / "layout.html")
    with pytest.raises(ExtensionError) as error:
        layout_override._check_the_copied_block(app)
    assert_names_the_package(error, "pydata-sphinx-theme", "has no theme/pydata_sphinx_theme/layout.html")
