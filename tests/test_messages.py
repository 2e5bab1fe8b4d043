"""Every problem a build reports looks the same: ``docs/<file>:<line>: ERROR: what (how to fix)``.

Also Sphinx's and other extensions' messages (a broken link, a citation key
that is not in the references file), with a did-you-mean, and the path
relative to where the build was started, as ``make html`` runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.core.messages import did_you_mean
from tests.conftest import PROJECT, ROOTS

ONE_LINE = re.compile(r"^docs/[^\s:]+\.md:\d+: ERROR: \S.*\(.+\)$")


def docs_project(tmp_path: Path) -> Path:
    """test-valid as ``docs/`` of a project, with a references file, like the real handbook."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-valid", docs, ignore=shutil.ignore_patterns("_tags"))
    (docs / "references.bib").write_text(
        "@article{walker2020,\n  author = {Walker, Ann},\n  title = {Sciatica},\n  journal = {Spine},\n  year = {2020}\n}\n",
        encoding="utf-8",
    )
    conf = docs / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('extensions = ["handbook"]', 'extensions = ["sphinxcontrib.bibtex", "handbook"]')
        + 'bibtex_bibfiles = ["references.bib"]\n',
        encoding="utf-8",
    )
    return docs


def append(page: Path, text: str) -> int:
    """Add ``text`` at the end of ``page``; the line it is on."""
    page.write_text(page.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    return len(page.read_text(encoding="utf-8").splitlines())


def build_from_project_folder(project: Path) -> subprocess.CompletedProcess:
    """``sphinx-build`` run from the project folder with the sources in ``docs/``, as ``make html`` runs it."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q", "--no-color"]
    command += ["-c", "docs", "docs", "_build/html"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.make
def test_links_and_citation_keys_that_do_not_exist_are_one_line_each_with_a_suggestion(tmp_path):
    docs = docs_project(tmp_path)
    sciatica = docs / "conditions/sciatica.md"
    page_link = append(sciatica, "See [back strain](back-strian.md).")
    heading_link = append(sciatica, "See [its sources](sciatica.md#sorces).")
    citation = append(sciatica, "It often gets better.{footcite}`walker2002`")
    result = build_from_project_folder(tmp_path)
    lines = result.stderr.splitlines()
    assert result.returncode != 0
    where = "docs/conditions/sciatica.md"
    expected = [
        f"{where}:{page_link}: ERROR: link target not found: 'back-strian.md' (did you mean 'back-strain.md'? ",
        f"{where}:{heading_link}: ERROR: link target not found: no heading '#sorces' in {where} (did you mean '#sources'? ",
        f"{where}:{citation}: ERROR: citation key not found: 'walker2002' (did you mean 'walker2020'? ",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, result.stderr)
    assert len(lines) == 3, result.stderr
    assert all(ONE_LINE.match(line) for line in lines), result.stderr
    assert str(tmp_path) not in result.stderr, "paths are relative to where the build was started"
    assert "WARNING" not in result.stderr and "[myst" not in result.stderr and "[bibtex" not in result.stderr


@pytest.mark.make
def test_the_handbooks_own_errors_use_the_same_style(tmp_path):
    docs = docs_project(tmp_path)
    sciatica = docs / "conditions/sciatica.md"
    sciatica.write_text(sciatica.read_text(encoding="utf-8").replace("description:", "descripton:", 1), encoding="utf-8")
    result = build_from_project_folder(tmp_path)
    assert result.returncode != 0
    assert "docs/conditions/sciatica.md:2: ERROR: descripton: unknown field; did you mean 'description'?" in result.stderr
    assert "[handbook]" not in result.stderr


def test_did_you_mean_suggests_only_a_close_name():
    assert did_you_mean("walker2002", ["walker2020", "stone2021"]) == "did you mean 'walker2020'? "
    assert did_you_mean("xyz", ["walker2020", "stone2021"]) == ""
    assert did_you_mean("back-strian", ["back-strain"], prefix="#") == "did you mean '#back-strain'? "
