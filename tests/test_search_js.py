"""Unit tests of the search page's query rewriting and typo correction, run in Chromium."""

from __future__ import annotations

import pytest
import yaml

from handbook.clinical.carer_reading import CARER_READING, parse_carer_reading
from handbook.clinical.pattern_parts import PARTS, read_parts
from handbook.search.vocabulary import words
from tests.conftest import CONF, PROJECT

SCRIPT = PROJECT / "_static/handbook-search.js"


@pytest.fixture(scope="module")
def js(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>search unit tests</title>")
    page.add_script_tag(path=str(SCRIPT))
    yield lambda expression, *args: page.evaluate(expression, *args)
    page.close()


RULES = """{
  protected: new Set(['ankylosing', 'spondylitis', 'scoliosis', 'spondylolisthesis']),
  common: new Set(['cant', 'stand', 'went']),
  medicalEndings: ['itis', 'osis', 'esis'],
}"""

LEXICON = f"""(() => ({{
  ...{RULES},
  stem: (word) => word.replace(/(ing|s)$/, ''),
  fillers: new Set(['how', 'my', 'does', 'i', 'should', 'the', 'and', 'for', 'in']),
  synonyms: new Map([
    ['slipped disc', ['slipped disc', 'herniated disc']], ['herniated disc', ['slipped disc', 'herniated disc']],
    ['disc', ['disc', 'disk']], ['disk', ['disc', 'disk']],
  ]),
  phrases: new Map([['pins and needles', ['tingling', 'numbness']]]),
  known: (stem) => ['acupuncture', 'sciatica', 'leg', 'pain', 'disc', 'back', 'shoot', 'foot', 'cat', 'scan',
    'spondylosis', 'straight'].includes(stem),
  candidates: ['acupuncture', 'sciatica', 'choosing', 'massage', 'cat', 'spondylosis'],
}}))()"""


def test_words_are_lower_case_without_punctuation_or_accents(js):
    assert js("HandbookSearch.words('Slipped-Disc? Café  X-RAY')") == ["slipped", "disc", "cafe", "x", "ray"]


@pytest.mark.parametrize(
    "text",
    ["Slipped-Disc? Café  X-RAY", "Ciática: ¿qué es?", "Don't stop", "doesn’t", "Estenosis ESPINAL (estrechamiento)",
     "niño, pequeña, cigüeña", "L4–L5 disc", "snake_case words"],
)  # fmt: skip
def test_the_python_and_javascript_word_splitters_agree(js, text):
    """The synonyms and index terms the build writes are matched to what the page splits from a query."""
    assert js("(text) => HandbookSearch.words(text)", text) == words(text)


def test_edit_distance_stops_at_its_limit_and_counts_a_swap_as_one(js):
    assert js("HandbookSearch.editDistance('sciatca', 'sciatica', 1)") == 1
    assert js("HandbookSearch.editDistance('pian', 'pain', 1)") == 1
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


@pytest.mark.parametrize(
    ("word", "candidates"),
    [
        ("spondylitis", ["spondylosis"]),  # protected: a different disease, not a typo
        ("ankylosing", ["ankylosis"]),  # protected
        ("sacroiliitis", ["sacroiliosis"]),  # not listed, but a medical ending never becomes another
        ("cant", ["cat", "can"]),  # a common English word is never corrected
        ("went", ["west"]),
    ],
)
def test_protected_medical_terms_and_common_words_are_never_corrected(js, word, candidates):
    assert js(f"([w, c]) => HandbookSearch.nearest(w, c, {RULES})", [word, candidates]) is None


@pytest.mark.parametrize(("word", "candidates"), [("dogs", ["does"]), ("shore", ["sore"]), ("stant", ["stand"])])
def test_a_word_is_never_corrected_into_an_everyday_word_or_a_filler(js, word, candidates):
    """'is ibuprofen safe for dogs' is not about 'does'; a typo rarely meant an everyday word."""
    rules = RULES.replace("medicalEndings:", "fillers: new Set(['does']), medicalEndings:").replace("'went'", "'went', 'sore'")
    assert js(f"([w, c]) => HandbookSearch.nearest(w, c, {rules})", [word, candidates]) is None


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("bak", ["bag", "back"], "back"),  # sounds the same: corrected though short, and though "back" is everyday
        ("nek", ["neck"], "neck"),
        ("fisio", ["physio"], "physio"),  # "f" sounds like "ph": one letter away as it sounds
        ("kyropractor", ["chiropractor"], "chiropractor"),  # "ch" said "k", "y" said "i"
        ("sighatica", ["sciatica"], "sciatica"),  # a silent "gh"; "sc" before "i" said "s"
        ("coxyx", ["coccyx"], "coccyx"),  # "cc" and "c" before "o" said "k", "x" said "ks"
        ("bakc", ["bake", "back"], "back"),  # two letters swapped: every letter is there
        ("dogs", ["does"], None),  # one letter changed: not the same word mistyped
        ("fat", ["fast", "far"], None),  # a short word is not corrected by a letter it may not have dropped
    ],
)
def test_a_word_spelled_as_it_sounds_or_with_two_letters_swapped_is_corrected(js, word, candidates, expected):
    rules = RULES.replace("'went'", "'went', 'back', 'bake', 'neck', 'far', 'does'")
    assert js(f"([w, c]) => HandbookSearch.nearest(w, c, {rules})", [word, candidates]) == expected


def test_a_condition_of_another_part_of_the_body_is_never_corrected(js):
    """'reflux' (heartburn) is not 'reflex', a word the handbook uses about nerves."""
    rules = RULES.replace("medicalEndings:", "elsewhere: new Set(['reflux']), medicalEndings:")
    assert js("([w, c]) => HandbookSearch.nearest(w, c)", ["reflux", ["reflex"]]) == "reflex"
    assert js(f"([w, c]) => HandbookSearch.nearest(w, c, {rules})", ["reflux", ["reflex"]]) is None


@pytest.mark.parametrize(("word", "expected"), [("arthritus", "arthritis"), ("stenossis", "stenosis"), ("scolosis", None)])
def test_a_misspelt_medical_word_is_still_corrected_to_its_own_term(js, word, expected):
    candidates = ["arthritis", "stenosis", "sciatica"]
    assert js(f"([w, c]) => HandbookSearch.nearest(w, c, {RULES})", [word, candidates]) == expected


def test_plan_searches_a_phrase_for_what_it_means_not_its_words(js):
    planned = js(f"HandbookSearch.plan('pins and needles in my foot', {LEXICON})")
    assert [slot["text"] for slot in planned["slots"]] == ["pins and needles", "foot"]
    assert planned["slots"][0]["alternatives"] == [["tingl"], ["numbnes"]]  # the toy stemmer drops a final s
    assert not [stem for slot in planned["slots"] for option in slot["alternatives"] for stem in option if "needle" in stem]


def test_plan_keeps_a_common_word_and_offers_the_query_as_typed(js):
    planned = js(f"HandbookSearch.plan('cant stand up straight', {LEXICON})")
    assert planned["corrected"] is False and planned["correctedQuery"] == "cant stand up straight"
    typed = js(f"HandbookSearch.plan('sciatca', {LEXICON}, true)")
    assert typed["corrected"] is False and typed["slots"][0]["text"] == "sciatca"


def test_plan_drops_fillers_joins_synonym_phrases_and_corrects_typos(js):
    planned = js(f"HandbookSearch.plan('How does my slipped disc and sciatca', {LEXICON})")
    assert [slot["text"] for slot in planned["slots"]] == ["slipped disc", "sciatica"]
    assert planned["slots"][0]["alternatives"] == [["slipped", "disc"], ["herniated", "disc"]]
    assert planned["corrected"] is True
    assert planned["correctedQuery"] == "how does my slipped disc and sciatica"


def test_plan_joins_a_word_typed_in_two_parts_but_never_a_word_kept_as_it_is(js):
    planned = js(f"HandbookSearch.plan('sigh attica down my leg', {LEXICON})")
    assert [slot["text"] for slot in planned["slots"]][:1] == ["sciatica"]
    assert planned["corrections"] == [["sigh attica", "sciatica"]]
    kept = js(f"HandbookSearch.plan('ankylosing spondylitis', {LEXICON})")
    assert [slot["text"] for slot in kept["slots"]] == ["ankylosing", "spondylitis"] and not kept["corrected"]


def test_plan_finds_a_phrase_once_its_words_are_spelt_right(js):
    lexicon = LEXICON.replace("candidates: [", "candidates: ['needles', ").replace(
        "known: (stem) => [", "known: (stem) => ['needle', "
    )
    planned = js(f"HandbookSearch.plan('pins and needels', {lexicon})")
    assert planned["slots"][0]["text"] == "pins and needles" and planned["corrections"] == [["needels", "needles"]]


def test_plan_reads_a_query_without_its_hedges_so_a_phrase_across_one_is_found(js):
    lexicon = f"{{...{LEXICON}, hedges: new Set(['actually'])}}"
    planned = js(f"HandbookSearch.plan('pins and actually needles', {lexicon})")
    assert [slot["text"] for slot in planned["slots"]] == ["pins and needles"]


def test_plan_keeps_unknown_words_it_cannot_correct(js):
    planned = js(f"HandbookSearch.plan('pain shooting down my leg', {LEXICON})")
    assert [slot["text"] for slot in planned["slots"]] == ["pain", "shooting", "down", "leg"]
    assert planned["corrected"] is False


PRODUCTS = """{...LEXICON_VALUE, products: new Set(['mattress', 'table', 'gel']),
  known: (stem) => LEXICON_VALUE.known(stem) || stem === 'inversion'}"""


@pytest.mark.parametrize(
    ("query", "brands"),
    [
        ("tempur mattress for my back", ["tempur"]),
        ("tempur or emma mattress", ["tempur", "emma"]),
        ("teeter inversion table", ["teeter"]),  # up to three words before the product
        ("bugs in my mattress", []),  # a filler between: "bugs" is not the mattress's name
        ("acupuncture gel", []),  # a word the handbook knows is never taken for a brand
        ("cant stand my mattress", []),  # nor an everyday word
    ],
)
def test_an_unknown_word_just_before_a_product_is_its_brand_a_detail_of_the_query(js, query, brands):
    planned = js(f"(query) => {{ const LEXICON_VALUE = {LEXICON}; return HandbookSearch.plan(query, {PRODUCTS}); }}", query)
    assert [slot["text"] for slot in planned["slots"] if slot["brand"]] == brands
    assert all(slot["common"] for slot in planned["slots"] if slot["brand"])
    assert not planned["corrected"], "a brand is not corrected into a word the handbook knows"


def test_a_number_in_a_query_is_a_detail_not_its_key_word(js):
    planned = js(f"HandbookSearch.plan('sciatica for 6 weeks', {LEXICON})")
    assert [(slot["text"], slot["common"]) for slot in planned["slots"]][:2] == [("sciatica", False), ("6", True)]


INDEX = """(fields, entries = []) => {
  const all = {entry: new Map(), title: new Map(), description: new Map(), term: new Map(), ...fields};
  const documents = new Set([...Object.values(all)].flatMap((map) => [...map.values()].flatMap((docs) => [...docs]))).size;
  return {...HandbookSearch.withSortedKeys(all), entries, titleStems: new Map(), documents: Math.max(documents, 10)};
}"""


def ranked(js, fields: str, slots: str, entries: str = "[]") -> list[dict]:
    return js(f"() => HandbookSearch.rank({{slots: {slots}}}, ({INDEX})({fields}, {entries}), (doc) => doc !== 9)")


def shown(js, fields: str, slots: str, entries: str = "[]") -> list[int]:
    """The documents the search page would list, best first."""
    return [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", ranked(js, fields, slots, entries))]


def test_rank_puts_articles_first_then_by_quality(js):
    rows = ranked(
        js,
        "{title: new Map([['disc', new Set([1, 9])]]), term: new Map([['disc', new Set([0, 1, 2])], ['leg', new Set([0])]])}",
        "[{text: 'disc', alternatives: [['disc']]}, {text: 'leg', alternatives: [['leg']]}]",
    )
    assert [row["doc"] for row in rows] == [1, 0, 2, 9]  # 9 is not an article: last, whatever its score


def test_rank_gives_a_whole_index_entry_a_bonus(js):
    rows = ranked(
        js,
        "{entry: new Map([['slipped', new Set([1])], ['disc', new Set([1])]]),"
        " term: new Map([['slipped', new Set([0])], ['disc', new Set([0, 1])]])}",
        "[{text: 'slipped', alternatives: [['slipped']]}, {text: 'disc', alternatives: [['disc']]}]",
        "[[1, ['slipped', 'disc']]]",
    )
    assert rows[0]["doc"] == 1 and rows[0]["quality"] > 1


def test_rank_matches_longer_words_a_query_word_begins_at_half_weight(js):
    rows = ranked(js, "{title: new Map([['comparison', new Set([4])]])}", "[{text: 'compare', alternatives: [['compar']]}]")
    assert rows == [
        {
            "doc": 4,
            "quality": 0.45,
            "coverage": 1,
            "matched": 1,
            "heaviest": True,
            "elsewhere": False,
            "named": False,
            "anchored": False,
            "content": 1,
            "strong": True,
            "article": True,
        }
    ]


def test_a_query_about_something_unknown_gets_no_results(js):
    """'kidney stones': one word only in one page's text, the other in no page at all."""
    rows = ranked(
        js,
        "{term: new Map([['kidney', new Set([3])]])}",
        "[{text: 'kidney', alternatives: [['kidney']]}, {text: 'stones', alternatives: [['stone']]}]",
    )
    assert rows[0]["coverage"] < 0.5
    assert js("(rows) => HandbookSearch.select(rows, 15)", rows) == []


def test_two_words_in_common_are_no_match_without_the_querys_key_word(js):
    """'ozempic side effects': pages on treatments name side effects; none names ozempic, the word the query is about."""
    slots = (
        "[{text: 'ozempic', alternatives: [['ozempic']]}, {text: 'side', alternatives: [['side']], everyday: true},"
        " {text: 'effects', alternatives: [['effect']]}]"
    )
    fields = (
        "{entry: new Map([['side', new Set([1, 2])], ['effect', new Set([1, 2])]]),"
        " term: new Map([['effect', new Set([1, 2, 3, 4])]])}"
    )
    assert shown(js, fields, slots) == []


def test_three_words_in_common_still_match_without_the_key_word(js):
    """'twinge in lower back after lifting': a lay word the handbook lacks, and three words a page is about."""
    slots = (
        "[{text: 'twinge', alternatives: [['twinge']]}, {text: 'lower', alternatives: [['lower']], everyday: true},"
        " {text: 'back', alternatives: [['back']], everyday: true}, {text: 'lifting', alternatives: [['lift']], everyday: true}]"
    )
    fields = (
        "{title: new Map([['lift', new Set([1])]]), description: new Map([['lower', new Set([1])], ['back', new Set([1, 2])]])}"
    )
    assert shown(js, fields, slots) == [1]


def test_a_body_part_away_from_the_spine_needs_a_page_about_it(js):
    """'frozen shoulder exercises': the exercise page mentions shoulders in its text; only a page that names them in its
    title, description or a book-index term answers the query."""
    slots = (
        "[{text: 'frozen', alternatives: [['frozen']]}, {text: 'shoulder', alternatives: [['shoulder']], elsewhere: true},"
        " {text: 'exercises', alternatives: [['exercis']]}]"
    )
    in_passing = (
        "{title: new Map([['exercis', new Set([1])]]), term: new Map([['shoulder', new Set([1])], ['frozen', new Set([1])]])}"
    )
    assert shown(js, in_passing, slots) == []
    about_it = in_passing.replace("{title:", "{description: new Map([['shoulder', new Set([1])]]), title:")
    assert shown(js, about_it, slots) == [1]


def test_a_page_is_about_a_condition_of_several_words_only_when_it_names_every_word(js):
    """'dating scan what to expect' (a scan in pregnancy) is not answered by a page whose description has 'dates' and
    a heading 'What to expect' and both words in its text; a page whose description names the dating scan is."""
    fields = (
        "{description: new Map([['date', new Set([1, 2])], ['scan', new Set([2])]]),"
        " title: new Map([['expect', new Set([1, 2])]]), term: new Map([['date', new Set([1, 2])], ['scan', new Set([1, 2])]])}"
    )
    slots = (
        "[{text: 'dating scan', alternatives: [['date', 'scan']], elsewhere: true, condition: true},"
        " {text: 'expect', alternatives: [['expect']]}]"
    )
    assert shown(js, fields, slots) == [2]


def test_a_condition_a_page_mentions_is_a_detail_of_a_query_naming_one_of_its_terms(js):
    """'ibuprofen and asthma' is a question for the page whose book-index terms include ibuprofen and whose text
    mentions asthma; 'asthma symptoms' is not answered by a page that mentions asthma under a heading on symptoms,
    and a body part away from the spine ('shoulder') is never such a detail."""
    fields = (
        "{entry: new Map([['ibuprofen', new Set([1])]]), title: new Map([['symptom', new Set([2])]]),"
        " term: new Map([['asthma', new Set([1, 2])], ['ibuprofen', new Set([2])]])}"
    )
    entries = "[[1, ['ibuprofen']]]"
    condition = "{text: 'asthma', alternatives: [['asthma']], elsewhere: true, condition: true}"
    ibuprofen = "{text: 'ibuprofen', alternatives: [['ibuprofen']]}"
    assert shown(js, fields, f"[{ibuprofen}, {condition}]", entries) == [1]
    assert shown(js, fields, f"[{condition}, {{text: 'symptoms', alternatives: [['symptom']]}}]", entries) == []
    part = condition.replace("condition: true", "condition: false")
    assert shown(js, fields, f"[{ibuprofen}, {part}]", entries) == []


def test_a_word_of_a_longer_index_term_does_not_make_a_page_about_a_body_part(js):
    """'knee pain going up stairs' is not answered by the sleep page, whose book index has 'pillow between knees', nor
    by a page with a heading 'Knee rolls'; 'pillow between my knees' is, as it names that term in full."""
    fields = (
        "{entryPart: new Map([['pillow', new Set([1])], ['knee', new Set([1])]]), title: new Map([['knee', new Set([1])]]),"
        " term: new Map([['pain', new Set([1])], ['stair', new Set([1])]])}"
    )
    entries = "[[1, ['pillow', 'knee']]]"
    knee = "{text: 'knees', alternatives: [['knee']], elsewhere: true}"
    story = f"[{knee}, {{text: 'pain', alternatives: [['pain']]}}, {{text: 'stairs', alternatives: [['stair']]}}]"
    assert shown(js, fields, story, entries) == []
    assert shown(js, fields, f"[{{text: 'pillow', alternatives: [['pillow']]}}, {knee}]", entries) == [1]


def test_plan_marks_a_body_part_away_from_the_spine_but_not_inside_a_phrase(js):
    lexicon = LEXICON.replace(
        "phrases: new Map([", "elsewhere: new Set(['knee', 'shoulder']), phrases: new Map([['shoulder blade', ['upper back']], "
    )
    planned = js(f"HandbookSearch.plan('knee pain under my shoulder blade', {lexicon})")
    assert [(slot["text"], slot.get("elsewhere", False)) for slot in planned["slots"]] == [
        ("knee", True),
        ("pain", False),
        ("under", False),
        ("shoulder blade", False),
    ]


def test_plan_marks_a_condition_named_in_two_words_as_away_from_the_spine(js):
    """'kidney stones' is one condition of another part of the body, though 'kidney' alone is not listed."""
    lexicon = LEXICON.replace(
        "phrases: new Map([", "elsewhere: new Set(['kidney stones']), phrases: new Map([['kidney stones', ['kidney stones']], "
    )
    planned = js(f"HandbookSearch.plan('kidney stones and back pain', {lexicon})")
    assert [(slot["text"], slot.get("elsewhere", False)) for slot in planned["slots"]] == [
        ("kidney stones", True),
        ("back", False),
        ("pain", False),
    ]


def test_plan_reads_a_part_where_neck_pain_is_felt_as_part_of_a_neck_query(js):
    """'neck and shoulder pain' is about the neck (its nerves go to the shoulders, arms and hands); 'shoulder pain' is not."""
    lexicon = LEXICON.replace(
        "phrases: new Map([", "elsewhere: new Set(['shoulder']), spreadsTo: {neck: ['shoulder']}, phrases: new Map(["
    )
    for query, elsewhere in (("neck and shoulder pain", False), ("shoulder pain", True)):
        planned = js(f"HandbookSearch.plan({query!r}, {lexicon})")
        assert [slot.get("elsewhere", False) for slot in planned["slots"] if slot["text"] == "shoulder"] == [elsewhere]


NAMED_ENTRY_SLOTS = (
    "[{text: 'tai chi', alternatives: [['tai', 'chi']]}, {text: 'older', alternatives: [['older']]},"
    " {text: 'persons', alternatives: [['person']]}, {text: 'back', alternatives: [['back']], everyday: true}]"
)
NAMED_ENTRY_FIELDS = (
    "{entry: new Map([['tai', new Set([1])], ['chi', new Set([1])]]),"
    " term: new Map([['tai', new Set([1, 2])], ['chi', new Set([1, 2])], ['older', new Set([2, 3])],"
    " ['person', new Set([3])], ['back', new Set([1, 2, 3])]])}"
)


def test_the_page_whose_index_entry_a_query_names_is_found_among_the_storys_details(js):
    """'can tai chi help an older person's back': the words of the patient's story outweigh 'tai chi' in the
    page's share of the query, yet the query names the tai chi page's book-index entry, and it is the best match."""
    rows = ranked(js, NAMED_ENTRY_FIELDS, NAMED_ENTRY_SLOTS, "[[1, ['tai', 'chi']]]")
    assert not js("(row) => HandbookSearch.isGood(row)", rows[0])
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", rows)][:1] == [1]


def test_a_named_index_entry_is_no_answer_when_the_query_has_a_word_the_handbook_lacks(js):
    """'tai chi for shingles': no page has 'shingles', so the query may be about something the handbook does not cover."""
    slots = NAMED_ENTRY_SLOTS.replace(
        "{text: 'persons', alternatives: [['person']]}", "{text: 'shingles', alternatives: [['shingl']]}"
    )
    rows = ranked(js, NAMED_ENTRY_FIELDS, slots, "[[1, ['tai', 'chi']]]")
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", rows)][:1] != [1]


def test_a_page_with_part_of_a_long_query_in_its_text_is_no_answer_but_one_with_all_of_it_is(js):
    """'numb groin and cant pee': a page with two of its three meaningful words, in its text alone, mentions the query
    in passing (the warning-sign box answers it, not that page); a page with every word of it in its text is still
    a good match. The cut is what that page scores: FIELD_WEIGHT.term (0.3)."""
    rows = ranked(
        js,
        "{term: new Map([['numb', new Set([5, 6, 7, 8])], ['groin', new Set([5, 8])], ['pee', new Set([6, 7, 8])],"
        " ['cant', new Set([8])]])}",
        "[{text: 'numb', alternatives: [['numb']]}, {text: 'groin', alternatives: [['groin']]},"
        " {text: 'cant', alternatives: [['cant']], common: true}, {text: 'pee', alternatives: [['pee']]}]",
    )
    quality = {row["doc"]: row["quality"] for row in rows}
    assert quality[5] < 0.3 and abs(quality[8] - 0.3) < 1e-6
    assert js("(rows) => HandbookSearch.isGood(rows.find((row) => row.doc === 5))", rows)
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", rows)] == [8]


def test_a_good_match_scoring_under_a_mention_in_passing_is_left_out_unless_the_query_names_the_page(js):
    rows = [
        {"doc": n, "quality": q, "coverage": 1, "matched": 1, "content": 1, "strong": True, "article": True, "named": named}
        for n, q, named in [(0, 0.27, False), (1, 0.28, True), (2, 0.2, False)]
    ]
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", rows)] == [1]
    assert js("(rows) => HandbookSearch.select(rows, 15)", [rows[0], rows[2]]) == []


def assert_shown_although_under_the_cut(js, fields: str, slots: str, doc: int) -> None:
    """``doc`` scores under a mention in passing (0.3) but is anchored in the query, so it is the one result."""
    page = next(row for row in ranked(js, fields, slots) if row["doc"] == doc)
    assert page["quality"] < 0.3 and page["anchored"]
    assert shown(js, fields, slots) == [doc]


def test_a_page_about_what_a_phrase_of_the_query_means_is_shown_however_much_else_the_query_says(js):
    """'nan has shrunk a couple of inches and her back hurts': "shrunk" means loss of height, which the page on spine
    fractures names in its description; the story's words the handbook does not know pull its score under the cut."""
    slots = (
        "[{text: 'shrunk', alternatives: [['loss', 'height']], phrase: true}, {text: 'couple', alternatives: [['coupl']]},"
        " {text: 'inches', alternatives: [['inch']]}, {text: 'back', alternatives: [['back']], everyday: true},"
        " {text: 'hurts', alternatives: [['hurt']], everyday: true}]"
    )
    fields = (
        "{description: new Map([['loss', new Set([4])], ['height', new Set([4])], ['back', new Set([4, 5])]]),"
        " term: new Map([['back', new Set([1, 2, 3, 4, 5])], ['hurt', new Set([1, 4])]])}"
    )
    assert_shown_although_under_the_cut(js, fields, slots, doc=4)
    without_the_phrase = slots.replace(", phrase: true", "")
    assert shown(js, fields, without_the_phrase) == []


def test_a_page_with_two_of_the_querys_meaningful_words_in_its_strong_fields_is_shown_however_long_the_story(js):
    """'mum lost about 3cm in height and now sudden pain': the page on spine fractures has "height" and "pain" in its
    description; the story's words the handbook does not know pull its score under the cut. One such word is not
    enough: with "height" only in the page's text, the page is left out."""
    slots = (
        "[{text: 'lost', alternatives: [['lost']]}, {text: '3cm', alternatives: [['3cm']]},"
        " {text: 'height', alternatives: [['height']]}, {text: 'mid', alternatives: [['mid']]},"
        " {text: 'pain', alternatives: [['pain']]}]"
    )
    fields = (
        "{description: new Map([['height', new Set([4])], ['pain', new Set([4, 5])]]),"
        " term: new Map([['lost', new Set([1, 2, 3, 4])], ['pain', new Set([1, 2, 3, 4, 5])]])}"
    )
    assert_shown_although_under_the_cut(js, fields, slots, doc=4)
    height_in_the_text_only = fields.replace("['height', new Set([4])], ", "").replace(
        "['lost', new Set([1, 2, 3, 4])]", "['lost', new Set([1, 2, 3, 4])], ['height', new Set([4])]"
    )
    assert shown(js, height_in_the_text_only, slots) == []


def test_a_page_about_only_an_everyday_word_is_not_about_a_rare_word_it_mentions(js):
    """'broken wrist': a page on broken bones in the back mentions the wrist once; no page is about wrists."""
    slots = "[{text: 'broken', alternatives: [['broken']], everyday: true}, {text: 'wrist', alternatives: [['wrist']]}]"
    entry = "new Map([['broken', new Set([7])]])"
    rows = ranked(js, f"{{entry: {entry}, term: new Map([['broken', new Set([1, 2, 3])], ['wrist', new Set([7])]])}}", slots)
    assert js("(rows) => HandbookSearch.select(rows, 15)", rows) == []


def test_a_page_about_an_everyday_word_still_matches_a_word_many_pages_use(js):
    """'tingling in my legs': tingling is in the text of many pages, so the page about legs is a good match."""
    slots = "[{text: 'tingling', alternatives: [['tingl']]}, {text: 'legs', alternatives: [['leg']], everyday: true}]"
    fields = "{entry: new Map([['leg', new Set([0])]]), term: new Map([['tingl', new Set([0, 1, 2, 3, 4])]])}"
    assert shown(js, fields, slots) == [0]


def test_every_rare_word_of_a_query_in_one_pages_text_is_a_good_match(js):
    """'hla b27': both words are only in the text of one page."""
    slots = "[{text: 'hla', alternatives: [['hla']]}, {text: 'b27', alternatives: [['b27']]}]"
    rows = ranked(js, "{term: new Map([['hla', new Set([2])], ['b27', new Set([2])], ['test', new Set([1, 2])]])}", slots)
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", rows)] == [2]


def test_results_are_cut_relative_to_the_best_and_capped(js):
    rows = [
        {"doc": n, "quality": q, "coverage": 1, "matched": 1, "content": 1, "strong": True, "article": True}
        for n, q in enumerate([1.0, 0.8, 0.6, 0.49, 0.2])
    ]
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 15)", rows)] == [0, 1, 2]
    assert [row["doc"] for row in js("(rows) => HandbookSearch.select(rows, 2)", rows)] == [0, 1]


SIGNS = [
    {"id": "fever", "tier": "urgent", "text": "a high temperature (fever)", "patterns": ["high temperature", "\\bfever"]},
    {"id": "pee", "tier": "emergency", "text": "trouble passing urine (peeing)", "patterns": ["(cannot|can.t) pee"]},
    {"id": "wet", "tier": "emergency", "text": "you wet or soil yourself", "patterns": ["(wet|soil) yourself"]},
    {
        "id": "burst",
        "tier": "emergency",
        "text": "sudden, severe back pain alone, if any of these is true for you",
        "shown": "sudden, severe back pain alone, if any of these is true for you: you have high cholesterol",
        "patterns": ["sudden,? severe back pain"],
    },
    {"id": "legs", "tier": "emergency", "text": "weak legs", "patterns": ["^(?!.*\\b(gym|othercondition)\\b).*legs weak"]},
    {"id": "fall", "tier": "emergency", "text": "a bad fall", "patterns": ["(?<!n.t )fallen badly"]},
]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("back pain and fever", ["fever"]),
        ("numb groin and cant pee", ["pee"]),  # typed without the apostrophe
        ("trouble passing urine", []),  # a sign's words are not its pattern: "sharp pain" is in emergency signs' texts
        ("kidney stones", []),
        ("i wet myself", ["wet"]),  # read in the second person, as the patterns are written
        ("dad has wet himself", ["wet"]),  # ... and a carer's words too
        ("she wet herself", ["wet"]),
        ("my dog wet himself", []),  # ... not about a child, a pet or a story on screen
        ("water works stopped", ["pee"]),  # a phrase read as what it means
        ("hay fever tablets", []),  # ... and not as its words
        ("yellow fever jab", []),  # ... even where, as on the site, another condition's name means itself
        ("high cholesterol", []),  # a sign's details, who it is for, are not the sign
        ("fever pitch", ["fever"]),  # a phrase's meaning never hides a sign its words name
        ("legs weak after the gym", []),  # ... nor the words a sign's exclusion names
        ("legs weak after the match", ["legs"]),
        ("legs weak from hay fever", []),  # another condition's name is read as one word an exclusion can name
        ("went to the gym. now legs weak", []),  # the whole query is one reading: its exclusions see every sentence
        ("my son wet himself", []),  # a son is most often a child ...
        ("my son is 30 and has wet himself", ["wet"]),  # ... unless he is said to be an adult (R143-02)
        ("my 40 year old daughter wet herself", ["wet"]),
        ("my son is 20 months old and wet himself", []),  # ... in years, not months (review 145)
        ("my son is 18 mths and wet himself", []),
        ("my stepson is 35 and has wet himself", ["wet"]),
        ("my son 22 laughed so hard he wet himself", []),  # the age is replaced, not the word after it (R148-01)
        ("my 45yo husband has wet himself", ["wet"]),  # an adult's age is not a child's (session 34)
        ("i have fallen badly", ["fall"]),
        ("i havent fallen badly", []),  # typed without its apostrophe, a denial is still one (R146-02)
        ("my dad used to wet himself when he was little", []),  # a carer's story of the past
    ],
)
def test_a_query_names_a_warning_sign_by_its_patterns(js, query, named):
    phrases = (
        "new Map([['water works stopped', ['cannot pee']], ['hay fever', ['allergy']], ['fever pitch', ['excited']], "
        "['yellow fever', ['yellow fever']], ['gym', ['staying active']]])"
    )
    conditions = "new Set(['hay fever', 'yellow fever'])"
    lexicon = (
        f"{{fillers: new Set(['and', 'i']), common: new Set(['cant']), phrases: {phrases}, conditions: {conditions},"
        " carers: HandbookSearch.carerReading(carers)}"
    )
    found = js(f"([q, signs, carers]) => HandbookSearch.namedSigns(q, signs, {lexicon})", [query, SIGNS, CARERS])
    assert [sign["id"] for sign in found] == named


def project_carer_reading() -> dict:
    """The project's own carer reading, as the build gives it to the search page: its data file's words."""
    data = yaml.safe_load((PROJECT / "docs" / CONF["handbook_red_flags_file"]).read_text(encoding="utf-8"))
    reading, _written = parse_carer_reading(data[CARER_READING], read_parts(data.get(PARTS), lambda _name: 1), lambda _name: 1)
    assert reading is not None
    return reading


CARERS = project_carer_reading()
NAMED_WITH_CARERS = (
    "([q, signs, carers]) => HandbookSearch.namedSigns(q, signs, {fillers: new Set(), common: new Set(),"
    " phrases: new Map(), conditions: new Set(), carers: HandbookSearch.carerReading(carers)}).map((sign) => sign.id)"
)


def test_a_build_in_another_language_does_not_read_he_and_she_as_a_carers(js):
    """In Spanish "he" is "I have": "no he tenido problemas para hacer pipí" is not a carer's "he" (review 142). A
    language without a carer reading of its own (null) reads the query as typed."""
    assert js(NAMED_WITH_CARERS, ["dad has wet himself", SIGNS, CARERS]) == ["wet"]
    assert js(NAMED_WITH_CARERS, ["dad has wet himself", SIGNS, None]) == []


def test_a_languages_carer_reading_is_its_data(js):
    """The pronouns and the words that say "not an adult in your care" come from the data, not the script: a fork
    that adds a pronoun or a pet to its file changes what the page reads."""
    with_xe = {**CARERS, "asYou": {**CARERS["asYou"], "xe": "you", "xemself": "yourself"}}
    assert js(NAMED_WITH_CARERS, ["xe has wet xemself", SIGNS, CARERS]) == []
    assert js(NAMED_WITH_CARERS, ["xe has wet xemself", SIGNS, with_xe]) == ["wet"]
    with_axolotl = {**CARERS, "notCaredFor": CARERS["notCaredFor"].replace("\\b(", "\\b(axolotls?|", 1)}
    assert js(NAMED_WITH_CARERS, ["my axolotl has wet himself", SIGNS, CARERS]) == ["wet"]
    assert js(NAMED_WITH_CARERS, ["my axolotl has wet himself", SIGNS, with_axolotl]) == []
