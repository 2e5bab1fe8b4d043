"""Named pattern parts (handbook.clinical.pattern_parts): written once, filled into every warning-sign pattern.

The unit tests read small files written here; the last test builds the red-flags test root, to see a mistake in
the handbook's own data file reported with its file and line.
"""

from __future__ import annotations

import re

import pytest
import yaml

from handbook.clinical.pattern_parts import PARTS, filled_signs, read_parts, require_all_used
from handbook.core.datafiles import DataFileError
from handbook.search.translation_words import parse_search_words
from tests.conftest import build_root, copy_root

FILE = r"""
pattern_parts:
  pet: '(dogs?|cats?)'
  not_denied: '(?<!\bno )'
  pet_guard:
    # a guard on a line of its own
    - '^(?![^.;]*\b{{ pet }}\b)'
    - '[^.;]*'
signs:
  - id: both-legs
    patterns: ['{{pet_guard}}{{ not_denied }}\bboth legs\b']
"""


def test_a_pattern_reads_as_if_its_parts_were_written_in_it():
    data = yaml.safe_load(FILE)
    [sign] = filled_signs(data)
    [pattern] = sign["patterns"]
    assert pattern == r"^(?![^.;]*\b(dogs?|cats?)\b)[^.;]*(?<!\bno )\bboth legs\b"
    assert re.search(pattern, "numb in both legs")
    assert not re.search(pattern, "my dog is weak in both legs")
    assert not re.search(pattern, "no both legs")


def test_an_unknown_part_is_an_error_with_a_suggestion():
    data = yaml.safe_load(FILE.replace("{{ not_denied }}", "{{ not_denid }}"))
    with pytest.raises(DataFileError, match=r"unknown pattern part \{\{ not_denid \}\} \(did you mean 'not_denied'\?"):
        filled_signs(data)


def test_a_part_may_use_only_the_parts_above_it():
    parts = {"outer": "({{ inner }})", "inner": "a"}
    with pytest.raises(DataFileError, match=r"pattern_parts: outer: unknown pattern part \{\{ inner \}\}"):
        read_parts(parts, lambda _name: 1)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["a"], "expected one line per part"),
        ({"Pet": "a"}, "a part's name is lower-case letters"),
        ({"pet": 5}, "expected a piece of a pattern in quotes, or a list of pieces"),
        ({"pet": []}, "expected a piece of a pattern in quotes, or a list of pieces"),
    ],
    ids=["not a mapping", "name", "number", "empty list"],
)
def test_a_part_of_the_wrong_kind_is_an_error_at_its_line(parts, expected):
    lines = {"": 3, "pet": 4, "Pet": 4}
    with pytest.raises(DataFileError, match=re.escape(expected)) as raised:
        read_parts(parts, lines.__getitem__)
    assert raised.value.line == (3 if isinstance(parts, list) else 4)


def test_a_part_no_pattern_uses_is_an_error_at_its_line():
    with pytest.raises(DataFileError, match=r"pattern_parts: spare: no pattern uses it") as raised:
        require_all_used({"pet": "(dogs?)", "spare": "x"}, ["{{ pet }}"], {"pet": 2, "spare": 7}.__getitem__)
    assert raised.value.line == 7


@pytest.mark.make
def test_the_build_names_the_data_file_and_line_of_an_unknown_part(tmp_path):
    srcdir = copy_root(tmp_path, "test-red-flags")
    data = srcdir / "_data/red-flags.yaml"
    text = data.read_text(encoding="utf-8")
    assert PARTS not in text, "the test root writes its patterns whole; this test adds the parts"
    rows = text.splitlines()
    first_patterns = next(number for number, row in enumerate(rows) if row.strip().startswith("patterns: ["))
    sign_line = max(number for number, row in enumerate(rows[:first_patterns], 1) if row.strip().startswith("- id:"))
    sign = rows[sign_line - 1].split("id:")[1].strip()
    rows[first_patterns] = rows[first_patterns].replace("patterns: [", "patterns: ['{{ pets }}', ", 1)
    data.write_text(f"{PARTS}:\n  pet: '(dogs?|cats?)'\n" + "\n".join(rows) + "\n", encoding="utf-8")
    _, stderr, status = build_root(srcdir)
    assert status == 1
    where = f"_data/red-flags.yaml:{sign_line + 2}: ERROR: sign '{sign}'"
    assert f"{where}: unknown pattern part {{{{ pets }}}} (did you mean 'pet'?" in stderr
    assert "Traceback" not in stderr


def test_a_translations_search_words_may_name_parts_in_its_own_language():
    data = yaml.safe_load(
        r"""
pattern_parts:
  relative: '(madre|padre|hij[oa])'
warning_signs:
  fever: ['^(?!.*\b{{ relative }}\b).*\bfiebre\b']
"""
    )
    [pattern] = parse_search_words(data)["warning_signs"]["fever"][0]
    assert re.search(pattern, "tengo fiebre y dolor de espalda")
    assert not re.search(pattern, "mi hija tiene fiebre")
    data["pattern_parts"]["spare"] = "x"
    with pytest.raises(DataFileError, match=r"pattern_parts: spare: no pattern uses it"):
        parse_search_words(data)
