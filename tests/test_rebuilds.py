"""What a rebuild may skip, and that skipping never leaves a page out of date.

handbook.sitepages keeps the index, search and 404 pages when nothing they
show has changed; handbook.citations keeps formatted sources between builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

from handbook.buildcache import FOLDER, cached
from tests.conftest import DOCS, PROJECT, run_sphinx

WHOLE_SITE_PAGES = ("genindex.html", "search.html")


def stamps(outdir: Path) -> dict[str, int]:
    return {name: (outdir / name).stat().st_mtime_ns for name in WHOLE_SITE_PAGES}


def test_a_rebuild_with_no_change_keeps_the_index_and_search_pages(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    before = stamps(outdir)
    again = run_sphinx(valid_project, outdir, quiet=False)
    assert again.returncode == 0
    assert "genindex unchanged: not written again" in again.stdout
    assert stamps(outdir) == before


def test_a_new_index_name_rewrites_the_index_page(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    article = valid_project / "conditions/sciatica.md"
    article.write_text(article.read_text().replace("  - pinched nerve\n", "  - pinched nerve\n  - nerve root pain\n"))
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert "nerve root pain" in (outdir / "genindex.html").read_text()


def test_a_new_section_title_rewrites_the_search_page_sidebar(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert "Conditions" in (outdir / "search.html").read_text()
    section = valid_project / "conditions/index.md"
    section.write_text(section.read_text().replace("# Conditions", "# Back conditions"))
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert "Back conditions" in (outdir / "search.html").read_text()
    assert "Back conditions" in (outdir / "genindex.html").read_text()


def test_a_deleted_output_page_is_written_again(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    (outdir / "search.html").unlink()
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert (outdir / "search.html").is_file()


def test_sources_formatted_in_an_earlier_build_print_the_same(site, tmp_path):
    doctrees = tmp_path / "doctrees"
    shutil.copytree(site.parent / "doctrees", doctrees)
    assert (doctrees / "handbook-citations.pickle").is_file(), "the first build stored its formatted sources"
    outdir = tmp_path / "html"
    result = run_sphinx(DOCS, outdir, "-E", "-d", str(doctrees), confdir=PROJECT)
    assert result.returncode == 0, result.stderr
    for page in ("about/references.html", "treatments/acupuncture.html"):
        assert (outdir / page).read_bytes() == (site / page).read_bytes(), page


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
    outdir, doctrees = tmp_path / "html", tmp_path / "doctrees"
    shutil.copytree(site, outdir)
    shutil.copytree(site.parent / "doctrees", doctrees)
    (outdir / "treatments/yoga.html").unlink()  # one page written again, the others restored from the index
    result = run_sphinx(DOCS, outdir, "-d", str(doctrees), confdir=PROJECT)
    assert result.returncode == 0, result.stderr
    assert (outdir / "searchindex.js").read_bytes() == (site / "searchindex.js").read_bytes()


def test_the_cache_keeps_one_result_per_name(tmp_path):
    app = SimpleNamespace(doctreedir=str(tmp_path))
    assert cached(app, "theme.css", [b"v1"], lambda: b"one") == b"one"
    assert cached(app, "pydata-theme.css", [b"v1"], lambda: b"other") == b"other"
    assert cached(app, "theme.css", [b"v1"], lambda: b"never made again") == b"one"
    assert cached(app, "theme.css", [b"v2"], lambda: b"two") == b"two"
    kept = sorted(path.name.split("-", 1)[1] for path in (tmp_path / FOLDER).iterdir())
    assert kept == ["pydata-theme.css", "theme.css"]
    assert cached(app, "theme.css", [b"v2"], lambda: b"never made again") == b"two"
