"""The facts of the handbook under test, read from its conf.py and its files, never written here.

Content tests run against this repository, or against a fork when
``HANDBOOK_ROOT`` names another project folder (tests/test_fork.py does that),
so nothing about this handbook (its name, address, paper size or articles)
may be a literal in them.
"""

from __future__ import annotations

import os
import re
import runpy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import PROJECT

ROOT = Path(os.environ.get("HANDBOOK_ROOT", PROJECT)).resolve()
DOCS = ROOT / "docs"
FOOTCITE = re.compile(r"\{footcite[pt]?\}`([^`]+)`")


@cache
def conf() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "conf.py"))


def source(docname: str) -> str:
    return (DOCS / f"{docname}.md").read_text(encoding="utf-8")


def front_matter(docname: str) -> dict:
    return yaml.safe_load(source(docname).split("---\n")[1]) or {}


def articles() -> list[str]:
    """Every published article: the pages in the section folders, as the build finds them."""
    found = [
        path.relative_to(DOCS).with_suffix("").as_posix()
        for section in conf()["handbook_article_sections"]
        for path in sorted((DOCS / section).glob("*.md"))
        if path.stem != "index"
    ]
    return [name for name in found if front_matter(name).get("review_status") != "draft"]


def table_rows(docname: str) -> list[list[str]]:
    """The header, then every body row, of a page whose tables share one header (such as a comparison split into
    groups): each row as its cells, with the divider lines and the repeated headers left out."""
    lines = [line for line in source(docname).splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines if "---" not in line]
    return [rows[0], *(row for row in rows[1:] if row != rows[0])]


def all_markdown() -> list[Path]:
    return sorted(path for path in DOCS.rglob("*.md") if "_tags" not in path.parts)


def section(docname: str, title: str) -> str:
    text = source(docname)
    start = text.index(f"## {title}\n")
    following = re.search(r"^## ", text[start + 3 :], flags=re.MULTILINE)
    return text[start : start + 3 + following.start()] if following else text[start:]


def cited_keys(text: str) -> set[str]:
    return {key.strip() for keys in FOOTCITE.findall(text) for key in keys.split(",")}
