"""Reading comfort, measured in Chromium (issue 16, item 3): 18 px body text on phones, 60-75 characters a line on desktop."""

from __future__ import annotations

import re

import pytest

from tests.browser import PAGE_TYPES

ARTICLES = (PAGE_TYPES["article"], "conditions/sciatica.html")
PHONES = (320, 375)
DESKTOPS = (1280, 1600)
RUNNING_TEXT = "article.bd-article section > p, article.bd-article section > ul > li"
# The characters on the first line of each running-text paragraph of three lines or more, as laid out.
FIRST_LINES = """() => {
  const lengths = [];
  for (const paragraph of document.querySelectorAll('article.bd-article section > p')) {
    const lineHeight = parseFloat(getComputedStyle(paragraph).lineHeight);
    if (paragraph.getBoundingClientRect().height < 2.5 * lineHeight) continue;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let count = 0, top = null, done = false;
    while (!done && walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top === null) top = rect.top;
        if (rect.top > top + lineHeight / 2) { done = true; break; }
        count++;
      }
    }
    lengths.push(count);
  }
  return lengths;
}"""


def open_article(browser, server: str, path: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 812})
    page.goto(server + path, wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", PHONES)
@pytest.mark.parametrize("path", ARTICLES)
def test_body_text_is_at_least_18_pixels_on_a_phone(browser, server, path, width):
    page = open_article(browser, server, path, width)
    sizes = page.evaluate(f"[...document.querySelectorAll('{RUNNING_TEXT}')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    page.close()
    assert sizes and min(sizes) >= 18


@pytest.mark.parametrize("width", DESKTOPS)
@pytest.mark.parametrize("path", ARTICLES)
def test_a_line_of_running_text_holds_60_to_75_characters_on_a_desktop(browser, server, path, width):
    page = open_article(browser, server, path, width)
    lengths = page.evaluate(FIRST_LINES)
    page.close()
    assert len(lengths) >= 5
    assert [length for length in lengths if not 60 <= length <= 75] == []


GROUPS = """[...document.querySelectorAll('.handbook-citations')].map(group => [...group.querySelectorAll('a')]
  .filter(link => link.getClientRects().length > 0)
  .map(link => { const before = getComputedStyle(link, '::before').content;
                 return (before === 'none' ? '' : JSON.parse(before)) + link.innerText; }).join(''))"""


def test_citation_markers_side_by_side_show_as_one_group(browser, server):
    page = open_article(browser, server, "conditions/sciatica.html", 375)
    groups = page.evaluate(GROUPS)
    links = page.evaluate(
        """[...document.querySelectorAll('a.footnote-reference')].filter(a => a.getClientRects().length).length"""
    )
    all_links = page.locator("a.footnote-reference").count()
    accessible = page.get_by_role("link", name=re.compile(r"^\[\d+\]$")).count()
    page.close()
    assert len(groups) >= 5
    assert [group for group in groups if not re.fullmatch(r"\[\d+(?:(?:, |–)\d+)*\]", group)] == []
    for group in groups:
        numbers = [int(number) for number in re.findall(r"\d+", group)]
        assert numbers == sorted(set(numbers))
    assert "–" in "".join(groups), "three sources in a row show as a range"
    assert links < all_links and accessible < all_links - len(groups)
