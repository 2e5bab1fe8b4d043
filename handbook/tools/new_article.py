"""Start a new article from the template: ``make article SECTION=treatments SLUG=hydrotherapy TITLE="Water therapy"``.

Copying the template by hand means remembering to set the dates, the review
status and the title, and it is easy to overwrite an article by mistake. This
writes ``docs/<SECTION>/<SLUG>.md`` from ``docs/_data/article-template.md``
(the template the writing guide shows) with:

* ``last_reviewed`` today, ``next_review`` a year on, ``review_status: draft``
  (drafts stay off the site until they are reviewed; ``make html DRAFTS=1``);
* the title in place of the template's;
* the template's topics block and standard sections, ready to fill in.

It refuses an unknown section (the sections are ``handbook_article_sections``
in ``conf.py``), a slug that is not lower-case words joined by hyphens, an
empty title, and an article that already exists, each with one line saying
what to fix and a non-zero exit.

Usage: ``python -m handbook.tools.new_article --section SECTION --slug SLUG --title TITLE``
(run from the project root).
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from handbook.content.metadata import ARTICLE_SECTIONS, add_years, did_you_mean

SOURCES = Path("docs")
TEMPLATE = SOURCES / "_data" / "article-template.md"
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REVIEW_INTERVAL_YEARS = 1
USAGE = 'make article SECTION=treatments SLUG=hydrotherapy TITLE="Water therapy"'


class ArticleError(Exception):
    """A problem with what was asked for, as ``where: ERROR: what to fix``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: ERROR: {message}")


def article_sections(conf: Path) -> tuple[str, ...]:
    """The sections in ``conf.py``'s ``handbook_article_sections``, or the handbook's default."""
    return tuple(runpy.run_path(str(conf)).get("handbook_article_sections", ARTICLE_SECTIONS))


def check_request(section: str, slug: str, title: str, sections: Sequence[str]) -> None:
    where = "make article"
    if section not in sections:
        raise ArticleError(
            where,
            f"SECTION: expected one of {', '.join(sections)}, got '{section}'{did_you_mean(section, tuple(sections))}",
        )
    if not SLUG.fullmatch(slug):
        raise ArticleError(
            where, f"SLUG: expected lower-case letters and digits joined by hyphens, like 'water-therapy', got '{slug}'"
        )
    if not title.strip() or "\n" in title:
        raise ArticleError(where, f"TITLE: expected the article's title on one line, as in {USAGE}")


def fill_template(template: str, title: str, today: date) -> str:
    """The template with today's review dates, ``review_status: draft`` and ``title``."""
    replacements = {
        r"^last_reviewed:.*$": f"last_reviewed: {today.isoformat()}",
        r"^next_review:.*$": f"next_review: {add_years(today, REVIEW_INTERVAL_YEARS).isoformat()}",
        r"^review_status:.*$": "review_status: draft",
        r"^# .*$": f"# {' '.join(title.split())}",
    }
    for pattern, line in replacements.items():
        # Each backslash doubled, so re.subn inserts the line as it is, without reading escapes in it.
        template, count = re.subn(pattern, line.replace("\\", r"\\"), template, count=1, flags=re.MULTILINE)
        if count != 1:
            raise ArticleError(f"{TEMPLATE}:1", f"template: expected a line matching {pattern}, found none")
    return template


def create_article(section: str, slug: str, title: str, today: date, root: Path) -> Path:
    """Write the new article under ``root`` and return its path relative to ``root``."""
    check_request(section, slug, title, article_sections(root / "conf.py"))
    target = SOURCES / section / f"{slug}.md"
    if (root / target).exists():
        raise ArticleError(f"{target}:1", "already exists; choose another SLUG, or edit that article")
    text = fill_template((root / TEMPLATE).read_text(encoding="utf-8"), title, today)
    with open(root / target, "x", encoding="utf-8") as article:  # "x": never overwrite
        article.write(text)
    return target


def main(arguments: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="make article", description=__doc__.splitlines()[0], usage=USAGE)
    parser.add_argument("--section", default="")
    parser.add_argument("--slug", default="")
    parser.add_argument("--title", default="")
    options = parser.parse_args(arguments)
    try:
        target = create_article(options.section, options.slug, options.title, date.today(), Path.cwd())
    except ArticleError as problem:
        print(problem, file=sys.stderr)
        return 1
    page = target.relative_to(SOURCES).with_suffix(".html")
    print(f"{target}: created as a draft from {TEMPLATE}.")
    print(f"Write it, then check it: make check DRAFTS=1, and make html DRAFTS=1 (open _build/html/{page}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
