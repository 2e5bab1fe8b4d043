"""Shared test set-up: Sphinx's own testing fixtures, with the roots in tests/roots/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
PROJECT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def run_sphinx(
    srcdir: Path, outdir: Path, *options: str, confdir: Path | None = None, quiet: bool = True
) -> subprocess.CompletedProcess:
    """Run sphinx-build as an author would, strictly, from inside the source folder."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", *(["-q"] if quiet else [])]
    command += ["-c", str(confdir or srcdir), str(srcdir), str(outdir), *options]
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(command, cwd=srcdir, env=env, capture_output=True, text=True, timeout=300)
