"""Read an article's YAML front matter with the line of every value.

MyST parses front matter too, but it keeps neither line numbers nor YAML's
exact text: ``2025-02-30`` fails deep inside PyYAML's date constructor and
``no`` becomes ``False``. Authors need ``file:line`` and what they typed, so
this module composes the YAML into nodes and reads every scalar as the string
the author wrote. Nothing here knows which fields exist; that is
:mod:`handbook.content.metadata`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

FENCE = "---"


@dataclass(frozen=True)
class Entry:
    """A ``- key: text`` list item, as in a dated ``changes`` line, with its line."""

    key: str
    text: str
    line: int


@dataclass(frozen=True)
class Value:
    """A front-matter value as written: a string, or a list of strings and entries, and its line."""

    key: str
    value: str | tuple[str | Entry, ...] | None
    line: int


@dataclass(frozen=True)
class FrontMatter:
    values: dict[str, Value]
    end_line: int


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML between the opening and closing ``---`` lines, and the closing line.

    Follows MyST's rule: front matter exists only when the very first line is ``---``.
    """
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != FENCE:
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == FENCE:
            return "\n".join(lines[1 : number - 1]), number
    raise FrontMatterError(1, "front matter: expected a closing '---' line, found none")


def read_front_matter(text: str) -> FrontMatter | None:
    """Parse the front matter of ``text``; ``None`` when the file has none."""
    split = split_front_matter(text)
    if split is None:
        return None
    body, end_line = split
    try:
        root = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _file_line(mark) if mark else 1
        problem = error.problem or error.context or "malformed YAML"
        raise FrontMatterError(line, f"front matter: expected 'key: value' lines of YAML, got {problem}") from None
    except yaml.reader.ReaderError as error:
        raise FrontMatterError(1, f"front matter: expected printable text, got the character {error.character!r}") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(1, f"front matter: expected 'key: value' lines of YAML, got {error}") from None
    if root is None:
        return FrontMatter({}, end_line)
    if not isinstance(root, yaml.MappingNode):
        raise FrontMatterError(
            _file_line(root.start_mark), "front matter: expected 'key: value' lines, got a single value or a list"
        )
    values: dict[str, Value] = {}
    for key_node, value_node in root.value:
        line = _file_line(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise FrontMatterError(line, "front matter: expected a plain field name before ':'")
        key = key_node.value
        if key in values:
            raise FrontMatterError(line, f"{key}: given twice (first at line {values[key].line}); keep one")
        values[key] = Value(key, _plain(key, value_node), line)
    return FrontMatter(values, end_line)


def _plain(key: str, node: yaml.Node) -> str | tuple[str | Entry, ...] | None:
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        items: list[str | Entry] = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                items.append(item.value)
            elif _is_entry(item):
                (item_key, item_text), *_ = item.value
                items.append(Entry(item_key.value, item_text.value, _file_line(item.start_mark)))
            else:
                raise FrontMatterError(
                    _file_line(item.start_mark), f"{key}: expected a list of words, got a nested list or mapping"
                )
        return tuple(items)
    raise FrontMatterError(_file_line(node.start_mark), f"{key}: expected a value or a list, got a mapping")


def _is_entry(node: yaml.Node) -> bool:
    """One ``key: text`` pair of plain values (a mapping of one scalar to one scalar)."""
    return (
        isinstance(node, yaml.MappingNode)
        and len(node.value) == 1
        and all(isinstance(part, yaml.ScalarNode) for part in node.value[0])
    )


def _file_line(mark: yaml.Mark) -> int:
    """YAML marks count from 0 inside the block; the block starts on file line 2."""
    return mark.line + 2
