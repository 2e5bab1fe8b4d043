"""Make the offline PDFs from a built website: ``make pdf`` and ``make handouts``.

Usage::

    python -m handbook.printing book HTML_DIR OUTPUT.pdf [--doctrees DIR] [--paper SIZE]
    python -m handbook.printing handouts HTML_DIR OUTPUT_DIR [--doctrees DIR] [--paper SIZE] [--jobs N]

``HTML_DIR`` is a finished HTML build of the handbook; its doctree folder
(default ``HTML_DIR/.doctrees``) holds the page list ``handbook.pdf`` wrote.
Handouts are made in parallel, one process per core. Every PDF is written to
a temporary name and renamed into place, so a failed run never leaves a
half-written file, and a PDF whose content runs past the page edge is an
error naming the page, not a quietly clipped handout.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from handbook.pages import long_date
from handbook.pdf import MANIFEST
from handbook.printable import Manifest, Page, book, disclaimer_text, handout

# WeasyPrint's PDF/UA-1 variant: a tagged PDF that screen readers can follow.
PDF_VARIANT = "pdf/ua-1"
# Rounding in the layout engine; anything wider than this is really cut off.
TOLERANCE_PT = 1.0


class PrintError(Exception):
    """A problem with the input, reported as one line, never a traceback."""


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


def load_manifest(html_dir: Path, doctrees: Path | None, paper: str | None) -> Manifest:
    path = (doctrees or html_dir / ".doctrees") / MANIFEST
    if not (html_dir / "index.html").is_file():
        raise PrintError(f"{html_dir}: no built website here; run `make html` first")
    if not path.is_file():
        raise PrintError(f"{path}: missing; build the website with the handbook extension first (`make html`)")
    manifest = Manifest.load(path)
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


def render(html: str, html_dir: Path, output: Path, name: str) -> int:
    """Write ``html`` as a tagged PDF to ``output``; the page count."""
    from weasyprint import HTML

    rendered = HTML(string=html, base_url=str(html_dir.resolve()) + "/").render()
    problems = [f"page {number} ({points:.0f} pt)" for number, points in overflows(rendered)]
    if problems:
        raise PrintError(f"{name}: content runs past the right edge of the paper on {', '.join(problems)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    rendered.write_pdf(partial, pdf_variant=PDF_VARIANT)
    partial.replace(output)
    return len(rendered.pages)


def make_book(manifest: Manifest, html_dir: Path, output: Path) -> int:
    disclaimer = disclaimer_text(html_dir, manifest.pages[0].docname)
    html = book(manifest, html_dir, long_date(edition_date()), disclaimer)
    return render(html, html_dir, output, f"{output.name}")


def _make_handout(job: tuple[Manifest, Path, Page, str, Path]) -> tuple[str, int]:
    manifest, html_dir, page, disclaimer, output = job
    html = handout(manifest, html_dir, page, disclaimer)
    return page.docname, render(html, html_dir, output, f"{page.docname}.md handout")


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
    if jobs <= 1:
        return dict(map(_make_handout, work))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return dict(pool.map(_make_handout, work, chunksize=max(1, len(work) // (jobs * 4))))


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m handbook.printing", description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("book", "handouts"))
    parser.add_argument("html_dir", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--doctrees", type=Path)
    parser.add_argument("--paper", help="page size, e.g. Letter or A4 (default: handbook_paper_size in conf.py)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    arguments = _arguments(argv)
    start = time.perf_counter()
    try:
        manifest = load_manifest(arguments.html_dir, arguments.doctrees, arguments.paper)
        if arguments.what == "book":
            pages = make_book(manifest, arguments.html_dir, arguments.output)
            summary = f"{arguments.output}: {pages} pages"
        else:
            counts = make_handouts(manifest, arguments.html_dir, arguments.output, arguments.jobs)
            summary = f"{arguments.output}: {len(counts)} handouts, {sum(counts.values())} pages"
    except (PrintError, ValueError, OSError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    print(f"{summary} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
