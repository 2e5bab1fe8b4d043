"""Content checks: what every article must contain, and what the handbook must never say."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT, run_sphinx

DOCS = PROJECT / "docs"
EVIDENCE = PROJECT.parent / "shared" / "evidence"
REQUIRED_ARTICLES = [
    "basics/low-back-pain", "basics/how-pain-works", "basics/red-flags", "basics/diagnosis-and-imaging",
    "conditions/sciatica", "conditions/herniated-disc", "conditions/spinal-osteoarthritis",
    "conditions/spinal-stenosis", "conditions/back-strain", "conditions/myofascial-pain",
    "treatments/acupuncture", "treatments/pain-medicines", "treatments/physical-therapy", "treatments/yoga",
    "treatments/tai-chi", "treatments/pilates", "treatments/spinal-manipulation", "treatments/massage",
    "treatments/heat-and-cold", "treatments/aromatherapy", "treatments/mind-body", "treatments/spine-surgery",
    "living/staying-active", "living/other-health-conditions", "living/preparing-for-appointments",
    "living/choosing-a-practitioner",
]  # fmt: skip
ABOUT_PAGES = ["how-to-use", "editorial-policy", "disclaimer", "glossary", "references", "writing-guide"]
SECTION_HEADINGS = {
    "conditions": ["What it is", "Symptoms", "Causes", "What helps", "Outlook", "When to get help", "Sources"],
    "treatments": [
        "What it is", "What the evidence says", "Risks and side effects", "What to expect", "Questions to ask",
        "When to get help", "Sources",
    ],
}  # fmt: skip
# The origin blog post's clinic, author, phone number and sales lines.
MARKETING = ["Spine Institute", "310-828-7757", "828-7757", "Hyun Bae", "Los Angeles", "schedule an in-person",
             "Recipe Exchange", "Weight Lost", "Wix"]  # fmt: skip
FOOTCITE = re.compile(r"\{footcite[pt]?\}`([^`]+)`")


def source(docname: str) -> str:
    return (DOCS / f"{docname}.md").read_text(encoding="utf-8")


def front_matter(docname: str) -> dict:
    return yaml.safe_load(source(docname).split("---\n")[1])


def headings(docname: str) -> list[str]:
    return re.findall(r"^## (.+)$", source(docname), flags=re.MULTILINE)


def section(docname: str, title: str) -> str:
    text = source(docname)
    start = text.index(f"## {title}\n")
    following = re.search(r"^## ", text[start + 3 :], flags=re.MULTILINE)
    return text[start : start + 3 + following.start()] if following else text[start:]


def cited_keys(text: str) -> set[str]:
    return {key.strip() for keys in FOOTCITE.findall(text) for key in keys.split(",")}


def all_markdown() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if "_tags" not in path.parts)


def test_every_required_article_and_about_page_exists():
    missing = [name for name in [*REQUIRED_ARTICLES, "treatments/at-a-glance"] if not (DOCS / f"{name}.md").exists()]
    missing += [name for name in ABOUT_PAGES if not (DOCS / "about" / f"{name}.md").exists()]
    assert missing == []


@pytest.mark.parametrize("docname", REQUIRED_ARTICLES)
def test_article_structure(docname):
    text = source(docname)
    body = text.split("---\n", 2)[2]
    first_block = re.search(r"^(:::\{admonition\}.*|## .*)$", body, flags=re.MULTILINE).group()
    assert first_block == ":::{admonition} Key points", "the Key points box comes first"
    key_points = re.search(r":::\{admonition\} Key points\n(.*?)\n:::", body, flags=re.DOTALL).group(1)
    assert 3 <= len(re.findall(r"^- ", key_points, flags=re.MULTILINE)) <= 5
    found = headings(docname)
    assert found[-2:] == ["When to get help", "Sources"]
    expected = SECTION_HEADINGS.get(docname.split("/")[0])
    if expected:
        assert found == expected
    assert "red-flags.md" in section(docname, "When to get help")
    assert "```{footbibliography}" in section(docname, "Sources")


@pytest.mark.parametrize("docname", REQUIRED_ARTICLES)
def test_article_metadata_is_honest_and_useful(docname):
    meta = front_matter(docname)
    assert meta["review_status"] == "editorial-review", "no clinician has reviewed these articles"
    assert 40 <= len(meta["description"]) <= 200
    assert meta["also_called"] and all(isinstance(word, str) and word.strip() for word in meta["also_called"])


@pytest.mark.parametrize("docname", [*REQUIRED_ARTICLES, "treatments/at-a-glance"])
def test_article_cites_at_least_two_sources(docname):
    assert len(cited_keys(source(docname))) >= 2


def test_every_topic_is_used_by_at_least_two_articles():
    vocabulary = yaml.safe_load((DOCS / "_data/topics.yaml").read_text(encoding="utf-8"))
    used = Counter(
        tag.strip()
        for docname in REQUIRED_ARTICLES
        for tag in re.search(r"^```\{tags\}(.*)$", source(docname), flags=re.MULTILINE).group(1).split(",")
    )
    assert {topic: used[topic] for topic in vocabulary if used[topic] < 2} == {}


def test_glossary_has_at_least_forty_terms():
    glossary = re.search(r"```\{glossary\}\n(.*?)\n```", source("about/glossary"), flags=re.DOTALL).group(1)
    terms = re.findall(r"^(\S.*)$", glossary, flags=re.MULTILINE)
    assert len(terms) >= 40
    assert len(terms) == len(set(term.lower() for term in terms))


@pytest.mark.parametrize("path", all_markdown(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_no_marketing_from_the_origin_article(path):
    text = path.read_text(encoding="utf-8")
    assert [phrase for phrase in MARKETING if phrase.lower() in text.lower()] == []


def test_bibliography_holds_only_cited_works_from_the_evidence_file():
    bibliography = (DOCS / "references.bib").read_text(encoding="utf-8")
    entries = set(re.findall(r"^@\w+\{([^,]+),", bibliography, flags=re.MULTILINE))
    cited = set().union(*(cited_keys(path.read_text(encoding="utf-8")) for path in all_markdown()))
    assert entries == cited, "every entry is cited, and every citation has an entry"
    checked = set(re.findall(r"^@\w+\{([^,]+),", (EVIDENCE / "references.bib").read_text(encoding="utf-8"), re.M))
    assert entries <= checked, "only sources from the checked evidence file"


def test_guideline_disagreement_on_acupuncture_is_stated():
    text = source("treatments/acupuncture")
    assert "NICE" in text and "ACP" in text
    assert re.search(r"[Gg]uidelines disagree", text)


def test_aromatherapy_says_no_back_pain_evidence_was_found():
    assert re.search(r"no (good )?(back[- ]pain )?(evidence|trials?|studies)", source("treatments/aromatherapy"), re.I)


@pytest.fixture(scope="session")
def readability(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Grades from the handbook's own readability builder (rendered text, no headings or sources)."""
    outdir = tmp_path_factory.mktemp("readability")
    result = run_sphinx(DOCS, outdir, "-b", "readability", "-d", str(outdir / ".doctrees"), confdir=PROJECT)
    assert result.returncode == 0, result.stderr
    table = (outdir / "readability.md").read_text(encoding="utf-8")
    return {name: float(grade) for name, grade in re.findall(r"^\| (\S+) \| \d+ \| ([\d.-]+) \|", table, re.M)}


def test_every_article_reads_at_grade_eight_or_lower_with_median_seven(readability):
    assert set(REQUIRED_ARTICLES) <= set(readability)
    assert {name: grade for name, grade in readability.items() if grade > 8.0} == {}
    assert statistics.median(readability.values()) <= 7.0


def test_home_page_opens_with_red_flags_and_offers_ways_in():
    body = source("index").split("---\n", 2)[2]
    first_block = re.search(r"^:::\{admonition\} (.*)$", body, flags=re.MULTILINE)
    assert first_block.group(1).startswith("Get help now")
    assert body.index(":::{admonition}") < body.index("## ")
    assert "basics/red-flags.md" in body[: body.index("## ")]
    for way_in in ["basics/index.md", "conditions/index.md", "treatments/index.md", "living/index.md", "_tags/tagsindex.md"]:
        assert way_in in body
    assert "search" in body.lower()


def test_treatments_at_a_glance_compares_every_treatment_in_one_table():
    text = source("treatments/at-a-glance")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == [
        "Treatment", "What it is", "Evidence for acute pain", "Evidence for chronic pain", "ACP 2017", "NICE NG59",
        "Main risks",
    ]  # fmt: skip
    linked = {slug for row in rows[2:] for slug in re.findall(r"\]\(([a-z-]+)\.md\)", row.split("|")[1])}
    treatments = {name.split("/")[1] for name in REQUIRED_ARTICLES if name.startswith("treatments/")}
    assert linked == treatments
    certainty = re.compile(r"\b(high|moderate|low|very low|not rated|no evidence|not studied)\b", re.IGNORECASE)
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 7
        assert certainty.search(cells[2]) and certainty.search(cells[3]), cells[0]
