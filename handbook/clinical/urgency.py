"""The urgency check: an article may not give a listed warning sign less urgency than the red-flags data.

"See a doctor soon if you have a fever" on one page and "the same day" on
another is the error this closes: every sentence that mentions a sign (by the
sign's ``patterns``) is read, negations removed ("do not wait" is fine), and a
word from the tier's ``weaker`` list is reported with the file and line::

    docs/conditions/x.md:12: ERROR: fever is an urgent sign; this sentence says "soon" (say: Get a same-day ...)

The functions here are also what ``tests/content`` uses, so the build and the
content tests apply one rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sphinx.application import Sphinx

from handbook.clinical.countries import PLACEHOLDER, fill_in
from handbook.clinical.redflags import red_flags
from handbook.core.diagnostics import report_error

NEGATED = re.compile(r"\b(?:do not|don't|never|not)\b[^.;:!?]*", re.IGNORECASE)
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s+(.*)$")
NOT_PROSE = ("#", ":::", "```", "|")
# A sentence ends at ".", "!" or "?" and a space, or at its citation after them ("quickly.{footcite}`x` If ..."): read
# as one, two sentences with different signs would give one sign the other's urgency (R141-06 in the evidence log).
SENTENCE_END = re.compile(r"(?<=[.!?])(?:\{footcite\}`[^`]*`)?\s+")


@dataclass(frozen=True)
class Passage:
    """A sentence of prose, or a list item read together with the sentence that introduces its list."""

    line: int
    text: str


@dataclass(frozen=True)
class WeakerAdvice:
    line: int
    sign: str
    tier: str
    words: tuple[str, ...]
    action: str

    def message(self) -> str:
        article = "an" if self.tier[:1] in "aeiou" else "a"
        said = " and ".join(f'"{word}"' for word in self.words)
        return f"{self.sign} is {article} {self.tier} sign; this sentence says {said} (say: {self.action})"


def passages(markdown: str, first_line: int = 1) -> list[Passage]:
    """Sentences of prose with their line; each sentence of a list item is read with the line that introduces its list."""
    found: list[Passage] = []
    lead_in = ""
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        # A {{ substitution }} is a phone number, not words: "emergency_number" must not read as "numb".
        stripped = PLACEHOLDER.sub("(phone)", line.strip())
        item = LIST_ITEM.match(stripped)
        if item:
            found.extend(Passage(number, f"{lead_in} {sentence}") for sentence in SENTENCE_END.split(item.group(1)))
        elif stripped and not stripped.startswith(NOT_PROSE):
            sentences = SENTENCE_END.split(stripped)
            found.extend(Passage(number, sentence) for sentence in sentences)
            lead_in = sentences[-1]
        elif stripped.startswith("#"):
            lead_in = ""
    return found


def mentions(text: str, sign: dict) -> bool:
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in sign["patterns"])


def weaker_advice(passage: str, sign: dict, tiers: dict) -> list[str]:
    """The words in a passage about this sign that ask for less urgency than its tier."""
    if not mentions(passage, sign):
        return []
    advice = NEGATED.sub(" ", passage).lower()
    weaker = tiers[sign["tier"]].get("weaker") or []
    return [word for word in weaker if re.search(rf"\b{re.escape(word)}\b", advice)]


def weaker_advice_in(markdown: str, signs: list[dict], tiers: dict, first_line: int = 1) -> list[WeakerAdvice]:
    """Every sentence of ``markdown`` that gives a sign a weaker urgency than its tier."""
    return [
        WeakerAdvice(passage.line, sign["id"], sign["tier"], tuple(words), tiers[sign["tier"]].get("action", ""))
        for passage in passages(markdown, first_line)
        for sign in signs
        if (words := weaker_advice(passage.text, sign, tiers))
    ]


def body_start(source: str) -> int:
    """The index of the first line after the front matter (0 without front matter)."""
    lines = source.splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return index + 1
    return 0


def _check_urgency(app: Sphinx, docname: str, source: list[str]) -> None:
    data = red_flags(app.env)
    if data is None or docname.split("/")[0] == app.config.tags_output_dir.strip("/"):
        return
    start = body_start(source[0])
    markdown = "\n".join(source[0].splitlines()[start:])
    for problem in weaker_advice_in(markdown, data.signs, data.tiers, first_line=start + 1):
        report_error(app.env, docname, problem.line, fill_in(problem.message(), app.config))
