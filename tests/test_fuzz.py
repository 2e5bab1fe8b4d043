"""Fuzzed input: random front matter and broken MyST never crash or print a traceback.

Every case either passes or fails with one clear line naming the file. The
read-time hooks (metadata and topics) get many cases each run; whole builds,
which also run MyST and the other extensions, get fewer.

In CI (``CI`` set, as GitHub Actions and .ci/run do) the examples are
derandomised: the same ones every run, so a red run is the change's fault,
not the draw's. On a writer's machine they are new each run, to find new
cases. No example has a time limit: a busy machine must not fail a test.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOTS

FIELDS = ["description", "last_reviewed", "next_review", "review_status", "also_called", "descripton", "title", ""]
ODD_PIECES = ["\ufeff", "\r\n", "\u202e", "\u0301", "\U0001f9b4", "---", "```", ":::", ": ", "- ", "{", "\t", "\x00"]
ODD_TEXT = st.lists(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(ODD_PIECES), max_size=40).map(
    "".join
)
VALUES = st.one_of(
    ODD_TEXT,
    st.dates().map(str),
    st.sampled_from(["2026-02-30", "12/05/2025", "draft", "editorial-review", "", "~", "null", "yes", "[unclosed", "{a: 1"]),
    st.lists(ODD_TEXT, max_size=4),
    st.integers(),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
FRONT_MATTER = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS) | ODD_TEXT, VALUES, max_size=7).map(
        lambda data: "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n"
    ),
    ODD_TEXT.map(lambda text: f"---\n{text}\n---\n"),
    st.just("---\ndescription: no closing fence\n"),
    st.just(""),
)
TAGS = st.lists(st.sampled_from(["exercise", "Exercise", "nerve pain", "self-care", "unknown", "", " ", "a" * 300]), max_size=400)
BLOCKS = st.one_of(
    TAGS.map(lambda tags: "```{tags} " + ", ".join(tags) + "\n```\n"),
    TAGS.map(lambda tags: ":::{tags} " + ", ".join(tags) + "\n:::\n"),
    st.sampled_from([
        "```{tags}\n", "```{unknown-directive}\nbody\n```\n", ":::{note}\nunterminated\n", "```{raw} html\n<b>x</b>\n```\n",
        "<script>alert(1)</script>\n", "![](missing.png)\n", "{term}`nothing`\n", "{footcite}`nokey`\n", "# Title\n",
        "## Section\n", "[link](nowhere.md)\n", "| a | b |\n|---|\n| 1 |\n", "\r\n", "\ufeff",
    ]),
    ODD_TEXT.map(lambda text: text + "\n"),
)  # fmt: skip
DOCUMENTS = st.tuples(FRONT_MATTER, st.lists(BLOCKS, max_size=8)).map(lambda parts: parts[0] + "".join(parts[1]))
CLEAR_LINE = re.compile(r"^\S+?(:\d*)?: (ERROR|WARNING): [^\n]+$")  # Sphinx omits the line when it has none
RUNS = {"hooks": 0, "builds": 0}
DERANDOMISED = "handbook-ci"
settings.register_profile(DERANDOMISED, derandomize=True, database=None, print_blob=True)


def profile_for(environ: dict[str, str]) -> str:
    """The hypothesis profile for this environment: derandomised in CI, hypothesis' default elsewhere."""
    return DERANDOMISED if environ.get("CI") else "default"


settings.load_profile(profile_for(dict(os.environ)))


def plain(line: str) -> str:
    """The line without terminal colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", line)


def problems(stream: str) -> list[str]:
    return [line for line in stream.splitlines() if line.strip()]


@pytest.mark.slow
def test_read_time_hooks_never_crash(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "fuzz-hooks"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    shutil.copy(srcdir / "conditions/sciatica.md", srcdir / "conditions/fuzzed.md")  # so Sphinx knows the file
    app = make_app("html", srcdir=srcdir)
    app.build()  # loads the vocabulary and the environment the hooks use

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
    @given(DOCUMENTS)
    def read(text: str) -> None:
        RUNS["hooks"] += 1
        app.warning.seek(0)
        app.warning.truncate()
        app.env.current_document.docname = "conditions/fuzzed"
        app.events.emit("source-read", "conditions/fuzzed", [text])
        for line in problems(app.warning.getvalue()):
            assert re.match(r"^\S*conditions/fuzzed\.md:\d+: ERROR: [^\n]+$", plain(line)), line

    read()
    assert RUNS["hooks"] >= 400


@pytest.mark.slow
def test_whole_builds_of_fuzzed_articles_fail_cleanly(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "fuzz-builds"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(DOCUMENTS)
    def build(text: str) -> None:
        RUNS["builds"] += 1
        (srcdir / "conditions/fuzzed.md").write_text(text, encoding="utf-8", newline="")
        app = make_app("html", srcdir=srcdir, freshenv=True)
        try:
            app.build()
        finally:
            app.cleanup()  # unregister this app's nodes before the next one
        output = app.warning.getvalue()
        assert "Traceback" not in output + app.status.getvalue()
        for line in problems(output):
            assert CLEAR_LINE.match(plain(line)), line

    build()
    assert RUNS["builds"] >= 40


def test_ci_draws_the_same_examples_every_run():
    assert profile_for({"CI": "true"}) == DERANDOMISED
    assert profile_for({}) == "default"
    ci = settings.get_profile(DERANDOMISED)
    assert ci.derandomize and ci.database is None
