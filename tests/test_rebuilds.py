"""What a rebuild may skip, and that skipping never leaves a page out of date.

handbook.web.unchanged_pages keeps the index, search and 404 pages when nothing they
show has changed; handbook.article.citations keeps formatted sources between builds.
A page that leaves the site (deleted, renamed, made a draft, drafts switched
off) leaves an incremental build exactly as a clean build of the same files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from handbook.core.output_cache import FOLDER, cached, digest_of
from handbook.web.unchanged_pages import PACKAGE, handbook_code
from tests.conftest import copy_site, copy_site_sources, run_sphinx, site_project

WHOLE_SITE_PAGES = ("genindex.html", "search.html")


def stamps(outdir: Path) -> dict[str, int]:
    return {name: (outdir / name).stat().st_mtime_ns for name in WHOLE_SITE_PAGES}


@pytest.mark.make
def test_a_rebuild_with_no_change_keeps_the_index_and_search_pages(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    before = stamps(outdir)
    again = run_sphinx(valid_project, outdir, quiet=False)
    assert again.returncode == 0
    assert "genindex unchanged: not written again" in again.stdout
    assert stamps(outdir) == before


def test_a_change_to_the_handbooks_own_code_changes_what_the_whole_site_pages_are_made_from(tmp_path):
    """A new handbook version (say, one that bundles the stylesheets) must rewrite the search page, not keep the old one."""
    assert ("web/unchanged_pages.py", *_size_and_time(PACKAGE / "web/unchanged_pages.py")) in handbook_code()
    package = tmp_path / "handbook"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = digest_of(handbook_code(package))
    module = package / "theme/unused_assets.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# a new version\n", encoding="utf-8")
    assert digest_of(handbook_code(package)) != before


def _size_and_time(path: Path) -> tuple[int, int]:
    return path.stat().st_size, path.stat().st_mtime_ns


@pytest.mark.make
def test_a_new_index_name_rewrites_the_index_page(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    article = valid_project / "conditions/sciatica.md"
    article.write_text(article.read_text().replace("  - pinched nerve\n", "  - pinched nerve\n  - nerve root pain\n"))
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert "nerve root pain" in (outdir / "genindex.html").read_text()


@pytest.mark.make
def test_a_new_section_title_rewrites_the_search_page_sidebar(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert "Conditions" in (outdir / "search.html").read_text()
    section = valid_project / "conditions/index.md"
    section.write_text(section.read_text().replace("# Conditions", "# Back conditions"))
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert "Back conditions" in (outdir / "search.html").read_text()
    assert "Back conditions" in (outdir / "genindex.html").read_text()


@pytest.mark.make
def test_a_deleted_output_page_is_written_again(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    (outdir / "search.html").unlink()
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert (outdir / "search.html").is_file()


def test_sources_formatted_in_an_earlier_build_print_the_same(site, tmp_path):
    doctrees = tmp_path / "doctrees"
    shutil.copytree(site.parent / "doctrees", doctrees)
    assert (doctrees / "handbook-cache/citations.pickle").is_file(), "the first build stored its formatted sources"
    outdir, project = tmp_path / "html", copy_site_sources(tmp_path / "project")
    result = run_sphinx(project / "docs", outdir, "-E", "-d", str(doctrees), confdir=project)
    assert result.returncode == 0, result.stderr
    for page in ("about/references.html", "treatments/acupuncture.html"):
        assert (outdir / page).read_bytes() == (site / page).read_bytes(), page


@pytest.mark.make
def test_topic_pages_are_kept_when_no_source_changed_and_made_again_when_one_did(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    topic = valid_project / "_tags/exercise.md"
    marked = topic.read_text() + "\n% kept: sphinx-tags did not make this page again\n"
    topic.write_text(marked)
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert topic.read_text() == marked
    article = valid_project / "conditions/sciatica.md"
    article.write_text(article.read_text().replace("It often gets better", "It usually gets better"))
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert topic.read_text() != marked
    (valid_project / "_tags/nerve-pain.md").unlink()
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert (valid_project / "_tags/nerve-pain.md").is_file()


def test_a_rebuild_writes_the_same_search_index_as_a_clean_build(site, tmp_path):
    outdir, doctrees = copy_site(site, tmp_path)
    (outdir / "treatments/yoga.html").unlink()  # one page written again, the others restored from the index
    project = site_project(site)  # the same sources: the saved environment stays valid
    result = run_sphinx(project / "docs", outdir, "-d", str(doctrees), confdir=project)
    assert result.returncode == 0, result.stderr
    assert (outdir / "searchindex.js").read_bytes() == (site / "searchindex.js").read_bytes()


def test_the_cache_keeps_one_result_per_name(tmp_path):
    app = SimpleNamespace(doctreedir=str(tmp_path), config=SimpleNamespace(handbook_cache=True))
    assert cached(app, "theme.css", [b"v1"], lambda: b"one") == b"one"
    assert cached(app, "pydata-theme.css", [b"v1"], lambda: b"other") == b"other"
    assert cached(app, "theme.css", [b"v1"], lambda: b"never made again") == b"one"
    assert cached(app, "theme.css", [b"v2"], lambda: b"two") == b"two"
    kept = sorted(path.name.split("-", 1)[1] for path in (tmp_path / FOLDER).iterdir())
    assert kept == ["pydata-theme.css", "theme.css"]
    assert cached(app, "theme.css", [b"v2"], lambda: b"never made again") == b"two"


# A sitemap needs an address; every other option is the authors' strict build.
ADDRESS = ("-D", "html_baseurl=https://example.org/handbook/")
WITH_DRAFTS = ("-D", "handbook_include_drafts=1")
LEAVING = "conditions/back-strain"
LINKING = "conditions/sciatica"


def build(srcdir: Path, outdir: Path, *options: str) -> subprocess.CompletedProcess:
    return run_sphinx(srcdir, outdir, "-d", str(outdir.with_name(f"{outdir.name}-doctrees")), *ADDRESS, *options)


def files(outdir: Path) -> dict[str, bytes]:
    """Every file of a built site, by path, except Sphinx's note of the settings used."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in outdir.rglob("*")
        if path.is_file() and path.name != ".buildinfo"
    }


def problems(result: subprocess.CompletedProcess) -> list[str]:
    return sorted(line for line in result.stderr.splitlines() if line.strip())


def set_review_status(page: Path, status: str) -> None:
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^review_status: .*$", f"review_status: {status}", text, count=1), encoding="utf-8")


def delete(srcdir: Path) -> None:
    (srcdir / f"{LEAVING}.md").unlink()


def rename(srcdir: Path) -> None:
    (srcdir / f"{LEAVING}.md").rename(srcdir / f"{LEAVING}-renamed.md")


def unpublish(srcdir: Path) -> None:
    set_review_status(srcdir / f"{LEAVING}.md", "draft")


@pytest.mark.make
@pytest.mark.parametrize(
    ("change", "first_options"),
    [(delete, ()), (rename, ()), (unpublish, ()), (None, WITH_DRAFTS)],
    ids=["delete", "rename", "unpublish", "drafts-off"],
)
def test_a_page_leaving_the_site_rebuilds_as_a_clean_build_would(
    valid_project: Path, tmp_path: Path, change: Callable[[Path], None] | None, first_options: tuple[str, ...]
) -> None:
    linking = valid_project / f"{LINKING}.md"
    linking.write_text(linking.read_text(encoding="utf-8") + "\nSee also [back strain](back-strain.md).\n", encoding="utf-8")
    link_line = len(linking.read_text(encoding="utf-8").splitlines())
    if change is None:  # "drafts off": the page is a draft, built once with DRAFTS=1
        unpublish(valid_project)
    outdir = tmp_path / "html"
    first = build(valid_project, outdir, *first_options)
    assert "Traceback" not in first.stderr
    assert (outdir / f"{LEAVING}.html").is_file(), "the page was on the site before it left"
    if change is not None:
        change(valid_project)

    again = build(valid_project, outdir)

    assert "Traceback" not in again.stderr and "Sphinx" not in again.stderr, again.stderr
    broken_link = f"{LINKING}.md:{link_line}: ERROR: "
    assert any(line.startswith(broken_link) and "back-strain" in line for line in again.stderr.splitlines()), again.stderr
    clean_srcdir = tmp_path / "clean"
    shutil.copytree(valid_project, clean_srcdir, ignore=shutil.ignore_patterns("_tags"))
    clean = build(clean_srcdir, tmp_path / "clean-html")
    assert (again.returncode, problems(again)) == (clean.returncode, problems(clean))
    rebuilt, fresh = files(outdir), files(tmp_path / "clean-html")
    assert sorted(rebuilt) == sorted(fresh), "the same files: the old page and its source copy are gone"
    assert f"{LEAVING}.html" not in rebuilt
    for name in ("searchindex.js", "sitemap.xml", "genindex.html", "conditions/index.html", "_tags/exercise.html"):
        assert rebuilt[name] == fresh[name], name
    assert rebuilt == fresh, [name for name in fresh if rebuilt.get(name) != fresh[name]]
