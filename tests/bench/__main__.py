"""``make bench``: measure the handbook and write ``_build/bench/results.json``.

So far it measures search on the real handbook, over http and from file://:
recall@1, recall@3 and mean reciprocal rank over the patient query set, and the
time from opening the results page to the results being shown (p50, p95).
Speed is measured here, never in the unit tests.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

from tests.browser import chromium, serve
from tests.conftest import DOCS, PROJECT, run_sphinx
from tests.search.recall import load_queries, mean_reciprocal_rank, percentile, recall_at, run_queries

OUT = PROJECT / "_build" / "bench"


def measure_search(site: Path) -> dict[str, float]:
    results: dict[str, float] = {}
    with serve(site) as http_url, chromium() as browser:
        for origin, base in (("http", http_url), ("file", site.as_uri() + "/")):
            page = browser.new_page()
            run_queries(page, base, load_queries()[:5])  # warm up the browser cache
            outcomes = run_queries(page, base, load_queries())
            page.close()
            times = [outcome.milliseconds for outcome in outcomes]
            results |= {
                f"search_{origin}_recall_at_1": round(recall_at(outcomes, 1), 3),
                f"search_{origin}_recall_at_3": round(recall_at(outcomes, 3), 3),
                f"search_{origin}_mrr": round(mean_reciprocal_rank(outcomes), 3),
                f"search_{origin}_p50_ms": round(percentile(times, 0.5), 1),
                f"search_{origin}_p95_ms": round(percentile(times, 0.95), 1),
            }
    results["search_queries"] = len(load_queries())
    results["search_p95_ms"] = max(results["search_http_p95_ms"], results["search_file_p95_ms"])
    return results


def main() -> int:
    site = OUT / "handbook"
    built = run_sphinx(DOCS, site, "-E", "-d", str(OUT / "handbook.doctrees"), confdir=PROJECT)
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
        return built.returncode
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    results |= measure_search(site)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(len(key) for key in results)
    print("\n".join(f"{key:<{width}}  {value}" for key, value in results.items()))
    print(f"\nWritten to {(OUT / 'results.json').relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
