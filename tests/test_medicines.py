"""Medicines as data: the "Medicine safety" box, its citations, the book index and search synonyms.

The test project ``tests/roots/test-medicines`` names fictional medicines
(``testamol``, brands Testol, Britamol and Kingsmol): test data, not advice.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook.clinical.medicines import Medicine, box_markdown, parse_medicines
from handbook.core.datafiles import DataFileError
from tests.conftest import ROOTS, run_sphinx
from tests.search.recall import search_data

ARTICLE = "conditions/painkillers"


def data() -> dict:
    return yaml.safe_load((ROOTS / "test-medicines/_data/medicines.yaml").read_text(encoding="utf-8"))


def fictional_medicine() -> Medicine:
    return parse_medicines(data())["testamol"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("medicines") / "src"
    shutil.copytree(ROOTS / "test-medicines", srcdir)
    outdir = srcdir.parent / "html"
    result = run_sphinx(srcdir, outdir, "-d", str(outdir.parent / "doctrees"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return outdir


def failed_with_only(result: subprocess.CompletedProcess) -> list[str]:
    """The build's error lines, after checking that it failed and printed no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if "ERROR" in line]


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.make
def test_the_box_shows_every_fact_of_the_record_in_the_standard_order(built):
    medicine = fictional_medicine()
    box = page(built, ARTICLE).select_one("div.admonition.medicine-safety")
    assert box.select_one(".admonition-title").get_text() == "Medicine safety: Testamol (fictamol)"
    text = " ".join(box.get_text(" ").split())
    assert "Brand names: Testol (US); Britamol, Kingsmol (UK)." in text
    order = [
        "The most you should take: " + medicine.max_dose[0],
        "Do not take it:",
        "Ask a doctor or pharmacist first",
        "Dangerous combinations:",
        "Get help now if you notice:",
        "Stopping: " + medicine.stopping,
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [part for part, at in zip(order, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    items = [" ".join(item.get_text().split()) for item in box.select("li")]
    for field in ("do_not_take", "ask_first", "ask_first_taking", "combinations", "warning_signs"):
        assert {filled_in(item) for item in getattr(medicine, field)} <= set(items), field


def filled_in(text: str) -> str:
    """The data's text as the test project's substitutions show it."""
    substitutions = runpy.run_path(str(ROOTS / "test-medicines/conf.py"))["myst_substitutions"]
    for name, value in substitutions.items():
        text = text.replace(f"{{{{ {name} }}}}", value)
    return text


@pytest.mark.make
def test_who_should_ask_first_is_two_lists_health_then_the_other_medicines_they_take(built):
    """A long "ask first" list is hard to scan (PEMAT item 8): other medicines (ask_first_taking) get their own list."""
    medicine = fictional_medicine()
    box = page(built, ARTICLE).select_one("div.medicine-safety")
    leads = {" ".join(lead.get_text().split()): lead for lead in box.select("p strong")}
    health = leads["Ask a doctor or pharmacist first if any of these apply to you:"].find_next("ul")
    others = leads["Ask first, too, if you are:"].find_next("ul")
    assert medicine.ask_first and len(medicine.ask_first_taking) == 2, "the test medicine has both kinds"
    assert [item.get_text() for item in health.select("li")] == list(medicine.ask_first)
    assert [item.get_text() for item in others.select("li")] == list(medicine.ask_first_taking)


@pytest.mark.make
def test_text_in_the_data_is_shown_as_written_never_as_markup(built):
    box = page(built, ARTICLE).select_one("div.medicine-safety")
    assert "taking *other* painkillers" in [item.get_text() for item in box.select("li")]
    assert box.select("em") == []


@pytest.mark.make
def test_the_maximum_dose_cites_its_source_in_the_articles_sources(built):
    soup = page(built, ARTICLE)
    box = soup.select_one("div.medicine-safety")
    dose = next(p for p in box.select("p") if p.get_text().startswith("The most you should take"))
    reference = dose.select_one("a.footnote-reference")
    source = soup.select_one(reference["href"])
    assert "Testamol tablets: patient leaflet" in source.get_text()
    # Both the box's citations and the article's own are numbered in one list.
    listed = [" ".join(aside.get_text().split()) for aside in soup.select("aside.footnote")]
    assert len(listed) == 2
    assert any("Walking for back pain" in entry for entry in listed)


@pytest.mark.make
def test_brand_and_generic_names_are_in_the_book_index_pointing_at_the_box(built):
    index = page(built, "genindex")
    entries = {" ".join(item.get_text(" ").split()): item for item in index.select("td > ul > li")}
    medicine = fictional_medicine()
    target = f"{ARTICLE}.html#medicine-safety-testamol"
    for brand in medicine.all_brands:
        assert entries[f"{brand} ({medicine.names[0]})"].select_one("a")["href"] == target
    for name in medicine.names:
        assert entries[f"{name} medicine safety"].select_one("a")["href"] == target


@pytest.mark.make
def test_brand_names_are_search_synonyms_of_the_generic_name(built):
    groups = search_data(built)["synonyms"]
    medicine = fictional_medicine()
    expected = [name.lower() for name in (*medicine.names, *medicine.all_brands)]
    assert expected in groups
    assert ["placebin"] not in groups, "a medicine with one name and no brand is no group"


@pytest.mark.make
def test_the_box_can_be_asked_for_by_any_generic_name(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-medicines", srcdir)
    article = srcdir / f"{ARTICLE}.md"
    article.write_text(article.read_text().replace("{medicine-safety} testamol", "{medicine-safety} Fictamol"))
    result = run_sphinx(srcdir, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    assert page(tmp_path / "html", ARTICLE).select_one("#medicine-safety-testamol") is not None


@pytest.mark.make
def test_an_unknown_medicine_is_one_error_naming_file_line_and_the_likely_id(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-medicines", srcdir)
    article = srcdir / f"{ARTICLE}.md"
    text = article.read_text().replace("{medicine-safety} testamol", "{medicine-safety} testamoll")
    article.write_text(text)
    line = text.splitlines().index("```{medicine-safety} testamoll") + 1
    result = run_sphinx(srcdir, tmp_path / "html")
    assert failed_with_only(result) == [
        f"{ARTICLE}.md:{line}: ERROR: medicine-safety: unknown medicine 'testamoll'; did you mean 'testamol'? "
        "(expected an id from _data/medicines.yaml: testamol, placebin)"
    ]


@pytest.mark.make
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda record: record.pop("max_dose"), "medicine testamol: missing max_dose"),
        (lambda record: record.update(max_dos="1 mg"), "medicine testamol: unknown field 'max_dos'; did you mean 'max_dose'?"),
        (lambda record: record.update(ask_first="liver problems"), "medicine testamol: ask_first: expected a list"),
        (
            lambda record: record.update(combinations=["other painkillers (fictamol", "testol)"]),
            "medicine testamol: combinations: item 'other painkillers (fictamol' has an unclosed bracket",
        ),
        (
            lambda record: record.update(ask_first=["taking a sedative", "or took one last week"]),
            "medicine testamol: ask_first: item 'or took one last week' starts with 'or'",
        ),
        (
            lambda record: record["doses_for"]["night pain"].pop("max_dose_source"),
            "medicine testamol: doses_for night pain: missing max_dose_source",
        ),
        (
            lambda record: record["doses_for"]["night pain"].update(max_dos="1 mg"),
            "medicine testamol: doses_for night pain: unknown field 'max_dos'; did you mean 'max_dose'?",
        ),
        (lambda record: record.update(doses_for=["night pain"]), "medicine testamol: doses_for: expected uses with their doses"),
    ],
    ids=[
        "missing field",
        "misspelt field",
        "not a list",
        "item split by a comma in brackets",
        "item split by a comma",
        "a use's dose without its source",
        "a misspelt field in a use's dose",
        "uses as a list",
    ],
)
def test_a_mistake_in_the_medicines_file_is_one_error_naming_the_file_and_medicine(tmp_path, change, message):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-medicines", srcdir)
    records = data()
    change(records["medicines"][0])
    (srcdir / "_data/medicines.yaml").write_text(yaml.safe_dump(records), encoding="utf-8")
    errors = failed_with_only(run_sphinx(srcdir, tmp_path / "html"))
    assert len(errors) == 1 and errors[0].startswith(f"_data/medicines.yaml:1: ERROR: {message}"), "one error, not one per box"


@pytest.mark.make
def test_a_changed_dose_in_the_data_reaches_the_page_on_the_next_build(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-medicines", srcdir)
    outdir = tmp_path / "html"
    assert run_sphinx(srcdir, outdir).returncode == 0
    path = srcdir / "_data/medicines.yaml"
    path.write_text(path.read_text().replace("8 mg (2 x 4 mg tablets)", "6 mg (3 x 2 mg tablets)"), encoding="utf-8")
    assert run_sphinx(srcdir, outdir).returncode == 0
    assert "The most you should take: 6 mg (3 x 2 mg tablets)" in page(outdir, ARTICLE).select_one(".medicine-safety").get_text()


def test_the_box_markdown_cites_the_dose_source_and_every_other_source():
    markdown = box_markdown(fictional_medicine())
    assert re.search(r"The most you should take:\*\* 8 mg .*\{footcite\}`label2024`", markdown)
    assert "{footcite}`walker2020`" in markdown


def test_a_dose_given_in_parts_is_a_list_under_its_lead_in_order_and_cited_once_on_the_lead():
    """Ten numbers in one line are hard to read (PEMAT-P item 6): the parts stay in the file's order, none dropped."""
    parts = ["2 tablets of 4 mg at first", "then 1 tablet every 6 hours", "no more than 8 mg (2 tablets) in 24 hours"]
    record = {**data()["medicines"][0], "max_dose": parts}
    markdown = box_markdown(parse_medicines({"medicines": [record]})["testamol"])
    lead = markdown.index("**The most you should take:**{footcite}`label2024`\n\n")
    shown = markdown[lead:].split("\n\n")[1].splitlines()
    assert shown == [f"- {part}" for part in parts]
    assert markdown.count("label2024") == 1


def test_a_dose_list_with_an_empty_part_is_reported():
    record = {**data()["medicines"][0], "max_dose": ["2 tablets of 4 mg at first", ""]}
    with pytest.raises(DataFileError, match="medicine testamol: max_dose: expected plain text"):
        parse_medicines({"medicines": [record]})


def test_a_dose_line_resting_on_two_sources_cites_both_and_lists_neither_again():
    """A prescription dose from a product label and a lower limit from a pharmacy pack: the line cites both."""
    record = {**data()["medicines"][0], "max_dose_source": ["label2024", "walker2020"]}
    markdown = box_markdown(parse_medicines({"medicines": [record]})["testamol"])
    assert re.search(r"The most you should take:\*\* 8 mg .*\{footcite\}`label2024,walker2020`", markdown)
    assert "Sources for this box" not in markdown


@pytest.mark.make
def test_a_brief_box_keeps_dose_combinations_warning_signs_and_stopping_and_links_to_the_whole_box(built):
    box = page(built, "conditions/back-strain").select_one("div.medicine-safety.brief")
    text = " ".join(box.get_text(" ").split())
    medicine = fictional_medicine()
    assert f"The most you should take: {medicine.max_dose[0]}" in text
    assert "Dangerous combinations:" in text and all(item in text for item in medicine.combinations)
    assert "Get help now if you notice:" in text
    assert medicine.stopping and f"Stopping: {medicine.stopping}" in text
    assert "Ask a doctor or pharmacist first" not in text and "Do not take it" not in text
    link = box.select("a.reference.internal")[-1]
    # The link says what the brief box leaves out, so a reader who must not take the medicine follows it.
    assert link.parent.get_text(" ", strip=True).startswith("Who must not take it, and who should ask")
    assert link["href"] == "painkillers.html#medicine-safety-testamol"
    assert page(built, "conditions/painkillers").select_one("#medicine-safety-testamol") is not None


def box_for_night_pain(tmp_path: Path, use: str) -> tuple[Path, int, subprocess.CompletedProcess]:
    """The test project with back strain's testamol box asking for the dose for ``use``, built."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-medicines", srcdir)
    article = srcdir / "conditions/back-strain.md"
    box = "```{medicine-safety} testamol\n"
    text = article.read_text().replace(f"{box}:brief:", f"{box}:dose-for: {use}")
    article.write_text(text)
    line = text.splitlines().index("```{medicine-safety} testamol") + 1
    return tmp_path / "html", line, run_sphinx(srcdir, tmp_path / "html")


@pytest.mark.make
def test_a_box_for_one_use_gives_that_dose_alone_and_links_to_the_whole_box_for_the_others(tmp_path):
    outdir, _, result = box_for_night_pain(tmp_path, "night pain")
    assert result.returncode == 0, result.stderr
    box = page(outdir, "conditions/back-strain").select_one("div.medicine-safety")
    text = " ".join(box.get_text(" ").split())
    assert all(part in text for part in fictional_medicine().dose("night pain").parts)
    assert fictional_medicine().max_dose[0] not in text, "one maximum on the page, not two to choose between"
    assert "Ask a doctor or pharmacist first" in text, "the rest of the box is whole"
    dose_lead = box.find("strong", string="The most you should take:").parent
    assert [link.get_text() for link in dose_lead.select("a")] == ["[1]"], "the dose cites its own source alone"
    link = box.select("a.reference.internal")[-1]
    assert link.parent.get_text(" ", strip=True).startswith("The dose for other uses:")
    assert link["href"] == "painkillers.html#medicine-safety-testamol"
    assert box["id"] == "medicine-safety-testamol-dose"


@pytest.mark.make
def test_a_dose_for_a_use_the_data_does_not_have_is_one_error_naming_file_line_and_the_uses(tmp_path):
    _, line, result = box_for_night_pain(tmp_path, "nigth pain")
    assert failed_with_only(result) == [
        f"conditions/back-strain.md:{line}: ERROR: medicine-safety: testamol has no dose for 'nigth pain'; "
        "did you mean 'night pain'? (its doses_for in _data/medicines.yaml: night pain)"
    ]


@pytest.mark.make
def test_a_substitution_in_the_data_is_filled_in_by_the_build_country(built):
    items = [item.get_text() for item in page(built, ARTICLE).select("div.medicine-safety li")]
    assert filled_in("fainting (emergency - call {{ emergency_number }})") == "fainting (emergency - call 000 (test number))"
    assert "fainting (emergency - call 000 (test number))" in items
    assert not [item for item in items if "{{" in item or "emergency_number" in item]
