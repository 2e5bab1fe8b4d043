"""Reading level: measured on the text a patient reads, and reported as a table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.content.readability import body_text, score


@pytest.mark.sphinx("html", testroot="valid")
def test_body_text_leaves_out_headings_badges_notices_dates_and_sources(app):
    app.build()
    text = body_text(app.env.get_doctree("conditions/sciatica"))
    # The purpose line under the title (the description) is read, as a patient reads it.
    purpose = "Sciatica is pain that spreads from your back down one leg. It often gets better by itself."
    assert text == f"{purpose}\nSciatica is pain that runs down your leg. It often gets better by itself."


@pytest.mark.sphinx("html", testroot="valid")
def test_each_paragraph_counts_as_a_sentence(app):
    app.build()
    text = body_text(app.env.get_doctree("conditions/back-strain"))
    purpose = "A strained muscle or sprained ligament in your back. Most get much better within weeks."
    assert text == f"{purpose}\nSome text first, then the topics block lower down: the badges still go under the title."


def test_plain_words_score_lower_than_clinical_jargon():
    plain = score("Your back hurts. Keep moving. Most back pain gets better in a few weeks.")
    jargon = score(
        "Nonspecific lumbar symptomatology demonstrates considerable spontaneous amelioration "
        "irrespective of pharmacological intervention."
    )
    assert plain.grade <= 6 < 12 <= jargon.grade
    assert plain.words == 14


@pytest.mark.sphinx("readability", testroot="valid")
def test_readability_builder_writes_a_table_hardest_first(app):
    app.build()
    table = (Path(app.outdir) / "readability.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (conditions/\S+) \| (\d+) \| ([\d.-]+) \| ([\d.-]+) \|$", table, flags=re.MULTILINE)
    assert {name for name, *_ in rows} == {"conditions/sciatica", "conditions/back-strain"}
    grades = [float(grade) for _, _, grade, _ in rows]
    assert grades == sorted(grades, reverse=True)
    assert "2 articles. FK grade: max" in table
