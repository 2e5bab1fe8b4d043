"""`make bench`'s baseline: the handbook as a plain Sphinx + myst-parser + alabaster project must build cleanly.

The baseline writes the handbook's own directives as plain text. When the decision aids added ``{decision-aid}``,
the baseline build failed and `make bench` stopped; no test noticed. This one builds the real handbook's plain copy
with the bench's strict flags, so a new directive, role or extension that plain Sphinx lacks fails here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.__main__ import BUILD_FLAGS
from tests.bench.corpus import make_plain_copy
from tests.conftest import PROJECT


@pytest.mark.make
def test_the_plain_sphinx_baseline_builds_the_handbook_without_a_warning(tmp_path: Path):
    docs = make_plain_copy(PROJECT, tmp_path / "plain")
    build = [sys.executable, "-m", "sphinx", "-b", "html", *BUILD_FLAGS, "-c", str(docs.parent), str(docs)]
    run = subprocess.run([*build, str(tmp_path / "html")], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    pages = [page.relative_to(docs).with_suffix(".html") for page in docs.rglob("*.md") if "_data" not in page.parts]
    assert [page for page in pages if not (tmp_path / "html" / page).is_file()] == []
