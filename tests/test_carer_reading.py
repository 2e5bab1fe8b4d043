"""A carer's words read as the warning signs' second person (handbook.clinical.carer_reading): data, checked.

The unit tests read small mappings; the last test builds the red-flags test root, to see a mistake in a data file's
``carer_reading:`` reported with its file and line, never a traceback. What the search page does with the reading
is tested in ``tests/test_search_js.py`` (unit) and ``tests/test_search.py`` (the built site).
"""

from __future__ import annotations

import pytest

from handbook.clinical.carer_reading import CARER_READING, parse_carer_reading
from handbook.core.datafiles import DataFileError
from tests.conftest import build_root, copy_root

PARTS = {"pet": "(dogs?|cats?)"}
GOOD = {
    "as_you": {"he": "you", "his": "your"},
    "not_cared_for": [r"\b(", "{{ pet }}", r"|toddlers?)\b"],
    "adult": r"\badult sons?\b",
}
LINES = {"": 10, "as_you": 11, "not_cared_for": 12, "adult": 16, "not_cared": 12}


def parse(data: object) -> tuple[dict | None, list[str]]:
    return parse_carer_reading(data, PARTS, LINES.__getitem__)


def test_a_reading_fills_in_the_files_parts_and_joins_its_pieces():
    reading, written = parse(GOOD)
    assert reading == {
        "asYou": {"he": "you", "his": "your"},
        "notCaredFor": r"\b((dogs?|cats?)|toddlers?)\b",
        "adult": r"\badult sons?\b",
    }
    assert written == [r"\b({{ pet }}|toddlers?)\b", r"\badult sons?\b"]  # so the part counts as used


def test_a_file_without_a_reading_reads_queries_as_typed():
    assert parse(None) == (None, [])


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        ({"not_cared": "x"}, 12, "unknown key 'not_cared' (did you mean 'not_cared_for'?"),
        ({"adult": None}, 10, "expected adult (see handbook/clinical/carer_reading.py)"),
        ({"as_you": {"He": "you"}}, 11, "as_you: expected 'pronoun: word' pairs of lower-case letters"),
        ({"as_you": ["he", "you"]}, 11, "as_you: expected 'pronoun: word' pairs"),
        ({"adult": r"\badult (sons?"}, 16, "adult: pattern '\\\\badult (sons?' is not a regular expression"),
        ({"not_cared_for": "{{ pets }}"}, 12, "unknown pattern part {{ pets }} (did you mean 'pet'?"),
        ({"adult": 3}, 16, "adult: expected a pattern in quotes, or a list of pieces"),
    ],
)
def test_a_mistake_is_one_error_at_its_line(change, line, message):
    data = {key: value for key, value in {**GOOD, **change}.items() if value is not None}
    with pytest.raises(DataFileError) as raised:
        parse(data)
    assert raised.value.line == line
    assert message in str(raised.value)


@pytest.mark.make
def test_the_build_names_the_data_file_and_line_of_a_mistake_in_the_reading(tmp_path):
    srcdir = copy_root(tmp_path, "test-red-flags")
    data = srcdir / "_data/red-flags.yaml"
    text = data.read_text(encoding="utf-8")
    assert CARER_READING not in text, "the test root reads queries as typed; this test adds a reading"
    rows = text.rstrip("\n").splitlines()
    reading = [f"{CARER_READING}:", "  as_you: {he: you}", "  not_cared_for: '\\b(dogs?)\\b'", "  adult: '\\badult (sons?'"]
    data.write_text("\n".join([*rows, *reading]) + "\n", encoding="utf-8")
    _, stderr, status = build_root(srcdir)
    assert status == 1
    where = f"_data/red-flags.yaml:{len(rows) + 4}: ERROR: {CARER_READING}: adult: pattern"
    assert where in stderr and "is not a regular expression" in stderr
    assert "Traceback" not in stderr
