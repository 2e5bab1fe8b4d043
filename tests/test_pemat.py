"""PEMAT-P ratings: read with the line of each mistake, scored as AHRQ's guide scores them, shown as one table."""

from __future__ import annotations

import pytest

from handbook.content.pemat import ITEMS, MAY_BE_NOT_APPLICABLE, parse_ratings, percent, results_table, summary
from handbook.core.datafiles import DataFileError

ALL_AGREE = ", ".join(f"{item}: 1" for item in ITEMS)


def rating_file(agreed: str = ALL_AGREE, first: str = ALL_AGREE, second: str = ALL_AGREE, why: str = "") -> str:
    return (
        "articles:\n"
        "  conditions/sciatica:\n"
        "    rated: 2026-12-04\n"
        f"    first_reading: {{{first}}}\n"
        f"    second_reading: {{{second}}}\n"
        f"    agreed: {{{agreed}}}\n"
        f"    why: {{{why}}}\n"
    )


def with_score(item: int, value: str) -> str:
    return ALL_AGREE.replace(f"{item}: 1", f"{item}: {value}", 1) if item != 1 else ALL_AGREE.replace("1: 1,", f"1: {value},", 1)


def test_scores_count_agreed_items_among_those_that_apply():
    scores = dict.fromkeys(ITEMS, 1) | {6: None, 11: 0, 23: 0, 24: None, 25: None}
    assert percent(scores, (1, 2, 6, 11)) == 67  # 2 of the 3 that apply
    assert percent(scores, (20, 21, 22, 23, 24, 25, 26)) == 80  # 4 of 5


def test_a_valid_file_gives_each_articles_two_scores():
    first = with_score(23, "0")
    rating = parse_ratings(rating_file(agreed=first, first=first, why='23: "no checklist"'))["conditions/sciatica"]
    assert (rating.understandability, rating.actionability) == (100, 86)
    assert rating.why == {23: "no checklist"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (rating_file(agreed=with_score(15, "NA")), 6, "item 15 is 'NA'; expected 1 or 0 (PEMAT-P has no N/A for it)"),
        (rating_file(agreed=ALL_AGREE.replace("26: 1", "27: 1")), 6, "item '27'; PEMAT-P's items are 1-12 and 15-26"),
        (rating_file(agreed=ALL_AGREE.replace(", 26: 1", "")), 6, "no score for item 26"),
        (rating_file(agreed=with_score(6, "NA"), first=with_score(6, "NA"), second=with_score(6, "NA")), 7,
         "item 6 is scored NA without a reason"),
        (rating_file(agreed=with_score(22, "0"), why='22: "no steps"'), 6,
         "item 22 is agreed as 0, but both readings gave 1"),
        ("articles:\n  conditions/sciatica:\n    rated: 2026-12-04\n    score: {}\n", 4, "unknown field 'score'"),
        (rating_file().replace("2026-12-04", "soon"), 3, "'rated' expected the day of the readings"),
        ("reviewers: []\n", 1, "expected 'articles:'"),
    ],
)  # fmt: skip
def test_a_mistake_names_its_line_and_how_to_fix_it(text, line, words):
    with pytest.raises(DataFileError) as raised:
        parse_ratings(text)
    assert (raised.value.line, words in raised.value.message) == (line, True), raised.value.message


def test_a_score_of_not_applicable_is_allowed_only_where_pemat_allows_it():
    assert MAY_BE_NOT_APPLICABLE == {6, 8, 9, 11, 16, 17, 18, 19, 24, 25}


def test_the_results_table_links_every_article_with_both_scores():
    first = with_score(23, "0")
    table = results_table(parse_ratings(rating_file(agreed=first, first=first, why='23: "no checklist"')))
    assert table[0] == "| Article | Easy to understand | Easy to act on | Rated on |"
    assert table[2] == "| {doc}`/conditions/sciatica` | 100 % | 86 % | 4 December 2026 |"


def test_the_summary_counts_articles_that_meet_both_marks_and_how_often_the_readings_agreed():
    first = with_score(23, "0")
    ratings = parse_ratings(rating_file(agreed=first, first=first, why='23: "no checklist"'))
    assert summary(ratings, (80, 90)).startswith(
        "0 of 1 articles meet both marks: 1 is easy enough to understand (at least 80 %), and 0"
    )
    assert summary(ratings, (80, 70)).startswith("1 of 1 articles meets both marks")
    assert "the same answer 23 times out of 24" in summary(ratings, (80, 70))
