"""A clinic forks the handbook: new name, new address, A4 paper, two articles out, one in; everything stays green.

The fork is made in a temporary copy the way its editors would make it (edit
conf.py, delete two articles and unlink the pages that pointed to them, add an
article), then built strictly with ``make check-content`` and held to this
handbook's own content tests (tests/content/, run inside the fork with
``HANDBOOK_ROOT`` pointing at it).
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.content.pemat import ITEMS
from tests.project import copy_project, make

NAME = "Riverside Back Care"
ADDRESS = "https://backcare.example.org/guide/"
REMOVED = ("conditions/myofascial-pain", "living/choosing-a-practitioner")
ADDED = "living/driving-with-back-pain"
NEW_ARTICLE = """---
description: How long drives can affect back pain, and simple things that can help you travel in comfort.
last_reviewed: 2026-11-01
next_review: 2027-11-01
review_status: editorial-review
also_called:
  - driving with a bad back
  - long car journeys
---

# Driving with back pain

```{tags} self-care, chronic pain
```

:::{admonition} Key points
:class: key-points

- Back pain can make long drives hard.
- Short breaks to walk about can help.
- Keep active in the day. It helps most back pain get better.{footcite}`qaseem2017`
:::

## Why driving matters

Sitting still for a long time can make your back feel stiff.

## What can help

Stop for a short walk on long trips. Stay as active as you can.{footcite}`nice2016ng59`

## When to get help

Most back pain is not serious. Read about [warning signs that need urgent care](../basics/red-flags.md).

```{red-flags}
```

## Sources

```{footbibliography}
```
"""


def make_fork(root: Path) -> Path:
    copy_project(root)
    conf = root / "conf.py"
    original = runpy.run_path(str(conf))
    text = conf.read_text(encoding="utf-8").replace(original["project"], NAME)
    text = re.sub(r"^html_baseurl = .*$", f'html_baseurl = "{ADDRESS}"', text, flags=re.MULTILINE)
    text = re.sub(r"^handbook_paper_size = .*$", 'handbook_paper_size = "A4"', text, flags=re.MULTILINE)
    conf.write_text(text, encoding="utf-8")
    docs = root / "docs"
    for docname in REMOVED:
        (docs / f"{docname}.md").unlink()
        unlink_everywhere(docs, docname)
        drop_from_data(docs / "_data", docname)
    (docs / f"{ADDED}.md").write_text(NEW_ARTICLE, encoding="utf-8")
    rate_articles(docs / "_data/pemat.yaml", removed=REMOVED, added=ADDED)
    drop_uncited_sources(root, root / original["bibtex_bibfiles"][0])
    return root


# The fork's own PEMAT-P rating of its new article, as its editors would add it (TEST DATA: a fictional fork's page).
RATING = """  {docname}:
    rated: 2026-11-02
    first_reading: {{{scores}}}
    second_reading: {{{scores}}}
    agreed: {{{scores}}}
    why: {{}}
"""


def rate_articles(ratings: Path, removed: tuple[str, ...], added: str) -> None:
    """Take the removed articles' ratings out of the PEMAT file and rate the new article, as the fork's editors must."""
    text = ratings.read_text(encoding="utf-8")
    for docname in removed:
        text = re.sub(rf"^  {re.escape(docname)}:\n(?:    .*\n|      .*\n)*", "", text, flags=re.MULTILINE)
    scores = ", ".join(f"{item}: 1" for item in ITEMS)
    ratings.write_text(text + RATING.format(docname=added, scores=scores), encoding="utf-8")


def drop_from_data(data: Path, docname: str) -> None:
    """Take a removed page out of the data files' page lists (``[a, b]`` and ``- a``), as its editors would."""
    name = re.escape(docname)
    for path in data.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"^\s*- {name}\n", "", text, flags=re.MULTILINE)
        text = re.sub(rf", {name}(?=[,\]])", "", text)
        text = re.sub(rf"\[{name}(, |(?=\]))", "[", text)
        path.write_text(text, encoding="utf-8")


# The content tests' own list of cited works, read in the fork (HANDBOOK_ROOT) in a new process.
CITED_WORKS = "from tests.content.test_articles import cited_works; print('\\n'.join(sorted(cited_works())))"


def drop_uncited_sources(root: Path, bibliography: Path) -> None:
    """Take out the sources only the removed articles cited, as the content tests ask its editors to."""
    env = {**os.environ, "HANDBOOK_ROOT": str(root), "PYTHONPATH": str(root)}
    result = subprocess.run([sys.executable, "-c", CITED_WORKS], cwd=root, env=env, capture_output=True, text=True, check=True)
    cited = set(result.stdout.split())
    entries = re.split(r"(?m)^(?=@\w+\{)", bibliography.read_text(encoding="utf-8"))
    kept = [entry for entry in entries if not (key := re.match(r"@\w+\{([^,]+),", entry)) or key.group(1) in cited]
    bibliography.write_text("".join(kept), encoding="utf-8")


def unlink_everywhere(docs: Path, docname: str) -> None:
    """Keep the words of every link to a removed page, without the link."""
    link = re.compile(rf"\[([^\]]+)\]\((?:\.\./|/)*(?:{re.escape(docname)}|{re.escape(docname.split('/')[1])})\.md(?:#[\w-]*)?\)")
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        unlinked = link.sub(r"\1", text)
        if unlinked != text:
            page.write_text(unlinked, encoding="utf-8")


@pytest.mark.make
def test_a_small_fork_builds_and_passes_the_content_tests(tmp_path):
    fork = make_fork(tmp_path / "fork")
    conf = runpy.run_path(str(fork / "conf.py"))
    assert (conf["project"], conf["html_baseurl"], conf["handbook_paper_size"]) == (NAME, ADDRESS, "A4")

    built = make(fork, "check-content", timeout=600)
    assert built.returncode == 0, built.stderr

    env = {**os.environ, "HANDBOOK_ROOT": str(fork), "PYTHONPATH": str(fork)}
    command = [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", "tests/content"]
    suite = subprocess.run(command, cwd=fork, env=env, capture_output=True, text=True, timeout=900)
    failures = "\n".join(line for line in suite.stdout.splitlines() if line.startswith("FAILED"))
    assert suite.returncode == 0, failures or suite.stdout[-3000:]
    assert f"[{ADDED}] PASSED" in suite.stdout, "the new article is found and checked"
    assert not [name for name in REMOVED if f"[{name}]" in suite.stdout], "the removed articles are gone"
