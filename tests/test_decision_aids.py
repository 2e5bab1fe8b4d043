"""Decision aids ({decision-aid}): handbook.decisions, the IPDAS checklist, and the real handbook's aids.

The ``test-decision-aid`` root holds one aid of TEST DATA; each build works on a
copy in ``tmp_path``. The checks on the real handbook read every aid it has
(``docs/decisions/*.md`` and their data files), never a list of today's.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook.clinical.countries import country
from handbook.decisions.aid_data import AidError, parse_aid
from handbook.decisions.aid_directive import PARTS
from tests.conftest import CONF, DOCS, ROOTS, build_root
from tests.conftest import copy_root as copy_root_named
from tests.icon_array_people import people_in
from tests.search.recall import answer_queries, load_queries

ROOT = ROOTS / "test-decision-aid"
AID = "_data/decisions/example.yaml"
PAGE = "decisions/example"
ERROR = re.compile(r"^(\S+?):(\d+): ERROR: (.*)$", re.MULTILINE)
AIDS_DIR = DOCS / CONF["handbook_decisions_dir"]
IPDAS = yaml.safe_load((DOCS / "_data/ipdas.yaml").read_text(encoding="utf-8"))


def aid_pages() -> dict[str, str]:
    """Every aid of the real handbook: its page's docname -> the data file its directive names."""
    pages = {}
    for source in sorted((DOCS / "decisions").glob("*.md")):
        found = re.search(r"^```\{decision-aid\}\s+(\S+)", source.read_text(encoding="utf-8"), re.MULTILINE)
        if found:
            pages[f"decisions/{source.stem}"] = found[1]
    return pages


def copy_root(tmp_path: Path) -> Path:
    return copy_root_named(tmp_path, ROOT.name)


def build(srcdir: Path) -> tuple[Path, str, int]:
    return build_root(srcdir)


def soup(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def heading_text(tag) -> str:
    return " ".join(tag.get_text().replace("#", " ").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir, stderr, status = build(copy_root(tmp_path_factory.mktemp("aid")))
    assert (status, stderr) == (0, "")
    return outdir


# --- The directive draws every part ------------------------------------------------------------


@pytest.mark.make
def test_the_aid_shows_every_part_in_order_as_a_heading(built):
    headings = [heading_text(h) for h in soup(built, PAGE).select("article h2:not(.red-flags-heading)")]
    assert headings[: len(PARTS)] == list(PARTS)


@pytest.mark.make
def test_the_grid_has_a_column_per_option_and_an_answer_in_every_cell(built):
    aid = parse_aid("example", (ROOT / AID).read_text(encoding="utf-8"))
    table = soup(built, PAGE).select_one(".decision-grid table")
    columns = [heading_text(th) for th in table.select("thead th")]
    assert columns == ["Your question", *(option.name for option in aid.options)]
    rows = table.select("tbody tr")
    assert len(rows) == len(aid.grid)
    for row, data in zip(rows, aid.grid, strict=True):
        cells = [" ".join(td.get_text().split()) for td in row.select("td")]
        assert cells[0].startswith(data.question)
        assert cells[1:] == [data.answers[option.id] for option in aid.options]
        assert row.select_one("td a.footnote-reference") is not None, "each row cites its sources"


@pytest.mark.make
def test_each_number_is_an_icon_array_per_option_with_one_denominator_and_its_time_frame(built):
    aid = parse_aid("example", (ROOT / AID).read_text(encoding="utf-8"))
    page = soup(built, PAGE)
    arrays = page.select("figure.icon-array")
    numbered = [outcome for outcome in aid.outcomes if outcome.counts]
    assert len(arrays) == len(numbered) > 0
    for array, outcome in zip(arrays, numbered, strict=True):
        groups = array.select(".icon-array-group")
        assert [int(group["data-count"]) for group in groups] == [outcome.counts[o.id] for o in aid.options]
        assert {people_in(group) for group in groups} == {outcome.denominator}
        for group, option in zip(groups, aid.options, strict=True):
            assert group.get_text().strip().startswith(f"{option.name}: ")
            assert outcome.time_frame in group.get_text()
        caption = array.select_one(".icon-array-caption").get_text()
        assert outcome.time_frame in caption and f"{outcome.certainty} certainty" in caption
    words = [outcome for outcome in aid.outcomes if not outcome.counts]
    text = " ".join(page.select_one("article").get_text().split())
    assert words and all(outcome.no_number in text for outcome in words), "too little evidence for a number: said in words"


@pytest.mark.make
def test_what_matters_most_is_printed_statements_with_a_scale_and_no_form(built):
    aid = parse_aid("example", (ROOT / AID).read_text(encoding="utf-8"))
    page = soup(built, PAGE)
    for option in aid.options:
        heading = next(h for h in page.select("article h3") if heading_text(h) == f"Reasons to choose: {option.name}")
        box = heading.find_parent("section").select_one(".decision-values")
        statements = [" ".join(li.find("p").get_text().split()) for li in box.select("li")]
        assert statements == [value.statement for value in aid.values if value.points_to == option.id]
        assert all(len(li.select(".decision-scale-point")) == 5 for li in box.select("li"))
    assert page.select("article form, article input, article script") == []


@pytest.mark.make
def test_questions_dates_and_the_interests_statement_are_shown(built):
    aid = parse_aid("example", (ROOT / AID).read_text(encoding="utf-8"))
    conf = runpy.run_path(str(ROOT / "conf.py"))
    text = " ".join(soup(built, PAGE).select_one("article").get_text().split())
    assert all(question in text for question in aid.ask_your_doctor)
    assert conf["handbook_decision_aid_interests"] in text
    assert "Last reviewed: 1 December 2026. Next review due: 1 December 2027." in text


# --- Mistakes in the data are file:line errors --------------------------------------------------


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, list[tuple[str, int, str]]]:
    srcdir = copy_root(tmp_path)
    path = srcdir / AID
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, stderr, status = build(srcdir)
    assert status != 0
    return path, [(where, int(line), message) for where, line, message in ERROR.findall(stderr)]


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.make
@pytest.mark.parametrize(
    ("old", "new", "at", "expected"),
    [
        ("    time_frame: after one year\n", "", "  - what: felt better", "outcome 'felt better': no 'time_frame'"),
        (
            "    source: [trial2020]\n  - what: had",
            "  - what: had",
            "  - what: felt better",
            "outcome 'felt better': no 'source'",
        ),
        ("      treat: 75 out of 100", "      treat: 750 out of 1000", "    counts:", "the options have different denominators"),
        ("    do_nothing: true\n", "", "options:", "expected exactly one 'do nothing' option"),
        ("      treat: One visit.\n", "", "    answers:", "no answer for option 'treat'"),
        ("    points_to: wait", "    points_to: wiat", "    points_to: wiat", "no option has the id 'wiat'"),
        ("get help now.", "see a doctor soon.", "not_for:", "both-legs is an emergency sign"),
    ],
)
def test_a_mistake_in_an_aid_is_one_error_at_its_line_in_the_data_file(tmp_path, old, new, at, expected):
    path, found = broken(tmp_path, old, new)
    assert [(where, message.split(" (")[0]) for where, _, message in found if expected in message] != []
    assert len(found) == 1, found
    where, line, message = found[0]
    assert where == AID and expected in message
    assert line == line_of(path, at)


def test_a_misspelt_field_is_named_with_the_field_it_is_closest_to():
    """Outside a build too: parse_aid says where, rather than leaving a part out without a word."""
    text = (ROOT / AID).read_text(encoding="utf-8").replace("certainty: The test evidence", "certain: The test evidence")
    with pytest.raises(AidError) as problem:
        parse_aid("example", text)
    assert problem.value.message == "unknown field 'certain' (did you mean 'certainty'?)"
    assert problem.value.line == next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("certain:"))


def test_a_translator_gets_the_emergency_number_as_a_substitution_and_the_page_shows_the_countrys(make_app, tmp_path):
    """As in an article, ``{{ emergency_number }}`` reaches the catalogs as written: a fork that builds for another
    country keeps its translations, and a translator never sees one country's number in the English."""
    srcdir = copy_root(tmp_path)
    data = srcdir / AID
    data.write_text(
        data.read_text(encoding="utf-8").replace("get help now.", "call {{ emergency_number }} now."), encoding="utf-8"
    )
    gettext = make_app("gettext", srcdir=srcdir, confoverrides={"gettext_compact": False})
    gettext.build()
    number = country(gettext.config).emergency_number
    template = (Path(gettext.outdir) / f"{PAGE}.pot").read_text(encoding="utf-8")
    assert "If both legs are weak or numb, call {{ emergency_number }} now." in template
    assert number not in template
    html = make_app("html", srcdir=srcdir, builddir=tmp_path / "html-build")
    html.build()
    assert f"If both legs are weak or numb, call {number} now." in soup(Path(html.outdir), PAGE).get_text(" ")


# --- The real handbook's aids --------------------------------------------------------------------


def test_every_aid_data_file_has_a_page_and_every_page_a_data_file():
    assert sorted(aid_pages().values()) == sorted(path.stem for path in AIDS_DIR.glob("*.yaml"))
    assert len(aid_pages()) >= 3


@pytest.mark.parametrize("name", sorted(path.stem for path in AIDS_DIR.glob("*.yaml")))
def test_every_aid_is_valid_and_uses_one_denominator(name):
    aid = parse_aid(name, (AIDS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert len({outcome.denominator for outcome in aid.outcomes if outcome.counts}) <= 1
    assert sum(option.do_nothing for option in aid.options) == 1


def test_the_ipdas_checklist_lists_the_6_qualifying_and_10_certification_criteria():
    criteria = IPDAS["criteria"]
    assert [c["id"] for c in criteria if c["id"].startswith("Q")] == [f"Q{n}" for n in range(1, 7)]
    assert [c["id"] for c in criteria if c["id"].startswith("C")] == [f"C{n}" for n in range(1, 11)]
    assert all(c["wording"].strip() and c["met_by"] and c["applies_to"] in ("all", "tests") for c in criteria)


@pytest.mark.parametrize("name", sorted(path.stem for path in AIDS_DIR.glob("*.yaml")))
def test_an_aid_about_a_test_names_where_it_meets_each_test_criterion(name):
    aid = parse_aid(name, (AIDS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    claimed = {criterion for row in (*aid.grid, *aid.outcomes) for criterion in row.ipdas}
    for_tests = {c["id"] for c in IPDAS["criteria"] if c["applies_to"] == "tests"}
    assert claimed <= {c["id"] for c in IPDAS["criteria"]}
    if aid.kind == "test":
        assert for_tests <= claimed, f"{name}: no grid row or outcome meets {sorted(for_tests - claimed)}"


def page_parts(page: BeautifulSoup, site: Path) -> set[str]:
    """The parts of an aid page that the IPDAS checklist can point to, as the reader finds them."""
    article = page.select_one("article")
    parts = {heading_text(h) for h in article.select("h2:not(.red-flags-heading)")}
    if article.select_one(".admonition.key-points"):
        parts.add("Key points")
    if "Next review due" in article.get_text():
        parts.add("Page dates")
    policy = CONF["handbook_editorial_policy"]
    if any(link["href"].split("#")[0].endswith(f"{Path(policy).name}.html") for link in article.select("a[href]")):
        parts.add("Editorial policy")
    return parts


@pytest.mark.slow
def test_every_aid_meets_every_ipdas_criterion_in_the_parts_the_checklist_names(site):
    for docname, name in aid_pages().items():
        aid = parse_aid(name, (AIDS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
        parts = page_parts(soup(site, docname), site)
        for criterion in IPDAS["criteria"]:
            if criterion["applies_to"] == "tests" and aid.kind != "test":
                continue
            missing = set(criterion["met_by"]) - parts
            assert not missing, f"{docname}: {criterion['id']} points to {sorted(missing)}, which the page lacks"


@pytest.mark.slow
def test_every_aid_page_shows_every_part_and_pictures_with_one_denominator(site):
    for docname in aid_pages():
        page = soup(site, docname)
        assert [heading_text(h) for h in page.select("article h2:not(.red-flags-heading)")][: len(PARTS)] == list(PARTS), docname
        drawn = {people_in(group) for group in page.select("figure.icon-array .icon-array-group")}
        assert len(drawn) <= 1, f"{docname}: pictures with different denominators {drawn}"


def test_search_finds_every_aid_for_three_patient_queries_in_the_first_three_results(browser, server, site):
    """The patient query set (tests/search/queries.yaml) names each aid for 3 or more queries, and search finds it."""
    cases = [case for case in load_queries() if any(doc.startswith("decisions/") for doc in case["expect"])]
    for docname in aid_pages():
        assert len([case for case in cases if docname in case["expect"]]) >= 3, f"{docname}: give 3 patient queries"
    page = browser.new_page()
    outcomes = answer_queries(page, server, cases, site)
    page.close()
    misses = {outcome.query: outcome.got[:3] for outcome in outcomes if not set(outcome.got[:3]) & set(outcome.expected)}
    assert misses == {}
