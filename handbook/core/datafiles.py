"""The project's YAML data files that many pages depend on (``docs/_data/*.yaml``).

The topic vocabulary and the synonym groups are read once per build. A mistake
in one is a single error naming the file and line, with the build going on, and
a change to one re-reads the pages that depend on it: each file's digest is
kept in the environment and compared at the next build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.core.diagnostics import fail_build
from handbook.i18n.data import shown_words, translate_fields, write_data_template

logger = logging.getLogger(__name__)


class DataFileError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def require_patterns(patterns: list[str], line: int, owner: str) -> None:
    """Each pattern a valid regular expression, or one error at ``line`` naming ``owner`` ("sign 'fever'")."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as problem:
            raise DataFileError(line, f"{owner}: pattern {pattern!r} is not a regular expression ({problem})") from None


def bib_keys(source: object) -> tuple[str, ...]:
    """A data file's ``source``: one bibliography key, a list of keys (wording that draws on several), or none."""
    if source is None:
        return ()
    return tuple(str(key) for key in source) if isinstance(source, list) else (str(source),)


class Marked(dict[str, Any]):
    """A YAML mapping that remembers its own line and each key's line, to name where a mistake is."""

    line = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, making every mapping a :class:`Marked`: a data file's errors can name their line."""


def _marked_mapping(loader: LineLoader, node: yaml.MappingNode) -> Marked:
    mapping = Marked({str(key): value for key, value in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


class MarkedList(list[Any]):
    """A YAML list that remembers the line of each of its items (a synonym group, a phrase)."""

    item_lines: list[int]

    def line_of_item(self, position: int) -> int:
        """The line of the item at ``position`` (0-based)."""
        return self.item_lines[position]


def _marked_sequence(loader: LineLoader, node: yaml.SequenceNode) -> MarkedList:
    sequence = MarkedList(loader.construct_sequence(node, deep=True))
    sequence.item_lines = [item.start_mark.line + 1 for item in node.value]
    return sequence


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _marked_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _marked_sequence)


class DataFile:
    """One data file: ``parse`` turns its YAML into the value pages use, or raises DataFileError."""

    def __init__(
        self,
        setting: str,
        attribute: str,
        shape: str,
        parse: Callable[[Any], Any],
        fallback: Any,
        optional: bool = False,
        translatable: tuple[str, ...] = (),
        more_words: Callable[[Sphinx], list[str]] | None = None,
    ) -> None:
        self.setting = setting
        self.attribute = attribute
        self.shape = shape
        self.parse = parse
        self.fallback = fallback
        self.optional = optional
        # The fields patients read, as handbook.i18n.data paths ("signs[].text"): translated in a translation's build.
        self.translatable = translatable
        # Words its pages show that are not in the file itself (the drawings' labels), in the same catalog.
        self.more_words = more_words
        self.digest = ""

    def load(self, app: Sphinx) -> None:
        """Parse the file into ``env.<attribute>``; on a mistake report it once and use the fallback."""
        path = self.path(app)
        if self.optional and not path.exists():
            setattr(app.env, self.attribute, self.fallback)
            return
        try:
            text = path.read_bytes()
            tree = _yaml(text, self.shape)
            if self.translatable and app.builder.name == "gettext":
                more = self.more_words(app) if self.more_words else []
                write_data_template(app, getattr(app.config, self.setting), tree, self.translatable, more)
            tree = translate_fields(app, getattr(app.config, self.setting), tree, self.translatable)
            setattr(app.env, self.attribute, self.parse(tree))
            self.digest = self._digest(app, text)
        except OSError as problem:
            self._report(app, path, DataFileError(1, f"expected a data file here, could not read it ({problem.strerror})"))
        except DataFileError as problem:
            self._report(app, path, problem)

    def _digest(self, app: Sphinx, text: bytes) -> str:
        """The words its pages show: the file, and in a translation its catalog too, so that a translator's
        correction in ``_data/<file>.po`` alone reads its pages again (``changed_since_last_build``)."""
        words = shown_words(app, getattr(app.config, self.setting)) if self.translatable else {}
        return hashlib.sha256(text + json.dumps(sorted(words.items()), ensure_ascii=False).encode()).hexdigest()

    def path(self, app: Sphinx) -> Path:
        """Where the file is: its setting, relative to the sources."""
        return Path(app.srcdir) / getattr(app.config, self.setting)

    def _report(self, app: Sphinx, path: Path, problem: DataFileError) -> None:
        logger.error(problem.message, location=f"{os.path.relpath(path)}:{problem.line}", type="handbook")
        fail_build(app)
        setattr(app.env, self.attribute, self.fallback)

    def changed_since_last_build(self, env: BuildEnvironment) -> bool:
        key = f"{self.attribute}_digest"
        previous = getattr(env, key, None)
        setattr(env, key, self.digest)
        return previous not in (None, self.digest)


def _yaml(text: bytes, shape: str) -> Any:
    try:
        return yaml.load(text.decode("utf-8"), Loader=LineLoader)
    except UnicodeDecodeError:
        raise DataFileError(1, "expected UTF-8 text") from None
    except yaml.MarkedYAMLError as problem:
        line = problem.problem_mark.line + 1 if problem.problem_mark else 1
        raise DataFileError(line, f"expected {shape} of YAML, got {problem.problem}") from None
    except yaml.YAMLError as problem:
        raise DataFileError(1, f"expected {shape} of YAML, got {problem}") from None
