"""``make bench``: measure the handbook and write ``_build/bench/results.json``.

* The page weight of the real handbook's ``conditions/sciatica.html``: the bytes
  and requests of a fresh Chromium's first load over http (issue 16: 150 KB, 12).
* Search, over http and from file://, on the real handbook: recall@1,
  recall@3, mean reciprocal rank and the share of out-of-scope queries given
  the honest "no article yet" answer, over the query set, the held-out set and
  the open misses; and the time from opening the results page to the results
  being shown (p50, p95), by the page's own clock from the start of the
  navigation, over every fourth query of the query set (here and on the large
  site), with the p95 of the round trip through Playwright beside it.
* A synthetic handbook of ``BENCH_N`` more articles (default 1000, see
  ``corpus.py``), built clean in the same run twice: with the handbook's full
  stack, and as a plain Sphinx + myst-parser + alabaster project with the
  handbook's own directives as plain text (the baseline). Then the handbook's
  rebuild after editing one article's text, after changing its topics, and
  with no change; the peak memory of the clean build; the bytes an article
  page loads in Chromium over http; the size of ``searchindex.js``; the time
  to search results on the large site.
* ``make pdf`` and ``make handouts`` on the real handbook, into
  ``_build/bench/real``.

It prints a table with the targets and writes every number to
``results.json``, after each stage, so a bench stopped part way keeps what it
measured. Wall times depend on what else the machine is doing: run it
on an otherwise idle machine. Speed is measured here, never in the unit tests.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from tests.bench.corpus import make_corpus, make_plain_copy
from tests.browser import chromium, first_load, serve
from tests.conftest import DOCS, PROJECT, run_sphinx
from tests.search.recall import (
    HELD_OUT,
    OPEN_MISSES,
    QUERIES,
    SIGN_HELD_OUT,
    SIGN_QUERIES,
    answer_queries,
    honest_misses,
    load_queries,
    mean_reciprocal_rank,
    percentile,
    recall_at,
    run_queries,
    sign_box_share,
)

OUT = PROJECT / "_build" / "bench"
REAL = OUT / "real"  # make pdf / make handouts write here (BUILDDIR)
# The same flags as `make html` (see the Makefile), for the handbook and for the baseline.
BUILD_FLAGS = ("-W", "--keep-going", "-n", "--no-color", "-q")
EDITED_ARTICLE = "conditions/sciatica.md"  # a real article, present at every BENCH_N
REPEATS = 3  # each rebuild is measured this many times
ARTICLE_PAGE = "treatments/acupuncture.html"  # its section's sidebar lists BENCH_N / 4 generated articles
REAL_ARTICLE_PAGE = "conditions/sciatica.html"  # the real handbook's page weight (issue 16, item 7)


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    limit: float
    unit: str


TARGETS = (
    Target("ratio", "Clean build, handbook / plain Sphinx", 1.0, "×"),
    Target("incr_edit_s", "Rebuild after editing an article", 3.0, "s"),
    Target("incr_tags_s", "Rebuild after changing its topics", 5.0, "s"),
    Target("noop_s", "Rebuild with no change", 2.5, "s"),
    Target("page_bytes", "Article page, first load", 500_000, "bytes"),
    Target("real_page_bytes", f"{REAL_ARTICLE_PAGE}, first load (issue 16)", 150_000, "bytes"),
    Target("real_page_requests", f"{REAL_ARTICLE_PAGE}, requests on first load (issue 16)", 12, "requests"),
    Target("peak_rss_mb", "Peak memory of the clean build", 500, "MB"),
    Target("pdf_s", "make pdf (whole handbook)", 60, "s"),
    Target("handout_s", "make handouts, per handout", 1.0, "s"),
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr: str


def measured(command: list[str], cwd: Path) -> Run:
    """Run ``command``; its wall time and the peak resident memory of its largest process."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return Run(round(seconds, 2), round(usage.ru_maxrss / 1024, 1), process.returncode, stderr)


def sphinx_build(srcdir: Path, outdir: Path) -> Run:
    command = [sys.executable, "-m", "sphinx", "-b", "html", *BUILD_FLAGS, "-c", str(srcdir.parent), str(srcdir), str(outdir)]
    run = measured([*command, "-d", str(outdir.parent / f"{outdir.name}.doctrees")], cwd=srcdir)
    if run.returncode != 0:
        raise SystemExit(f"Build of {srcdir} failed:\n{run.stderr}")
    return run


# Quality is measured on the real handbook, each set answered on one search page (answer_queries: the same answers
# as a fresh load per query, which tests/test_search.py checks). The time a reader waits is a fresh load of the
# results page per query, timed over every TIMING_STEP-th query of the query set; on the large synthetic site only
# that time means anything.
QUALITY_SETS = {"": QUERIES, "_held_out": HELD_OUT, "_open_misses": OPEN_MISSES}
TIMING_STEP = 4


def measure_search(site: Path, prefix: str = "search", sets: dict[str, Path] = QUALITY_SETS) -> dict[str, float]:
    """Quality over the query ``sets`` and time to results over a sample of the query set, over http and file://."""
    results: dict[str, float] = {}
    timed = load_queries()[::TIMING_STEP]
    with serve(site) as http_url, chromium() as browser:
        for origin, base in (("http", http_url), ("file", site.as_uri() + "/")):
            page = browser.new_page()
            run_queries(page, base, load_queries()[:5], site)  # warm up the browser cache
            loads = run_queries(page, base, timed, site)
            times = [outcome.milliseconds for outcome in loads]
            round_trips = [outcome.round_trip_ms for outcome in loads]
            results |= {
                f"{prefix}_{origin}_p50_ms": round(percentile(times, 0.5), 1),
                f"{prefix}_{origin}_p95_ms": round(percentile(times, 0.95), 1),
                f"{prefix}_{origin}_round_trip_p95_ms": round(percentile(round_trips, 0.95), 1),
            }
            for suffix, path in sets.items():
                outcomes = answer_queries(page, base, load_queries(path), site)
                results |= {
                    f"{prefix}{suffix}_{origin}_recall_at_1": round(recall_at(outcomes, 1), 3),
                    f"{prefix}{suffix}_{origin}_recall_at_3": round(recall_at(outcomes, 3), 3),
                    f"{prefix}{suffix}_{origin}_mrr": round(mean_reciprocal_rank(outcomes), 3),
                    f"{prefix}{suffix}_{origin}_no_article_share": round(honest_misses(outcomes), 3),
                }
            page.close()
    for suffix, path in sets.items():
        results[f"{prefix}{suffix}_queries"] = len(load_queries(path))
    results[f"{prefix}_timed_queries"] = len(timed)
    results[f"{prefix}_p95_ms"] = max(results[f"{prefix}_http_p95_ms"], results[f"{prefix}_file_p95_ms"])
    return results


def measure_sign_boxes(site: Path) -> dict[str, float]:
    """The share of patients' words for warning signs whose search shows the right "Get help now" box, over http: in
    the work list the patterns were tuned on, and in a held-out set they never were."""
    flags = yaml.safe_load((DOCS / "_data/red-flags.yaml").read_text(encoding="utf-8"))
    tier_of = {sign["id"]: sign["tier"] for sign in flags["signs"]}
    tiers = list(flags["tiers"])
    shares = {}
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        sets = {"search_warning_sign_box_share": SIGN_QUERIES, "search_warning_sign_held_out_box_share": SIGN_HELD_OUT}
        for key, path in sets.items():
            shares[key] = round(sign_box_share(page, url, load_queries(path), tiers, tier_of), 3)
        page.close()
    return shares


def first_load_of(site: Path, path: str) -> tuple[int, int]:
    """Bytes and requests of a fresh Chromium's first load of ``path``, served over http on loopback."""
    with serve(site) as url, chromium() as browser:
        total, requests = first_load(browser, url + path)
    return total, len(requests)


def edit_text(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n## ", "\nThis line was added to time a rebuild.\n\n## ", 1), encoding="utf-8")


def change_topics(article: Path, vocabulary: list[str]) -> None:
    text = article.read_text(encoding="utf-8")
    block = re.search(r"^```\{tags\} (.*)$", text, flags=re.MULTILINE)
    if block is None:
        raise SystemExit(f"{article}: no tags block to change")
    current = {topic.strip() for topic in block[1].split(",")}
    chosen = [topic for topic in vocabulary if topic not in current][:3]
    article.write_text(f"{text[: block.start(1)]}{', '.join(chosen)}{text[block.end(1) :]}", encoding="utf-8")


def measure_builds(n: int) -> dict[str, object]:
    corpus = make_corpus(OUT / "corpus", n)
    plain = make_plain_copy(corpus.parent, OUT / "plain")
    for folder in ("corpus-html", "corpus-html.doctrees", "plain-html", "plain-html.doctrees"):
        shutil.rmtree(OUT / folder, ignore_errors=True)
    handbook = sphinx_build(corpus, OUT / "corpus-html")
    baseline = sphinx_build(plain, OUT / "plain-html")
    results: dict[str, object] = {
        "handbook_s": handbook.seconds,
        "baseline_s": baseline.seconds,
        "ratio": round(handbook.seconds / baseline.seconds, 2),
        "peak_rss_mb": handbook.peak_rss_mb,
        "baseline_peak_rss_mb": baseline.peak_rss_mb,
    }
    article = corpus / EDITED_ARTICLE
    vocabulary = list(yaml.safe_load((corpus / "_data/topics.yaml").read_text(encoding="utf-8")))
    for key, change in (
        ("incr_edit_s", edit_text),
        ("incr_tags_s", lambda path: change_topics(path, vocabulary)),
        ("noop_s", lambda path: None),
    ):
        times = []
        for _ in range(REPEATS):  # one rebuild is a second or two: the median of three is steadier
            change(article)
            times.append(sphinx_build(corpus, OUT / "corpus-html").seconds)
        results[key] = round(statistics.median(times), 2)
    results["page_bytes"], results["page_requests"] = first_load_of(OUT / "corpus-html", ARTICLE_PAGE)
    results["searchindex_bytes"] = (OUT / "corpus-html" / "searchindex.js").stat().st_size
    return results


def make_target(target: str) -> tuple[float | None, list[Path], str]:
    """Run ``make <target>`` on the real handbook into ``_build/bench/real``: wall time, PDFs, or why not."""
    shutil.rmtree(REAL, ignore_errors=True)
    builddir = f"BUILDDIR={REAL.relative_to(PROJECT)}"
    dry_run = subprocess.run(["make", "-n", target, builddir], cwd=PROJECT, capture_output=True, text=True)
    if dry_run.returncode != 0:
        return None, [], f"make {target}: not available yet ({dry_run.stderr.strip().splitlines()[-1]})"
    run = measured(["make", target, builddir], cwd=PROJECT)
    if run.returncode != 0:
        return None, [], f"make {target} failed: {run.stderr.strip()[-500:]}"
    return run.seconds, sorted(REAL.rglob("*.pdf")), ""


def measure_pdfs() -> dict[str, object]:
    results: dict[str, object] = {}
    seconds, pdfs, reason = make_target("pdf")
    results["pdf_s"] = seconds if (REAL / "pdf/handbook.pdf") in pdfs else None
    results["pdf_note"] = reason or ("" if results["pdf_s"] is not None else "make pdf wrote no pdf/handbook.pdf")
    seconds, pdfs, reason = make_target("handouts")
    handouts = [pdf for pdf in pdfs if (REAL / "handouts") in pdf.parents]
    results["handouts"] = len(handouts)
    results["handout_s"] = round(seconds / len(handouts), 2) if seconds is not None and handouts else None
    results["handout_note"] = reason or ("" if handouts else "make handouts wrote no PDF under handouts/")
    return results


def table(results: dict[str, object]) -> str:
    lines = [f"| Measure (N = {results['n']}) | Result | Target | Met |", "| --- | ---: | ---: | :---: |"]
    lines.append(f"| Clean build, handbook | {results['handbook_s']} s | | |")
    lines.append(f"| Clean build, plain Sphinx + myst-parser + alabaster | {results['baseline_s']} s | | |")
    for target in TARGETS:
        value = results.get(target.key)
        if value is None:
            lines.append(f"| {target.label} | not measured | ≤ {target.limit:g} {target.unit} | – |")
            continue
        met = "yes" if value <= target.limit else "NO"
        lines.append(f"| {target.label} | {value:g} {target.unit} | ≤ {target.limit:g} {target.unit} | {met} |")
    lines.append(f"| `searchindex.js` | {results['searchindex_bytes']:,} bytes | | |")
    for origin, limit in (("http", 100), ("file", 150)):
        for prefix, label in (("search", "handbook"), ("corpus_search", "large site")):
            value = results[f"{prefix}_{origin}_p95_ms"]
            met = "yes" if value <= limit else "NO"
            lines.append(f"| Search, p95 time to results, {label}, {origin} | {value:g} ms | ≤ {limit} ms | {met} |")
    for suffix, label, limit in (("", "query set", 0.95), ("_held_out", "held-out set", 0.92)):
        for origin in ("http", "file"):
            value = results[f"search{suffix}_{origin}_recall_at_3"]
            met = "yes" if value >= limit else "NO"
            count = results[f"search{suffix}_queries"]
            lines.append(f"| Search recall@3, {label} ({count}), {origin} | {value:g} | ≥ {limit:g} | {met} |")
    signs = results["search_warning_sign_box_share"]
    lines.append(f"| Warning-sign queries showing the right 'Get help now' box, http | {signs:g} | | |")
    held = results["search_warning_sign_held_out_box_share"]
    lines.append(f"| Held-out warning-sign queries showing the right 'Get help now' box, http | {held:g} | | |")
    passing = results["search_open_misses_http_recall_at_3"]
    lines.append(f"| Open misses now passing (work list, {results['search_open_misses_queries']}), http | {passing:g} | | |")
    share = results["search_held_out_http_no_article_share"]
    met = "yes" if share >= 0.9 else "NO"
    lines.append(f"| Held-out out-of-scope queries answered 'no article yet' | {share:g} | ≥ 0.9 | {met} |")
    return "\n".join(lines)


def save(results: dict[str, object]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    n = int(os.environ.get("BENCH_N", "1000"))
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "date": date.today().isoformat(),
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "n": n,
    }
    site = OUT / "handbook"
    built = run_sphinx(DOCS, site, "-E", "-d", str(OUT / "handbook.doctrees"), confdir=PROJECT)
    if built.returncode != 0:
        print(built.stderr, file=sys.stderr)
        return built.returncode
    stages = (
        lambda: dict(zip(("real_page_bytes", "real_page_requests"), first_load_of(site, REAL_ARTICLE_PAGE), strict=True)),
        lambda: measure_builds(n),
        lambda: measure_search(site),
        lambda: measure_sign_boxes(site),
        lambda: measure_search(OUT / "corpus-html", prefix="corpus_search", sets={}),
        measure_pdfs,
    )
    for stage in stages:
        results |= stage()
        save(results)  # a bench stopped part way keeps what it measured
    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    save(results)
    print(table(results))
    for note in ("pdf_note", "handout_note"):
        if results[note]:
            print(f"\n{note.removesuffix('_note')}: {results[note]}")
    load = f"load average {results['load_average_at_start']} at start, {results['load_average_at_end']} at end"
    print(f"\nMachine: {results['machine']}; {load}.")
    print(f"Written to {(OUT / 'results.json').relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
