"""``make linkcheck``: Sphinx's link checker runs on the handbook and reports each external link.

The internet is out of reach here, so a copy of the project links to a page
served on loopback, one address that works and one that does not; the real
sources' DOI links are left out with ``linkcheck_ignore``, as an editor would
while the network is down.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import serve
from tests.project import copy_project, make

ARTICLE = "docs/treatments/yoga.md"
# Offline, every DOI would be "broken": the test checks the links it serves itself.
OFFLINE = "SPHINXOPTS=-D linkcheck_ignore=https://doi.org/,https://github.com/"


def report(project: Path) -> list[dict]:
    lines = (project / "_build/linkcheck/output.json").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def web(tmp_path: Path) -> Iterator[str]:
    """A website on loopback with one page, ``exists.html``; its address."""
    pages = tmp_path / "web"
    pages.mkdir()
    (pages / "exists.html").write_text("<p>here</p>")
    with serve(pages) as url:
        yield url


def add_links(project: Path, *links: str) -> None:
    article = project / ARTICLE
    text = article.read_text(encoding="utf-8")
    paragraph = " ".join(f"[link {number}]({url})" for number, url in enumerate(links, start=1))
    article.write_text(text.replace("## Sources", f"More: {paragraph}.\n\n## Sources"), encoding="utf-8")


@pytest.mark.make
def test_linkcheck_names_a_broken_link_by_file_and_line_and_fails(project, web):
    add_links(project, f"{web}exists.html", f"{web}gone.html")
    result = make(project, "linkcheck", OFFLINE)

    assert result.returncode != 0
    assert "Some links could not be checked: see _build/linkcheck/output.txt" in result.stdout
    broken = (project / "_build/linkcheck/output.txt").read_text(encoding="utf-8").splitlines()
    assert len(broken) == 1
    assert broken[0].startswith("treatments/yoga.md:")
    assert f"[broken] {web}gone.html: 404 Client Error" in broken[0]
    statuses = {row["uri"]: row["status"] for row in report(project)}
    assert statuses[f"{web}exists.html"] == "working"


@pytest.mark.make
def test_linkcheck_passes_when_every_link_works_and_skips_the_generated_downloads(project, web):
    add_links(project, f"{web}exists.html")
    result = make(project, "linkcheck", OFFLINE)

    assert result.returncode == 0, result.stdout + result.stderr
    rows = report(project)
    assert {row["status"] for row in rows if row["uri"].startswith("https://doi.org/")} == {"ignored"}
    assert len([row for row in rows if row["uri"].startswith("https://doi.org/")]) >= 30, "sources link their DOI"
    # The PDFs and the zip exist only in a published copy (make dist): not links to check.
    assert not [row for row in rows if row["uri"].endswith((".pdf", ".zip"))]
