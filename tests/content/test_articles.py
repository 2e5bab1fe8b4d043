"""This handbook's content: what its articles say, beyond the structure every build checks.

The build (handbook.content.structure) already holds every article to its headings,
Key points box, sources and plain Markdown. These tests hold this handbook's
own editorial choices, over every article found in the section folders, with
the facts read from conf.py and the files (tests/content/handbook_site.py).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
import yaml

from handbook.article.figures import parse_figures
from handbook.clinical.medicines import box_markdown, parse_medicines
from handbook.clinical.redflags import RedFlags, box_options, chosen_signs, sign_sources
from handbook.decisions.aid_data import parse_aid
from handbook.decisions.aid_directive import aid_markdown
from tests.conftest import copy_site_sources, run_sphinx
from tests.content.handbook_site import (
    DOCS,
    ROOT,
    all_markdown,
    articles,
    cited_keys,
    conf,
    front_matter,
    section,
    source,
    table_rows,
)

KEY_POINTS = (3, 5)  # the writing guide: "a Key points box of 3 to 5 bullets"
MIN_ARTICLES_PER_TOPIC = 2
# The origin blog post's clinic, author, phone number and sales lines.
MARKETING = ["Spine Institute", "310-828-7757", "828-7757", "Hyun Bae", "Los Angeles", "schedule an in-person",
             "Recipe Exchange", "Weight Lost", "Wix"]  # fmt: skip
RED_FLAGS_PAGE = "red-flags.md"  # the page every "When to get help" section points to


def test_every_section_has_articles():
    sections = {name.split("/")[0] for name in articles()}
    assert sections == set(conf()["handbook_article_sections"]) - {"about"}


@pytest.mark.parametrize("docname", articles())
def test_key_points_hold_three_to_five_points(docname):
    body = source(docname).split("---\n", 2)[2]
    key_points = re.search(r":::\{admonition\} Key points\n(.*?)\n:::", body, flags=re.DOTALL).group(1)
    low, high = KEY_POINTS
    assert low <= len(re.findall(r"^- ", key_points, flags=re.MULTILINE)) <= high


@pytest.mark.parametrize("docname", articles())
def test_when_to_get_help_points_to_the_warning_signs(docname):
    if not list(DOCS.rglob(RED_FLAGS_PAGE)):
        pytest.fail(f"no {RED_FLAGS_PAGE} page: every article's help section must point to the warning signs")
    is_red_flags_page = docname.endswith(RED_FLAGS_PAGE.removesuffix(".md"))
    assert is_red_flags_page or RED_FLAGS_PAGE in section(docname, "When to get help")


@pytest.mark.parametrize("docname", articles())
def test_when_to_get_help_shows_warning_signs_from_the_data(docname):
    """The signs themselves, in a box drawn from red-flags.yaml, not only a link to them (issue 14)."""
    if docname.endswith(RED_FLAGS_PAGE.removesuffix(".md")):
        help_section = source(docname)  # the warning-signs page is all boxes, under its own headings
    else:
        help_section = section(docname, "When to get help")
    assert re.search(r"^```\{red-flags\}", help_section, flags=re.MULTILINE)


@pytest.mark.parametrize("docname", articles())
def test_article_metadata_is_honest_and_useful(docname):
    meta = front_matter(docname)
    assert meta["review_status"] == "editorial-review", "no clinician has reviewed these articles"
    assert meta["also_called"] and all(isinstance(word, str) and word.strip() for word in meta["also_called"])


def test_every_topic_is_used_by_at_least_two_articles():
    vocabulary = yaml.safe_load((DOCS / conf()["handbook_topics_file"]).read_text(encoding="utf-8"))
    used = Counter(
        tag.strip()
        for docname in articles()
        for tag in re.search(r"^```\{tags\}(.*)$", source(docname), flags=re.MULTILINE).group(1).split(",")
    )
    assert {topic: used[topic] for topic in vocabulary if used[topic] < MIN_ARTICLES_PER_TOPIC} == {}


def test_glossary_has_at_least_forty_terms():
    glossary = re.search(r"```\{glossary\}\n(.*?)\n```", source("about/glossary"), flags=re.DOTALL).group(1)
    terms = re.findall(r"^(\S.*)$", glossary, flags=re.MULTILINE)
    assert len(terms) >= 40
    assert len(terms) == len(set(term.lower() for term in terms))


@pytest.mark.parametrize("path", all_markdown(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_no_marketing_from_the_origin_article(path):
    text = path.read_text(encoding="utf-8")
    assert [phrase for phrase in MARKETING if phrase.lower() in text.lower()] == []


def cited_works() -> set[str]:
    """The keys of every work a page cites: in its text, its medicine boxes, decision aids, drawings and warning-sign boxes."""
    pages = {path: path.read_text(encoding="utf-8") for path in all_markdown()}
    texts = list(pages.values())
    return set().union(
        *(cited_keys(text) for text in texts),
        *(box_citations(text) for text in texts),
        *(aid_citations(text) for text in texts),
        *(figure_citations(text) for text in texts),
        *(red_flags_citations(path, text) for path, text in pages.items()),
    )


def figure_citations(markdown: str) -> set[str]:
    """The sources a page's drawings cite in their captions (handbook.article.figures writes them from the data)."""
    names = re.findall(r"^```\{handbook-figure\}\s*(\S+)", markdown, flags=re.MULTILINE)
    if not names:
        return set()
    data = DOCS / conf().get("handbook_figures_file", "_data/figures.yaml")
    figures = parse_figures(yaml.safe_load(data.read_text(encoding="utf-8")))
    return {key for name in names if name in figures for key in figures[name].sources}


def test_bibliography_holds_exactly_the_cited_works():
    """Each entry is a source a page cites; test_clinical_safety checks that each is complete enough to find."""
    bibliography = (ROOT / conf()["bibtex_bibfiles"][0]).read_text(encoding="utf-8")
    entries = set(re.findall(r"^@\w+\{([^,]+),", bibliography, flags=re.MULTILINE))
    assert entries == cited_works(), "every entry is cited, and every citation has an entry"


def red_flags_citations(path: Path, markdown: str) -> set[str]:
    """The sources a page's ``{red-flags}`` boxes cite: each shown sign's source (clinical.redflags); short boxes cite none."""
    data_file = DOCS / conf().get("handbook_red_flags_file", "_data/red-flags.yaml")
    boxes = [options for options in box_options(markdown) if "short" not in options]
    if not boxes:
        return set()
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    flags = RedFlags(tiers=data["tiers"], signs=data["signs"])
    docname = path.relative_to(DOCS).with_suffix("").as_posix()
    return {key for options in boxes for sign in chosen_signs(flags, docname, options) for key in sign_sources(sign)}


def box_citations(markdown: str) -> set[str]:
    """The sources a page's ``{medicine-safety}`` boxes cite (handbook.clinical.medicines writes them from the data)."""
    boxes = re.findall(r"^```\{medicine-safety\}\s*(.+?)\s*\n((?::[\w-]+:.*\n)*)", markdown, flags=re.MULTILINE)
    if not boxes:
        return set()
    records = parse_medicines(yaml.safe_load((DOCS / "_data/medicines.yaml").read_text(encoding="utf-8"))).values()
    keys: set[str] = set()
    for name, options in boxes:
        record = next(record for record in records if name.lower() in {record.id, *map(str.lower, record.names)})
        keys |= cited_keys(box_markdown(record, brief=":brief:" in options))
    return keys


def aid_citations(markdown: str) -> set[str]:
    """The sources a page's ``{decision-aid}`` cites: what handbook.decisions writes from the aid's data file."""
    keys: set[str] = set()
    for name in re.findall(r"^```\{decision-aid\}\s*(\S+)", markdown, flags=re.MULTILINE):
        data = DOCS / conf().get("handbook_decisions_dir", "_data/decisions") / f"{name}.yaml"
        aid = parse_aid(name, data.read_text(encoding="utf-8"))
        keys |= cited_keys("\n".join(aid_markdown(aid, dates="", interests="", signs_page="", policy_page="")))
    return keys


def test_guideline_disagreement_on_acupuncture_is_stated():
    text = source("treatments/acupuncture")
    assert "NICE" in text and "ACP" in text
    assert re.search(r"[Gg]uidelines disagree", text)


def test_aromatherapy_says_no_back_pain_evidence_was_found():
    assert re.search(r"no (good )?(back[- ]pain )?(evidence|trials?|studies)", source("treatments/aromatherapy"), re.I)


@pytest.fixture(scope="session")
def readability(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Grades from the handbook's own readability builder (rendered text, no headings or sources)."""
    folder = tmp_path_factory.mktemp("readability")
    project, outdir = copy_site_sources(folder / "project", ROOT), folder / "readability"
    result = run_sphinx(project / "docs", outdir, "-b", "readability", "-d", str(folder / "doctrees"), confdir=project)
    assert result.returncode == 0, result.stderr
    table = (outdir / "readability.md").read_text(encoding="utf-8")
    return {name: float(grade) for name, grade in re.findall(r"^\| (\S+) \| \d+ \| ([\d.-]+) \|", table, re.M)}


@pytest.mark.make
def test_every_article_reads_at_grade_eight_or_lower_with_median_seven(readability):
    assert set(articles()) <= set(readability)
    assert {name: grade for name, grade in readability.items() if grade > 8.0} == {}
    assert statistics.median(readability.values()) <= 7.0


def test_home_page_opens_with_red_flags_and_offers_ways_in():
    body = source(conf().get("root_doc", "index")).split("---\n", 2)[2]
    # The first block is the "Get help now" box, shown from the warning-sign data (handbook.clinical.redflags),
    # after at most a search field ({search-field}), as NHS.UK puts search first: nothing else comes before it.
    blocks = re.finditer(r"^(?:`{3,}|:{3,})\{([\w-]+)\}((?:\n:[\w-]+:.*)*)", body, flags=re.MULTILINE)
    first_block = next(block for block in blocks if block.group(1) != "search-field")
    assert (first_block.group(1), ":short:" in first_block.group(2)) == ("red-flags", True)
    before = re.sub(r"^(`{3,})\{search-field\}[^`]*?^\1$", "", body[: first_block.start()], flags=re.MULTILINE | re.DOTALL)
    assert re.sub(r"^# .*$", "", before, flags=re.MULTILINE).strip() == ""
    assert first_block.start() < body.index("## ")
    assert RED_FLAGS_PAGE in body[: body.index("## ")]
    ways_in = [f"{name}/index.md" for name in conf()["handbook_article_sections"]]
    assert [way_in for way_in in [*ways_in, "_tags/tagsindex.md"] if way_in not in body] == []
    assert "search" in body.lower()


def test_treatments_at_a_glance_compares_every_treatment_in_tables_with_the_same_columns():
    header, *rows = table_rows("treatments/at-a-glance")
    assert header == [
        "Treatment", "What it is", "Evidence for acute pain", "Evidence for chronic pain", "ACP 2017", "NICE NG59",
        "WHO 2023", "Main risks",
    ]  # fmt: skip
    lines = [line for line in source("treatments/at-a-glance").splitlines() if line.startswith("|")]
    assert sum(line.startswith("|---") for line in lines) == lines.count(lines[0]), "every table has the same columns"
    linked = {slug for cells in rows for slug in re.findall(r"\]\(([a-z-]+)\.md\)", cells[0])}
    treatments = {name.split("/")[1] for name in articles() if name.startswith("treatments/")} - {"at-a-glance"}
    assert linked == treatments
    certainty = re.compile(r"\b(high|moderate|low|very low|not rated|no evidence|not studied)\b", re.IGNORECASE)
    for cells in rows:
        assert len(cells) == len(header)
        assert certainty.search(cells[2]) and certainty.search(cells[3]), cells[0]
