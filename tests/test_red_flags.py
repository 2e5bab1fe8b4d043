"""Warning signs as data (handbook.clinical.redflags and .urgency) and country settings (handbook.clinical.countries).

The ``test-red-flags`` root holds TEST DATA (a fictional sign list) and a copy of
the country file; facts are read from those files, so the tests follow the data.
Each build works on a copy in ``tmp_path``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook.clinical.redflags import belongs_to, lead_in
from handbook.printing.manifest import MANIFEST
from tests.conftest import ROOTS, build_root
from tests.conftest import copy_root as copy_root_named

# Every test here builds a copy of a test root (tests/conftest.py: the make tier).
pytestmark = pytest.mark.make

ROOT = ROOTS / "test-red-flags"
DATA = yaml.safe_load((ROOT / "_data/red-flags.yaml").read_text(encoding="utf-8"))
COUNTRIES = yaml.safe_load((ROOT / "_data/countries.yaml").read_text(encoding="utf-8"))
ERROR = re.compile(r"^(\S+?):(\d+): ERROR: (.*)$", re.MULTILINE)
ARTICLE = "conditions/sciatica"


def copy_root(tmp_path: Path, name: str = "test-red-flags") -> Path:
    return copy_root_named(tmp_path, name)


def build(srcdir: Path, *options: str) -> tuple[Path, str, int]:
    return build_root(srcdir, *options)


def page(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def signs_for(condition: str, tier: str) -> list[str]:
    return [sign["text"] for sign in DATA["signs"] if sign["tier"] == tier and belongs_to(sign, condition)]


def expected_lead_in(tier: str, country: str) -> str:
    action = DATA["tiers"][tier]["action"]
    for name, value in COUNTRIES[country].items():
        action = action.replace(f"{{{{ {name} }}}}", str(value))
    return lead_in(action)


@pytest.fixture(scope="module")
def red_flags_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = copy_root(tmp_path_factory.mktemp("red-flags"))
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    return outdir


# --- The directive -----------------------------------------------------------------------


def test_each_tier_is_a_labelled_box_with_its_signs_and_what_to_do(red_flags_site):
    boxes = page(red_flags_site, ARTICLE).select("section.red-flags:not(.red-flags-short)")
    tiers = [tier for tier in DATA["tiers"] if signs_for(ARTICLE, tier)]
    assert [box["class"][1] for box in boxes] == [f"red-flags-{tier}" for tier in tiers]
    for box, tier in zip(boxes, tiers, strict=True):
        heading = box.find(re.compile(r"^h\d$"))
        assert heading.name == "h3", "one level below '## When to get help'"
        assert box["aria-labelledby"] == heading["id"]
        assert heading.get_text(strip=True) == DATA["tiers"][tier]["label"], "the urgency in words, not colour alone"
        if tier == "emergency":
            continue  # listed once, in the short box at the top (below)
        assert box.find("p").get_text(strip=True) == expected_lead_in(tier, "international")
        assert [item.get_text(strip=True) for item in box.select("li")] == signs_for(ARTICLE, tier)


def test_an_article_lists_its_emergency_signs_once_and_its_later_emergency_box_links_up_to_them(red_flags_site):
    article = page(red_flags_site, ARTICLE)
    short, later = article.select("section.red-flags-emergency")
    assert "red-flags-short" in short["class"] and "red-flags-pointer" in later["class"]
    assert later.select("li") == [], "the signs are not printed twice"
    words = later.find("p").get_text(strip=True)
    action = expected_lead_in("emergency", "international").removesuffix(" if you have any of these:")
    assert words.startswith(f"{action} if you have any of the signs in the box"), words
    assert later.find("p").find("a")["href"] == "#" + short["aria-labelledby"]
    shown = [item.get_text(strip=True) for item in article.select("section.red-flags li")]
    assert all(shown.count(sign) == 1 for sign in signs_for(ARTICLE, "emergency")), "each emergency sign once"


def test_the_boxes_link_once_to_the_full_list_of_warning_signs(red_flags_site):
    boxes = page(red_flags_site, ARTICLE).select("section.red-flags:not(.red-flags-short)")
    links = [link["href"] for box in boxes for link in box.select("a") if not link["href"].startswith("#")]
    assert links == ["../warning-signs.html"], "links within the page (up to the short box) aside"
    assert page(red_flags_site, "warning-signs").select("section.red-flags a") == [], "the full list does not link to itself"


def test_the_tier_option_shows_one_tier(red_flags_site):
    boxes = page(red_flags_site, "warning-signs").select("section.red-flags")
    assert [box["class"][1] for box in boxes] == [f"red-flags-{tier}" for tier in DATA["tiers"]]


def test_a_condition_article_has_the_short_box_right_after_its_key_points(red_flags_site):
    article = page(red_flags_site, ARTICLE).select_one("[role=main]")
    key_points = article.select_one("div.key-points")
    short = key_points.find_next_sibling()
    assert "red-flags-short" in short["class"] and "red-flags-emergency" in short["class"]
    assert short.find("h2").get_text(strip=True) == DATA["tiers"]["emergency"]["label"]
    assert [item.get_text(strip=True) for item in short.select("li")] == signs_for(ARTICLE, "emergency")
    assert short.select_one("a")["href"] == "#when-to-get-help", "links to the full list at the end"
    assert article.select_one("section#when-to-get-help")


def test_the_home_page_box_links_to_the_page_of_warning_signs(red_flags_site):
    short = page(red_flags_site, "index").select_one("section.red-flags-short")
    assert short.select_one("a")["href"] == "warning-signs.html"


@pytest.mark.make
def test_a_condition_article_without_the_short_box_is_an_error(tmp_path):
    srcdir = copy_root(tmp_path)
    article = srcdir / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8").replace("```{red-flags}\n:short:\n```\n", ""), encoding="utf-8")
    _, stderr, status = build(srcdir)
    assert status == 1
    errors = ERROR.findall(stderr)
    assert [(path, message) for path, _, message in errors] == [
        (
            f"{ARTICLE}.md",
            "'Get help now' box: expected right after the 'Key points' box (add ```{red-flags} with ':short:' there)",
        )
    ]


@pytest.mark.make
@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (
            ":tier: emergncy",
            "{red-flags}: unknown tier 'emergncy' (did you mean 'emergency'? use one of emergency, urgent, see-a-doctor)",
        ),
        (
            ":condition: conditions/sciatca",
            "{red-flags}: no signs list the page 'conditions/sciatca' (did you mean 'conditions/sciatica'?",
        ),
        (":signs: fevr", "{red-flags}: unknown sign 'fevr' (did you mean 'fever'? use an id from src/_data/red-flags.yaml)"),
    ],
    ids=["tier", "condition", "sign"],
)
def test_an_unknown_tier_condition_or_sign_is_a_file_and_line_error_with_a_suggestion(tmp_path, option, expected):
    srcdir = copy_root(tmp_path)
    article = srcdir / f"{ARTICLE}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + f"\n```{{red-flags}}\n{option}\n```\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    _, stderr, status = build(srcdir)
    assert status == 1
    errors = ERROR.findall(stderr)
    assert len(errors) == 1, stderr
    assert errors[0][:2] == (f"{ARTICLE}.md", str(line))
    assert errors[0][2].startswith(expected)


@pytest.mark.make
def test_a_mistake_in_the_sign_data_names_the_data_file_and_line(tmp_path):
    srcdir = copy_root(tmp_path)
    data = srcdir / "_data/red-flags.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("tier: urgent", "tier: urgnt", 1), encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.strip() == "- id: fever")
    _, stderr, status = build(srcdir)
    assert status == 1
    assert f"_data/red-flags.yaml:{line}: ERROR: sign 'fever': unknown tier 'urgnt' (did you mean 'urgent'?" in stderr


@pytest.mark.make
@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("source: {nhs: test}", "'source' must be a bibliography key, or a list of keys"),
        ("details: 5\n    source: test", "'details' must be a line of text shown after the sign"),
    ],
    ids=["source", "details"],
)
def test_a_sign_source_or_details_of_the_wrong_kind_names_the_data_file_and_line(tmp_path, written, expected):
    srcdir = copy_root(tmp_path)
    data = srcdir / "_data/red-flags.yaml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("source: test", written, 1), encoding="utf-8")
    rows = text.splitlines()
    first_source = next(number for number, row in enumerate(rows, 1) if row.strip() == "source: test")
    line = max(number for number, row in enumerate(rows[:first_source], 1) if row.strip().startswith("- id:"))
    sign = rows[line - 1].split("id:")[1].strip()
    _, stderr, status = build(srcdir)
    assert status == 1
    assert f"_data/red-flags.yaml:{line}: ERROR: sign '{sign}': {expected}" in stderr


# --- The urgency check ---------------------------------------------------------------------


@pytest.mark.make
def test_the_build_catches_a_sign_written_with_a_weaker_tier_with_file_and_line(tmp_path):
    srcdir = copy_root(tmp_path, "test-weaker-urgency")
    article = (srcdir / "conditions/sciatica.md").read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(article.splitlines(), 1) if "numbness in both legs" in row)
    _, stderr, status = build(srcdir)
    assert status == 1
    assert ERROR.findall(stderr) == [
        (
            "conditions/sciatica.md",
            str(line),
            'both-legs is an emergency sign; this sentence says "soon" and "see a doctor" '
            f"(say: Call {COUNTRIES['international']['emergency_number']}, or go to the emergency department.)",
        )
    ], "the negated 'Do not wait ... fever' sentence is fine"


# --- Country settings ----------------------------------------------------------------------


@pytest.mark.make
def test_the_country_sets_the_numbers_spelling_and_paper_size(tmp_path):
    srcdir = copy_root(tmp_path)
    outdir, stderr, status = build(srcdir, "-D", "handbook_country=AU")
    assert (status, stderr) == (0, "")
    australia = COUNTRIES["AU"]
    text = " ".join(page(outdir, name).select_one("[role=main]").get_text(" ") for name in ["index", "warning-signs", ARTICLE])
    assert australia["emergency_number"] in text
    assert australia["urgent_advice"] in text
    # The default build's numbers (the US and UK ones), as the country file gives them, that Australia does not use.
    default_numbers = set(re.findall(r"\d{3}", COUNTRIES["international"]["emergency_number"]))
    others = default_numbers - set(re.findall(r"\d+", australia["emergency_number"]))
    assert others, "the default build gives numbers that Australia does not use"
    assert not re.search(rf"\b({'|'.join(sorted(others))})\b", text)
    assert page(outdir, "index").html["lang"] == australia["spelling"]
    manifest = json.loads((srcdir.parent / "doctrees" / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["paper_size"], manifest["language"]) == (australia["paper_size"], australia["spelling"])


@pytest.mark.make
def test_an_article_substitution_follows_the_country(tmp_path):
    srcdir = copy_root(tmp_path)
    outdir, _, status = build(srcdir, "-D", "handbook_country=GB")
    assert status == 0
    prose = page(outdir, ARTICLE).select_one("#what-it-is").get_text(" ")
    assert f"call {COUNTRIES['GB']['emergency_number']}." in " ".join(prose.split())


@pytest.mark.make
def test_an_unknown_country_is_one_line_listing_the_known_ones(tmp_path):
    srcdir = copy_root(tmp_path)
    _, stderr, status = build(srcdir, "-D", "handbook_country=au")
    assert status == 1
    known = ", ".join(sorted(COUNTRIES, key=str.lower))
    assert stderr.strip().splitlines() == [
        f"conf.py:1: ERROR: handbook_country 'au': unknown country (did you mean 'AU'? known: {known}; "
        "or add it to _data/countries.yaml)"
    ]


@pytest.mark.make
def test_a_mistyped_substitution_is_a_file_and_line_error_with_a_suggestion(tmp_path):
    srcdir = copy_root(tmp_path)
    article = srcdir / f"{ARTICLE}.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("{{ emergency_number }}", "{{ emergncy_number }}"), encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if "{{ emergency_number }}" in row)
    _, stderr, status = build(srcdir)
    assert status == 1
    assert (
        f"{ARTICLE}.md:{line}: ERROR: unknown substitution '{{{{ emergncy_number }}}}' "
        "(did you mean 'emergency_number'? use one of emergency_number, urgent_advice)"
    ) in stderr


@pytest.mark.make
def test_a_change_to_the_sign_data_shows_on_the_next_build_without_make_clean(tmp_path):
    srcdir = copy_root(tmp_path)
    outdir, _, status = build(srcdir)
    assert status == 0
    data = srcdir / "_data/red-flags.yaml"
    sign = DATA["signs"][0]
    data.write_text(data.read_text(encoding="utf-8").replace(sign["text"], f"{sign['text']} (changed)"), encoding="utf-8")
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    shown = [item.get_text(strip=True) for item in page(outdir, sign["conditions"][0]).select("section.red-flags li")]
    assert f"{sign['text']} (changed)" in shown


@pytest.mark.make
def test_a_signs_details_are_shown_after_its_text(tmp_path):
    srcdir = copy_root(tmp_path)
    data = srcdir / "_data/red-flags.yaml"
    sign = DATA["signs"][0]
    text = data.read_text(encoding="utf-8")
    data.write_text(
        text.replace(f"    text: {sign['text']}\n", f"    text: {sign['text']}\n    details: for test\n", 1), encoding="utf-8"
    )
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    items = page(outdir, sign["conditions"][0]).select("section.red-flags li")
    assert f"{sign['text']}: for test" in [" ".join(item.get_text().split()) for item in items]
    # Sphinx leaves class no-search out of the search index: words that are not the sign do not find every page.
    assert [span.get_text() for item in items for span in item.select(".no-search")] == ["for test"]


def give_to_every_page(srcdir: Path, sign: dict) -> None:
    """Replace the sign's page list in the copy's data with '*' (and the warning-signs page, which others name)."""
    data = srcdir / "_data/red-flags.yaml"
    text = data.read_text(encoding="utf-8")
    listed = f"conditions: [{', '.join(sign['conditions'])}]"
    assert listed in text
    data.write_text(text.replace(listed, "conditions: ['*', warning-signs]", 1), encoding="utf-8")


@pytest.mark.make
def test_a_sign_for_every_page_reaches_a_new_article_that_no_list_names(tmp_path):
    """'*' in a sign's conditions: a new article shows it without being added to any list; other signs stay off."""
    srcdir = copy_root(tmp_path)
    everywhere, named_only = DATA["signs"][0], next(sign for sign in DATA["signs"][1:] if sign["tier"] == "urgent")
    give_to_every_page(srcdir, everywhere)
    (srcdir / "conditions/new-article.md").write_text(
        (srcdir / f"{ARTICLE}.md").read_text(encoding="utf-8").replace("# Sciatica", "# A new article"), encoding="utf-8"
    )
    index = srcdir / "index.md"
    toctree = index.read_text(encoding="utf-8")
    listed_in_index = toctree.replace("conditions/sciatica\n", "conditions/sciatica\nconditions/new-article\n")
    index.write_text(listed_in_index, encoding="utf-8")
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    shown = [item.get_text(strip=True) for item in page(outdir, "conditions/new-article").select("section.red-flags li")]
    assert everywhere["text"] in shown
    assert named_only["text"] not in shown


@pytest.mark.make
def test_another_pages_signs_need_that_page_named_not_only_matched_by_a_pattern(tmp_path):
    """':condition: x' shows page x's list; a pattern such as '*' matches any name, so it cannot vouch for a misspelling."""
    srcdir = copy_root(tmp_path)
    give_to_every_page(srcdir, DATA["signs"][0])
    article = srcdir / f"{ARTICLE}.md"
    misspelt = "\n```{red-flags}\n:condition: warning-sings\n```\n"
    article.write_text(article.read_text(encoding="utf-8") + misspelt, encoding="utf-8")
    _, stderr, status = build(srcdir)
    assert status == 1
    assert [message for _, _, message in ERROR.findall(stderr)] == [
        "{red-flags}: no signs list the page 'warning-sings' (did you mean 'warning-signs'? give :condition: a page named "
        "in a sign's conditions in src/_data/red-flags.yaml)"
    ]


# --- Long boxes are broken into short, labelled lists ----------------------------------------

GROUPS = "groups:\n  first: The first group\n  second: The second group\n"


def add_emergency_signs(srcdir: Path, groups: list[str]) -> list[str]:
    """Fictional emergency signs for the article, first in the copy's data, one per entry of ``groups`` (its group);
    the file gets two groups. Returns the signs' texts."""
    data = srcdir / "_data/red-flags.yaml"
    texts = [f"test sign number {number}" for number in range(len(groups))]
    added = "".join(
        f"  - id: test-sign-{number}\n    tier: emergency\n    group: {group}\n    text: {texts[number]}\n"
        f"    patterns: ['test sign number {number}\\b']\n    source: test\n    conditions: [conditions/sciatica]\n"
        for number, group in enumerate(groups)
    )
    text = data.read_text(encoding="utf-8").replace("tiers:\n", GROUPS + "tiers:\n", 1)
    data.write_text(text.replace("signs:\n", "signs:\n" + added, 1), encoding="utf-8")
    return texts


def give_group(srcdir: Path, sign_id: str, group: str) -> None:
    data = srcdir / "_data/red-flags.yaml"
    text = data.read_text(encoding="utf-8")
    sign = f"  - id: {sign_id}\n    tier: emergency\n"
    assert sign in text
    data.write_text(text.replace(sign, f"{sign}    group: {group}\n", 1), encoding="utf-8")


def test_a_box_of_more_than_7_signs_shows_them_in_labelled_groups_in_the_files_order(tmp_path):
    srcdir = copy_root(tmp_path)
    texts = add_emergency_signs(srcdir, ["first", "second"] * 3 + ["first"])
    give_group(srcdir, "both-legs", "second")  # the article's own emergency sign: 8 in its box
    outdir, stderr, status = build(srcdir)
    assert (status, stderr) == (0, "")
    box = page(outdir, ARTICLE).select_one("section.red-flags-short")
    groups = [
        (group.select_one(".red-flags-group-label").get_text(), [item.get_text(strip=True) for item in group.select("li")])
        for group in box.select(".red-flags-group")
    ]
    assert groups == [
        ("The first group", texts[0::2]),
        ("The second group", [*texts[1::2], *signs_for(ARTICLE, "emergency")]),
    ]


def test_an_unknown_group_is_a_file_and_line_error_with_a_suggestion(tmp_path):
    srcdir = copy_root(tmp_path)
    add_emergency_signs(srcdir, ["frist"])
    text = (srcdir / "_data/red-flags.yaml").read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.strip() == "- id: test-sign-0")
    _, stderr, status = build(srcdir)
    assert status == 1
    assert f"_data/red-flags.yaml:{line}: ERROR: sign 'test-sign-0': unknown group 'frist' (did you mean 'first'?" in stderr


def test_a_box_of_more_than_7_signs_with_a_sign_in_no_group_is_an_error_naming_the_sign(tmp_path):
    srcdir = copy_root(tmp_path)
    add_emergency_signs(srcdir, ["first"] * 7)  # with the article's own sign, which has no group: 8
    _, stderr, status = build(srcdir)
    assert status == 1
    assert "this box has 8 signs, more than 7 in one list; give sign 'both-legs' a group" in stderr
