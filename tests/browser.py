"""Playwright driving Debian's Chromium, and a local server for the built site.

Never ``playwright install``: it downloads a browser, which fails here. The
tests use the system's ``/usr/bin/chromium`` (``apt-get install chromium``),
started with the flags that keep it off the network.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# One of each kind of page a patient can land on.
PAGE_TYPES = {
    "home": "index.html",
    "section": "treatments/index.html",
    "article": "treatments/acupuncture.html",
    "comparison table": "treatments/at-a-glance.html",
    "topics index": "_tags/tagsindex.html",
    "topic page": "_tags/exercise.html",
    "glossary": "about/glossary.html",
    "genindex": "genindex.html",
    "search results": "search.html?q=acupuncture",
    "404": "404.html",
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under ``base_path``, as GitHub Pages does: the site's 404 page for a missing address."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / ".outside-the-site")
        return super().translate_path("/" + path[len(self.base_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path, base_path: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 under ``base_path`` (``/handbook/``) and yield the site's URL."""
    handler = functools.partial(type("Handler", (SiteHandler,), {"base_path": base_path}), directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}: sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def first_load(browser, url: str) -> tuple[int, list[str]]:
    """What a fresh Chromium context loads for ``url``: the bytes of every response body (uncompressed) and the URLs.

    The page weight of issue 16, item 7, counted by the browser: ``tests/test_page_weight.py`` and ``make bench``.
    """
    context = browser.new_context()
    page = context.new_page()
    finished: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    responses = [(request.url, request.response()) for request in finished]
    total = sum(len(response.body()) for _, response in responses if response)
    context.close()
    return total, [address for address, _ in responses]
