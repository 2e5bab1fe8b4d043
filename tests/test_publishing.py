"""Publishing: reproducible output, and an atomic `make dist` that never loses the live copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.tools.publish import publish
from tests.conftest import CONF, PROJECT, copy_site_sources, run_sphinx


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


@pytest.mark.make
@pytest.mark.parametrize("language", CONF["handbook_languages"])
def test_two_clean_builds_of_the_same_commit_are_byte_identical(tmp_path, monkeypatch, language):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    outputs, project = [], copy_site_sources(tmp_path / "project")
    for name in ("first", "second"):
        outdir = tmp_path / name
        doctrees = ["-d", str(tmp_path / f"{name}.doctrees")]
        result = run_sphinx(project / "docs", outdir, "-E", *doctrees, "-D", f"language={language}", confdir=project)
        assert result.returncode == 0, result.stderr
        outputs.append(files(outdir))
    first, second = outputs
    assert len(first) > 100
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.make
def test_publish_replaces_the_target_only_when_every_step_succeeds(tmp_path):
    target = tmp_path / "dist"
    target.mkdir()
    (target / "index.html").write_text("the live site")
    write = [sys.executable, "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).mkdir(); "
             "(pathlib.Path(sys.argv[1]) / 'index.html').write_text('new')"]  # fmt: skip
    fail = [sys.executable, "-c", "raise SystemExit(3)"]

    assert publish(target, lambda staging: [[*write, str(staging)], fail]) == 3
    assert (target / "index.html").read_text() == "the live site"
    assert not (tmp_path / "dist.new").exists()

    assert publish(target, lambda staging: [[*write, str(staging)]]) == 0
    assert (target / "index.html").read_text() == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dist"]


@pytest.mark.make
def test_make_dist_with_a_broken_article_leaves_the_previous_dist_intact(tmp_path):
    project = tmp_path / "project"
    for part in ("docs", "_static", "_templates"):
        shutil.copytree(PROJECT / part, project / part, ignore=shutil.ignore_patterns("_tags"))
    shutil.copy(PROJECT / "conf.py", project / "conf.py")
    article = project / "docs/treatments/yoga.md"
    article.write_text(article.read_text().replace("review_status: editorial-review", "review_status: reviewed"))
    live = project / "_build/dist"
    live.mkdir(parents=True)
    (live / "index.html").write_text("yesterday's handbook")
    before = files(live)

    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    command = [sys.executable, "-m", "handbook.tools.publish", "_build/dist", "-W", "--keep-going", "-n", "-q"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)

    assert result.returncode != 0
    assert "docs/treatments/yoga.md:5: ERROR: review_status" in result.stderr
    assert "_build/dist was left as it was" in result.stderr
    assert files(live) == before
    assert not (project / "_build/dist.new").exists()
