"""Shared test set-up: Sphinx's own testing fixtures, with the roots in tests/roots/."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
PROJECT = Path(__file__).parent.parent
DOCS = PROJECT / "docs"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def run_sphinx(
    srcdir: Path, outdir: Path, *options: str, confdir: Path | None = None, quiet: bool = True
) -> subprocess.CompletedProcess:
    """Run sphinx-build as an author would, strictly, from inside the source folder."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "--no-color", *(["-q"] if quiet else [])]
    command += ["-c", str(confdir or srcdir), str(srcdir), str(outdir), *options]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(command, cwd=srcdir, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def valid_project(tmp_path: Path) -> Path:
    """A fresh copy of the ``test-valid`` mini handbook, to edit and build again."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-valid", srcdir, ignore=shutil.ignore_patterns("_tags"))
    return srcdir


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of the real handbook, shared by every test that reads the site."""
    outdir = tmp_path_factory.mktemp("handbook") / "html"
    result = run_sphinx(DOCS, outdir, "-d", str(outdir.parent / "doctrees"), confdir=PROJECT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "a strict build has zero warnings"
    return outdir


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built handbook over http, on a loopback port, under the path of its html_baseurl."""
    from handbook.siteaddress import site_path
    from tests.browser import serve

    with serve(site, site_path(runpy.run_path(str(PROJECT / "conf.py"))["html_baseurl"])) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from tests.browser import chromium

    with chromium() as instance:
        yield instance
