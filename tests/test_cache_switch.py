"""One switch turns every cache off (``handbook_cache = False``, ``make html NOCACHE=1``), and the
site it builds is the same, byte for byte, as one built with the caches on, cold or warm.

A cache that went stale would show as a difference here; with the switch, a
doubt about a cache is settled by one build (handbook.core.output_cache).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from handbook.core.output_cache import FOLDER, cached, forget_digests, last_digest, remember_digest
from tests.conftest import PROJECT, copy_site, copy_site_sources, run_sphinx, site_project
from tests.project import make_command


def files(outdir: Path) -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes() for path in sorted(outdir.rglob("*")) if path.is_file()}


def differences(built: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    return sorted(name for name in built.keys() | expected.keys() if built.get(name) != expected.get(name))


def fake_app(folder: Path, caching: bool) -> SimpleNamespace:
    return SimpleNamespace(config=SimpleNamespace(handbook_cache=caching), doctreedir=str(folder))


def test_with_the_caches_off_results_are_made_every_time_and_nothing_is_kept(tmp_path):
    made = []

    def make() -> bytes:
        made.append(1)
        return b"result"

    off = fake_app(tmp_path, caching=False)
    assert cached(off, "theme.css", [b"input"], make) == b"result"  # type: ignore[arg-type]
    assert cached(off, "theme.css", [b"input"], make) == b"result"  # type: ignore[arg-type]
    remember_digest(off, "topic-pages", "abc")  # type: ignore[arg-type]
    assert last_digest(off, "topic-pages") is None  # type: ignore[arg-type]
    assert len(made) == 2
    assert not (tmp_path / FOLDER).exists()

    on = fake_app(tmp_path, caching=True)
    assert cached(on, "theme.css", [b"input"], make) == cached(on, "theme.css", [b"input"], make) == b"result"  # type: ignore[arg-type]
    remember_digest(on, "topic-pages", "abc")  # type: ignore[arg-type]
    assert last_digest(on, "topic-pages") == "abc"  # type: ignore[arg-type]
    assert len(made) == 3
    # A digest noted with the caches on is not used by a build with them off, which deletes it: what it
    # describes is remade without it, so a later build with the caches on must not trust it.
    assert last_digest(off, "topic-pages") is None  # type: ignore[arg-type]
    forget_digests(off)  # type: ignore[arg-type]
    assert last_digest(on, "topic-pages") is None  # type: ignore[arg-type]
    assert cached(on, "theme.css", [b"input"], make) == b"result"  # type: ignore[arg-type]
    assert len(made) == 3  # kept under its inputs' digest: still true


def test_a_build_with_the_caches_off_is_byte_identical_to_builds_with_them_on(site: Path, tmp_path: Path):
    cold = files(site)  # the session build: caches on, made as it went
    cache_files = {path.relative_to(site.parent / "doctrees").as_posix() for path in (site.parent / "doctrees").rglob("*")}
    assert {f"{FOLDER}/templates", f"{FOLDER}/citations.pickle", f"{FOLDER}/page-genindex.digest"} <= cache_files

    # Caches on and warm: every page read again (-E), with the caches the session build left.
    html, doctrees = copy_site(site, tmp_path / "warm")
    warm = run_sphinx(site_project(site) / "docs", html, "-E", "-d", str(doctrees), confdir=site_project(site), quiet=False)
    assert warm.returncode == 0, warm.stderr
    assert "genindex unchanged: not written again" in warm.stdout  # a cache was used
    assert differences(files(html), cold) == []

    # Caches off, from nothing.
    project = copy_site_sources(tmp_path / "project")
    outdir, doctrees = tmp_path / "off/html", tmp_path / "off/doctrees"
    off = run_sphinx(project / "docs", outdir, "-d", str(doctrees), "-D", "handbook_cache=0", confdir=project, quiet=False)
    assert off.returncode == 0, off.stderr
    assert off.stderr == "", "a strict build has zero warnings"
    assert "not written again" not in off.stdout
    assert differences(files(outdir), cold) == []
    # No cache was kept: beside Sphinx's own files, only the PDF manifest and the list of pages built
    # (how removed pages' output is found), which are no caches.
    kept = sorted(path.relative_to(doctrees).as_posix() for path in doctrees.rglob("*") if path.is_file())
    others = [name for name in kept if not name.endswith(".doctree") and name != "environment.pickle"]
    assert len(others) == 2, others
    assert others[0] == "handbook-cache/pages-html-" + others[0].split("-")[-1]
    assert others[1] == "handbook-pages.json"


@pytest.mark.make
def test_make_nocache_turns_the_caches_and_sphinxs_saved_environment_off():
    def dry_run(*arguments: str) -> str:
        return subprocess.run(make_command("-n", "html", *arguments), cwd=PROJECT, capture_output=True, text=True).stdout

    assert "-E -D handbook_cache=0" in dry_run("NOCACHE=1")
    assert "handbook_cache" not in dry_run() and " -E " not in dry_run()
