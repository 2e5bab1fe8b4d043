"""The rules behind the warning-sign boxes and the urgency check, without a build (the fast tier)."""

from __future__ import annotations

from handbook.clinical.redflags import box_options, lead_in
from handbook.clinical.urgency import passages, weaker_advice


def test_a_substitution_is_a_number_not_words_to_the_urgency_check():
    sign = {"id": "both-legs", "tier": "emergency", "patterns": [r"both legs[^.;]{0,30}numb"]}
    tiers = {"emergency": {"weaker": ["see a doctor"]}}
    (passage,) = passages("If it is in both legs, call {{ emergency_number }} or see a doctor.")
    assert weaker_advice(passage.text, sign, tiers) == [], "'emergency_number' is not 'numbness'"


def test_a_list_item_is_read_with_the_sentence_that_introduces_it_and_keeps_its_line():
    found = passages("Intro.\n\nSee a doctor soon if you have:\n\n- a fever\n", first_line=10)
    assert (found[-1].line, found[-1].text) == (14, "See a doctor soon if you have: a fever")


def test_a_sentence_ends_after_its_citation_in_prose_and_in_a_list_item():
    """R141-06: "...started suddenly, get help the same day.{footcite}`x` If it is in your tummy, call ..." is two
    sentences; read as one, the tummy's emergency sign took the same-day advice of the sentence before."""
    text = "If it started suddenly, see a doctor the same day.{footcite}`a,b` If it is in your tummy, call now."
    assert [passage.text for passage in passages(text)] == [
        "If it started suddenly, see a doctor the same day.",
        "If it is in your tummy, call now.",
    ]
    (first, second) = passages(f"Get help if:\n\n- {text}\n")[-2:]
    assert (first.text, second.text) == (
        "Get help if: If it started suddenly, see a doctor the same day.",
        "Get help if: If it is in your tummy, call now.",
    )


def test_box_options_finds_boxes_but_not_examples_in_code_blocks():
    example = "````md\n```{red-flags}\n:tier: urgent\n```\n````\n"
    markdown = example + "\n```{red-flags}\n:short:\n```\n\n:::{red-flags}\n:tier: emergency\n:::\n"
    assert box_options(markdown) == [{"short": ""}, {"tier": "emergency"}]


def test_the_lead_in_reads_on_from_the_tier_action():
    assert lead_in("Call 000, or go to the emergency department.") == (
        "Call 000, or go to the emergency department, if you have any of these:"
    )
    assert lead_in("Make an appointment with your doctor.") == "Make an appointment with your doctor if you have any of these:"
