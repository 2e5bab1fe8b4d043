"""A parallel build (``-j auto``) writes the same site as a serial one, byte for byte.

Every handbook module keeps its per-document data so that parallel readers can
merge it (handbook.core.document_store); anything written from that data must not depend on
the order in which the readers' results arrive.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_site_sources, run_sphinx


def files(outdir: Path) -> dict[str, bytes]:
    return {path.relative_to(outdir).as_posix(): path.read_bytes() for path in sorted(outdir.rglob("*")) if path.is_file()}


def test_a_parallel_build_writes_the_same_site_as_a_serial_one(site: Path, tmp_path: Path):
    outdir, project = tmp_path / "html", copy_site_sources(tmp_path / "project")
    result = run_sphinx(project / "docs", outdir, "-j", "auto", "-d", str(tmp_path / "doctrees"), confdir=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "a strict parallel build has zero warnings"
    serial, parallel = files(site), files(outdir)
    assert parallel.keys() == serial.keys()
    assert [name for name in serial if parallel[name] != serial[name]] == []
