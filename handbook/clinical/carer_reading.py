"""How search reads a carer's words about an adult in their care, in the second person the warning signs use.

The signs' patterns are written to "you" ("you wet yourself"). A carer types
"my dad has wet himself", and the search page (``handbook-search.js``,
``namedSigns``) reads such a query once more with "he", "she" and "they" as
"you". It does not for a child, a pet, a stranger, a story on screen or the
past: a toddler or a dog that wet itself, or "laughed so hard she wet herself",
is not a warning sign (review 142). Which words are the pronouns, and which
words say the query is not about an adult in someone's care, belong to one
language. So they are data, ``carer_reading:`` in the warning-sign file, where
they can use its ``pattern_parts`` (the pets, the child's ages), and in a
translation's search-words file. A language without it reads queries as typed
only: in Spanish "he" means "I have" ("no he tenido problemas para hacer pipí").

Its three keys::

    carer_reading:
      as_you: {he: you, his: your}       # a pronoun, as typed without apostrophes, and the word read for it
      not_cared_for: '\\b(dogs?|toddlers?)\\b'   # any match: the query is not a carer's about an adult
      adult: '\\badult (sons?|daughters?)\\b'    # read as "adult" before not_cared_for looks ("my son is 30")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from handbook.clinical.pattern_parts import fill_in, joined
from handbook.core.datafiles import DataFileError, require_patterns
from handbook.core.messages import did_you_mean

CARER_READING = "carer_reading"
PATTERNS = ("not_cared_for", "adult")
FIELDS = ("as_you", *PATTERNS)
# The search page's words: lower case, no apostrophes ("hes"), as handbook-search.js ``words`` gives them.
WORD = re.compile(r"^[a-z]+$")


def parse_carer_reading(
    data: object, parts: dict[str, str], line_of: Callable[[str], int]
) -> tuple[dict[str, Any] | None, list[str]]:
    """The reading for the search page (``asYou``, ``notCaredFor``, ``adult``), or None when the file has none; and
    its patterns as written, so their pattern parts count as used.

    ``line_of(key)`` is the line of a key under ``carer_reading:`` ("" for the heading), for errors.
    """
    if data is None:
        return None, []
    if not isinstance(data, dict):
        raise DataFileError(line_of(""), f"'{CARER_READING}:' expected the keys {', '.join(FIELDS)}")
    for key in data:
        if key not in FIELDS:
            raise DataFileError(
                line_of(str(key)),
                f"{CARER_READING}: unknown key {key!r} ({did_you_mean(str(key), FIELDS)}use {', '.join(FIELDS)})",
            )
    missing = [key for key in FIELDS if not data.get(key)]
    if missing:
        raise DataFileError(
            line_of(""), f"{CARER_READING}: expected {', '.join(missing)} (see handbook/clinical/carer_reading.py)"
        )
    as_you = data["as_you"]
    if not isinstance(as_you, dict) or not all(
        isinstance(word, str) and isinstance(read, str) and WORD.match(word) and WORD.match(read) for word, read in as_you.items()
    ):
        raise DataFileError(
            line_of("as_you"),
            f"{CARER_READING}: as_you: expected 'pronoun: word' pairs of lower-case letters, as in {{he: you, hes: youre}}",
        )
    written: list[str] = []
    filled: dict[str, str] = {}
    for key in PATTERNS:
        pieces = joined(data[key])  # a long pattern may be a list, one piece a line
        if pieces is None:
            raise DataFileError(line_of(key), f"{CARER_READING}: {key}: expected a pattern in quotes, or a list of pieces")
        written.append(pieces)
        filled[key] = fill_in(pieces, parts, line_of(key), f"{CARER_READING}: {key}")
        require_patterns([filled[key]], line_of(key), f"{CARER_READING}: {key}")
    reading = {"asYou": dict(as_you), "notCaredFor": filled["not_cared_for"], "adult": filled["adult"]}
    return reading, written
