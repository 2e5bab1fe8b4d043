"""The synonym groups: book-index terms for articles, and clear errors for a broken file."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from handbook.clinical.countries import Country, numbers_to_search
from handbook.core.datafiles import DataFileError, LineLoader
from handbook.search.vocabulary import MAX_PHRASE_WORDS, Phrase, index_terms, parse_synonyms
from tests.conftest import PROJECT, ROOTS, run_sphinx

GROUPS = [("paracetamol", "acetaminophen", "tylenol"), ("physio", "physiotherapy", "physical therapy"), ("disc", "disk")]


def test_index_terms_take_also_called_and_the_groups_it_names_or_the_title_contains():
    terms = index_terms("Physical therapy (physiotherapy)", ("PT", "Tylenol for back pain"), GROUPS)
    assert terms == ["PT", "Tylenol for back pain", "physio", "physiotherapy", "physical therapy"]
    assert index_terms("Pain medicines", ("Tylenol",), GROUPS) == ["Tylenol", "paracetamol", "acetaminophen"]


@pytest.mark.make
def test_broken_synonyms_file_is_one_clear_error(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-valid", srcdir)
    (srcdir / "_data/synonyms.yaml").write_text("- [physio, physiotherapy]\n- [disc\n", encoding="utf-8")
    result = run_sphinx(srcdir, tmp_path / "html")
    assert result.returncode != 0
    assert "_data/synonyms.yaml:3: ERROR: expected one '- [word, word]' group per line of YAML" in result.stderr
    assert result.stderr.count("ERROR") == 1 and "Traceback" not in result.stderr


@pytest.mark.make
def test_a_group_of_one_word_is_refused(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-valid", srcdir)
    (srcdir / "_data/synonyms.yaml").write_text("- [physio]\n", encoding="utf-8")
    result = run_sphinx(srcdir, tmp_path / "html")
    assert "_data/synonyms.yaml:1: ERROR: group 1: expected two or more words, got ['physio']" in result.stderr


def test_a_phrase_says_what_it_means_one_way_and_is_not_a_group():
    entries = parse_synonyms([["disc", "disk"], {"Pins and needles": ["tingling", "numbness"]}])
    assert entries == [("disc", "disk"), Phrase("pins and needles", ("tingling", "numbness"))]


def test_a_phrase_longer_than_the_search_page_reads_is_refused():
    """The search page looks for phrases of at most PHRASE_WORDS words: a longer one would never be found."""
    script = (PROJECT / "_static/handbook-search.js").read_text(encoding="utf-8")
    assert re.search(rf"const PHRASE_WORDS = {MAX_PHRASE_WORDS};", script)
    parse_synonyms([{"what to tell the doctor": ["describe your pain"]}])
    with pytest.raises(DataFileError, match="has more than 5 words; the search page never reads it: shorten it"):
        parse_synonyms([{"what to say to the doctor": ["describe your pain"]}])


def test_a_phrase_given_twice_is_refused_at_its_own_line():
    """The second would silently win on the search page and in the index. The error names the second's line,
    not the file's first: in a file of 500 lines the editor goes straight to it."""
    text = "- getting shorter: [losing height]\n# a comment\n- Getting shorter: [loss of height]\n"
    with pytest.raises(DataFileError, match="phrase 2: 'getting shorter' is already a phrase above; keep one of them") as error:
        parse_synonyms(yaml.load(text, Loader=LineLoader))
    assert error.value.line == 3


@pytest.mark.make
def test_a_phrase_without_meanings_is_one_clear_error(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-valid", srcdir)
    (srcdir / "_data/synonyms.yaml").write_text("- [physio, physiotherapy]\n- pins and needles: []\n", encoding="utf-8")
    result = run_sphinx(srcdir, tmp_path / "html")
    assert "_data/synonyms.yaml:2: ERROR: phrase 2: expected '- phrase: [what it means, ...]'" in result.stderr
    assert result.stderr.count("ERROR") == 1 and "Traceback" not in result.stderr


def test_short_emergency_and_advice_numbers_of_every_country_become_search_phrases():
    countries = [
        Country("AU", "Australia", "triple zero (000)", "call healthdirect on 1800 022 222", "en-AU", "A4"),
        Country("IE", "Ireland", "112 or 999", "contact your GP's out-of-hours service", "en-IE", "A4"),
        Country("XX", "Test", "111", "call 111 or 811", "en", "A4"),
    ]
    assert numbers_to_search(countries) == {
        "000": ("emergency", "ambulance"),
        "112": ("emergency", "ambulance"),
        "999": ("emergency", "ambulance"),
        "111": ("emergency", "ambulance"),  # an emergency number somewhere wins over advice elsewhere
        "811": ("urgent", "same day"),
    }
