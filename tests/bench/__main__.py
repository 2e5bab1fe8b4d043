"""``make bench``: measure the handbook and write ``_build/bench/results.json``.

So far it measures search, over http and from file://:

* on the real handbook: recall@1, recall@3 and mean reciprocal rank over the
  patient query set, and the time from opening the results page to the
  results being shown (p50, p95);
* on a synthetic handbook of ``BENCH_N`` more articles (default 1000): the
  clean build time and the same search times, with the same queries.

Speed is measured here, never in the unit tests.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

from tests.bench.corpus import make_corpus
from tests.browser import chromium, serve
from tests.conftest import DOCS, PROJECT, run_sphinx
from tests.search.recall import load_queries, mean_reciprocal_rank, percentile, recall_at, run_queries

OUT = PROJECT / "_build" / "bench"


def measure_search(site: Path, prefix: str = "search") -> dict[str, float]:
    results: dict[str, float] = {}
    with serve(site) as http_url, chromium() as browser:
        for origin, base in (("http", http_url), ("file", site.as_uri() + "/")):
            page = browser.new_page()
            run_queries(page, base, load_queries()[:5])  # warm up the browser cache
            outcomes = run_queries(page, base, load_queries())
            page.close()
            times = [outcome.milliseconds for outcome in outcomes]
            results |= {
                f"{prefix}_{origin}_recall_at_1": round(recall_at(outcomes, 1), 3),
                f"{prefix}_{origin}_recall_at_3": round(recall_at(outcomes, 3), 3),
                f"{prefix}_{origin}_mrr": round(mean_reciprocal_rank(outcomes), 3),
                f"{prefix}_{origin}_p50_ms": round(percentile(times, 0.5), 1),
                f"{prefix}_{origin}_p95_ms": round(percentile(times, 0.95), 1),
            }
    results[f"{prefix}_queries"] = len(load_queries())
    results[f"{prefix}_p95_ms"] = max(results[f"{prefix}_http_p95_ms"], results[f"{prefix}_file_p95_ms"])
    return results


def main() -> int:
    site = OUT / "handbook"
    built = run_sphinx(DOCS, site, "-E", "-d", str(OUT / "handbook.doctrees"), confdir=PROJECT)
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
        return built.returncode
    n = int(os.environ.get("BENCH_N", "1000"))
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "n": n,
    }
    results |= measure_search(site)
    corpus = make_corpus(OUT / "corpus", n)
    start = time.perf_counter()
    built = run_sphinx(corpus, OUT / "corpus-html", "-d", str(OUT / "corpus.doctrees"), confdir=corpus.parent)
    results["handbook_s"] = round(time.perf_counter() - start, 1)
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
        return built.returncode
    results["searchindex_bytes"] = (OUT / "corpus-html" / "searchindex.js").stat().st_size
    results |= measure_search(OUT / "corpus-html", prefix="corpus_search")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    width = max(len(key) for key in results)
    print("\n".join(f"{key:<{width}}  {value}" for key, value in results.items()))
    print(f"\nWritten to {(OUT / 'results.json').relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
