"""``make translations-status``: for each translation, how much of each page is translated.

It reads what the build reads: each page's catalog, ``docs/locales/<language>/LC_MESSAGES/<page>.po``, as
``make translations`` (sphinx-intl) last left it (run that first: an English edit made since then is not
counted here, while the build shows it in English), ``sphinx.po`` for the handbook's own words, and
``_data/*.po`` for the data files' words (listed after the pages). A message counts as translated when it has
a translation that is not fuzzy; a fuzzy one (its English changed after it was translated) is counted apart,
because the build shows the English in its place. A page with no catalog yet is 0 % translated. Pages are
every ``.md`` file of the sources, so a new article shows up at once.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from handbook.i18n.interface import DOMAIN

LOCALES = "locales"
DATA = "_data"  # the data files, and their catalogs (handbook.i18n.data)
NOT_PAGES = ("_tags", DATA, LOCALES)  # generated topic pages, data files, the catalogs


@dataclass(frozen=True)
class Progress:
    """A catalog's messages: how many, how many translated (not fuzzy), how many fuzzy."""

    total: int
    translated: int
    fuzzy: int

    @property
    def percent(self) -> int:
        """The share translated, rounded down: 100 only when every message is."""
        return 100 * self.translated // self.total if self.total else 0


def catalog_progress(path: Path) -> Progress:
    """Count the messages of one ``.po`` file; a missing file has none."""
    if not path.is_file():
        return Progress(0, 0, 0)
    with path.open("rb") as file:
        catalog = read_po(file)
    messages = [message for message in catalog if message.id]  # the header has no id
    return Progress(
        total=len(messages),
        translated=sum(1 for message in messages if message.string and not message.fuzzy),
        fuzzy=sum(1 for message in messages if message.fuzzy),
    )


def pages(sources: Path) -> list[str]:
    """Every page of the sources, by docname."""
    found = (path.relative_to(sources).with_suffix("").as_posix() for path in sources.rglob("*.md"))
    return sorted(name for name in found if name.split("/")[0] not in NOT_PAGES)


def report(sources: Path, language: str) -> str:
    """The table ``make translations-status`` prints for one language."""
    catalogs = sources / LOCALES / language / "LC_MESSAGES"
    rows = {name: catalog_progress(catalogs / f"{name}.po") for name in pages(sources)}
    done = sum(1 for progress in rows.values() if progress.total and progress.percent == 100)
    started = sum(1 for progress in rows.values() if 0 < progress.percent < 100 or progress.fuzzy)
    own = catalog_progress(catalogs / f"{DOMAIN}.po")
    data = {
        path.relative_to(catalogs).with_suffix("").as_posix(): catalog_progress(path)
        for path in sorted(catalogs.joinpath(DATA).glob("*.po"))
    }
    width = max(len(name) for name in [*rows, *data, "page"])
    lines = [
        f"{language}: {done} of {len(rows)} pages translated, {started} partly or out of date, "
        f"{len(rows) - done - started} not yet; the handbook's own words {own.percent} % ({own.fuzzy} fuzzy)",
        f"{'page':<{width}}  translated  fuzzy",
    ]
    lines += [f"{name:<{width}}  {p.percent:>8} %  {p.fuzzy:>5}" for name, p in {**rows, **data}.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sources", type=Path, help="the source folder, docs")
    parser.add_argument("languages", nargs="*", help="the translations' codes, like es")
    arguments = parser.parse_args(argv)
    print("\n\n".join(report(arguments.sources, language) for language in arguments.languages) or "No translations.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
