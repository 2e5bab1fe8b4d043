"""Make the offline PDFs from a built website: ``make pdf``, ``make handouts`` and ``make quicksheets``.

Usage::

    python -m handbook.printing.commands book HTML_DIR OUTPUT.pdf [--doctrees DIR] [--paper SIZE]
    python -m handbook.printing.commands handouts|quicksheets HTML_DIR OUTPUT_DIR [--doctrees DIR] [--paper SIZE]
        [--jobs N] [--large-print]

``HTML_DIR`` is a finished HTML build of the handbook; its doctree folder
(default ``HTML_DIR/.doctrees``) holds the page list ``handbook.printing.manifest`` wrote.
Handouts and quick sheets are made in parallel, one process per core. Every
PDF is written to a temporary name and renamed into place, so a failed run
never leaves a half-written file, and a PDF whose content runs past the page
edge is an error naming the page, not a quietly clipped handout. A quick sheet
that runs onto a second page is an error in the build's own style,
``docs/<file>:<line>: ERROR: what (how to fix)``, one line per article, never
a shortened sheet.

``--large-print`` prints handouts and quick sheets with every text at least
16 pt (``_static/pdf/large-print.css``). Type that large does not fit a quick
sheet on one page, and smaller type would defeat the purpose, so a large-print
quick sheet takes the pages it needs (two or three): it prints the same parts
as the one-page sheet, whose limit is what keeps both short. The book has no
large-print edition.

A translation's quick sheet may take two pages (:data:`TRANSLATED_SHEET_PAGES`): it prints the same parts
as the English sheet that fits on one, and Spanish, for one, takes about a quarter more words to say the same.
Cutting them to fit would make the translation say less than the English; two pages is still a limit, so a
sheet that grows past it is the same error.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from handbook.article.review_status import long_date
from handbook.printing.documents import Manifest, MissingPart, Page, book, disclaimer_text, handout, quick_sheet
from handbook.printing.manifest import MANIFEST

# WeasyPrint's PDF/UA-1 variant: a tagged PDF that screen readers can follow.
PDF_VARIANT = "pdf/ua-1"
# Rounding in the layout engine; anything wider than this is really cut off.
TOLERANCE_PT = 1.0
# A quick sheet's body line (quicksheet.css: 10pt type, line-height 1.3), in CSS pixels: to say how much is too much.
QUICK_SHEET_LINE_PX = 10 * 1.3 * 4 / 3
# The pages a translation's quick sheet may take (module docstring); the articles' own language's take one.
TRANSLATED_SHEET_PAGES = 2

Job = TypeVar("Job")
Result = TypeVar("Result")


class PrintError(Exception):
    """A problem with the input, reported as one line, never a traceback.

    With a ``location`` (``docs/x.md:12``) the line is the build's own style:
    ``docs/x.md:12: ERROR: what (how to fix)``.
    """

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message, location)  # both in args, so the error survives the trip back from a worker process
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return self.message

    def line(self) -> str:
        return f"{self.location}: ERROR: {self.message}" if self.location else f"ERROR: {self.message}"


class PrintErrors(Exception):
    """Every PDF of a run that could not be made, one ``PrintError`` each."""

    def __init__(self, errors: Sequence[PrintError]) -> None:
        super().__init__(list(errors))
        self.errors = list(errors)


def edition_date() -> date:
    """The date of the last commit (``SOURCE_DATE_EPOCH``, set by the Makefile), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True).stdout
        return datetime.fromtimestamp(int(stamp), tz=UTC).date()
    except (OSError, ValueError, subprocess.CalledProcessError):
        return date.today()


def load_manifest(html_dir: Path, doctrees: Path | None, paper: str | None, large_print: bool = False) -> Manifest:
    """The page list a build wrote, with the options chosen for this print run."""
    path = (doctrees or html_dir / ".doctrees") / MANIFEST
    if not (html_dir / "index.html").is_file():
        raise PrintError(f"{html_dir}: no built website here; run `make html` first")
    if not path.is_file():
        raise PrintError(f"{path}: missing; build the website with the handbook extension first (`make html`)")
    manifest = replace(Manifest.load(path), large_print=large_print)
    return replace(manifest, paper_size=paper) if paper else manifest


def overflows(rendered: object) -> Iterator[tuple[int, float]]:
    """(page number, points) for every page where a box runs past the right page edge.

    Reads WeasyPrint's layout boxes: the page box knows its content area, and
    the header and footer (margin boxes) are left out, as they live in the margins.
    """
    from weasyprint.formatting_structure.boxes import MarginBox

    for number, page in enumerate(rendered.pages, start=1):  # type: ignore[attr-defined]
        page_box = page._page_box
        right_edge = page_box.margin_width() - page_box.margin_right
        content = [child for child in page_box.children if not isinstance(child, MarginBox)]
        widest = max(
            (
                box.position_x + box.margin_width()
                for child in content
                for box in child.descendants()
                if hasattr(box, "margin_width")
            ),
            default=0.0,
        )
        if widest > right_edge + TOLERANCE_PT:
            yield number, widest - right_edge


def overflow_below(rendered: object, pages: int) -> float:
    """How far the content runs past the first ``pages`` pages, in CSS pixels (0 when it fits)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    total = 0.0
    for page in rendered.pages[pages:]:  # type: ignore[attr-defined]
        page_box = page._page_box
        top = page_box.content_box_y()
        content = [child for child in page_box.children if not isinstance(child, MarginBox)]
        bottom = max(
            (
                box.position_y + box.margin_height()
                for child in content
                for box in child.descendants()
                if hasattr(box, "margin_height") and box.margin_height() > 0
            ),
            default=top,
        )
        total += bottom - top
    return total


def render(html: str, html_dir: Path, output: Path, name: str, check: Callable[[Any], None] | None = None) -> int:
    """Write ``html`` as a tagged PDF to ``output``; the page count.

    ``check`` sees the laid-out document before anything is written, and raises
    ``PrintError`` to refuse it (a quick sheet longer than a page).
    """
    from weasyprint import HTML

    # presentational_hints: HTML attributes such as <ol start="4"> (a list of steps that goes on after a picture)
    # count only when asked for: https://github.com/Kozea/WeasyPrint/issues/2003
    rendered = HTML(string=html, base_url=str(html_dir.resolve()) + "/").render(presentational_hints=True)
    problems = [f"page {number} ({points:.0f} pt)" for number, points in overflows(rendered)]
    if problems:
        raise PrintError(f"{name}: content runs past the right edge of the paper on {', '.join(problems)}")
    if check is not None:
        check(rendered)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    rendered.write_pdf(partial, pdf_variant=PDF_VARIANT)
    partial.replace(output)
    return len(rendered.pages)


def make_book(manifest: Manifest, html_dir: Path, output: Path) -> int:
    if manifest.large_print:
        raise PrintError("--large-print: large print is made for handouts and quick sheets, not the book")
    disclaimer = disclaimer_text(html_dir, manifest.pages[0].docname)
    html = book(manifest, html_dir, long_date(edition_date()), disclaimer)
    return render(html, html_dir, output, f"{output.name}")


def _make_handout(job: tuple[Manifest, Path, Page, str, Path]) -> tuple[str, int]:
    manifest, html_dir, page, disclaimer, output = job
    html = handout(manifest, html_dir, page, disclaimer)
    return page.docname, render(html, html_dir, output, f"{page.docname}.md handout")


def _in_parallel(make: Callable[[Job], tuple[str, Result]], work: list[Job], jobs: int) -> dict[str, Result]:
    """``make`` each job, ``jobs`` processes at a time; its results by docname."""
    if jobs <= 1:
        return dict(map(make, work))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(make, work, chunksize=max(1, len(work) // (jobs * 4))))


def make_handouts(
    manifest: Manifest, html_dir: Path, output_dir: Path, jobs: int, only: Collection[str] | None = None
) -> dict[str, int]:
    """Every article's handout (or those named in ``only``), ``jobs`` at a time; each article's page count.

    ``only`` chooses what to print, not what the handbook holds: a handout names the
    other articles it links to by their titles, which come from the whole manifest.
    """
    disclaimer = disclaimer_text(html_dir, manifest.pages[0].docname)
    chosen = [page for page in manifest.articles if only is None or page.docname in only]
    work = [(manifest, html_dir, page, disclaimer, output_dir / f"{page.docname}.pdf") for page in chosen]
    return _in_parallel(_make_handout, work, jobs)


# --- Quick sheets ------------------------------------------------------------------------


def source_location(manifest: Manifest, page: Page, line: int | None) -> str:
    """``docs/conditions/sciatica.md:23``: the article's file as the build names it, from where this runs."""
    source = page.source or f"{page.docname}.md"
    path = os.path.relpath(Path(manifest.srcdir) / source) if manifest.srcdir else source
    return f"{path}:{line or 1}"


def too_long(manifest: Manifest, page: Page, overflow_px: float, pages: int = 1) -> PrintError:
    """A quick sheet longer than its ``pages``: where it is, by how much, and what an editor can shorten."""
    lines = max(1, round(overflow_px / QUICK_SHEET_LINE_PX))
    parts = [f"the '{manifest.key_points_title}' box here"] if page.key_points_line and manifest.key_points_title else []
    if page.actions:
        parts.append(f"'{page.actions['title']}' (line {page.actions['line']})")
    parts.append("the emergency warning signs it shows")
    ask = ", ".join(parts[:-1]) + f" or {parts[-1]}" if len(parts) > 1 else parts[0]
    return PrintError(
        f"quick sheet: '{page.title}' runs onto {'a second page' if pages == 1 else f'page {pages + 1}'}, by about "
        f"{lines} line{'s' if lines != 1 else ''}; it must fit on {'one' if pages == 1 else pages} (shorten {ask}; "
        "or name a shorter section for it in handbook_quick_sheet_actions in conf.py)",
        source_location(manifest, page, page.key_points_line or (page.actions or {}).get("line")),
    )


def _make_quick_sheet(job: tuple[Manifest, Path, Page, str, Path]) -> tuple[str, int | PrintError]:
    manifest, html_dir, page, disclaimer, output = job

    most = TRANSLATED_SHEET_PAGES if manifest.translation else 1

    def fits(rendered: Any) -> None:
        if len(rendered.pages) > most:
            raise too_long(manifest, page, overflow_below(rendered, most), most)

    try:
        html = quick_sheet(manifest, html_dir, page, disclaimer)
        check = None if manifest.large_print else fits  # large print takes the pages it needs (module docstring)
        return page.docname, render(html, html_dir, output, f"{page.docname}.md quick sheet", check)
    except MissingPart as missing:
        return page.docname, PrintError(missing.message, source_location(manifest, page, missing.line or None))
    except PrintError as error:
        return page.docname, error


def make_quicksheets(
    manifest: Manifest, html_dir: Path, output_dir: Path, jobs: int, only: Collection[str] | None = None
) -> dict[str, int]:
    """Every article's quick sheet (or those named in ``only``), ``jobs`` at a time; each article's page count.

    Every sheet is tried; if any does not fit on one page (or lacks a part), none
    is left out quietly: ``PrintErrors`` lists each, after the others are written.
    """
    disclaimer = disclaimer_text(html_dir, manifest.pages[0].docname)
    chosen = [page for page in manifest.articles if only is None or page.docname in only]
    work = [(manifest, html_dir, page, disclaimer, output_dir / f"{page.docname}.pdf") for page in chosen]
    results = _in_parallel(_make_quick_sheet, work, jobs)
    errors = [result for result in results.values() if isinstance(result, PrintError)]
    if errors:
        raise PrintErrors(errors)
    return {docname: pages for docname, pages in results.items() if isinstance(pages, int)}


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m handbook.printing.commands", description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("book", "handouts", "quicksheets"))
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--doctrees", type=Path)
    parser.add_argument("--paper", help="page size, e.g. Letter or A4 (default: handbook_paper_size in conf.py)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--large-print", action="store_true", help="handouts and quick sheets with all text 16 pt or more")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    arguments = _arguments(argv)
    start = time.perf_counter()
    try:
        manifest = load_manifest(arguments.html_dir, arguments.doctrees, arguments.paper, arguments.large_print)
        if arguments.what == "book":
            pages = make_book(manifest, arguments.html_dir, arguments.output)
            summary = f"{arguments.output}: {pages} pages"
        elif arguments.what == "handouts":
            counts = make_handouts(manifest, arguments.html_dir, arguments.output, arguments.jobs)
            summary = f"{arguments.output}: {len(counts)} handouts, {sum(counts.values())} pages"
        else:
            counts = make_quicksheets(manifest, arguments.html_dir, arguments.output, arguments.jobs)
            summary = f"{arguments.output}: {len(counts)} quick sheets, {sum(counts.values())} pages"
    except PrintErrors as problems:
        for error in problems.errors:
            print(error.line(), file=sys.stderr)
        return 1
    except PrintError as error:
        print(error.line(), file=sys.stderr)
        return 1
    except (ValueError, OSError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    print(f"{summary} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
