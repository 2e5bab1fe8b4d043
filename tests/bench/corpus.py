"""A synthetic handbook of N extra articles, for measuring the build and search at scale.

The corpus is the real handbook plus N generated articles spread over the four
sections, each about 800 words, with valid front matter, three topics from the
vocabulary, the headings conf.py requires, links to other articles, an admonition and two citations: the work the
real articles give Sphinx and the handbook's extensions, at N times the size.

:func:`make_plain_copy` turns a corpus into the baseline the handbook's build
is held to: the same pages for plain Sphinx with myst-parser and alabaster,
the handbook's own directives and roles (topics, listings, citations) written
as plain text.
"""

from __future__ import annotations

import fnmatch
import random
import re
import runpy
import shutil
from pathlib import Path
from types import SimpleNamespace

import yaml

from handbook.content.structure import required_headings
from tests.conftest import DOCS, PROJECT

SECTIONS = ("basics", "conditions", "treatments", "living")
SENTENCES = [
    "Most back pain gets better within a few weeks, even without treatment.",
    "Keep moving as much as you can, and go back to your usual activities slowly.",
    "A short walk each day can help your back feel less stiff.",
    "Pain does not always mean that something in your back is damaged.",
    "Talk to your doctor if the pain stops you sleeping or working.",
    "Some people find that heat eases stiff muscles for a short time.",
    "The evidence for this treatment is low, so we cannot be sure it helps.",
    "Guidelines in the US and the UK do not always agree.",
    "Ask how many sessions you will need and what they will cost.",
    "Side effects are usually mild and go away in a day or two.",
    "Stress and poor sleep can make pain feel worse.",
    "A scan is rarely needed in the first six weeks.",
    "Write down when the pain started and what makes it better or worse.",
    "Bring a list of your medicines to every appointment.",
    "If a treatment does not help after a fair try, ask about other options.",
    "Numbness or weakness in both legs needs urgent care.",
]
WORDS = ["stretch", "walk", "sleep", "posture", "lifting", "desk", "chair", "garden", "swim", "bike", "stairs", "car"]


def make_corpus(target: Path, n: int, seed: int = 1) -> Path:
    """Copy the handbook to ``target`` and add ``n`` generated articles. Returns the source folder."""
    shutil.rmtree(target, ignore_errors=True)
    for part in ("docs", "_static", "_templates"):
        shutil.copytree(PROJECT / part, target / part, ignore=shutil.ignore_patterns("_tags"))
    shutil.copy(PROJECT / "conf.py", target / "conf.py")
    topics = list(yaml.safe_load((PROJECT / "docs/_data/topics.yaml").read_text(encoding="utf-8")))
    rng = random.Random(seed)
    names = [f"{SECTIONS[i % len(SECTIONS)]}/bench-{i:04d}" for i in range(n)]
    for number, name in enumerate(names):
        target.joinpath("docs", f"{name}.md").write_text(article(number, name, names, topics, rng), encoding="utf-8")
    return target / "docs"


def body_headings(docname: str) -> list[str]:
    """The headings the handbook's conf.py requires of this article, before "When to get help" and "Sources";
    four of the usual ones where it requires none, so every article has the same amount of text."""
    required = required_headings(SimpleNamespace(**runpy.run_path(str(PROJECT / "conf.py"))), docname)
    body = [heading for heading in required if heading not in ("When to get help", "Sources")]
    return body or ["What it is", "What the evidence says", "What helps", "What to expect"]


def get_help_now_box(docname: str) -> str:
    """The short "Get help now" box, where conf.py's ``handbook_get_help_now`` asks for it after the key points."""
    conf = runpy.run_path(str(PROJECT / "conf.py"))
    if not any(fnmatch.fnmatch(docname, pattern) for pattern in conf.get("handbook_get_help_now", [])):
        return ""
    data = yaml.safe_load((DOCS / conf.get("handbook_red_flags_file", "_data/red-flags.yaml")).read_text(encoding="utf-8"))
    emergency = [sign["id"] for sign in data["signs"] if sign["tier"] == "emergency"][:3]
    return f"\n```{{red-flags}}\n:short:\n:signs: {', '.join(emergency)}\n```\n"


def article(number: int, name: str, names: list[str], topics: list[str], rng: random.Random) -> str:
    words = rng.sample(WORDS, 2)
    title = f"Bench article {number}: {words[0]} and {words[1]}"
    links = rng.sample(names, min(2, len(names)))
    paragraphs = []
    for section in body_headings(name):
        text = " ".join(rng.choice(SENTENCES) for _ in range(9))
        paragraphs.append(
            f"## {section}\n\n{text}{{footcite}}`qaseem2017`\n\n{' '.join(rng.choice(SENTENCES) for _ in range(8))}"
            "{footcite}`nice2016ng59`\n"
        )
    related = ", ".join(f"[{link.split('/')[1]}](/{link}.md)" for link in links)
    return f"""---
description: A generated article about {words[0]} and {words[1]}, used to measure how the handbook scales.
last_reviewed: 2026-11-01
next_review: 2027-11-01
review_status: editorial-review
also_called:
  - {words[0]} back pain
  - bench {number}
---

# {title}

```{{tags}} {", ".join(rng.sample(topics, 3))}
```

:::{{admonition}} Key points
:class: key-points

- {rng.choice(SENTENCES)}
- {rng.choice(SENTENCES)}
- {rng.choice(SENTENCES)}
:::
{get_help_now_box(name)}
{"".join(paragraphs)}
## When to get help

Read about [warning signs that need urgent care](/basics/red-flags.md). See also {related}.

## Sources

```{{footbibliography}}
```
"""


PLAIN_CONF = """# The baseline: plain Sphinx, myst-parser and alabaster, with the handbook's settings for MyST.
project = "Spine Health Handbook"
extensions = ["myst_parser"]
exclude_patterns = ["_data"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["myst.topmatter"]
html_theme = "alabaster"
"""
# The blocks plain Sphinx lacks, as plain text: ```{name} first line, options, ```. The handbook's own directives
# are read from its code (`app.add_directive("name", ...)`), so a new one is written as text without a change here.
BIBTEX_BLOCKS = ("footbibliography", "bibliography")
OWN_DIRECTIVE = re.compile(r'add_directive\(\s*"([a-z-]+)"')
PLAIN_TEXT = {
    "tags": "Topics: {0}\n",
    "article-list": "The articles are listed in the navigation.\n",
    "topic-list": "The topics are listed in the navigation.\n",
    "footbibliography": "The sources are listed on the references page.\n",
    "bibliography": "The sources are listed here.\n",
    "red-flags": "Get help now if you have a warning sign.\n",
    "medicine-safety": "Read the medicine's leaflet.\n",
    "handbook-figure": "A figure.\n",
    "icon-array": "A picture of 100 people.\n",
    "handbook-changes": "The changes are listed here.\n",
}


def handbook_blocks() -> re.Pattern[str]:
    """A fenced block of a directive that plain Sphinx, myst-parser and alabaster do not have, at the margin or
    indented inside a list item (the indent is group 1, and the closing fence has the same indent)."""
    code = "".join(path.read_text(encoding="utf-8") for path in sorted((PROJECT / "handbook").rglob("*.py")))
    names = sorted({*OWN_DIRECTIVE.findall(code), *BIBTEX_BLOCKS}, key=len, reverse=True)
    return re.compile(r"^( *)```\{(" + "|".join(map(re.escape, names)) + r")\}(.*?)\n(.*?)^\1```\n", re.MULTILINE | re.DOTALL)


def as_plain_text(block: re.Match[str]) -> str:
    indent, name, argument = block[1], block[2], block[3]
    return indent + PLAIN_TEXT.get(name, f"The handbook's {name} block.\n").format(argument.strip())


FOOTCITE = re.compile(r"\{footcite\}`([^`]*)`")


def make_plain_copy(corpus: Path, target: Path) -> Path:
    """Copy the corpus at ``corpus`` (its ``docs``) to ``target`` as a plain Sphinx project. Returns the source folder."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(corpus / "docs", target / "docs", ignore=shutil.ignore_patterns("_tags"))
    target.joinpath("conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    blocks = handbook_blocks()
    for page in (target / "docs").rglob("*.md"):
        text = blocks.sub(as_plain_text, page.read_text(encoding="utf-8"))
        page.write_text(FOOTCITE.sub(r" (\1)", text), encoding="utf-8")
    topics = yaml.safe_load((corpus / "docs/_data/topics.yaml").read_text(encoding="utf-8"))
    listed = "\n".join(f"- {topic}: {description}" for topic, description in topics.items())
    target.joinpath("docs/_tags").mkdir()
    target.joinpath("docs/_tags/tagsindex.md").write_text(f"# Topics\n\n{listed}\n", encoding="utf-8")
    return target / "docs"
