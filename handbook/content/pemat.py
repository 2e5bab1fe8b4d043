"""How easy each article is to understand and to act on, rated with AHRQ's PEMAT-P, and shown on the editorial policy.

A reading-level score (:mod:`handbook.content.readability`) says whether the
words are plain. It cannot say whether a patient knows what to *do* after
reading. The Patient Education Materials Assessment Tool for printable
materials (PEMAT-P, AHRQ) asks 24 yes/no questions for that: 17 on
understandability and 7 on actionability. ``docs/_data/pemat.yaml``
(``handbook_pemat_file``) holds each article's item scores: two separate
readings and the scores agreed between them (the agreed score settles only the items where the readings
differ).

This module reads that file, with a ``file:line`` error for a mistake, and the
``{pemat-results}`` directive shows every article's two percentages as a table
(on the editorial policy), so the published results are the recorded ones.
``tests/content/test_pemat.py`` requires a rating for every article; the pass marks are
the directive's options, and the same test holds every article to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.article.review_status import long_date
from handbook.core.datafiles import DataFileError, LineLoader, Marked
from handbook.core.diagnostics import report_data_error

# PEMAT-P's items by number. 13 and 14 are for audiovisual material only, so a printable rating has no such items.
UNDERSTANDABILITY = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19)
ACTIONABILITY = (20, 21, 22, 23, 24, 25, 26)
ITEMS = UNDERSTANDABILITY + ACTIONABILITY
# The items whose PEMAT-P answer can be "N/A" (no numbers, very short material, no visual aids or tables, no calculations).
MAY_BE_NOT_APPLICABLE = frozenset({6, 8, 9, 11, 16, 17, 18, 19, 24, 25})
NOT_APPLICABLE = "NA"
READINGS = ("first_reading", "second_reading")
FIELDS = ("rated", *READINGS, "agreed", "why")

Score = int | None  # 1 agree, 0 disagree, None not applicable


@dataclass(frozen=True)
class Rating:
    """One article's PEMAT-P item scores: the two readings, and the agreed scores that count."""

    docname: str
    rated: date
    readings: tuple[dict[int, Score], ...]
    agreed: dict[int, Score]
    why: dict[int, str]

    @property
    def understandability(self) -> int:
        return percent(self.agreed, UNDERSTANDABILITY)

    @property
    def actionability(self) -> int:
        return percent(self.agreed, ACTIONABILITY)


def percent(scores: dict[int, Score], items: tuple[int, ...]) -> int:
    """PEMAT's score: the items agreed as a share of the items that apply, rounded to a whole percent."""
    applicable = [scores[item] for item in items if scores[item] is not None]
    return round(100 * sum(score or 0 for score in applicable) / len(applicable)) if applicable else 0


def parse_ratings(text: str) -> dict[str, Rating]:
    """Every article's rating in ``text`` (the YAML of ``pemat.yaml``), or :class:`DataFileError` at the mistake's line."""
    try:
        data = yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as problem:
        line = problem.problem_mark.line + 1 if problem.problem_mark else 1
        raise DataFileError(line, f"expected PEMAT ratings in YAML, got {problem.problem}") from None
    if not isinstance(data, Marked) or not isinstance(data.get("articles"), Marked):
        raise DataFileError(1, "expected 'articles:' and under it one entry per article, such as 'conditions/sciatica:'")
    articles = data["articles"]
    return {docname: _rating(docname, entry, articles.line_of(docname)) for docname, entry in articles.items()}


def _rating(docname: str, entry: Any, line: int) -> Rating:
    if not isinstance(entry, Marked):
        raise DataFileError(line, f"{docname}: expected the fields {', '.join(FIELDS)}")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise DataFileError(entry.line_of(unknown[0]), f"{docname}: unknown field {unknown[0]!r} (expected {', '.join(FIELDS)})")
    readings = tuple(_scores(docname, entry, field) for field in READINGS)
    agreed = _scores(docname, entry, "agreed")
    overruled = [item for item in ITEMS if readings[0][item] == readings[1][item] != agreed[item]]
    if overruled:
        item = overruled[0]
        raise DataFileError(
            entry.line_of("agreed"),
            f"{docname}: item {item} is agreed as {_shown(agreed[item])}, but both readings gave {_shown(readings[0][item])}; "
            "an agreed score settles a difference between the readings, it never overrules both (rate again instead)",
        )
    why = entry.get("why") or {}
    if not isinstance(why, dict):
        raise DataFileError(entry.line_of("why"), f"{docname}: 'why' expected item numbers, each with a reason")
    reasons = {int(item): " ".join(str(reason).split()) for item, reason in why.items() if str(item).isdigit()}
    unexplained = [item for item in ITEMS if agreed[item] != 1 and not reasons.get(item)]
    if unexplained:
        raise DataFileError(
            entry.line_of("why"),
            f"{docname}: item {unexplained[0]} is scored {_shown(agreed[unexplained[0]])} without a reason; "
            f"add '{unexplained[0]}: \"...\"' under 'why' (every 0 and {NOT_APPLICABLE} says why)",
        )
    rated = entry.get("rated")
    if not isinstance(rated, date):
        raise DataFileError(entry.line_of("rated"), f"{docname}: 'rated' expected the day of the readings, as in 2026-12-04")
    return Rating(docname, rated, readings, agreed, reasons)


def _scores(docname: str, entry: Marked, field: str) -> dict[int, Score]:
    raw = entry.get(field)
    line = entry.line_of(field)
    if not isinstance(raw, dict):
        raise DataFileError(line, f"{docname}: '{field}' expected the item scores, as in {{1: 1, 2: 0, 6: NA, ...}}")
    scores: dict[int, Score] = {}
    for key, value in raw.items():
        item = int(key) if str(key).isdigit() else 0  # a mapping's keys are read as text (core.datafiles.Marked)
        if item not in ITEMS:
            raise DataFileError(line, f"{docname}: '{field}' has item {key!r}; PEMAT-P's items are 1-12 and 15-26")
        if value == NOT_APPLICABLE and item in MAY_BE_NOT_APPLICABLE:
            scores[item] = None
        elif value in (0, 1) and not isinstance(value, bool):
            scores[item] = value
        else:
            allowed = f"1, 0 or {NOT_APPLICABLE}" if item in MAY_BE_NOT_APPLICABLE else "1 or 0 (PEMAT-P has no N/A for it)"
            raise DataFileError(line, f"{docname}: '{field}' item {item} is {value!r}; expected {allowed}")
    missing = [item for item in ITEMS if item not in scores]
    if missing:
        raise DataFileError(line, f"{docname}: '{field}' has no score for item {missing[0]} (score every item 1-12 and 15-26)")
    return scores


def _shown(score: Score) -> str:
    return NOT_APPLICABLE if score is None else str(score)


def results_table(ratings: dict[str, Rating]) -> list[str]:
    """The Markdown table the directive shows: each article, linked by its title, with its two scores."""
    lines = ["| Article | Easy to understand | Easy to act on | Rated on |", "| --- | --- | --- | --- |"]
    for docname in sorted(ratings):
        rating = ratings[docname]
        scores = f"{rating.understandability} % | {rating.actionability} %"
        lines.append(f"| {{doc}}`/{docname}` | {scores} | {long_date(rating.rated)} |")
    return lines


def summary(ratings: dict[str, Rating], pass_marks: tuple[int, int]) -> str:
    """How many articles meet both pass marks, and how often the two readings agreed, in words."""
    understood = {docname for docname, rating in ratings.items() if rating.understandability >= pass_marks[0]}
    acted_on = {docname for docname, rating in ratings.items() if rating.actionability >= pass_marks[1]}
    answers = [(rating.readings[0][item], rating.readings[1][item]) for rating in ratings.values() for item in ITEMS]
    same = sum(first == second for first, second in answers)
    both = len(understood & acted_on)
    return (
        f"{both} of {len(ratings)} articles {'meets' if both == 1 else 'meet'} both marks: "
        f"{len(understood)} {'is' if len(understood) == 1 else 'are'} easy enough to understand "
        f"(at least {pass_marks[0]} %), and {len(acted_on)} easy enough to act on (at least {pass_marks[1]} %). "
        f"The two readings gave the same answer {same} times out of {len(answers)} "
        f"(about {round(10 * same / len(answers)) if answers else 0} out of 10)."
    )


class PematResultsDirective(SphinxDirective):
    """``{pemat-results}``: the table of every rated article's PEMAT-P scores, from ``handbook_pemat_file``, after a
    sentence saying how many meet the pass marks given as options."""

    has_content = False
    option_spec = {  # noqa: RUF012 (docutils reads a class attribute)
        "understandability": directives.percentage,
        "actionability": directives.percentage,
    }

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / self.config.handbook_pemat_file
        self.env.note_dependency(str(path))
        try:
            ratings = parse_ratings(path.read_text(encoding="utf-8"))
        except OSError:
            problem = DataFileError(1, "expected the PEMAT ratings file here (or remove {pemat-results})")
            self._data_error(path, problem)
            return []
        except DataFileError as problem:
            self._data_error(path, problem)
            return []
        unknown = sorted(set(ratings) - set(self.env.found_docs))
        if unknown:
            self._data_error(path, DataFileError(1, f"{unknown[0]}: no such page (rename or remove its rating)"))
            return []
        marks = (self.options.get("understandability", 80), self.options.get("actionability", 70))
        lines = [summary(ratings, marks), "", *results_table(ratings)]
        holder = nodes.section()
        self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]), 0, holder)
        return list(holder.children)

    def _data_error(self, path: Path, problem: DataFileError) -> None:
        report_data_error(self.env, path, problem.line, f"{{pemat-results}}: {problem.message}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_pemat_file", "_data/pemat.yaml", "env", str)
    app.add_directive("pemat-results", PematResultsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
