"""`make livehtml`: a preview that rebuilds once per change, never in a loop.

sphinx-tags rewrites docs/_tags on every build; if the preview watched those
files, each rebuild would start the next one for ever. The test runs the real
make target on a copy of the project, on a free port, edits an article, and
counts sphinx-autobuild's "Rebuilding..." lines.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.project import copy_project, make_command, make_env

STARTUP_SECONDS = 240
QUIET_SECONDS = 12


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """``make livehtml`` running in its own process group, with its output collected line by line."""

    def __init__(self, project: Path, port: int) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            make_command("livehtml", f"PORT={port}"),
            cwd=project, env=make_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )  # fmt: skip
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def count(self, text: str) -> int:
        return sum(text in line for line in list(self.lines))

    def wait_for(self, text: str, times: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text) < times:
            assert self.process.poll() is None, "\n".join(self.lines[-30:])
            assert time.monotonic() < deadline, f"waited {timeout} s for {text!r}:\n" + "\n".join(self.lines[-30:])
            time.sleep(0.2)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def fetch(url: str, timeout: float = 30) -> str:
    """The page at ``url``, once the server answers (it starts listening after its first build)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=10).read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, Path, str]]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    running = Preview(project, port)
    try:
        yield running, project, f"http://127.0.0.1:{port}/"
    finally:
        running.stop()


@pytest.mark.make
def test_an_edit_is_rebuilt_exactly_once(preview):
    running, project, url = preview
    running.wait_for("Serving on", 1, STARTUP_SECONDS)
    running.wait_for("Waiting to detect changes", 1, 30)
    assert running.count("Rebuilding...") == 0
    assert "Acupuncture" in fetch(url + "treatments/acupuncture.html")

    article = project / "docs/treatments/acupuncture.md"
    article.write_text(article.read_text().replace("# Acupuncture\n", "# Acupuncture for back pain\n", 1))
    running.wait_for("Serving on", 2, 120)  # the rebuild finished
    time.sleep(QUIET_SECONDS)  # a rebuild loop would have started again by now

    assert running.count("Rebuilding...") == 1, "\n".join(running.lines)
    assert "Acupuncture for back pain" in fetch(url + "treatments/acupuncture.html")
    assert list((project / "_build/livehtml").glob("*.html"))
    assert not (project / "_build/html").exists()
