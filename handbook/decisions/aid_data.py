"""One decision aid's data file (``docs/_data/decisions/<name>.yaml``), read and checked.

A decision aid is only fair if its options are shown in equal detail and its
numbers can be compared (IPDAS; see ``docs/about/editorial-policy.md``). Those
rules are checked here, on the data, so a clinic that adds an aid without
writing any markup gets one ``file:line`` error per mistake:

* one option must be doing nothing, or waiting (``do_nothing: true``);
* every row of the side-by-side grid answers every option;
* every number has a time frame and a source, and the options of one aid share
  one denominator (100 or 1,000), so "95 out of 100" can sit beside "80 out of 100";
* where the evidence is too weak for a number, the outcome says so in words
  (``no_number``) and still names its source;
* every option has at least one "what matters to you" statement pointing to it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import yaml

from handbook.article.icon_arrays import DENOMINATORS
from handbook.core.datafiles import LineLoader, Marked

CERTAINTIES = ("high", "moderate", "low", "very low", "moderate to high", "low to moderate", "very low to low")  # GRADE, in words
KINDS = ("treatment", "test")  # an aid about a test meets 4 more IPDAS criteria (docs/_data/ipdas.yaml)
QUALIFIERS = ("", "about", "more than", "fewer than", "up to")
COUNT = re.compile(r"^\s*([\d,]+)\s+out\s+of\s+([\d,]+)\s*$")


class AidError(ValueError):
    """A mistake in the data file at ``line``; the message says what and how to fix it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    what_it_is: str
    do_nothing: bool


@dataclass(frozen=True)
class GridRow:
    question: str
    answers: dict[str, str]
    sources: tuple[str, ...]
    ipdas: tuple[str, ...] = ()  # the IPDAS criteria this row meets, for the checklist (docs/_data/ipdas.yaml)


@dataclass(frozen=True)
class Outcome:
    what: str
    time_frame: str
    people: str
    certainty: str
    sources: tuple[str, ...]
    counts: dict[str, int]  # option id -> filled icons; empty when the evidence gives no number
    denominator: int
    qualifier: str
    no_number: str
    ipdas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Value:
    statement: str
    points_to: str


@dataclass(frozen=True)
class DecisionAid:
    name: str
    kind: str
    decision: str
    for_whom: str
    for_whom_sources: tuple[str, ...]
    not_for: str
    not_for_sources: tuple[str, ...]
    options: tuple[Option, ...]
    grid: tuple[GridRow, ...]
    outcomes: tuple[Outcome, ...]
    certainty: str
    values: tuple[Value, ...]
    ask_your_doctor: tuple[str, ...]

    @property
    def outcome_sources(self) -> tuple[str, ...]:
        """The sources of the numbers, once each in order: what "How sure is the evidence?" rests on."""
        return tuple(dict.fromkeys(key for outcome in self.outcomes for key in outcome.sources))


def parse_aid(name: str, text: str) -> DecisionAid:
    """The aid in ``text`` (a YAML mapping), or :class:`AidError` at the line of the first mistake."""
    try:
        data = yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as problem:
        line = problem.problem_mark.line + 1 if problem.problem_mark else 1
        raise AidError(line, f"expected a decision aid in YAML, got {problem.problem}") from None
    if not isinstance(data, Marked):
        raise AidError(1, "expected a decision aid: a YAML mapping with 'decision', 'options', 'grid', 'outcomes' ...")
    _known_fields(data)
    options = _options(data)
    ids = [option.id for option in options]
    outcomes = tuple(_outcome(_mapping(item, data, "outcomes"), ids) for item in _list(data, "outcomes"))
    _one_denominator(data, outcomes)
    values = tuple(_value(_mapping(item, data, "values"), ids) for item in _list(data, "values"))
    for option in options:
        if not any(value.points_to == option.id for value in values):
            raise AidError(
                data.line_of("values"),
                f"'values': no statement points to option '{option.id}' (give each option at least one reason to choose it)",
            )
    kind = str(data.get("kind", "treatment"))
    if kind not in KINDS:
        raise AidError(data.line_of("kind"), f"'kind': expected one of {', '.join(KINDS)}, got {kind!r}")
    return DecisionAid(
        name=name,
        kind=kind,
        decision=_text(data, "decision"),
        for_whom=_text(data, "for_whom"),
        for_whom_sources=_sources(data, "for_whom_source") if "for_whom_source" in data else (),
        not_for=_text(data, "not_for"),
        not_for_sources=_sources(data, "not_for_source"),
        options=options,
        grid=tuple(_grid_row(_mapping(item, data, "grid"), ids) for item in _list(data, "grid")),
        outcomes=outcomes,
        certainty=_text(data, "certainty"),
        values=values,
        ask_your_doctor=tuple(_plain(data, "ask_your_doctor", item) for item in _list(data, "ask_your_doctor")),
    )


FIELDS = (
    "kind", "decision", "for_whom", "for_whom_source", "not_for", "not_for_source",
    "options", "grid", "outcomes", "certainty", "values", "ask_your_doctor",
)  # fmt: skip


def _known_fields(data: Marked) -> None:
    """A misspelt field would be left out of the page without a word: name it, with the field it is closest to."""
    for key in data:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"the fields are {', '.join(FIELDS)}"
            raise AidError(data.line_of(str(key)), f"unknown field '{key}' ({hint})")


def _text(mapping: Marked, key: str) -> str:
    """A required line of text (a paragraph may be folded over several YAML lines)."""
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise AidError(mapping.line_of(key), f"'{key}': expected a line of text ({_MISSING_HINTS.get(key, 'see the schema')})")
    return " ".join(value.split())


def _plain(mapping: Marked, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise AidError(mapping.line_of(key), f"'{key}': expected a list of lines of text, got {value!r}")
    return " ".join(value.split())


def _list(mapping: Marked, key: str) -> list[Any]:
    value = mapping.get(key)
    if not isinstance(value, list) or not value:
        raise AidError(mapping.line_of(key), f"'{key}': expected a list with at least one item ({_MISSING_HINTS[key]})")
    return value


def _mapping(item: Any, parent: Marked, key: str) -> Marked:
    if not isinstance(item, Marked):
        raise AidError(parent.line_of(key), f"'{key}': each item must be a mapping of fields, got {item!r}")
    return item


def _sources(mapping: Marked, key: str = "source") -> tuple[str, ...]:
    value = mapping.get(key)
    keys = [value] if isinstance(value, str) else value
    if not isinstance(keys, list) or not keys or not all(isinstance(item, str) and item.strip() for item in keys):
        raise AidError(mapping.line_of(key), f"'{key}': expected the citation keys this rests on, as in [peul2007, liu2023]")
    return tuple(item.strip() for item in keys)


def _options(data: Marked) -> tuple[Option, ...]:
    options: list[Option] = []
    for item in _list(data, "options"):
        mapping = _mapping(item, data, "options")
        option_id = _text(mapping, "id")
        name = _text(mapping, "name")
        if re.search(r"[:;|]", name):
            raise AidError(
                mapping.line_of("name"), f"option '{option_id}': the name may not contain ':', ';' or '|' (say it in words)"
            )
        if any(option.id == option_id for option in options):
            raise AidError(mapping.line_of("id"), f"option '{option_id}' is listed twice (give each option its own id)")
        options.append(Option(option_id, name, _text(mapping, "what_it_is"), mapping.get("do_nothing") is True))
    if not 2 <= len(options) <= 4:
        raise AidError(data.line_of("options"), f"'options': expected 2 to 4 options side by side, got {len(options)}")
    waiting = [option for option in options if option.do_nothing]
    if len(waiting) != 1:
        raise AidError(
            data.line_of("options"),
            "'options': expected exactly one 'do nothing' option (doing nothing, waiting, or care without the treatment), "
            f"marked 'do_nothing: true'; found {len(waiting)}",
        )
    return tuple(options)


def _answers(mapping: Marked, key: str, ids: list[str], what: str) -> Marked:
    answers = mapping.get(key)
    if not isinstance(answers, Marked):
        raise AidError(mapping.line_of(key), f"{what}: expected '{key}' with one line for each option ({', '.join(ids)})")
    unknown = [option for option in answers if option not in ids]
    if unknown:
        raise _unknown_option(answers.line_of(unknown[0]), what, unknown[0], ids)
    missing = [option for option in ids if option not in answers]
    if missing:
        raise AidError(
            mapping.line_of(key), f"{what}: no answer for option '{missing[0]}' (every option is shown in equal detail)"
        )
    return answers


def _unknown_option(line: int, what: str, option: str, ids: list[str]) -> AidError:
    return AidError(line, f"{what}: no option has the id '{option}' (the options are {', '.join(ids)})")


def _grid_row(row: Marked, ids: list[str]) -> GridRow:
    question = _text(row, "question")
    answers = _answers(row, "answers", ids, f"grid row '{question}'")
    answered = {option: _plain(answers, option, answers[option]) for option in ids}
    return GridRow(question, answered, _sources(row), _criteria(row))


def _outcome(outcome: Marked, ids: list[str]) -> Outcome:
    what = _text(outcome, "what")
    label = f"outcome '{what}'"
    if "time_frame" not in outcome:
        raise AidError(outcome.line, f"{label}: no 'time_frame' (say when it was counted, as in 'one year later')")
    if "source" not in outcome:
        raise AidError(outcome.line, f"{label}: no 'source' (give the citation key of the study the number comes from)")
    certainty = _text(outcome, "certainty").lower()
    if certainty not in CERTAINTIES:
        raise AidError(outcome.line_of("certainty"), f"{label}: 'certainty' must be one of {', '.join(CERTAINTIES)}")
    if ("counts" in outcome) == ("no_number" in outcome):
        raise AidError(
            outcome.line,
            f"{label}: give either 'counts' (a number for each option) or 'no_number' (why the evidence gives none)",
        )
    qualifier = str(outcome.get("qualifier", "")).strip().lower()
    if qualifier not in QUALIFIERS:
        raise AidError(outcome.line_of("qualifier"), f"{label}: 'qualifier' must be one of {', '.join(filter(None, QUALIFIERS))}")
    counts: dict[str, int] = {}
    denominators: dict[str, int] = {}
    if "counts" in outcome:
        written = _answers(outcome, "counts", ids, label)
        for option in ids:
            counts[option], denominators[option] = _count(written, option, label)
        if len(set(denominators.values())) > 1:
            shown = ", ".join(f"{option} out of {number:,}" for option, number in denominators.items())
            raise AidError(
                outcome.line_of("counts"),
                f"{label}: the options have different denominators ({shown}); use the same one for every option",
            )
    return Outcome(
        what=what,
        time_frame=_text(outcome, "time_frame"),
        people=_text(outcome, "people") if "counts" in outcome else str(outcome.get("people", "")).strip(),
        certainty=certainty,
        sources=_sources(outcome),
        counts=counts,
        denominator=next(iter(denominators.values()), 0),
        qualifier=qualifier,
        no_number=_text(outcome, "no_number") if "no_number" in outcome else "",
        ipdas=_criteria(outcome),
    )


def _criteria(mapping: Marked) -> tuple[str, ...]:
    value = mapping.get("ipdas", [])
    if not isinstance(value, list) or not all(isinstance(item, str) and re.fullmatch(r"[QC]\d+", item) for item in value):
        raise AidError(mapping.line_of("ipdas"), "'ipdas': expected a list of IPDAS criteria, as in [C7, C10]")
    return tuple(value)


def _count(counts: Marked, option: str, label: str) -> tuple[int, int]:
    match = COUNT.match(str(counts[option]))
    line = counts.line_of(option)
    if not match:
        raise AidError(line, f"{label}: option '{option}': expected 'N out of 100' (or out of 1000), got {counts[option]!r}")
    count, denominator = (int(group.replace(",", "")) for group in match.groups())
    if denominator not in DENOMINATORS:
        raise AidError(line, f"{label}: option '{option}': the denominator must be 100 or 1000, got {denominator:,}")
    if count > denominator:
        raise AidError(line, f"{label}: option '{option}': {count:,} is more than the {denominator:,} people counted")
    return count, denominator


def _one_denominator(data: Marked, outcomes: tuple[Outcome, ...]) -> None:
    """All the pictures of one aid count the same crowd, so a reader can compare any two."""
    used = sorted({outcome.denominator for outcome in outcomes if outcome.counts})
    if len(used) > 1:
        raise AidError(
            data.line_of("outcomes"),
            f"'outcomes': the numbers use different denominators ({' and '.join(f'{n:,}' for n in used)}); "
            "use the same one in every outcome of an aid",
        )


def _value(value: Marked, ids: list[str]) -> Value:
    points_to = _text(value, "points_to")
    if points_to not in ids:
        raise _unknown_option(value.line_of("points_to"), "'points_to'", points_to, ids)
    return Value(_text(value, "statement"), points_to)


_MISSING_HINTS = {
    "decision": "the choice in the patient's words, as a question",
    "for_whom": "who this aid is for",
    "not_for": "who should get help instead, such as people with warning signs",
    "not_for_source": "the citation keys the warning signs rest on",
    "certainty": "how sure the evidence is overall, in words",
    "id": "a short name for the option, used by the other fields",
    "name": "the option's name as a patient would say it",
    "what_it_is": "one or two sentences on what the option involves",
    "question": "a question patients ask, as a grid row",
    "what": "what happened to the people counted, as in 'felt they had recovered'",
    "time_frame": "when it was counted",
    "people": "who was counted, as in 'People with bad leg pain for 6 to 12 weeks in a Dutch trial.'",
    "no_number": "why the evidence gives no number",
    "statement": "a reason someone might choose an option, in the first person",
    "points_to": "the id of the option this reason points to",
    "options": "2 to 4 options, one of them 'do_nothing: true'",
    "grid": "the questions patients ask, each answered for every option",
    "outcomes": "the numbers, each with a count for every option, a time frame and a source",
    "values": "'What matters most to you?' statements, each with 'points_to' an option",
    "ask_your_doctor": "questions to take to the appointment",
}
