"""Unit tests of the search page's query rewriting and typo correction, run in Chromium."""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT

SCRIPT = PROJECT / "_static/handbook-search.js"


@pytest.fixture(scope="module")
def js(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>search unit tests</title>")
    page.add_script_tag(path=str(SCRIPT))
    yield lambda expression, *args: page.evaluate(expression, *args)
    page.close()


LEXICON = """(() => ({
  stem: (word) => word.replace(/(ing|s)$/, ''),
  fillers: new Set(['how', 'my', 'does', 'i', 'should', 'the', 'and', 'for']),
  synonyms: new Map([
    ['slipped disc', ['slipped disc', 'herniated disc']], ['herniated disc', ['slipped disc', 'herniated disc']],
    ['disc', ['disc', 'disk']], ['disk', ['disc', 'disk']],
  ]),
  known: (stem) => ['acupuncture', 'sciatica', 'leg', 'pain', 'disc', 'back', 'shoot'].includes(stem),
  candidates: ['acupuncture', 'sciatica', 'choosing', 'massage'],
}))()"""


def test_words_are_lower_case_without_punctuation_or_accents(js):
    assert js("HandbookSearch.words('Slipped-Disc? Café  X-RAY')") == ["slipped", "disc", "cafe", "x", "ray"]


def test_edit_distance_stops_at_its_limit(js):
    assert js("HandbookSearch.editDistance('sciatca', 'sciatica', 1)") == 1
    assert js("HandbookSearch.editDistance('acupunture', 'acupuncture', 2)") == 1
    assert js("HandbookSearch.editDistance('abc', 'xyz', 1) === Infinity")


def test_allowed_distance_grows_with_word_length(js):
    assert js("[3, 4, 7, 8, 12].map(n => HandbookSearch.allowedDistance('x'.repeat(n)))") == [0, 1, 1, 2, 2]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("acupunture", "acupuncture"),
        ("accupuncture", "acupuncture"),
        ("masage", "massage"),
        ("sciatca", "sciatica"),
        ("shooting", None),  # a real word the index lacks keeps its first letter: not "choosing"
        ("cat", None),  # too short to correct
        ("zzzzzzzz", None),
        ("massage", None),  # already a known word
    ],
)
def test_nearest_word(js, word, expected):
    assert js("([w, c]) => HandbookSearch.nearest(w, c)", [word, ["acupuncture", "sciatica", "choosing", "massage"]]) == expected


def test_plan_drops_fillers_joins_synonym_phrases_and_corrects_typos(js):
    planned = js(f"HandbookSearch.plan('How does my slipped disc and sciatca', {LEXICON})")
    assert [slot["text"] for slot in planned["slots"]] == ["slipped disc", "sciatica"]
    assert planned["slots"][0]["alternatives"] == [["slipped", "disc"], ["herniated", "disc"]]
    assert planned["corrected"] is True
    assert planned["correctedQuery"] == "how does my slipped disc and sciatica"


def test_plan_keeps_unknown_words_it_cannot_correct(js):
    planned = js(f"HandbookSearch.plan('pain shooting down my leg', {LEXICON})")
    assert [slot["text"] for slot in planned["slots"]] == ["pain", "shooting", "down", "leg"]
    assert planned["corrected"] is False


def test_rank_prefers_more_matched_words_then_index_entries(js):
    ranked = js(
        """() => {
        const fields = {
          entry: new Map([['herniated', new Set([2])], ['disc', new Set([2])]]),
          title: new Map([['disc', new Set([1])]]),
          term: new Map([['disc', new Set([0, 1, 2, 3])], ['leg', new Set([0, 3])], ['pain', new Set([0, 1, 2, 3])]]),
        };
        const planned = {slots: [
          {text: 'disc', alternatives: [['disc']]}, {text: 'leg', alternatives: [['leg']]},
          {text: 'pain', alternatives: [['pain']]}]};
        const entries = [[2, ['herniated', 'disc']]];
        return HandbookSearch.rank(planned, fields, entries, (doc) => doc !== 3).map(([doc]) => doc);
      }"""
    )
    assert ranked == [0, 3, 2, 1]  # 3 words beat 2; among 3-word matches, the article first


def test_rank_gives_a_whole_index_entry_phrase_a_bonus(js):
    ranked = js(
        """() => {
        const fields = {entry: new Map([['slipped', new Set([1])], ['disc', new Set([1])]]),
                        title: new Map(), term: new Map([['slipped', new Set([0])], ['disc', new Set([0, 1])]])};
        const planned = {slots: [{text: 'slipped', alternatives: [['slipped']]}, {text: 'disc', alternatives: [['disc']]}]};
        return HandbookSearch.rank(planned, fields, [[1, ['slipped', 'disc']]], () => true).map(([doc]) => doc);
      }"""
    )
    assert ranked == [1, 0]


def test_rank_matches_longer_words_a_query_word_begins(js):
    ranked = js(
        """() => {
        const fields = {entry: new Map(), title: new Map([['comparison', new Set([4])]]), term: new Map()};
        const planned = {slots: [{text: 'compare', alternatives: [['compar']]}]};
        return HandbookSearch.rank(planned, fields, [], () => true);
      }"""
    )
    assert ranked == [[4, 105 + 5]]  # one matched word, half the title weight, the article bonus
