"""Validate every article's front matter while it is read, and keep it in the environment.

An article's metadata is what makes it trustworthy: when it was last reviewed,
when it must be reviewed again, who reviewed it, and how patients describe it.
A mistake there must stop the build with a message an editor can act on::

    docs/conditions/sciatica.md:4: ERROR: last_reviewed: expected a date YYYY-MM-DD, got '12/05/2025'

Validated metadata is stored per document in ``env.handbook_meta`` (purged and
merged like ``sphinx.ext.todo`` does, so incremental and parallel builds stay
correct) for the other modules: pages, listings and search.

Two optional fields record the review itself: ``reviewed_by`` names the
clinicians who reviewed the article (ids from ``docs/_data/reviewers.yaml``,
checked by :mod:`handbook.article.reviewers`), and ``changes`` lists what changed, one
``- YYYY-MM-DD: what changed`` line each (shown by :mod:`handbook.article.changes`).

Drafts are left out of the build unless ``handbook_include_drafts`` is set, and
an article whose ``next_review`` has passed fails every build until it is
reviewed. "Today" comes from ``handbook_today`` when set, so tests can move it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Set
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.content.frontmatter import Entry, FrontMatter, FrontMatterError, Value, read_front_matter, split_front_matter
from handbook.core.diagnostics import fail_build, invalid_documents, report_error, source_location
from handbook.core.document_store import DocumentStore

logger = logging.getLogger(__name__)

ARTICLE_SECTIONS = ("basics", "conditions", "treatments", "living")  # the default handbook_article_sections
REVIEW_STATUSES = ("draft", "editorial-review", "clinician-reviewed")
REQUIRED_FIELDS = ("description", "last_reviewed", "next_review", "review_status")
HANDBOOK_FIELDS = (*REQUIRED_FIELDS, "also_called", "reviewed_by", "changes")
# Sphinx's own file-wide fields, accepted so forks can use them.
SPHINX_FIELDS = ("orphan", "nosearch")
DESCRIPTION_LENGTH = (40, 200)
MAX_REVIEW_INTERVAL_YEARS = 3
MARKUP = re.compile(r"[*_`<>\[\]{}|#]|https?://")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CHANGE_LENGTH = 200  # one line of a changelog
DRAFT_LINE = re.compile(r"""^review_status:\s*["']?draft["']?\s*$""", re.MULTILINE)


@dataclass(frozen=True)
class Change:
    """One line of an article's ``changes``: the day of the review and what changed."""

    day: date
    text: str


@dataclass(frozen=True)
class PageMeta:
    """What the handbook knows about one page; fields are ``None`` when absent."""

    is_article: bool
    description: str | None = None
    last_reviewed: date | None = None
    next_review: date | None = None
    next_review_line: int = 1
    review_status: str | None = None
    review_status_line: int = 1
    also_called: tuple[str, ...] = ()
    reviewed_by: tuple[str, ...] = ()
    reviewed_by_line: int = 1
    changes: tuple[Change, ...] = ()


def is_article(config: Config, docname: str) -> bool:
    """Articles are the pages inside a section folder, other than its landing page."""
    parts = docname.split("/")
    return len(parts) > 1 and parts[0] in config.handbook_article_sections and parts[-1] != "index"


def today(config: Config) -> date:
    return date.fromisoformat(config.handbook_today) if config.handbook_today else date.today()


META = DocumentStore[PageMeta]("handbook_meta")


def latest_changes(meta: PageMeta) -> tuple[date, list[Change]] | None:
    """The day of the most recent change, and every change made that day: what the article shows at its end."""
    if not meta.changes:
        return None
    day = max(change.day for change in meta.changes)
    return day, [change for change in meta.changes if change.day == day]


def page_meta(env: BuildEnvironment) -> dict[str, PageMeta]:
    """Every read document's validated metadata, by docname."""
    return META.of(env)


def _closest(word: str, choices: Set[str] | tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        close = [choice for choice in choices if choice.lower() == word.lower()]
    return close[0] if close else None


def did_you_mean(word: str, choices: Set[str] | tuple[str, ...]) -> str:
    """``; did you mean 'description'?`` for a near miss, else nothing."""
    close = _closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""


class Checker:
    """Validates one document's front matter and reports each problem once."""

    def __init__(self, env: BuildEnvironment, docname: str, article: bool) -> None:
        self.env = env
        self.docname = docname
        self.article = article
        self.ok = True

    def error(self, line: int, message: str) -> None:
        self.ok = False
        report_error(self.env, self.docname, line, message)

    def check(self, text: str) -> PageMeta:
        try:
            front = read_front_matter(text)
        except FrontMatterError as problem:
            self.error(problem.line, problem.message)
            return PageMeta(self.article)
        if front is None:
            if self.article:
                self.error(1, "front matter: expected a '---' block first, with " + ", ".join(REQUIRED_FIELDS))
            return PageMeta(self.article)
        return self.check_fields(front)

    def check_fields(self, front: FrontMatter) -> PageMeta:
        values = front.values
        allowed = (*HANDBOOK_FIELDS, *SPHINX_FIELDS)
        for key, value in values.items():
            if key not in allowed:
                self.error(
                    value.line,
                    f"{key}: unknown field{did_you_mean(key, allowed)} (expected one of: {', '.join(HANDBOOK_FIELDS)})",
                )
        misspelt = {_closest(key, allowed) for key in values if key not in allowed}
        if self.article:
            for key in REQUIRED_FIELDS:
                if key not in values and key not in misspelt:
                    self.error(front.end_line, f"{key}: missing; add it to the front matter ({EXPECTED[key]})")
        description = self.description(values.get("description"))
        last_reviewed = self.date(values.get("last_reviewed"))
        next_review = self.date(values.get("next_review"))
        if last_reviewed and last_reviewed > today(self.env.config):
            self.error(
                values["last_reviewed"].line,
                f"last_reviewed: expected a date not in the future (today is {today(self.env.config)}), got '{last_reviewed}'",
            )
        if last_reviewed and next_review:
            self.review_interval(values["next_review"], last_reviewed, next_review)
        status = self.review_status(values.get("review_status"))
        also_called = self.also_called(values.get("also_called"))
        reviewed_by = self.reviewed_by(values.get("reviewed_by"))
        changes = self.changes(values.get("changes"))
        return PageMeta(
            is_article=self.article,
            description=description,
            last_reviewed=last_reviewed,
            next_review=next_review,
            next_review_line=values["next_review"].line if "next_review" in values else front.end_line,
            review_status=status,
            review_status_line=values["review_status"].line if "review_status" in values else front.end_line,
            also_called=also_called,
            reviewed_by=reviewed_by,
            reviewed_by_line=values["reviewed_by"].line if "reviewed_by" in values else front.end_line,
            changes=changes,
        )

    def description(self, field: Value | None) -> str | None:
        if field is None:
            return None
        text = field.value
        low, high = DESCRIPTION_LENGTH
        if not isinstance(text, str):
            self.error(field.line, f"description: expected {EXPECTED['description']}, got {_shown(text)}")
            return None
        text = " ".join(text.split())
        if not low <= len(text) <= high:
            self.error(field.line, f"description: expected {low}–{high} characters of plain text, got {len(text)}")
        markup = MARKUP.search(text)
        if markup:
            self.error(field.line, f"description: expected plain text without markup or links, got '{markup.group()}'")
        return text

    def date(self, field: Value | None) -> date | None:
        if field is None:
            return None
        text = field.value
        if not isinstance(text, str) or not ISO_DATE.fullmatch(text):
            self.error(field.line, f"{field.key}: expected a date YYYY-MM-DD, got {_shown(text)}")
            return None
        try:
            return date.fromisoformat(text)
        except ValueError as problem:
            self.error(field.line, f"{field.key}: expected a real date YYYY-MM-DD, got '{text}' ({problem})")
            return None

    # datetime.date, since in this class "date" names the method above.
    def review_interval(self, field: Value, last_reviewed: datetime.date, next_review: datetime.date) -> None:
        latest = add_years(last_reviewed, MAX_REVIEW_INTERVAL_YEARS)
        if next_review <= last_reviewed:
            self.error(field.line, f"next_review: expected a date after last_reviewed ({last_reviewed}), got '{next_review}'")
        elif next_review > latest:
            self.error(
                field.line,
                f"next_review: expected at most {MAX_REVIEW_INTERVAL_YEARS} years after last_reviewed "
                f"(by {latest}), got '{next_review}'",
            )

    def review_status(self, field: Value | None) -> str | None:
        if field is None:
            return None
        if field.value not in REVIEW_STATUSES:
            hint = did_you_mean(field.value, REVIEW_STATUSES) if isinstance(field.value, str) else ""
            self.error(
                field.line,
                f"review_status: expected one of {', '.join(REVIEW_STATUSES)}, got {_shown(field.value)}{hint}",
            )
            return None
        return field.value

    def also_called(self, field: Value | None) -> tuple[str, ...]:
        if field is None:
            return ()
        if not isinstance(field.value, tuple) or not all(isinstance(item, str) and item.strip() for item in field.value):
            self.error(field.line, f"also_called: expected {EXPECTED['also_called']}, got {_shown(field.value)}")
            return ()
        return tuple(" ".join(item.split()) for item in cast(tuple[str, ...], field.value))  # strings, checked above

    def reviewed_by(self, field: Value | None) -> tuple[str, ...]:
        """Reviewer ids, one or a list; whether each is listed is :mod:`handbook.article.reviewers`' check."""
        if field is None:
            return ()
        items = (field.value,) if isinstance(field.value, str) else field.value
        if not items or not all(isinstance(item, str) and item.strip() for item in items):
            self.error(field.line, f"reviewed_by: expected {EXPECTED['reviewed_by']}, got {_shown(field.value)}")
            return ()
        return tuple(item.strip() for item in cast(tuple[str, ...], items))  # strings, checked above

    def changes(self, field: Value | None) -> tuple[Change, ...]:
        if field is None:
            return ()
        if not isinstance(field.value, tuple) or not field.value:
            self.error(field.line, f"changes: expected {EXPECTED['changes']}, got {_shown(field.value)}")
            return ()
        found = []
        for item in field.value:
            change = self.change(item, field.line)
            if change is not None:
                found.append(change)
        return tuple(sorted(found, key=lambda change: change.day, reverse=True))

    def change(self, item: str | Entry, line: int) -> Change | None:
        if not isinstance(item, Entry):
            self.error(line, f"changes: expected {EXPECTED['changes']}, got '{item}' (start it with its date and a colon)")
            return None
        day = self.date(Value("changes", item.key, item.line))
        text = " ".join(item.text.split())
        if not text:
            self.error(item.line, f"changes: expected one line saying what changed after '{item.key}:', got nothing")
        elif len(text) > CHANGE_LENGTH or "\n" in item.text.strip():
            self.error(item.line, f"changes: expected one line of at most {CHANGE_LENGTH} characters, got {len(text)}")
        elif day and day > today(self.env.config):
            self.error(item.line, f"changes: expected a date not in the future (today is {today(self.env.config)}), got '{day}'")
        else:
            return Change(day, text) if day else None
        return None


EXPECTED = {
    "description": f"a plain-text summary of {DESCRIPTION_LENGTH[0]}–{DESCRIPTION_LENGTH[1]} characters",
    "last_reviewed": "the date of the last review, YYYY-MM-DD",
    "next_review": f"the date the next review is due, YYYY-MM-DD, at most {MAX_REVIEW_INTERVAL_YEARS} years on",
    "review_status": "one of " + ", ".join(REVIEW_STATUSES),
    "also_called": "a list of the words patients use, one '- word' per line",
    "reviewed_by": "the id of a reviewer listed in the reviewers file, or a list of them",
    "changes": "a list of what changed, one '- YYYY-MM-DD: what changed' line each",
}


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, tuple):
        return "a list"
    return f"'{value}'"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _read_metadata(app: Sphinx, docname: str, source: list[str]) -> None:
    checker = Checker(app.env, docname, is_article(app.config, docname))
    page_meta(app.env)[docname] = checker.check(source[0])


def _check_overdue(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Fail every build while a published article is past its review date."""
    now = today(env.config)
    invalid = invalid_documents(env)
    for docname, meta in sorted(page_meta(env).items()):
        if docname in invalid:
            continue  # its own errors come first
        if meta.is_article and meta.review_status != "draft" and meta.next_review and meta.next_review < now:
            logger.error(
                "next_review: review overdue since %s; review the article, then update last_reviewed and next_review",
                meta.next_review,
                location=source_location(env, docname, meta.next_review_line),
                type="handbook",
            )
            fail_build(app)
    return []


def _exclude_drafts(app: Sphinx, config: Config) -> None:
    """Leave drafts out of the build unless ``handbook_include_drafts`` is set."""
    _check_today(app, config)
    if config.handbook_include_drafts:
        return
    srcdir = Path(app.srcdir)
    drafts = sorted(path.relative_to(srcdir).as_posix() for path in srcdir.rglob("*.md") if _is_draft(path))
    config.exclude_patterns = [*config.exclude_patterns, *drafts]


def _is_draft(path: Path) -> bool:
    try:
        split = split_front_matter(path.read_text(encoding="utf-8-sig"))
    except (FrontMatterError, OSError, UnicodeDecodeError):
        return False  # reported when the file is read
    return split is not None and DRAFT_LINE.search(split[0]) is not None


def _report_front_matter_once(app: Sphinx, config: Config) -> None:
    """MyST's own "Malformed YAML" would repeat, without a line or a fix, what this module reports."""
    if "myst.topmatter" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "myst.topmatter"]


def _check_today(app: Sphinx, config: Config) -> None:
    """A mistyped ``handbook_today`` is an error; the build goes on with the real date."""
    value = config.handbook_today
    if not value:
        return
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError("not in the form YYYY-MM-DD")
        date.fromisoformat(value)
    except ValueError as problem:
        logger.error("handbook_today: expected a date YYYY-MM-DD, got '%s' (%s)", value, problem, type="handbook")
        config.handbook_today = ""
        fail_build(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_article_sections", list(ARTICLE_SECTIONS), "env", list)
    app.add_config_value("handbook_today", "", "", str)
    app.add_config_value("handbook_include_drafts", False, "env", bool)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
