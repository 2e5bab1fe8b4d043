"""Who reviewed a page, what changed at each review, and the calm review-status line.

``tests/roots/test-reviews`` has a fictional reviewer (test data, marked as
such in its ``_data/reviewers.yaml``), a clinician-reviewed article with
changes at two reviews, and an editorial-review article whose last change is
older than its last review.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import DOCS, ROOTS, run_sphinx

ROOT = ROOTS / "test-reviews"
REVIEWED = "conditions/sciatica"
NOT_REVIEWED = "conditions/back-strain"


def reviewer() -> dict:
    return yaml.safe_load((ROOT / "_data/reviewers.yaml").read_text(encoding="utf-8"))["reviewers"][0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("reviews") / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = srcdir.parent / "html"
    result = run_sphinx(srcdir, outdir, "-d", str(outdir.parent / "doctrees"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return outdir


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def text(element: object) -> str:
    return " ".join(element.get_text(" ").split())


def edit(srcdir: Path, docname: str, old: str, new: str) -> int:
    """Replace ``old`` in an article of a copied project; return the line it is on."""
    path = srcdir / f"{docname}.md"
    source = path.read_text(encoding="utf-8")
    assert old in source
    source = source.replace(old, new, 1)
    path.write_text(source, encoding="utf-8")
    return source[: source.index(new)].count("\n") + 1


def build_errors(srcdir: Path, outdir: Path) -> list[str]:
    result = run_sphinx(srcdir, outdir)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if "ERROR" in line]


# --- The status line: calm, honest, beside the dates ----------------------------------


@pytest.mark.make
def test_an_article_no_clinician_reviewed_says_so_in_one_line_linking_to_the_editorial_policy(built):
    soup = page(built, NOT_REVIEWED)
    notice = soup.select_one("p.review-notice")
    assert text(notice) == "Not yet reviewed by a clinician"
    assert notice.select_one("a")["href"] == "../about/editorial-policy.html"
    assert notice.find_previous_sibling("p")["class"] == ["tags"], "directly under the title and topics"
    assert soup.select(".admonition.review-notice, .admonition.attention") == [], "no warning box"
    assert text(soup.select_one("p.review-dates")) == (
        "Page last reviewed: 30 November 2026 (editorial review; not yet reviewed by a clinician)"
        " · Next review due: 30 November 2027"
    )


@pytest.mark.make
def test_a_clinician_reviewed_article_names_its_reviewer_with_credentials_and_conflicts(built):
    soup = page(built, REVIEWED)
    person = reviewer()
    assert text(soup.select_one("p.review-notice")) == f"Reviewed by {person['name']}, {person['credentials']}"
    assert "(reviewed by a clinician)" in text(soup.select_one("p.review-dates"))
    shown = text(soup.select_one("p.reviewed-by"))
    for field in ("name", "role", "credentials", "registration_body", "registration_number", "conflicts"):
        assert person[field] in shown, field
    assert "not yet reviewed" not in text(soup.select_one("article, body"))


def json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


@pytest.mark.make
def test_the_structured_data_names_the_reviewer_only_where_there_is_one(built):
    person = reviewer()
    assert json_ld(page(built, REVIEWED))["reviewedBy"] == [
        {
            "@type": "Person",
            "name": person["name"],
            "jobTitle": person["role"],
            "hasCredential": {"@type": "EducationalOccupationalCredential", "name": person["credentials"]},
        }
    ]
    assert "reviewedBy" not in json_ld(page(built, NOT_REVIEWED))


# --- The rules: no clinician review without a listed clinician --------------------------


@pytest.mark.make
def test_clinician_reviewed_without_reviewed_by_is_a_build_error(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    edit(srcdir, REVIEWED, "reviewed_by: test-reviewer\n", "")
    line = edit(srcdir, REVIEWED, "review_status: clinician-reviewed", "review_status: clinician-reviewed")
    assert build_errors(srcdir, tmp_path / "html") == [
        f"{REVIEWED}.md:{line}: ERROR: review_status: clinician-reviewed needs reviewed_by naming a reviewer listed "
        "in _data/reviewers.yaml (until a clinician has reviewed the article, use editorial-review)"
    ]


@pytest.mark.make
def test_a_reviewer_who_is_not_listed_is_a_build_error_with_a_did_you_mean(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    line = edit(srcdir, REVIEWED, "reviewed_by: test-reviewer", "reviewed_by: test-reviewr")
    assert build_errors(srcdir, tmp_path / "html") == [
        f"{REVIEWED}.md:{line}: ERROR: reviewed_by: unknown reviewer 'test-reviewr'; did you mean 'test-reviewer'? "
        "(add them to _data/reviewers.yaml first; listed: test-reviewer)"
    ]


@pytest.mark.make
def test_with_an_empty_registry_no_article_can_claim_a_clinician_review(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "_data/reviewers.yaml").write_text("reviewers: []\n", encoding="utf-8")
    errors = build_errors(srcdir, tmp_path / "html")
    assert len(errors) == 1
    assert "reviewed_by: unknown reviewer 'test-reviewer' (add them to _data/reviewers.yaml first; listed: none yet)" in errors[0]


@pytest.mark.make
def test_a_reviewer_on_an_article_not_marked_clinician_reviewed_is_a_contradiction(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    line = edit(srcdir, REVIEWED, "review_status: clinician-reviewed", "review_status: editorial-review")
    assert build_errors(srcdir, tmp_path / "html") == [
        f"{REVIEWED}.md:{line}: ERROR: review_status: expected clinician-reviewed on an article with reviewed_by, "
        "got 'editorial-review'"
    ]


@pytest.mark.make
def test_a_reviewer_without_conflicts_of_interest_is_refused(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    registry = srcdir / "_data/reviewers.yaml"
    registry.write_text(re.sub(r"\n\s+conflicts:.*", "", registry.read_text()), encoding="utf-8")
    errors = build_errors(srcdir, tmp_path / "html")
    assert errors[0] == "_data/reviewers.yaml:1: ERROR: reviewer 1: missing conflicts (every field is needed)"


def test_the_handbook_lists_no_reviewer_because_no_clinician_has_reviewed_it():
    registry = yaml.safe_load((DOCS / "_data/reviewers.yaml").read_text(encoding="utf-8"))
    assert registry == {"reviewers": []}, "add a reviewer only when a real clinician has reviewed articles"
    statuses = [
        yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]).get("review_status")
        for path in DOCS.rglob("*.md")
        if path.read_text(encoding="utf-8").startswith("---\n")
    ]
    assert "clinician-reviewed" not in statuses


def test_the_editorial_policy_states_funding_and_how_conflicts_are_shown():
    policy = " ".join((DOCS / "about/editorial-policy.md").read_text(encoding="utf-8").split()).lower()
    for promise in ("no funding", "no advertising", "no sponsorship", "conflicts of interest"):
        assert promise in policy, promise
    assert "reviewed by" in policy, "how a reviewer and their conflicts are shown on a page"


# --- What changed ------------------------------------------------------------------------


@pytest.mark.make
def test_the_last_reviews_changes_are_shown_above_the_review_dates(built):
    soup = page(built, REVIEWED)
    box = soup.select_one("details.review-changes")
    assert text(box.select_one("summary")) == "What changed at the last review"
    assert not box.has_attr("open"), "closed until the reader opens it"
    assert [text(item) for item in box.select("li")] == [
        "24 November 2026: Added the advice on walking.",
        "24 November 2026: Took out the old advice on bed rest.",
    ]
    assert box.find_next_sibling("p")["class"] == ["review-dates"]


@pytest.mark.make
def test_changes_older_than_the_last_review_say_which_review_they_belong_to(built):
    box = page(built, NOT_REVIEWED).select_one("details.review-changes")
    assert text(box.select_one("summary")) == "What changed at the review of 1 October 2026"


@pytest.mark.make
def test_the_changelog_lists_every_articles_changes_newest_first(built):
    soup = page(built, "about/changes")
    dates = [text(rubric) for rubric in soup.select("p.changelog-date")]
    assert dates == ["24 November 2026", "1 October 2026", "1 June 2025"]
    first = soup.select("ul.handbook-changelog")[0].select("li")
    assert [item.select_one("a")["href"] for item in first] == [f"../{REVIEWED}.html"] * 2
    assert text(soup.select("ul.handbook-changelog")[2]) == "Sciatica : First published."


@pytest.mark.make
def test_a_new_change_reaches_the_changelog_on_the_next_build(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = tmp_path / "html"
    assert run_sphinx(srcdir, outdir).returncode == 0
    edit(srcdir, NOT_REVIEWED, "  - 2026-10-01:", "  - 2026-11-30: Added a line on sleep.\n  - 2026-10-01:")
    assert run_sphinx(srcdir, outdir).returncode == 0
    dates = [text(rubric) for rubric in page(outdir, "about/changes").select("p.changelog-date")]
    assert dates[0] == "30 November 2026"


@pytest.mark.make
@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("  - Added the advice on walking.", "changes: expected a list of what changed, one '- YYYY-MM-DD: what changed' line"),
        ("  - 24/11/2026: Added the advice on walking.", "changes: expected a date YYYY-MM-DD, got '24/11/2026'"),
        ("  - 2027-01-01: Added the advice on walking.", "changes: expected a date not in the future"),
        ("  - 2026-11-24:", "changes: expected one line saying what changed after '2026-11-24:', got nothing"),
    ],
    ids=["no date", "wrong date format", "future", "empty"],
)
def test_a_mistake_in_changes_is_one_error_on_its_line(tmp_path, written, message):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    line = edit(srcdir, REVIEWED, "  - 2026-11-24: Added the advice on walking.", written)
    errors = build_errors(srcdir, tmp_path / "html")
    assert len(errors) == 1, errors
    assert re.match(rf"{REVIEWED}\.md:(\d+): ERROR: {re.escape(message)}", errors[0]), errors
    assert int(re.match(rf"{REVIEWED}\.md:(\d+)", errors[0]).group(1)) in (line, line - 1)


def test_the_changelog_page_of_the_handbook_uses_the_generated_list():
    assert "```{handbook-changes}" in (DOCS / "about/changes.md").read_text(encoding="utf-8")


def test_on_a_phone_the_review_line_is_on_the_first_screen_and_the_page_fits(browser, server):
    from tests.browser import PAGE_TYPES

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    notice = page.locator("article p.review-notice")
    assert notice.inner_text() == "Not yet reviewed by a clinician"
    box = notice.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, "seen without scrolling"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    dates = page.locator("article p.review-dates").inner_text()
    assert "(editorial review; not yet reviewed by a clinician)" in dates
    context.close()


def test_what_changed_is_one_line_until_the_reader_opens_it(browser, server):
    """The editors' record at the end of an article is there for who wants it, without distracting who does not."""
    from tests.browser import PAGE_TYPES

    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + PAGE_TYPES["article"], wait_until="networkidle")
    summary = page.locator("article details.review-changes summary")
    changes = page.locator("article details.review-changes li")
    assert summary.is_visible() and summary.inner_text().startswith("What changed at the")
    assert changes.count() > 0 and not changes.first.is_visible()
    summary.click()
    assert changes.first.is_visible()
    page.keyboard.press("Enter")  # the summary keeps focus: Enter closes it again, as a keyboard user would
    assert not changes.first.is_visible()
    context.close()
