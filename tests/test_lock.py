"""The two locks: requirements.lock (what the build needs) and requirements-test.lock (what tests and
editors' tools add). Every requirement is pinned with its hashes, and the Makefile installs them with
``--require-hashes`` and ``pip check``: a machine that only builds gets the build lock only, and a
change to either lock re-creates the venv."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.conftest import PROJECT

LOCKS = {"build": PROJECT / "requirements.lock", "test": PROJECT / "requirements-test.lock"}
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)(?: ; (.+))?$")
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(path: Path) -> list[tuple[str, list[str]]]:
    """Each requirement of a requirements file (continuation lines joined, comments dropped), with its hashes."""
    lines = path.read_text().replace("\\\n", " ").splitlines()
    found = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            requirement, *_ = line.split(" --hash=")
            found.append((requirement.strip(), HASH.findall(line)))
    return found


def pins(path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """Package -> (version, hashes), for the requirements pinned on every platform (no marker)."""
    result = {}
    for requirement, hashes in requirements(path):
        name, version, marker = PIN.match(requirement).groups()  # type: ignore[union-attr]
        if marker is None:
            result[normalized(name)] = (version, frozenset(hashes))
    return result


def names(requirement_list: list[str]) -> set[str]:
    return {normalized(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]) for requirement in requirement_list}


@pytest.mark.parametrize("lock", LOCKS.values(), ids=LOCKS.keys())
def test_every_requirement_is_pinned_to_one_version_with_hashes(lock):
    found = requirements(lock)
    assert len(found) > 20
    for requirement, hashes in found:
        assert PIN.match(requirement), f"{lock.name}: not pinned with ==: {requirement}"
        assert hashes, f"{lock.name}: no hash for {requirement}"


def test_the_build_lock_holds_the_build_and_the_test_lock_only_adds_tests_and_tools():
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]
    build, test = pins(LOCKS["build"]), pins(LOCKS["test"])
    build_names = {normalized(PIN.match(r).group(1)) for r, _ in requirements(LOCKS["build"])}  # type: ignore[union-attr]
    test_names = {normalized(PIN.match(r).group(1)) for r, _ in requirements(LOCKS["test"])}  # type: ignore[union-attr]
    assert names(project["dependencies"]) <= build_names
    only_for_tests = names(project["optional-dependencies"]["test"]) - names(project["dependencies"])
    assert {"pytest", "playwright", "ruff", "mypy", "hypothesis", "zxing-cpp", "sphinx-autobuild"} <= only_for_tests
    assert only_for_tests <= test_names
    assert not only_for_tests & build_names, "a test or tool package is in the build lock"
    # Pinned in both (a package the build lock pins only on some platforms): the same version and files.
    for name in build.keys() & test.keys():
        assert build[name] == test[name], name


FAKE_PYTHON = """#!/bin/sh
# Stands in for python: notes each call; `-m venv DIR` makes DIR/bin/python, a copy of itself.
echo "$*" >> {log}
if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; fi
"""


@pytest.mark.make
def test_make_installs_the_locks_with_their_hashes_and_remakes_the_venv_when_a_lock_changes(tmp_path):
    """The Makefile's install steps, run for real with a stand-in python that logs what it is asked."""
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "requirements-test.lock"):
        shutil.copy2(PROJECT / name, tmp_path / name)
    log = tmp_path / "calls.log"
    fake = tmp_path / "fake-python"
    fake.write_text(FAKE_PYTHON.format(log=log))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764000000"}

    def make(target: str) -> list[str]:
        log.write_text("")
        result = subprocess.run(
            ["make", "--no-print-directory", f"PYTHON={fake}", target], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return log.read_text().splitlines()

    hashed = "-m pip install --quiet --disable-pip-version-check --no-deps --require-hashes"
    calls = make("html")
    assert calls[0] == "-m venv .venv"
    assert calls[1] == f"{hashed} --requirement requirements.lock"
    assert calls[2].startswith("-m pip install") and calls[2].endswith("--no-deps --no-build-isolation --editable .")
    assert calls[3] == "-m pip check"
    assert calls[4].startswith("-m sphinx -b html")
    assert len(calls) == 5  # the build installs nothing of the test lock
    assert make("html")[0].startswith("-m sphinx")  # installed once

    fast_tier = "-m pytest -n auto --dist loadfile -m not browser and not pdf and not make and not slow"
    assert make("test-fast") == [
        f"{hashed} --requirement requirements.lock --requirement requirements-test.lock",
        "-m pip check",
        fast_tier,
    ]
    assert make("test-fast") == [fast_tier]

    later = (tmp_path / ".venv/.pins").stat().st_mtime + 10
    os.utime(tmp_path / "pyproject.toml", (later, later))
    assert make("html")[0] == f"{hashed} --requirement requirements.lock"  # same pins: the venv is kept

    for lock in ("requirements-test.lock", "requirements.lock"):
        with (tmp_path / lock).open("a") as file:
            file.write("# changed\n")
        assert (tmp_path / ".venv/.installed-test").exists()
        calls = make("test-fast")
        assert calls[0] == "-m venv .venv", f"{lock} changed, but the venv was kept"
        assert calls[4] == f"{hashed} --requirement requirements.lock --requirement requirements-test.lock"
