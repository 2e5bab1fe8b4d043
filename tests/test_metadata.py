"""Front-matter validation: one mini project per rule, as sphinx.ext.todo's tests do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOTS, run_sphinx

# (test root, line of the error, the message after "ERROR: ")
BAD_INPUT = [
    ("missing-description", 8, "description: missing; add it to the front matter (a plain-text summary of 40–200 characters)"),
    ("impossible-date", 3, "last_reviewed: expected a real date YYYY-MM-DD, got '2026-02-30' (day is out of range for month)"),
    ("wrong-date-format", 3, "last_reviewed: expected a date YYYY-MM-DD, got '12/03/2026'"),
    ("review-order", 4, "next_review: expected a date after last_reviewed (2026-03-12), got '2025-03-12'"),
    ("review-too-late", 4, "next_review: expected at most 3 years after last_reviewed (by 2029-03-12), got '2030-03-12'"),
    ("misspelt-key", 2, "descripton: unknown field; did you mean 'description'?"),
    (
        "bad-review-status",
        5,
        "review_status: expected one of draft, editorial-review, clinician-reviewed, "
        "got 'clinician-reviwed'; did you mean 'clinician-reviewed'?",
    ),
    ("short-description", 2, "description: expected 40–200 characters of plain text, got 9"),
    ("malformed-yaml", 9, "front matter: expected 'key: value' lines of YAML, got"),
    ("unknown-tag", 13, "tags: unknown topic 'excercise'; did you mean 'exercise'?"),
    (
        "miscased-tag",
        13,
        "tags: expected 'nerve pain' in lower case as in the vocabulary, got 'Nerve pain'; did you mean 'nerve pain'?",
    ),
    ("two-tags-blocks", 22, "tags block: expected one per page (the first is at line 13), got another; merge them"),
    ("colon-fenced-tags", 13, "tags block: expected a backtick fence ```{tags}, got ':::{tags}'"),
    ("missing-tags", 1, "tags block: missing; add ```{tags} topic, topic``` under the title"),
    ("raw-html", 18, "raw HTML: expected Markdown only, got '<script>alert('hi')</script>'"),
    ("image-without-alt", 18, "image 'conditions/nerve.png': expected alt text that says what it shows"),
    ("hard-to-read", 1, "reading level: expected Flesch-Kincaid grade 8.0 or lower, got"),
]
ERROR_LINE = re.compile(r"conditions/article\.md:(\d+): ERROR: (.*)")


def errors(warnings: str) -> list[tuple[int, str]]:
    return [(int(line), message) for line, message in ERROR_LINE.findall(warnings)]


@pytest.mark.parametrize(("root", "line", "message"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_bad_input_names_file_line_and_fix(make_app, sphinx_test_tempdir, root, line, message):
    srcdir = sphinx_test_tempdir / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir, dirs_exist_ok=True)
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = errors(app.warning.getvalue())
    assert [(got_line, got[: len(message)]) for got_line, got in found] == [(line, message)]
    assert app.statuscode == 1
    assert "Traceback" not in app.warning.getvalue() + app.status.getvalue()


def bad_input(root: str) -> tuple[str, int, str]:
    return next(case for case in BAD_INPUT if case[0] == root)


@pytest.mark.make
def test_bad_input_fails_the_command_line_build_without_traceback(tmp_path):
    """One rule through sphinx-build, as an author runs it: every rule is built in-process above, by the same code."""
    root, line, message = bad_input("misspelt-key")
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    result = run_sphinx(srcdir, tmp_path / "html")
    assert result.returncode != 0
    assert f"conditions/article.md:{line}: ERROR: {message}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "Exception occurred" not in result.stderr


@pytest.mark.make
def test_a_bad_article_fails_every_build_until_it_is_fixed(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-unknown-tag", srcdir)
    assert run_sphinx(srcdir, tmp_path / "html").returncode != 0
    second = run_sphinx(srcdir, tmp_path / "html")
    assert second.returncode != 0, "an unchanged bad file must not pass on the next build"
    assert "tags: unknown topic 'excercise'" in second.stderr
    article = srcdir / "conditions/article.md"
    article.write_text(article.read_text().replace("excercise", "exercise"))
    assert run_sphinx(srcdir, tmp_path / "html").returncode == 0


@pytest.mark.sphinx("html", testroot="valid")
def test_valid_articles_build_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="valid", confoverrides={"handbook_today": "2027-06-01"})
def test_overdue_review_fails_the_build_naming_the_article(app):
    app.build()
    assert "conditions/back-strain.md:4: ERROR: next_review: review overdue since 2027-01-05" in app.warning.getvalue()
    assert "sciatica" not in app.warning.getvalue()
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="valid", confoverrides={"handbook_today": "2028-03-13"})
def test_every_overdue_article_is_named(app):
    app.build()
    assert "conditions/back-strain.md:4: ERROR: next_review: review overdue since 2027-01-05" in app.warning.getvalue()
    assert "conditions/sciatica.md:4: ERROR: next_review: review overdue since 2028-03-12" in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="valid", srcdir="future", confoverrides={"handbook_today": "2026-01-01"})
def test_last_reviewed_in_the_future_is_an_error(app):
    app.build()
    assert (
        "conditions/sciatica.md:3: ERROR: last_reviewed: expected a date not in the future (today is 2026-01-01), "
        "got '2026-03-12'" in app.warning.getvalue()
    )


@pytest.mark.make
def test_mistyped_today_stops_the_build_with_one_clear_line(valid_project, tmp_path):
    result = run_sphinx(valid_project, tmp_path / "html", "-D", "handbook_today=24/11/2026")
    assert result.returncode != 0
    assert "handbook_today: expected a date YYYY-MM-DD, got '24/11/2026'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.sphinx("html", testroot="drafts")
def test_drafts_are_left_out_by_default(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert not (Path(app.outdir) / "conditions/hydrotherapy.html").exists()
    section = (Path(app.outdir) / "conditions/index.html").read_text()
    assert "Water therapy" not in section


@pytest.mark.sphinx("html", testroot="drafts", confoverrides={"handbook_include_drafts": True})
def test_drafts_build_on_request_with_a_draft_notice(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = BeautifulSoup((Path(app.outdir) / "conditions/hydrotherapy.html").read_text(), "html.parser")
    assert page.select_one("p.review-notice").get_text() == "Draft. Not yet reviewed by a clinician"
    assert "(draft; not yet reviewed by a clinician)" in page.select_one("p.review-dates").get_text()
