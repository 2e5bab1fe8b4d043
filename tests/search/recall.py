"""Run the patient query set against a built site in Chromium and measure recall."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

QUERIES = Path(__file__).with_name("queries.yaml")


@dataclass(frozen=True)
class Outcome:
    query: str
    expected: tuple[str, ...]
    got: tuple[str, ...]
    milliseconds: float

    def rank(self) -> int | None:
        for position, docname in enumerate(self.got, start=1):
            if docname in self.expected:
                return position
        return None


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def run_queries(page, base_url: str, queries: list[dict]) -> list[Outcome]:
    """Open search.html?q=... for each query; time from navigation to results shown."""
    outcomes = []
    for case in queries:
        start = time.perf_counter()
        page.goto(f"{base_url}search.html?q={quote(case['q'])}")
        page.wait_for_selector("html[data-search-done]")
        elapsed = (time.perf_counter() - start) * 1000
        links = page.eval_on_selector_all("#search-results ul.search > li > a", "els => els.map(e => e.getAttribute('href'))")
        got = tuple(link.removesuffix(".html") for link in links)
        outcomes.append(Outcome(case["q"], tuple(case["expect"]), got, elapsed))
    return outcomes


def recall_at(outcomes: list[Outcome], k: int) -> float:
    return sum(1 for outcome in outcomes if (outcome.rank() or k + 1) <= k) / len(outcomes)


def mean_reciprocal_rank(outcomes: list[Outcome]) -> float:
    return sum(1 / outcome.rank() for outcome in outcomes if outcome.rank()) / len(outcomes)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
