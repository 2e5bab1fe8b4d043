"""No page types a phone number: the numbers live in the country data file only.

A clinic in another country sets ``handbook_country`` (or adds its country to
the data file) and every page, box, handout and the book follow. That works only
if no article or data file has a number typed in, so this test reads every
number the country file gives (911, 999, 000, 112, 111, 1800 022 222, 811...)
and looks for each in every patient page and in the data files pages are built
from. The editors' pages (``handbook_pdf_exclude``) are left out: the evidence
log quotes what sources said, numbers included. Search finds the numbers
("call 000") from the country file too (``handbook.clinical.countries.numbers_to_search``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.content.handbook_site import DOCS, conf

# A number inside a longer one (10 000, 1,999, 3.111), in an address or a citation key, or a count of something.
BEFORE = r"(?<![\w.,/:#-])(?<!\d )"
AFTER = r"(?![\w,/-]|\.\d| (?:\d|days?|weeks?|months?|years?|people|patients|participants|adults|mg|ml)\b)"


@cache
def countries_file() -> Path:
    return DOCS / conf().get("handbook_countries_file", "_data/countries.yaml")


@cache
def typed_number() -> re.Pattern[str]:
    """Any phone number of any country in the data file, written as a number on its own."""
    countries = yaml.safe_load(countries_file().read_text(encoding="utf-8"))
    numbers = {
        number
        for country in countries.values()
        for field in ("emergency_number", "urgent_advice")
        for number in re.findall(r"\d[\d ]*\d", str(country[field]))
    }
    assert {"911", "999"} <= numbers, "the country file gives the US and UK emergency numbers"
    alternatives = "|".join(re.escape(number) for number in sorted(numbers, key=len, reverse=True))
    return re.compile(f"{BEFORE}(?:{alternatives}){AFTER}")


def checked_files() -> list[Path]:
    editors_only = {DOCS / f"{docname}.md" for docname in conf().get("handbook_pdf_exclude", [])}
    pages = [path for path in DOCS.rglob("*.md") if "_tags" not in path.relative_to(DOCS).parts and path not in editors_only]
    data = [path for path in (DOCS / "_data").glob("*.yaml") if path != countries_file()]
    return sorted(pages + data)


@pytest.mark.parametrize("path", checked_files(), ids=lambda path: path.relative_to(DOCS).as_posix())
def test_no_page_or_data_file_types_an_emergency_or_advice_number(path):
    typed = [
        f"line {number}: {found.group()!r} (write {{{{ emergency_number }}}} or {{{{ urgent_advice }}}})"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for found in typed_number().finditer(line)
    ]
    assert typed == []


def test_the_rule_finds_typed_numbers_and_leaves_other_numbers_alone():
    for advice in ["Call 911 in the US or 999 in the UK.", "In the UK, call NHS 111.", "(in the UK, call 111)"]:
        assert typed_number().search(advice), advice
    for other in ["median 208 vs 112 days", "10 000 people", "{footcite}`con_nhs111wales_sciatica`", "page 999-1010"]:
        assert not typed_number().search(other), other
