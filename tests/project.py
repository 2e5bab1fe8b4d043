"""A throwaway copy of the project, for tests that run make targets or edit files.

Tests must never change docs/ or _build/ in the shared checkout. The copy has
everything a make target reads, uses the project's .venv (never re-installed
from here: ``-o`` tells make the venv is up to date), and is not a git
checkout, so ``SOURCE_DATE_EPOCH`` is set explicitly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import PROJECT

PARTS = ("docs", "_static", "_templates", "handbook", "tests")
FILES = (
    "conf.py",
    "Makefile",
    "pyproject.toml",
    "requirements.lock",
    "requirements-test.lock",
    ".codespellrc",
    ".pre-commit-config.yaml",
)
VENV = PROJECT / ".venv"
IGNORED = shutil.ignore_patterns("_tags", "__pycache__", "*.pyc")


def copy_project(destination: Path) -> Path:
    for part in PARTS:
        shutil.copytree(PROJECT / part, destination / part, ignore=IGNORED)
    for name in FILES:
        shutil.copy2(PROJECT / name, destination / name)
    return destination


# The Makefile's stamps for the two locks: -o tells make both are installed.
INSTALLED = ("-o", str(VENV / ".installed"), "-o", str(VENV / ".installed-test"))


def make_command(*arguments: str) -> list[str]:
    return ["make", "--no-print-directory", f"VENV={VENV}", *INSTALLED, *arguments]


def make_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1764000000", "NO_COLOR": "1"}


def make(project: Path, *arguments: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``make <arguments>`` in ``project`` and return what it printed."""
    return subprocess.run(make_command(*arguments), cwd=project, env=make_env(), capture_output=True, text=True, timeout=timeout)
