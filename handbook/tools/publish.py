"""Publish atomically: build everything into a fresh folder, swap it in only on success.

``make dist`` runs this. The live copy (``_build/dist``) is what gets uploaded;
a publish that fails halfway (a bad article, a failed check) must never leave
it half-built or empty. So every step writes into ``<target>.new``, and only
when all of them succeeded is the old folder moved aside and the new one
renamed into place. On failure the staging folder is removed and the
previous ``<target>`` is left exactly as it was.

The published copy holds the website, the book (``handbook.pdf``), a handout
and a one-page quick sheet per article (``handouts/<page>.pdf``,
``quicksheets/<page>.pdf``), both again in large print (``handouts-large/``,
``quicksheets-large/``), and ``handbook-offline.zip``: all of it, to read
without a connection. The site's download links point at these: the
site is built with ``handbook_download_links`` on, which only this build may
do, since only here are the files made beside it (see :mod:`handbook.printing.manifest`).

Each translation (``--translation es``, from conf.py's ``handbook_languages`` in the Makefile) is published the
same way in its folder, ``es/``: its site, book, handouts and quick sheets, in its language.

Usage: ``python -m handbook.tools.publish TARGET [--paper SIZE] [--translation LANGUAGE ...] -- [sphinx-build options...]``
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from handbook.printing.manifest import BOOK_FILE, HANDOUTS_FOLDER, OFFLINE_FILE, QUICK_SHEETS_FOLDER, large_print_folder

Step = list[str]
# Zip entries carry a date; the last commit's (set by the Makefile) keeps the zip reproducible.
EARLIEST_ZIP_DATE = 315532800  # 1980-01-01, the first date a zip file can hold


def site_steps(
    staging: Path, doctrees: Path, options: Sequence[str], print_options: Sequence[str] = (), translations: Sequence[str] = ()
) -> list[Step]:
    """Everything that goes into a published copy, built into ``staging``: the site and its PDFs in the articles'
    language, then each of ``translations`` in its folder (``es/``) with its own, and the zip of all of it."""
    steps = _edition_steps(staging, doctrees, options, print_options)
    for language in translations:
        where, trees = staging / language, translation_doctrees(doctrees, language)
        steps += _edition_steps(where, trees, [*options, "-D", f"language={language}"], print_options)
    return [*steps, [sys.executable, "-m", "handbook.tools.publish", "--offline-zip", str(staging), str(staging / OFFLINE_FILE)]]


def translation_doctrees(doctrees: Path, language: str) -> Path:
    """A translation's doctrees, beside the articles' language's: each build keeps its own environment."""
    return doctrees.with_name(f"{doctrees.name}-{language}")


def _edition_steps(site: Path, doctrees: Path, options: Sequence[str], print_options: Sequence[str]) -> list[Step]:
    """One language's site, with ``handbook_download_links`` on, and its book, handouts and quick sheets."""
    sphinx = [sys.executable, "-m", "sphinx", "-c", ".", "-d", str(doctrees), *options]
    printing = [sys.executable, "-m", "handbook.printing.commands"]
    where = [str(site)]
    after = ["--doctrees", str(doctrees), *print_options]
    return [
        [*sphinx, "-b", "html", "-D", "handbook_download_links=1", "docs", str(site)],
        [*printing, "book", *where, str(site / BOOK_FILE), *after],
        [*printing, "handouts", *where, str(site / HANDOUTS_FOLDER), *after],
        [*printing, "quicksheets", *where, str(site / QUICK_SHEETS_FOLDER), *after],
        [*printing, "handouts", *where, str(site / large_print_folder(HANDOUTS_FOLDER)), *after, "--large-print"],
        [*printing, "quicksheets", *where, str(site / large_print_folder(QUICK_SHEETS_FOLDER)), *after, "--large-print"],
    ]


def offline_zip(site: Path, output: Path) -> int:
    """Zip the whole site under one ``handbook/`` folder: unzip, open ``handbook/index.html``."""
    stamp = max(int(os.environ.get("SOURCE_DATE_EPOCH") or EARLIEST_ZIP_DATE), EARLIEST_ZIP_DATE)
    moment = datetime.fromtimestamp(stamp, tz=UTC)
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    partial = output.with_name(output.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # Sorted by the entry's name, as a zip lists it ("figures.css" before "figures/...", unlike sorted Paths).
        for path in sorted(site.rglob("*"), key=lambda path: path.relative_to(site).as_posix()):
            if path.is_file() and path not in (output, partial):
                entry = zipfile.ZipInfo(f"handbook/{path.relative_to(site).as_posix()}", date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, path.read_bytes())
    partial.replace(output)
    return 0


def publish(target: Path, steps_for: Callable[[Path], list[Step]]) -> int:
    """Run ``steps_for(staging)`` in order; replace ``target`` only if every step exits 0."""
    staging = target.with_name(f"{target.name}.new")
    retired = target.with_name(f"{target.name}.old")
    shutil.rmtree(staging, ignore_errors=True)
    for step in steps_for(staging):
        status = subprocess.run(step).returncode
        if status != 0:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"publish: a step failed (exit {status}); {target} was left as it was.", file=sys.stderr)
            return status
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    print(f"publish: {target} is up to date.")
    return 0


def main(arguments: Sequence[str]) -> int:
    if arguments and arguments[0] == "--offline-zip":
        return offline_zip(Path(arguments[1]), Path(arguments[2]))
    target, *rest = arguments
    own, options = (rest[: rest.index("--")], rest[rest.index("--") + 1 :]) if "--" in rest else ([], rest)
    translations, print_options, words = [], [], iter(own)
    for word in words:
        if word == "--translation":
            translations.append(next(words, ""))
        else:
            print_options.append(word)
    target_path = Path(target)
    doctrees = target_path.with_name(f"{target_path.name}.doctrees")
    return publish(target_path, lambda staging: site_steps(staging, doctrees, options, print_options, translations))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
