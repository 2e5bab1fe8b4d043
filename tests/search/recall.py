"""Run the patient query sets against a built site in Chromium and measure recall.

Each query names the article(s) a patient would want. Only articles the site
under test has count: a query about a topic with no article yet (an article
still being written, or a topic the handbook will not cover: ``expect: []``)
passes when the page gives the honest "no article yet" answer and lists no
results. So the same query set holds before and after an article lands.
"""

from __future__ import annotations

import dataclasses
import json
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

QUERIES = Path(__file__).with_name("queries.yaml")
HELD_OUT = Path(__file__).with_name("held-out.yaml")  # never used to tune the search: measured only
OPEN_MISSES = Path(__file__).with_name("open-misses.yaml")  # still missed after tuning: the work list, measured only
SIGN_QUERIES = Path(__file__).with_name("warning-sign-queries.yaml")  # patients' words for warning signs: measured only
SIGN_HELD_OUT = Path(__file__).with_name("warning-sign-held-out.yaml")  # the same, never used to tune the patterns
OUT_OF_SCOPE = "out-of-scope"


@dataclass(frozen=True)
class Outcome:
    query: str
    kind: str
    expected: tuple[str, ...]  # the expected articles the site has; none: "no article yet" is the right answer
    got: tuple[str, ...]
    no_article: bool
    milliseconds: float
    round_trip_ms: float = 0.0  # run_queries only: with the cost of driving the browser

    def rank(self) -> int | None:
        for position, docname in enumerate(self.got, start=1):
            if docname in self.expected:
                return position
        return None

    def passed(self, k: int) -> bool:
        if not self.expected:
            return self.no_article and not self.got
        return (self.rank() or k + 1) <= k


def search_data(site: Path) -> dict:
    """What the build gave the search page beyond Sphinx's index: ``_static/handbook-search-data.js``, read."""
    script = (site / "_static/handbook-search-data.js").read_text(encoding="utf-8")
    return json.loads(script.split(" = ", 1)[1].rstrip(";\n"))


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def expected_on(site: Path, case: dict) -> tuple[str, ...]:
    """The query's expected articles that the built site has."""
    return tuple(docname for docname in case["expect"] if (site / f"{docname}.html").is_file())


def open_results(page, base_url: str, query: str) -> None:
    """Open search.html?q=QUERY and wait until the search page has shown its answer."""
    page.goto(f"{base_url}search.html?q={quote(query)}")
    page.wait_for_selector("html[data-search-done]")


def result_docnames(page) -> tuple[str, ...]:
    """The pages the open search page lists, best first."""
    links = page.eval_on_selector_all("#search-results ul.search > li > a", "els => els.map(e => e.getAttribute('href'))")
    return tuple(link.removesuffix(".html") for link in links)


def shown_outcome(page, case: dict, site: Path, milliseconds: float) -> Outcome:
    """What the open search page shows for ``case``: the pages it lists, and whether it says it has no article."""
    no_article = page.locator(".search-no-article").count() > 0
    return Outcome(case["q"], case["kind"], expected_on(site, case), result_docnames(page), no_article, milliseconds)


# The page's own clock, in every document the page opens: the time from the start of the navigation (0 on
# performance.now()) to the moment the search page marks its answer shown (html[data-search-done]).
RESULTS_SHOWN_AT = """new MutationObserver((_, observer) => {
  if (document.documentElement?.dataset.searchDone) {
    window.handbookResultsShownAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { attributes: true, subtree: true });"""
_TIMED_PAGES: weakref.WeakSet = weakref.WeakSet()


def run_queries(page, base_url: str, queries: list[dict], site: Path) -> list[Outcome]:
    """Open search.html?q=... for each query, as a reader does.

    An outcome's ``milliseconds`` is the time from opening the address to the results shown, by the page's own clock
    (issue 20, item 6); ``round_trip_ms`` adds what driving the browser costs (Playwright's navigation, which waits
    for the load event, and its wait for the answer), which a reader does not wait for.
    """
    if page not in _TIMED_PAGES:
        page.add_init_script(RESULTS_SHOWN_AT)
        _TIMED_PAGES.add(page)
    outcomes = []
    for case in queries:
        start = time.perf_counter()
        open_results(page, base_url, case["q"])
        round_trip = (time.perf_counter() - start) * 1000
        shown_at = page.evaluate("window.handbookResultsShownAt")
        if shown_at is None:
            raise AssertionError(f"the search page for {case['q']!r} never marked its results shown")
        outcome = shown_outcome(page, case, site, shown_at)
        outcomes.append(dataclasses.replace(outcome, round_trip_ms=round_trip))
    return outcomes


# The search page's own first step, again in place: Sphinx's Search.performSearch, which the page runs on load with
# ?q=, after clearing what the last query wrote. The handbook's Search.query answers at once (the index is loaded).
ANSWER_IN_PLACE = """(query) => {
  document.getElementById("search-results").replaceChildren();
  delete document.documentElement.dataset.searchDone;
  Search.performSearch(query);
  return document.documentElement.dataset.searchDone === "true";
}"""


def answer_queries(page, base_url: str, queries: list[dict], site: Path) -> list[Outcome]:
    """Each query's answer from one search page, loaded once: several times faster than :func:`run_queries`.

    For the query sets' quality, where nearly all the time of a page load per query went on loading the
    same page again; :func:`run_queries` still loads it per query, for the time a reader waits
    (``make bench``). ``tests/test_search.py`` checks on a sample that both give the same answers.
    """
    open_results(page, base_url, queries[0]["q"] if queries else "")
    outcomes = []
    for case in queries:
        start = time.perf_counter()
        if not page.evaluate(ANSWER_IN_PLACE, case["q"]):
            raise AssertionError(f"the search page did not answer {case['q']!r} at once")
        outcomes.append(shown_outcome(page, case, site, (time.perf_counter() - start) * 1000))
    return outcomes


def recall_at(outcomes: list[Outcome], k: int) -> float:
    return sum(1 for outcome in outcomes if outcome.passed(k)) / len(outcomes)


def mean_reciprocal_rank(outcomes: list[Outcome]) -> float:
    """Over the queries the site has an article for."""
    answerable = [outcome for outcome in outcomes if outcome.expected]
    return sum(1 / outcome.rank() for outcome in answerable if outcome.rank()) / max(1, len(answerable))


def honest_misses(outcomes: list[Outcome]) -> float:
    """The share of out-of-scope queries given the "no article yet" answer and no results."""
    out_of_scope = [outcome for outcome in outcomes if outcome.kind == OUT_OF_SCOPE]
    return sum(1 for outcome in out_of_scope if outcome.passed(3)) / max(1, len(out_of_scope))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def sign_box_share(page, base_url: str, cases: list[dict], tiers: list[str], tier_of: dict[str, str]) -> float:
    """The share of warning-sign queries whose search page shows the "Get help now" box at the sign's urgency or a
    more urgent one. ``tiers`` is most urgent first; ``tier_of`` maps each sign's id to its tier."""
    shown = 0
    for case in cases:
        open_results(page, base_url, case["q"])
        classes = page.eval_on_selector_all(".search-get-help", "els => els.flatMap(e => [...e.classList])")
        box = [tier for tier in tiers if f"red-flags-{tier}" in classes]
        shown += bool(box) and tiers.index(box[0]) <= tiers.index(tier_of[case["sign"]])
    return shown / max(1, len(cases))
