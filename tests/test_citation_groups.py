"""handbook.article.citation_groups: markers side by side become one group; each marker stays a link."""

from __future__ import annotations

import pytest

from handbook.article.citation_groups import group_citations, roles


def marker(number: int) -> str:
    return (
        f'<a class="footnote-reference brackets" href="#s{number}" id="id{number}" role="doc-noteref">'
        f'<span class="fn-bracket">[</span>{number}<span class="fn-bracket">]</span></a>'
    )


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([1, 2], ["first", "next"]),
        ([1, 2, 3], ["first", "hidden", "range-end"]),
        ([5, 7, 8, 35, 36, 37], ["first", "next", "next", "next", "hidden", "range-end"]),
        ([4, 4], ["first", "hidden"]),
    ],
)
def test_roles_give_brackets_once_commas_and_ranges(numbers, expected):
    assert roles(numbers) == expected


def test_a_run_is_wrapped_sorted_and_a_lone_marker_is_left_alone():
    html = f"<p>Claim.{marker(3)}{marker(1)}{marker(2)} Other.{marker(9)}</p>"
    grouped = group_citations(html)
    assert grouped.count('<span class="handbook-citations">') == 1
    assert grouped.index('href="#s1"') < grouped.index('href="#s2"') < grouped.index('href="#s3"')
    assert 'class="footnote-reference brackets handbook-cite-range-end handbook-cite-last" href="#s3"' in grouped
    assert f"Other.{marker(9)}</p>" in grouped
    assert grouped.count('class="footnote-reference brackets') == 4, "every marker stays a link the PDFs print"


def test_markers_with_words_between_are_not_grouped():
    html = f"<p>One{marker(1)} and two{marker(2)}</p>"
    assert group_citations(html) == html
