"""The authors' tools: `make article` starts an article, `make check` checks without building the site."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from handbook.content.frontmatter import read_front_matter
from handbook.content.metadata import add_years
from tests.conftest import CONF, PROJECT, ROOTS
from tests.project import INSTALLED, VENV, copy_project, make
from tests.test_metadata import bad_input

TEMPLATE_SECTIONS = re.findall(r"^## .*$", (PROJECT / "docs/_data/article-template.md").read_text(), flags=re.MULTILINE)

# make's own "recipe failed" line; "make[1]:" when make runs inside make (make test in CI).
MAKE_FAILED = re.compile(r"make(\[\d+\])?: \*\*\*")


def unused_slug(section: Path, stem: str) -> str:
    """A slug no article in the section has yet, so the test holds as articles are added."""
    candidates = (stem if number == 0 else f"{stem}-{number}" for number in range(100))
    return next(slug for slug in candidates if not (section / f"{slug}.md").exists())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.make
def test_make_article_writes_a_draft_from_the_template(project):
    result = make(project, "article", "SECTION=treatments", "SLUG=hydrotherapy", "TITLE=Water therapy (hydrotherapy)")
    assert result.returncode == 0, result.stderr
    article = project / "docs/treatments/hydrotherapy.md"
    text = article.read_text()
    front = read_front_matter(text)
    today = date.today()
    assert front.values["last_reviewed"].value == today.isoformat()
    assert front.values["next_review"].value == add_years(today, 1).isoformat()
    assert front.values["review_status"].value == "draft"
    assert re.search(r"^# Water therapy \(hydrotherapy\)$", text, flags=re.MULTILINE)
    assert re.search(r"^```\{tags\} .+$", text, flags=re.MULTILINE)
    assert re.findall(r"^## .*$", text, flags=re.MULTILINE) == TEMPLATE_SECTIONS
    assert "## Sources" in TEMPLATE_SECTIONS
    assert "docs/treatments/hydrotherapy.md" in result.stdout


@pytest.mark.make
def test_a_new_article_passes_the_content_checks_as_a_draft(project):
    slug = unused_slug(project / "docs/living", "driving")
    assert make(project, "article", "SECTION=living", f"SLUG={slug}", "TITLE=Driving with back pain").returncode == 0
    result = make(project, "check-content", "DRAFTS=1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.make
def test_make_article_never_overwrites_an_article(project):
    article = project / "docs/treatments/yoga.md"
    before = article.read_bytes()
    result = make(project, "article", "SECTION=treatments", "SLUG=yoga", "TITLE=Yoga")
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if not MAKE_FAILED.match(line)]
    assert errors == ["docs/treatments/yoga.md:1: ERROR: already exists; choose another SLUG, or edit that article"]
    assert "Traceback" not in result.stdout + result.stderr
    assert article.read_bytes() == before


@pytest.mark.make
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["SECTION=treatment", "SLUG=hydrotherapy", "TITLE=Water therapy"],
            f"make article: ERROR: SECTION: expected one of {', '.join(CONF['handbook_article_sections'])}, "
            "got 'treatment'; did you mean 'treatments'?",
        ),
        (
            ["SECTION=treatments", "SLUG=Water Therapy!", "TITLE=Water therapy"],
            "make article: ERROR: SLUG: expected lower-case letters and digits joined by hyphens, "
            "like 'water-therapy', got 'Water Therapy!'",
        ),
        (["SECTION=treatments", "SLUG=../../conf", "TITLE=Conf"], "make article: ERROR: SLUG: expected lower-case"),
        (["SECTION=treatments", "SLUG=hydrotherapy"], "make article: ERROR: TITLE: expected the article's title on one line"),
    ],
    ids=["unknown section", "bad slug", "path as slug", "no title"],
)
def test_make_article_refuses_bad_requests_in_one_line(project, arguments, message):
    before = sorted(path.relative_to(project) for path in (project / "docs").rglob("*"))
    result = make(project, "article", *arguments)
    errors = [line for line in result.stderr.splitlines() if not MAKE_FAILED.match(line)]
    assert result.returncode != 0
    assert len(errors) == 1
    assert errors[0].startswith(message)
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(path.relative_to(project) for path in (project / "docs").rglob("*")) == before


def test_the_writing_guide_documents_make_article():
    guide = (PROJECT / "docs/about/writing-guide.md").read_text()
    assert 'make article SECTION=treatments SLUG=hydrotherapy TITLE="Water therapy"' in guide


@pytest.mark.make
def test_make_check_passes_on_the_handbook_without_building_the_site(project):
    result = make(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((project / "_build/check").rglob("*.html")) == []  # no site is built


@pytest.mark.make
def test_check_content_reports_what_the_build_reports(project):
    article = project / "docs/treatments/yoga.md"
    text = article.read_text()
    text = text.replace("review_status: editorial-review", "review_status: reviewed", 1)
    text = re.sub(r"^```\{tags\} (.*)$", r"```{tags} \1, excercise", text, count=1, flags=re.MULTILINE)
    text = text.replace("\n## ", "\n<div>boxed</div>\n\n## ", 1)
    article.write_text(text)
    checked = make(project, "check-content")
    built = make(project, "html")
    found = sorted(re.findall(r"docs/treatments/yoga\.md:\d+: ERROR: .*", checked.stderr))
    assert checked.returncode != 0
    assert sorted(message.split(": ERROR: ")[1][:20] for message in found) == [
        "raw HTML: expected M",
        "review_status: expec",
        "tags: unknown topic ",
    ]
    assert found == sorted(re.findall(r"docs/treatments/yoga\.md:\d+: ERROR: .*", built.stderr))


@pytest.mark.make
def test_check_content_reports_a_rule_as_the_build_does(tmp_path):
    """make check-content on a copy of one of test_metadata's roots (which build every rule in-process)."""
    root, line, message = bad_input("raw-html")
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    result = subprocess.run(
        ["make", "-f", str(PROJECT / "Makefile"), f"VENV={VENV}", *INSTALLED, "SOURCES=.",
         f"BUILDDIR={tmp_path / 'build'}", "check-content"],
        cwd=srcdir, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1764000000", "PYTHONPATH": str(PROJECT)},
    )  # fmt: skip
    found = re.findall(r"conditions/article\.md:(\d+): ERROR: (.*)", result.stderr)
    assert [(int(got_line), got[: len(message)]) for got_line, got in found] == [(line, message)]
    assert result.returncode != 0


@pytest.mark.make
def test_make_check_runs_every_step_and_reports_every_problem_before_it_fails(project):
    article = project / "docs/treatments/yoga.md"
    text = article.read_text().replace("review_status: editorial-review", "review_status: reviewed", 1)
    article.write_text(text + "\nTeh end.\n")
    (project / "handbook/unused.py").write_text("import os\n")
    result = make(project, "check")
    assert result.returncode != 0
    assert re.search(r"handbook/unused\.py:1:\d+: F401", result.stdout + result.stderr), "the code check ran"
    assert re.search(r"docs/treatments/yoga\.md:\d+: ERROR: spelling: Teh ==> The", result.stderr), "the spelling check ran"
    assert re.search(r"docs/treatments/yoga\.md:\d+: ERROR: review_status: ", result.stderr), "the content check ran after it"
    assert "make check: failed: check-code check-spelling check-content" in result.stderr


@pytest.mark.make
def test_check_spelling_names_file_line_and_fix(project):
    article = project / "docs/treatments/yoga.md"
    article.write_text(article.read_text() + "\nTeh end.\n")
    lines = article.read_text().count("\n")
    result = make(project, "check-spelling")
    assert result.returncode != 0
    assert f"docs/treatments/yoga.md:{lines}: ERROR: spelling: Teh ==> The" in result.stderr


@pytest.mark.make
def test_pre_commit_runs_the_make_check_targets():
    config_file = PROJECT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [str(VENV / "bin/pre-commit"), "validate-config", str(config_file)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load(config_file.read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing to download
    entries = [hook["entry"] for hook in config["repos"][0]["hooks"]]
    check = re.search(r"^CHECKS\s*:= (.*)$", (PROJECT / "Makefile").read_text(), flags=re.MULTILINE)
    assert entries == [f"make {target}" for target in check.group(1).split()]


def test_the_readme_lists_every_make_target():
    targets = re.findall(r"^([a-z-]+):.*## ", (PROJECT / "Makefile").read_text(), flags=re.MULTILINE)
    readme = (PROJECT / "README.md").read_text()
    assert {"livehtml", "article", "check", "check-content"} <= set(targets)
    assert [target for target in targets if f"`make {target}" not in readme] == []
