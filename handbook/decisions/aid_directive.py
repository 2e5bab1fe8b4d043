"""``{decision-aid}``: a decision aid page drawn from its data file.

A page in ``docs/decisions/`` holds its title, "Key points", "When to get help"
and "Sources" as any article does, and between them one line::

    ```{decision-aid} sciatica-surgery
    ```

which reads ``docs/_data/decisions/sciatica-surgery.yaml``
(``handbook_decisions_dir``) and writes the aid's parts as ``##`` sections, in
the order the IPDAS checklist (``docs/_data/ipdas.yaml``) points to:

1. **The decision**: the question, who it is for, who should get help instead, the options;
2. **Your options side by side**: an Option-Grid table, the questions patients ask as rows;
3. **Benefits and harms in numbers**: an icon array per outcome, one denominator, with its time frame,
   source and certainty, or words where the evidence gives no number;
4. **How sure is the evidence?**;
5. **What matters most to you?**: printed statements with a 1-to-5 scale, grouped by the option
   they point to (no form, no script: nothing leaves the page);
6. **Questions to ask your doctor**;
7. **About this decision aid**: dates, update policy, funding and conflicts of interest.

The parts are written as MyST Markdown and parsed in place, so they are held to
every article rule (readability, headings, sources) and their citations join
the page's "Sources". The one-page printout that a patient takes to the
appointment is made from the same parts (``handbook.printing.documents.decision_sheet``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.article.review_status import long_date
from handbook.clinical.countries import fill_in
from handbook.clinical.redflags import red_flags
from handbook.clinical.urgency import weaker_advice_in
from handbook.content.metadata import page_meta
from handbook.core.diagnostics import report_data_error, report_error
from handbook.decisions.aid_data import AidError, DecisionAid, Outcome, parse_aid

DECISION = "The decision"
GRID = "Your options side by side"
# PEMAT-P item 25: say how to use the table to act, not only what it shows.
GRID_HOW_TO = "Read across each row. Note which choice fits what matters most to you, and take your notes to your appointment."
NUMBERS = "Benefits and harms in numbers"
CERTAINTY = "How sure is the evidence?"
VALUES = "What matters most to you?"
QUESTIONS = "Questions to ask your doctor"
ABOUT = "About this decision aid"
PARTS = (DECISION, GRID, NUMBERS, CERTAINTY, VALUES, QUESTIONS, ABOUT)
"""The ``##`` headings every aid has, in order (``handbook_required_headings`` for ``decisions/*`` names them too)."""

SCALE_ENDS = ("Not important", "Very important")


def cite(keys: tuple[str, ...]) -> str:
    return f"{{footcite}}`{','.join(keys)}`"


def decision_part(aid: DecisionAid, signs_page: str) -> list[str]:
    signs = f" Read the {{doc}}`warning signs </{signs_page}>`." if signs_page else ""
    lines = [
        f"## {DECISION}",
        "",
        f"**{aid.decision}**",
        "",
        f"**Who this is for:** {aid.for_whom}{cite(aid.for_whom_sources) if aid.for_whom_sources else ''}",
        "",
    ]
    not_for = f"{aid.not_for}{cite(aid.not_for_sources)}{signs}"
    lines += [":::{admonition} Get help instead if", ":class: warning decision-not-for", "", not_for, ":::", ""]
    lines += ["Your options are:", ""]
    lines += [f"- **{option.name}.** {option.what_it_is}" for option in aid.options]
    return [*lines, ""]


def grid_part(aid: DecisionAid) -> list[str]:
    """The Option-Grid table: a column per option, a row per question, every cell filled."""
    header = "| Your question | " + " | ".join(option.name for option in aid.options) + " |"
    rows = [
        f"| **{row.question}**{cite(row.sources)} | " + " | ".join(_cell(row.answers[o.id]) for o in aid.options) + " |"
        for row in aid.grid
    ]
    divider = "| --- " * (len(aid.options) + 1) + "|"
    return [f"## {GRID}", "", GRID_HOW_TO, "", ":::{container} wide-table decision-grid", header, divider, *rows, ":::", ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def numbers_part(aid: DecisionAid) -> list[str]:
    lines = [f"## {NUMBERS}", ""]
    if any(outcome.counts for outcome in aid.outcomes):
        denominator = next(outcome.denominator for outcome in aid.outcomes if outcome.counts)
        lines += [
            f"Each picture shows {denominator:,} people in a study, for each option: the people the study first "
            "offered that option, whatever they chose later. The filled-in people are the ones it happened to. "
            "Every picture counts the same number of people, so you can compare them. "
            "The people in a study may differ from you: each picture says who they were.",
            "",
        ]
    for outcome in aid.outcomes:
        lines += _outcome_lines(aid, outcome)
    return lines


def _outcome_lines(aid: DecisionAid, outcome: Outcome) -> list[str]:
    sure = f"How sure: {outcome.certainty} certainty."
    if not outcome.counts:
        heading = f"{outcome.what[0].upper()}{outcome.what[1:]}, {outcome.time_frame}".rstrip(".")
        return [f"**{heading}.** {outcome.no_number} {sure}{cite(outcome.sources)}", ""]
    groups = "; ".join(f"{option.name}: {outcome.counts[option.id]}" for option in aid.options)
    people = outcome.people.rstrip(".")
    return [
        "```{icon-array}",
        f":of: {outcome.denominator}",
        f":groups: {groups}",
        *([f":qualifier: {outcome.qualifier}"] if outcome.qualifier else []),
        f":text: {outcome.what} ({outcome.time_frame})",
        f":caption: {people}. Counted {outcome.time_frame}. {sure}",
        f":source: {','.join(outcome.sources)}",
        "```",
        "",
    ]


def certainty_part(aid: DecisionAid) -> list[str]:
    return [f"## {CERTAINTY}", "", f"{aid.certainty}{cite(aid.outcome_sources)}", ""]


def values_part(aid: DecisionAid) -> list[str]:
    lines = [
        f"## {VALUES}",
        "",
        "Only you know what matters most to you. Print this page, or use pen and paper. "
        "For each sentence, circle how much it matters to you, from 1 (not important) to 5 (very important). "
        "Then see which option your high scores point to. Take your answers to your appointment.",
        "",
    ]
    for option in aid.options:
        statements = [value.statement for value in aid.values if value.points_to == option.id]
        lines += [f"### Reasons to choose: {option.name}", "", ":::{container} decision-values", ""]
        for statement in statements:
            lines += [f"- {statement}", "", "  {decision-scale}`1-5`", ""]
        lines += [":::", ""]
    return lines


def questions_part(aid: DecisionAid) -> list[str]:
    return [f"## {QUESTIONS}", "", *(f"- {question}" for question in aid.ask_your_doctor), ""]


def about_part(dates: str, interests: str, policy_page: str) -> list[str]:
    policy = f" Read how in the {{doc}}`editorial policy </{policy_page}>`." if policy_page else ""
    return [
        f"## {ABOUT}",
        "",
        f"{dates} We check this aid again by that date, and sooner if a new guideline or a large new trial "
        f"changes its numbers.{policy}",
        "",
        interests,
        "",
        "This aid does not tell you what to choose. It is here to help you and your doctor decide together.",
        "",
    ]


def aid_markdown(aid: DecisionAid, dates: str, interests: str, signs_page: str, policy_page: str) -> list[str]:
    return [
        *decision_part(aid, signs_page),
        *grid_part(aid),
        *numbers_part(aid),
        *certainty_part(aid),
        *values_part(aid),
        *questions_part(aid),
        *about_part(dates, interests, policy_page),
    ]


def _scale_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None) -> Any:
    """A printed scale: the numbers ``text`` names ("1-5") to circle, with the ends named in words.

    The numbers are text, not a form: the page sends nothing anywhere, and the scale prints as it shows.
    """
    first, _, last = text.partition("-")
    scale = nodes.inline(classes=["decision-scale"])
    scale += nodes.inline(text=f"{SCALE_ENDS[0]} ", classes=["decision-scale-end"])
    for number in range(int(first), int(last) + 1):
        scale += nodes.inline(text=f"{number} ", classes=["decision-scale-point"])
    scale += nodes.inline(text=SCALE_ENDS[1], classes=["decision-scale-end"])
    return [scale], []


class DecisionAidDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].strip()
        path = Path(self.env.srcdir) / self.config.handbook_decisions_dir / f"{name}.yaml"
        self.env.note_dependency(str(path))
        try:
            text = path.read_text(encoding="utf-8")
            aid = parse_aid(name, text)
        except OSError:
            self._error(self.lineno, f"{{decision-aid}}: no data file {os.path.relpath(path)} (add it, or fix the name)")
            return []
        except AidError as problem:
            self._data_error(path, problem)
            return []
        if self._weaker_urgency(path, text):
            return []
        interests = " ".join(self.config.handbook_decision_aid_interests.split())
        if not interests:
            self._error(
                self.lineno,
                "{decision-aid}: no funding and conflict-of-interest statement "
                "(set handbook_decision_aid_interests in conf.py: who paid for the aid, and who gains from each choice)",
            )
            return []
        policy = self.config.handbook_editorial_policy  # article.review_status's setting: the same page
        policy_page = policy if policy in self.env.found_docs else ""
        markdown = aid_markdown(aid, self._dates(), interests, self.config.handbook_red_flags_page, policy_page)
        # {{ emergency_number }} stays as written: MyST fills it in as it parses, as in an article, so the messages
        # a translator gets (make gettext) carry the substitution, not the number of the country built.
        holder = nodes.section()
        self.state.nested_parse(StringList(markdown, source=self.get_source_info()[0]), 0, holder, match_titles=True)
        return list(holder.children)

    def _dates(self) -> str:
        meta = page_meta(self.env).get(self.env.docname)
        if meta is None or meta.last_reviewed is None or meta.next_review is None:
            return ""
        return f"Last reviewed: {long_date(meta.last_reviewed)}. Next review due: {long_date(meta.next_review)}."

    def _error(self, line: int, message: str) -> None:
        report_error(self.env, self.env.docname, line, message)

    def _weaker_urgency(self, path: Path, text: str) -> bool:
        """An aid's words are held to the urgency rule too (``handbook.clinical.urgency``): its data file is read as prose."""
        data = red_flags(self.env)
        problems = weaker_advice_in(text, data.signs, data.tiers) if data is not None else []
        for problem in problems:
            self._data_error(path, AidError(problem.line, fill_in(problem.message(), self.config)))
        return bool(problems)

    def _data_error(self, path: Path, problem: AidError) -> None:
        report_data_error(self.env, path, problem.line, f"{{decision-aid}}: {problem.message}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_decisions_dir", "_data/decisions", "env", str)
    app.add_config_value("handbook_decision_aid_interests", "", "env", str)
    app.add_directive("decision-aid", DecisionAidDirective)
    app.add_role("decision-scale", _scale_role)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
