"""Clinical safety rules that every patient page must meet, whatever the articles are.

The rules read the handbook's own data files (``docs/_data/red-flags.yaml`` and
``docs/_data/medicines.yaml``), the bibliography and ``conf.py``, and apply to every
page a patient reads, so a fork that adds, removes or renames articles is held to
the same rules without editing this file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from pybtex.database import parse_file

from handbook.clinical.medicines import box_markdown, parse_medicines
from handbook.clinical.pattern_parts import filled_signs
from handbook.clinical.redflags import RedFlags, belongs_to, box_options, chosen_signs, sign_sources
from handbook.clinical.urgency import mentions, passages, weaker_advice, weaker_advice_in
from tests.content.handbook_site import DOCS, ROOT, articles, cited_keys, conf, table_rows

# A page telling patients that the handbook has not looked into something they need.
NOT_CHECKED = re.compile(
    r"not (yet )?checked|ha(?:ve|s) not (?:yet )?(?:reviewed|checked)|not reviewed the|we cannot say",
    re.IGNORECASE,
)
DOSE = re.compile(r"\b\d[\d,.]*\s?(?:mg|g|grams?|micrograms?|mcg)\b", re.IGNORECASE)
PRESCRIPTION_LIMIT = re.compile(r"no set maximum.*prescription label|prescription label.*no set maximum", re.I)
WARNING_SIGNS = re.compile(
    r"get (?:medical )?help (?:now|straight away|at once)|call (?:\d{3}|\{\{ ?emergency_number ?\}\}|an ambulance|the emergency)"
    r"|warning signs?",
    re.I,
)


def docname(path: Path) -> str:
    return path.relative_to(DOCS).with_suffix("").as_posix()


def patient_pages() -> list[Path]:
    """Every page a patient reads: all sources but generated topic pages and the editors' pages."""
    editors_only = set(conf().get("handbook_pdf_exclude", []))
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if not {"_tags", "_data"} & set(path.relative_to(DOCS).parts) and docname(path) not in editors_only
    )


def body(path: Path) -> str:
    """The page's Markdown without its front matter."""
    text = path.read_text(encoding="utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


@cache
def data(name: str) -> dict:
    return yaml.safe_load((DOCS / "_data" / name).read_text(encoding="utf-8"))


@cache
def bibliography():
    return parse_file(str(ROOT / conf()["bibtex_bibfiles"][0]), bib_format="bibtex")


PAGE_IDS = {"ids": lambda path: docname(path)}


# --- No "not checked" holes ----------------------------------------------------------


@pytest.mark.parametrize("path", patient_pages(), **PAGE_IDS)
def test_no_page_tells_patients_the_handbook_has_not_checked_something(path):
    holes = [line.strip() for line in body(path).splitlines() if NOT_CHECKED.search(line)]
    assert holes == [], "verify the answer, say plainly that research has none (with a source), or leave it out"


def test_the_not_checked_rule_catches_each_phrase_it_names():
    for phrase in ["We have not checked this.", "It is not yet checked.", "We have not reviewed the trials.",
                   "We cannot say if it works.", "The handbook has not reviewed it."]:  # fmt: skip
        assert NOT_CHECKED.search(phrase), phrase


# --- Red flags: one urgency per sign, everywhere ------------------------------------


def red_flags() -> list[dict]:
    """The signs as the build reads them: their patterns with the file's named parts filled in."""
    return filled_signs(data("red-flags.yaml"))


def tiers() -> dict:
    return data("red-flags.yaml")["tiers"]


def test_red_flag_data_is_complete_and_consistent():
    signs = red_flags()
    assert {"emergency", "urgent"} <= set(tiers())
    assert len({sign["id"] for sign in signs}) == len(signs), "each sign is listed once"
    keys = set(bibliography().entries)
    known_pages = {docname(path) for path in patient_pages()}
    for sign in signs:
        assert sign["tier"] in tiers(), sign["id"]
        assert sign["text"].strip() and sign["patterns"], sign["id"]
        assert set(sign_sources(sign)) <= keys, f"{sign['id']}: source {sign['source']!r} is not in references.bib"
        # A page name must be a page, and a pattern must match one: a misspelt entry would give the sign to no page.
        for entry in sign["conditions"]:
            assert any(belongs_to({"conditions": [entry]}, page) for page in known_pages), f"{sign['id']}: {entry!r}"
        # A pattern that cannot find the sign's own wording would never find it in an article.
        assert any(re.search(pattern, sign["text"], re.IGNORECASE) for pattern in sign["patterns"]), sign["id"]


def test_the_emergency_tier_holds_the_cauda_equina_signs_the_nhs_lists():
    emergency = " ".join(sign["text"] for sign in red_flags() if sign["tier"] == "emergency").lower()
    for sign in ["both legs", "bladder", "bowel", "genital", "erection"]:
        assert sign in emergency, sign


@pytest.mark.parametrize("path", patient_pages(), **PAGE_IDS)
def test_no_page_gives_a_warning_sign_less_urgency_than_the_red_flag_data(path):
    """The build's own rule (handbook.clinical.urgency), applied here to every patient page."""
    problems = [f"line {problem.line}: {problem.message()}" for problem in weaker_advice_in(body(path), red_flags(), tiers())]
    assert problems == []


def test_the_urgency_rule_catches_a_sign_written_with_a_weaker_word():
    urgent = next(sign for sign in red_flags() if sign["tier"] == "urgent" and tiers()["urgent"].get("weaker"))
    weaker = tiers()["urgent"]["weaker"][0]
    passage = passages(f"See a doctor {weaker} if you have any of these:\n\n- {urgent['text']}\n")[-1].text
    assert weaker_advice(passage, urgent, tiers()) == [weaker]
    assert weaker_advice(f"Do not wait: {urgent['text']} needs a doctor today, not {weaker}.", urgent, tiers()) == []


def shows(page: str, sign: dict) -> bool:
    """The page's text mentions the sign, or one of its ``{red-flags}`` boxes shows it (the build's own choice).

    A pattern anchored with ``^`` (its guards read the whole sentence) is tried on each sentence, as the build's
    urgency check reads it: on the whole page, ``^`` is only the page's first word.
    """
    text = body(DOCS / f"{page}.md")
    data = RedFlags(tiers=tiers(), signs=red_flags())
    said = mentions(text, sign) or any(mentions(passage.text, sign) for passage in passages(text))
    return said or any(sign in chosen_signs(data, page, options) for options in box_options(text))


def pages_of(sign: dict) -> list[str]:
    """The articles a sign belongs to: its named pages, and every article a pattern such as ``"*"`` matches."""
    named = [page for page in sign["conditions"] if (DOCS / f"{page}.md").is_file()]
    return sorted(set(named) | {page for page in articles() if belongs_to(sign, page)})


@pytest.mark.parametrize("sign", red_flags(), ids=lambda sign: sign["id"])
def test_every_page_a_sign_belongs_to_mentions_it(sign):
    assert [page for page in pages_of(sign) if not shows(page, sign)] == []


# --- Medicines: dose, warning signs and a source where each is discussed ------------------


def medicines() -> list[dict]:
    return data("medicines.yaml")["medicines"]


SAFETY_BOX = re.compile(r"^```\{medicine-safety\}\s*(.+?)\s*$", re.MULTILINE)


def medicine_section(medicine: dict) -> str:
    """The ``###`` section of the medicine's page whose heading names the medicine.

    A ``{medicine-safety}`` box in the section is read as the words it shows
    (``handbook.clinical.medicines.box_markdown``), so facts moved into the box are
    checked exactly as facts written in the prose are.
    """
    text = body(DOCS / f"{medicine['page']}.md")
    names = "|".join(re.escape(name) for name in medicine["names"])
    heading = re.search(rf"^###\s+.*\b(?:{names})\b.*$", text, flags=re.MULTILINE | re.IGNORECASE)
    assert heading, f"{medicine['page']} has no '### ' section naming {medicine['names'][0]}"
    following = re.search(r"^#{2,3}\s", text[heading.end() :], flags=re.MULTILINE)
    section = text[heading.start() : heading.end() + following.start()] if following else text[heading.start() :]
    return SAFETY_BOX.sub(lambda box: box_markdown(safety_box_record(box.group(1))), section)


def safety_box_record(name: str):
    """The record a ``{medicine-safety} <name>`` box shows, found as the build finds it (id or generic name)."""
    records = parse_medicines(data("medicines.yaml")).values()
    found = [record for record in records if name.lower() in {record.id, *(n.lower() for n in record.names)}]
    assert found, f"{{medicine-safety}} {name}: no such medicine in medicines.yaml"
    return found[0]


def sentences(markdown: str) -> list[str]:
    return [part for line in markdown.splitlines() for part in re.split(r"(?<=[.!?])\s+", line.strip()) if part]


# A dose given in parts: the lead, then the parts as a list, read as one statement.
DOSE_LIST = re.compile(r"^\*\*The most you should take:\*\*.*\n\n((?:- .*\n?)+)", re.MULTILINE)


def statements(markdown: str) -> list[str]:
    """The sentences, and each dose given as a list read as one sentence ("The most you should take: a; b")."""
    lists = ["The most you should take: " + "; ".join(found.group(1).split("\n")) for found in DOSE_LIST.finditer(markdown)]
    return sentences(markdown) + lists


def dose_words(medicine: dict) -> str:
    """The record's dose as one text, whether the file gives it as one line or as a list of parts."""
    dose = medicine["max_dose"]
    return "; ".join(dose) if isinstance(dose, list) else dose


@pytest.mark.parametrize("medicine", medicines(), ids=lambda medicine: medicine["id"])
def test_each_medicine_has_a_maximum_dose_warning_signs_and_a_source_where_it_is_discussed(medicine):
    text = medicine_section(medicine)
    limit = DOSE if DOSE.search(dose_words(medicine)) else re.compile(r"prescription label", re.I)
    assert [s for s in statements(text) if re.search(r"\b(most|maximum)\b", s, re.I) and limit.search(s)], "max dose"
    assert [s for s in sentences(text) if WARNING_SIGNS.search(s)], "a sentence of warning signs that need help now"
    assert cited_keys(text), "a source in the section"


@pytest.mark.parametrize("medicine", medicines(), ids=lambda medicine: medicine["id"])
def test_each_medicine_record_is_complete_and_sourced(medicine):
    keys = set(bibliography().entries)
    for field in ["names", "page", "max_dose", "max_dose_source", "ask_first", "warning_signs", "combinations"]:
        assert medicine.get(field), field
    # Strong opioids have no label maximum: the prescriber sets it, and the record must say so.
    assert DOSE.search(dose_words(medicine)) or PRESCRIPTION_LIMIT.search(dose_words(medicine)), "a maximum dose"
    dose_sources = medicine["max_dose_source"]
    assert {*(dose_sources if isinstance(dose_sources, list) else [dose_sources]), *medicine.get("sources", [])} <= keys


# --- Medicines: a safety box on every article that names one ----------------------------------

# A ``{medicine-safety}`` box with its options, as written: ```{medicine-safety} <name>, then ``:brief:`` and the like.
SAFETY_BOX_BLOCK = re.compile(r"^```\{medicine-safety\}[ \t]*(?P<name>.+?)[ \t]*\n(?P<options>(?::[\w-]+:.*\n)*)```", re.M)
KEY_POINTS = re.compile(r"^(?P<fence>:{3,})\{admonition\} Key points\n.*?^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
SOURCES_HEADING = re.compile(r"^## Sources[ \t]*$", re.MULTILINE)


def needs_a_box(medicine: dict) -> bool:
    """The writing guide's rule: every medicine an article names shows its box there, except a ``role: interaction``
    medicine (low-dose aspirin), which articles name as something a reader already takes for another reason or is
    allergic to: its box would lead with a dose for pain, read as advice to take it, and the handbook gives none."""
    return medicine.get("role") != "interaction"


def naming(medicine: dict) -> re.Pattern[str]:
    """Any of the medicine's generic or brand names, singular or plural, as whole words, in any case.

    A name inside a longer word is no mention: "non-benzodiazepine" muscle relaxants are not diazepam.
    """
    brands = [brand for names in (medicine.get("brands") or {}).values() for brand in names]
    stems = {re.sub(r"s$", "", name, flags=re.IGNORECASE) for name in [*medicine["names"], *brands]}
    words = sorted((r"\s+".join(map(re.escape, stem.split())) for stem in stems), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(words)})s?\b", re.IGNORECASE)


def safety_boxes(text: str) -> list[tuple[int, str, bool]]:
    """Each ``{medicine-safety}`` box in the Markdown: where it starts, the id of its medicine, and whether it is brief."""
    return [
        (box.start(), safety_box_record(box.group("name")).id, ":brief:" in box.group("options"))
        for box in SAFETY_BOX_BLOCK.finditer(text)
    ]


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def missing_boxes(markdown: str) -> list[str]:
    """What breaks the rule in an article's Markdown (body before its sources): a named medicine with no box,
    a box before the medicine is first named, a box inside the Key points, a brief box of a medicine named only
    as an interaction (its 'do not take' list must show with its dose)."""
    text = SOURCES_HEADING.split(markdown)[0]
    prose = SAFETY_BOX_BLOCK.sub(lambda box: re.sub(r"\S", " ", box.group(0)), text)
    boxes = safety_boxes(text)
    key_points = [(span.start(), span.end()) for span in KEY_POINTS.finditer(text)]
    problems = []
    for medicine in medicines():
        named = naming(medicine).search(prose)
        own = [(start, brief) for start, box_id, brief in boxes if box_id == medicine["id"]]
        where = f"'{named.group(0)}' on line {line_of(text, named.start())}" if named else ""
        if named and needs_a_box(medicine) and not own:
            problems.append(f"{medicine['id']}: named ({where}) but no {{medicine-safety}} {medicine['id']} box")
        if named and own and own[0][0] < named.start():
            problems.append(f"{medicine['id']}: its box (line {line_of(text, own[0][0])}) comes before it is named ({where})")
        for start, brief in own:
            if any(first <= start < last for first, last in key_points):
                problems.append(f"{medicine['id']}: box on line {line_of(text, start)} is inside the Key points")
            if brief and not needs_a_box(medicine):
                problems.append(f"{medicine['id']}: box on line {line_of(text, start)} is :brief:; use the whole box")
    return problems


@pytest.mark.parametrize("docname", articles())
def test_every_medicine_an_article_names_shows_its_safety_box_there(docname):
    """Issue 14: the dose and the warning signs stand wherever a medicine is named (writing guide, Medicines)."""
    path = DOCS / f"{docname}.md"
    text = path.read_text(encoding="utf-8")
    front_matter = len(text) - len(body(path))  # blanked, not cut, so the lines reported are the file's own
    assert missing_boxes(re.sub(r"[^\n]", " ", text[:front_matter]) + text[front_matter:]) == []


def test_the_box_rule_catches_a_medicine_named_without_its_box():
    record = next(medicine for medicine in medicines() if needs_a_box(medicine))
    name, box = record["names"][-1], f"```{{medicine-safety}} {record['id']}\n:brief:\n```\n"
    assert missing_boxes(f"Some people take {name.upper()}.\n") == [
        f"{record['id']}: named ('{name.upper()}' on line 1) but no {{medicine-safety}} {record['id']} box"
    ]
    assert missing_boxes(f"Some people take {name}.\n\n{box}") == []
    assert missing_boxes(f"{box}\nSome people take {name}.\n")[0].startswith(f"{record['id']}: its box (line 1) comes before")
    assert missing_boxes(f"Some people take {name}.\n\n## Sources\n\n{box}")[0].startswith(f"{record['id']}: named")
    key_points = f":::{{admonition}} Key points\n:class: key-points\n\n- {name} helps.\n\n{box}:::\n"
    assert "inside the Key points" in missing_boxes(key_points)[0]
    assert missing_boxes(f"Non-{name} medicines help.\n") == []
    # Singular, plural and brand names are names too.
    for medicine in medicines():
        for word in [*medicine["names"], *(brand for names in (medicine.get("brands") or {}).values() for brand in names)]:
            assert naming(medicine).fullmatch(word), word
            assert naming(medicine).fullmatch(word.rstrip("s") if word.endswith("s") else f"{word}s"), word


def test_a_medicine_named_only_as_an_interaction_needs_no_box_but_never_shows_a_brief_one():
    exempt = [medicine for medicine in medicines() if not needs_a_box(medicine)]
    for medicine in exempt:
        name = medicine["names"][0]
        assert missing_boxes(f"Tell your doctor if you take low-dose {name}.\n") == []
        brief = f"Take {name}.\n\n```{{medicine-safety}} {medicine['id']}\n:brief:\n```\n"
        assert missing_boxes(brief) == [f"{medicine['id']}: box on line 3 is :brief:; use the whole box"]


def test_the_medicine_data_lists_the_common_painkillers_and_pages_that_exist():
    known = {name.lower() for medicine in medicines() for name in medicine["names"]}
    assert {"paracetamol", "ibuprofen", "naproxen"} <= known
    pages = {docname(path) for path in patient_pages()}
    assert [medicine["id"] for medicine in medicines() if medicine["page"] not in pages] == []


# --- Treatments at a glance: three guidelines, every cell sourced --------------------------


def test_at_a_glance_compares_acp_nice_and_who():
    header = table_rows("treatments/at-a-glance")[0]
    assert [column for column in header if re.match(r"(ACP|NICE|WHO)\b", column)] == [
        column for column in header if column.startswith(("ACP", "NICE", "WHO"))
    ]
    assert any(column.startswith("ACP") for column in header)
    assert any(column.startswith("NICE") for column in header)
    assert any(column.startswith("WHO") for column in header)


def test_every_at_a_glance_cell_is_filled_and_every_guideline_cell_cites_its_source():
    header, *rows = table_rows("treatments/at-a-glance")
    guideline_columns = [index for index, column in enumerate(header) if re.match(r"(ACP|NICE|WHO)\b", column)]
    assert rows
    for row in rows:
        assert len(row) == len(header), row[0]
        assert all(cell for cell in row), f"{row[0]}: an empty cell"
        assert not [cell for cell in row if NOT_CHECKED.search(cell)], row[0]
        for index in guideline_columns:
            assert cited_keys(row[index]), f"{row[0]}: the {header[index]} cell cites no source"


# --- Bibliography a health librarian would accept ----------------------------------------


def test_every_cited_work_has_authors_a_year_a_title_and_a_doi_or_address():
    cited = set().union(*(cited_keys(path.read_text(encoding="utf-8")) for path in patient_pages()))
    problems = {}
    for key in sorted(cited):
        entry = bibliography().entries.get(key)
        if entry is None:
            problems[key] = "not in references.bib"
            continue
        missing = [
            what
            for what, present in [
                ("authors or organisation", entry.persons.get("author") or entry.fields.get("organization")),
                ("year", re.fullmatch(r"\d{4}", entry.fields.get("year", ""))),
                ("title", entry.fields.get("title")),
                ("DOI or URL", entry.fields.get("doi") or entry.fields.get("url")),
            ]
            if not present
        ]
        if missing:
            problems[key] = ", ".join(missing)
    assert problems == {}
