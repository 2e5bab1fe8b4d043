"""Raw HTML in any form is refused with its file and line: authors write Markdown only."""

from __future__ import annotations

import re
import shutil

from tests.conftest import ROOTS


def test_block_inline_and_directive_html_are_each_refused(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "raw-forms"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    article = srcdir / "conditions/sciatica.md"
    article.write_text(
        article.read_text().replace(
            "Sciatica is pain that runs down your leg. It often gets better by itself.",
            "Sciatica is pain that runs <b>down</b> your leg.\n\n<div>block</div>\n\n```{raw} html\n<img src=x>\n```\n",
        )
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = re.findall(r"conditions/sciatica\.md:(\d+): ERROR: (raw HTML: [^\n]*)", app.warning.getvalue())
    assert [line for line, _ in found] == ["16", "16", "18", "20"]  # <b>, </b>, the block, the directive
    assert all("expected Markdown only" in message for _, message in found)
    assert app.statuscode == 1
