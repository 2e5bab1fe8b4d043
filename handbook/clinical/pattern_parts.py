"""Named pieces of warning-sign patterns, written once in a data file and used by many patterns.

Many signs' patterns share long pieces: the list of pets that stops "my dog's
back legs are weak" from naming a person's sign, the words for cancer and its
treatments, the denial just before a symptom ("no chest pain"). Copied into each
pattern, a fix to one copy misses the others, and a forking clinic cannot read
a line thousands of characters long. So a data file may hold ``pattern_parts:``, each a name
and a piece of a regular expression, and a pattern writes ``{{ name }}`` where
the piece goes::

    pattern_parts:
      pet: '(dogs?|cats?|pupp(y|ies))'
    signs:
      - patterns: ['^(?![^.;]*\\b{{ pet }}\\b)[^.;]*\\bboth legs\\b']

A long part may be a list of pieces, joined with nothing between them, so each
guard of it stands on a line of its own with a comment. A part may use the
parts above it. The build, the urgency check and the search
page only ever see the patterns with their parts filled in, so a part changes
nothing the page runs. An unknown name, a part used nowhere, or a part that is
not a piece of text is one error with the file's line, like any data mistake.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from handbook.core.datafiles import DataFileError
from handbook.core.messages import did_you_mean

PARTS = "pattern_parts"
# {{ name }}, the placeholder the data files already use for country settings; a regular expression never writes "{{".
USE = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def read_parts(data: object, line_of: Callable[[str], int]) -> dict[str, str]:
    """The file's ``pattern_parts:`` in order, each with the parts above it filled in; none when it has none.

    ``line_of(name)`` is the line of a part's name, for errors; a part's own problems are reported there.
    """
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataFileError(line_of(""), f"'{PARTS}:' expected one line per part, as in 'pet: (dogs?|cats?)'")
    parts: dict[str, str] = {}
    for name, piece in data.items():
        line = line_of(str(name))
        if not isinstance(name, str) or not NAME.match(name):
            raise DataFileError(line, f"{PARTS}: {name!r}: a part's name is lower-case letters, digits and '_'")
        text = joined(piece)
        if not text:
            raise DataFileError(line, f"{PARTS}: {name}: expected a piece of a pattern in quotes, or a list of pieces")
        parts[name] = fill_in(text, parts, line, f"{PARTS}: {name}")
    return parts


def joined(piece: object) -> str | None:
    """A piece of a pattern as a data file writes it: in quotes, or a list of pieces (one guard a line) joined with
    nothing between them; None when it is neither."""
    if isinstance(piece, list) and all(isinstance(each, str) for each in piece):
        return "".join(piece)
    return piece if isinstance(piece, str) else None


def fill_in(pattern: str, parts: dict[str, str], line: int, owner: str) -> str:
    """``pattern`` with each ``{{ name }}`` replaced by its part, or one error at ``line`` naming ``owner``."""

    def part(use: re.Match[str]) -> str:
        name = use.group(1)
        if name not in parts:
            known = ", ".join(parts) or f"none: add '{PARTS}:' to the file"
            hint = did_you_mean(name, parts)
            raise DataFileError(line, f"{owner}: unknown pattern part {{{{ {name} }}}} ({hint}the parts above: {known})")
        return parts[name]

    return USE.sub(part, pattern)


def require_all_used(data: object, patterns: Iterable[str], line_of: Callable[[str], int]) -> None:
    """Every part of ``data`` (the ``pattern_parts:`` :func:`read_parts` accepted) is used by one of ``patterns`` as
    written or by another part, or one error: a part nothing uses is a forgotten one."""
    pieces = data.values() if isinstance(data, dict) else ()
    written = [*(joined(piece) or "" for piece in pieces), *patterns]
    used = {name for text in written for name in USE.findall(text)}
    for name in data if isinstance(data, dict) else ():
        if name not in used:
            raise DataFileError(line_of(name), f"{PARTS}: {name}: no pattern uses it (write {{{{ {name} }}}}, or remove it)")


def filled_signs(data: dict) -> list[dict]:
    """A warning-sign file's signs, each pattern with its parts filled in: the file as a build reads it.

    For readers of the file outside a build (the content tests); the build's own reading also checks each name and
    line (:func:`handbook.clinical.redflags.parse_red_flags`).
    """
    parts = read_parts(data.get(PARTS), lambda _name: 1)
    return [
        {**sign, "patterns": [fill_in(pattern, parts, 1, f"sign {sign['id']!r}") for pattern in sign["patterns"]]}
        for sign in data["signs"]
    ]
