"""Shared test set-up: Sphinx's own testing fixtures, with the roots in tests/roots/.

Test tiers (markers registered in pyproject.toml; ``make test-fast`` leaves out all four):

* ``browser``: drives Chromium. Given by the ``browser`` or ``server`` fixture.
* ``pdf``: reads the rendered book and handouts. Given by the ``dist`` fixture.
* ``slow``: reads the session build of the whole real handbook. Given by the ``site`` fixture;
  also marked by hand on tests that are slow for another reason (fuzzing).
* ``make``: starts a process (``make``, ``sphinx-build``, a tool). Marked by hand; a test that
  starts one without any of the four marks fails, so the fast tier stays fast.

A new test that uses these fixtures is tiered automatically (``pytest_collection_modifyitems``).
"""

from __future__ import annotations

import hashlib
import os
import runpy
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sphinx.search import IndexBuilder

ROOTS = Path(__file__).parent / "roots"
PROJECT = Path(__file__).parent.parent
DOCS = PROJECT / "docs"
# The handbook's own settings, so a test expects what conf.py declares (and a fork's conf.py is what its tests expect).
CONF = runpy.run_path(str(PROJECT / "conf.py"))
# What a build of the real handbook reads from the checkout: copied, so no build writes docs/_tags.
SITE_SOURCES = ("docs", "_static", "_templates", "conf.py")
# The fixtures that put a test in a tier (see the module docstring).
TIER_OF_FIXTURE = {"browser": "browser", "server": "browser", "dist": "pdf", "site": "slow"}
TIERS = ("browser", "pdf", "make", "slow")
# handbook.search.search_page patches these IndexBuilder methods process-wide (sphinx-doc/sphinx#12599).
INDEX_BUILDER_HOOKS = ("load", "freeze", "prune")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with the tier of the fixtures it uses, directly or through other fixtures."""
    for item in items:
        for tier in sorted({TIER_OF_FIXTURE[name] for name in getattr(item, "fixturenames", ()) if name in TIER_OF_FIXTURE}):
            item.add_marker(tier)


class ProcessStarted(AssertionError):
    """A test outside the slow tiers started a process."""


def refuse_processes(nodeid: str) -> type:
    def refuse(*args: object, **kwargs: object) -> None:
        command = args[0] if args else kwargs.get("args")
        raise ProcessStarted(f"{nodeid} starts a process ({command!r}): mark it @pytest.mark.make (tests/conftest.py)")

    return refuse


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    with processes_only_in_tiers(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    with processes_only_in_tiers(item):
        return (yield)


@contextmanager
def processes_only_in_tiers(item: pytest.Item) -> Iterator[None]:
    """Unmarked tests (the fast tier) may not start processes: subprocess.Popen raises for them."""
    if any(item.get_closest_marker(tier) for tier in TIERS):
        yield
        return
    original = subprocess.Popen
    subprocess.Popen = refuse_processes(item.nodeid)
    try:
        yield
    finally:
        subprocess.Popen = original


@contextmanager
def sphinx_index_builder_restored() -> Iterator[None]:
    """Undo handbook.search.search_page's process-wide IndexBuilder patch on exit.

    ``handbook.search.search_page.setup`` wraps ``sphinx.search.IndexBuilder`` methods for the
    whole process (the workaround for sphinx-doc/sphinx#12599). Without this, every
    in-process app in a later test, even a plain-Sphinx baseline, would run patched.
    """
    saved = {hook: IndexBuilder.__dict__[hook] for hook in INDEX_BUILDER_HOOKS}
    try:
        yield
    finally:
        for hook, method in saved.items():
            setattr(IndexBuilder, hook, method)


@pytest.fixture(autouse=True)
def _index_builder_per_test() -> Iterator[None]:
    with sphinx_index_builder_restored():
        yield


@pytest.fixture(autouse=True, scope="module")
def _index_builder_per_module() -> Iterator[None]:
    """The same for a module's own Sphinx app (a module-scoped ``built`` fixture), made before any test's: without
    it the patch outlives the module, into whichever file the worker (``make test`` runs several) takes next."""
    with sphinx_index_builder_restored():
        yield


def copy_site_sources(destination: Path, project: Path = PROJECT) -> Path:
    """Copy what a build of the real handbook reads (docs/ without _tags, conf.py, _static, _templates)."""
    for name in SITE_SOURCES:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("_tags", "__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def tree_digest(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` by relative path, with the SHA-256 of its bytes."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


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


def copy_root(tmp_path: Path, name: str) -> Path:
    """A copy of the mini project ``tests/roots/<name>`` in ``tmp_path/src``, to edit and build."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / name, srcdir, ignore=shutil.ignore_patterns("_tags"))
    return srcdir


def build_root(srcdir: Path, *options: str) -> tuple[Path, str, int]:
    """Build a copied root strictly beside it: its HTML folder, the errors it printed, and its exit status."""
    outdir = srcdir.parent / "html"
    result = run_sphinx(srcdir, outdir, "-d", str(srcdir.parent / "doctrees"), *options)
    return outdir, result.stderr, result.returncode


@pytest.fixture
def valid_project(tmp_path: Path) -> Path:
    """A fresh copy of the ``test-valid`` mini handbook, to edit and build again."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-valid", srcdir, ignore=shutil.ignore_patterns("_tags"))
    return srcdir


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One strict build of the real handbook, shared by every test that reads the site: read it, never write it.

    It is built from a copy of the sources (``site_project(site)``), with its doctrees in
    ``site.parent / "doctrees"``. A test that rebuilds copies the html and doctrees first
    (``copy_site``). At the end of the run the whole fixture must be as it was built.
    """
    folder = tmp_path_factory.mktemp("handbook")
    project = copy_site_sources(folder / "project")
    outdir = folder / "html"
    result = run_sphinx(project / "docs", outdir, "-d", str(folder / "doctrees"), confdir=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "a strict build has zero warnings"
    built = tree_digest(folder)
    yield outdir
    now = tree_digest(folder)
    changed = sorted(name for name in built.keys() | now.keys() if built.get(name) != now.get(name))
    assert changed == [], "a test wrote into the shared site fixture; copy it first (copy_site)"


def site_project(site: Path) -> Path:
    """The copy of the sources the session ``site`` was built from (docs/ and conf.py inside): read only."""
    return site.parent / "project"


def copy_site(site: Path, destination: Path) -> tuple[Path, Path]:
    """Copy the session site's html and doctrees into ``destination``, to rebuild there; returns (html, doctrees)."""
    html, doctrees = destination / "html", destination / "doctrees"
    shutil.copytree(site, html)
    shutil.copytree(site.parent / "doctrees", doctrees)
    return html, doctrees


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built handbook over http, on a loopback port, under the path of its html_baseurl."""
    from handbook.web.site_address import site_path
    from tests.browser import serve

    with serve(site, site_path(CONF["html_baseurl"])) as url:
        yield url


@pytest.fixture(scope="session")
def bilingual(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's English site with every translation (conf.py's handbook_languages) built into its folder, as
    make html lays them out; read it, never write it."""
    folder = tmp_path_factory.mktemp("bilingual")
    html = folder / "html"
    shutil.copytree(site, html)
    # A copy of the sources: Sphinx compiles each catalog (.po) into a .mo beside it, which the shared
    # site fixture's own sources must not gain.
    project = copy_site_sources(folder / "project")
    for language in CONF["handbook_languages"][1:]:
        result = run_sphinx(
            project / "docs", html / language, "-D", f"language={language}", "-d", str(folder / f"doctrees-{language}"),
            confdir=project,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", "a strict build of the translation has zero warnings"
    yield html


@pytest.fixture(scope="session")
def bilingual_server(bilingual: Path) -> Iterator[str]:
    """The bilingual site over http, on a loopback port, under the path of its html_baseurl."""
    from handbook.web.site_address import site_path
    from tests.browser import serve

    with serve(bilingual, site_path(CONF["html_baseurl"])) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from tests.browser import chromium

    with chromium() as instance:
        yield instance
