"""A synthetic handbook of N extra articles, for measuring the build and search at scale.

The corpus is the real handbook plus N generated articles spread over the four
sections, each about 800 words, with valid front matter, three topics from the
vocabulary, links to other articles, an admonition and a citation: the work the
real articles give Sphinx and the handbook's extensions, at N times the size.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from tests.conftest import PROJECT

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


def article(number: int, name: str, names: list[str], topics: list[str], rng: random.Random) -> str:
    words = rng.sample(WORDS, 2)
    title = f"Bench article {number}: {words[0]} and {words[1]}"
    links = rng.sample(names, min(2, len(names)))
    paragraphs = []
    for section in ("What it is", "What the evidence says", "What helps", "What to expect"):
        text = " ".join(rng.choice(SENTENCES) for _ in range(9))
        paragraphs.append(
            f"## {section}\n\n{text}{{footcite}}`qaseem2017`\n\n{' '.join(rng.choice(SENTENCES) for _ in range(8))}\n"
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

{"".join(paragraphs)}
## When to get help

Read about [warning signs that need urgent care](/basics/red-flags.md). See also {related}.

## Sources

```{{footbibliography}}
```
"""
