"""An internal error or a file that is not UTF-8 ends a build with one line saying what to do.

Run through the command line, as an author meets them: no traceback, no request
to report a bug to Sphinx; the full report is kept in a log the line names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_sphinx

FAILING_EXTENSION = """
def _fail_on_sciatica(app, doctree):
    if app.env.docname == "conditions/sciatica":
        raise KeyError("treatments/removed-article")


def setup(app):
    app.connect("doctree-read", _fail_on_sciatica)
    return {"parallel_read_safe": True}
"""


def with_failing_extension(srcdir: Path) -> None:
    (srcdir / "failing.py").write_text(FAILING_EXTENSION, encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(
        "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.read_text(encoding="utf-8")
        + 'extensions.append("failing")\n',
        encoding="utf-8",
    )


@pytest.mark.make
def test_an_internal_error_is_one_line_naming_the_file_and_what_to_do(valid_project, tmp_path):
    with_failing_extension(valid_project)
    result = run_sphinx(valid_project, tmp_path / "out" / "html")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("conditions/sciatica.md: ERROR: internal error (KeyError: 'treatments/removed-article' in failing); ")
    assert "run `make clean` and try again; if it happens again, report it with this message" in line
    assert "Traceback" not in result.stderr + result.stdout
    assert "sphinx-doc/sphinx/issues" not in result.stderr + result.stdout
    log = re.search(r"\(details: (\S+)\)$", line)
    assert log, line
    report = (valid_project / log[1]).read_text(encoding="utf-8")
    assert "Traceback" in report and "_fail_on_sciatica" in report, "the full traceback is kept for whoever fixes it"


@pytest.mark.make
def test_a_developer_who_asks_for_the_traceback_gets_it(valid_project, tmp_path):
    with_failing_extension(valid_project)
    result = run_sphinx(valid_project, tmp_path / "html", "-T")
    assert result.returncode != 0
    assert "_fail_on_sciatica" in result.stderr
    assert "KeyError: 'treatments/removed-article'" in result.stderr


@pytest.mark.make
def test_a_file_that_is_not_utf8_is_one_line_naming_file_byte_and_line(valid_project, tmp_path):
    article = valid_project / "conditions/sciatica.md"
    text = article.read_text(encoding="utf-8")
    line = next(number for number, words in enumerate(text.splitlines(), 1) if "runs down your leg" in words)
    article.write_bytes(text.replace("runs down your leg", "runs down your l\u00e9g").encode("latin-1"))
    expected = [f"conditions/sciatica.md: ERROR: not UTF-8 (byte 0xe9 at line {line}); save it as UTF-8"]
    for build in ("first", "again"):
        result = run_sphinx(valid_project, tmp_path / "html")
        assert result.returncode != 0, build
        assert [found for found in result.stderr.splitlines() if found.strip()] == expected, (build, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.make
def test_a_utf8_file_with_a_byte_order_mark_is_read_as_before(valid_project, tmp_path):
    article = valid_project / "conditions/sciatica.md"
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())
    result = run_sphinx(valid_project, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert "Sciatica" in (tmp_path / "html/conditions/sciatica.html").read_text(encoding="utf-8")
