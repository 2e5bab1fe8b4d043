"""Article structure rules (handbook.content.structure, handbook.content.readability): each mistake is one file:line error.

Every case edits a fresh copy of ``tests/roots/test-articles``, a small handbook
whose two articles keep every rule, and builds it in-process.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOTS, run_sphinx

SCIATICA = "conditions/sciatica.md"
YOGA = "treatments/yoga.md"
CONDITION_HEADINGS = "What it is, Symptoms, Causes, What helps, Outlook, When to get help, Sources"
ERROR = re.compile(r"^(\S+?\.md):(\d+): ERROR: (.*)$", re.MULTILINE)
TEMPLATE_SENTENCE = 'Start with the lay term, then the clinical term: "slipped disc (herniated disc)".'
COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"the test root no longer holds {old!r}"
        return text.replace(old, new, 1)

    return edit


def swap_sections(first: str, second: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        one = re.search(rf"^## {first}\n.*?(?=^## )", text, re.MULTILINE | re.DOTALL).group()
        two = re.search(rf"^## {second}\n.*?(?=^## )", text, re.MULTILINE | re.DOTALL).group()
        return text.replace(one + two, two + one)

    return edit


# (case, file edited, edit, expected error: (file, line, start of message))
CASES = [
    (
        "missing-heading",
        SCIATICA,
        replace("## Outlook\n\nMost people get better in a few weeks.{footcite}`stone2021`\n\n", ""),
        (SCIATICA, 43, f"'## Outlook': missing (add it here; this article needs, in order: {CONDITION_HEADINGS})"),
    ),
    (
        "misspelt-heading",
        SCIATICA,
        replace("## Outlook\n", "## Outlok\n"),
        (SCIATICA, 43, "'## Outlok': expected '## Outlook' (rename it;"),
    ),
    (
        "headings-out-of-order",
        SCIATICA,
        swap_sections("Symptoms", "Causes"),
        (SCIATICA, 27, "'## Causes': expected after '## Symptoms' (this article needs, in order:"),
    ),
    (
        "treatment-heading-missing",
        YOGA,
        replace("## Questions to ask\n\nAsk the teacher how long they have taught.\n\n", ""),
        (YOGA, 39, "'## Questions to ask': missing (add it here; this article needs, in order: What it is, What the"),
    ),
    (
        "key-points-missing",
        SCIATICA,
        replace(
            ":::{admonition} Key points\n:class: key-points\n\n- Sciatica often gets better by itself.{footcite}`walker2020`\n"
            "- Keep moving as much as you can.\n- Bed rest does not help.{footcite}`stone2021`\n:::\n\n",
            "",
        ),
        (SCIATICA, 15, "'Key points' box: missing (put ':::{admonition} Key points' with a '- ' list"),
    ),
    (
        "key-points-not-first",
        SCIATICA,
        replace(":::{admonition} Key points\n", ":::{note}\nRead this first.\n:::\n\n:::{admonition} Key points\n"),
        (SCIATICA, 19, "'Key points' box: expected first, before line 15"),
    ),
    (
        "one-source",
        YOGA,
        lambda text: text.replace("walker2020", "field2022"),
        (YOGA, 48, "sources: expected at least 2 different sources, got 1 (field2022) (cite each with {footcite}`key`"),
    ),
    (
        "empty-help-section",
        SCIATICA,
        replace("## When to get help\n\nGet help at once if both legs go weak or numb.\n", "## When to get help\n"),
        (SCIATICA, 47, "'## When to get help': expected paragraphs or a list saying when to get help, found no text"),
    ),
    (
        "help-section-indented-as-code",
        SCIATICA,
        replace("\nGet help at once if both legs", "\n    Get help at once if both legs"),
        (SCIATICA, 49, "code block: articles have no code blocks (write it as text;"),
    ),
    (
        "unclosed-fence",
        SCIATICA,
        replace("## Causes\n", "```\n## Causes\n"),
        (SCIATICA, 31, "unclosed code fence: lines 31 to 55 are shown as one code block; it hides '## Causes', '## How it is"),
    ),
    (
        "closed-code-block",
        YOGA,
        replace("A class lasts about an hour.\n", "A class lasts about an hour.\n\n~~~text\nwarm up, stretch, rest\n~~~\n"),
        (YOGA, 39, "code block: articles have no code blocks (write it as text;"),
    ),
    (
        "duplicate-title",
        YOGA,
        replace("# Yoga\n", "# sciatica\n"),
        (YOGA, 10, "title 'sciatica': also the title of "),
    ),
    (
        "template-text",
        SCIATICA,
        replace("## What it is\n\n", f"## What it is\n\n{TEMPLATE_SENTENCE}\n\n"),
        (SCIATICA, 25, f"template text: '{TEMPLATE_SENTENCE}' is the template's placeholder (replace it"),
    ),
    (
        "template-key-point",
        YOGA,
        replace("- Start slowly.\n", "- The most important thing first.\n"),
        (YOGA, 19, "template text: 'The most important thing first.' is the template's placeholder (replace it"),
    ),
    (
        "thai-without-spaces",
        SCIATICA,
        replace("Sciatica is pain that runs down your leg.\n", "ปวดหลังส่วนใหญ่จะหายได้เองภายในไม่กี่สัปดาห์\n"),
        (SCIATICA, 25, "reading level: cannot measure 35 letters of Thai text ('ปวดหลัง"),
    ),
    (
        "chinese-paragraph",
        YOGA,
        replace("Yoga is slow stretching and breathing.\n", "瑜伽是一种缓慢的伸展和呼吸练习，可以帮助减轻背痛。\n"),
        (YOGA, 25, "reading level: cannot measure 23 letters of Chinese or Japanese (CJK) text"),
    ),
]


def errors(output: str) -> list[tuple[str, int, str]]:
    plain = COLOUR.sub("", output).replace(" [handbook]\n", "\n")
    return [(Path(path).as_posix(), int(line), message) for path, line, message in ERROR.findall(plain)]


def edited_copy(destination: Path, filename: str, edit: Callable[[str], str]) -> Path:
    shutil.copytree(ROOTS / "test-articles", destination, dirs_exist_ok=True)
    article = destination / filename
    article.write_text(edit(article.read_text(encoding="utf-8")), encoding="utf-8")
    return destination


def build(make_app, srcdir: Path, **overrides: object) -> tuple[int, str]:
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app.statuscode, app.warning.getvalue() + app.status.getvalue()


def located(expected: tuple[str, int, str], found: list[tuple[str, int, str]]) -> bool:
    file, line, message = expected
    return any(path.endswith(file) and got_line == line and got.startswith(message) for path, got_line, got in found)


def test_the_valid_articles_build_clean(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "articles-valid"
    shutil.copytree(ROOTS / "test-articles", srcdir, dirs_exist_ok=True)
    status, output = build(make_app, srcdir)
    assert (status, errors(output)) == (0, [])


@pytest.mark.parametrize(("case", "filename", "edit", "expected"), CASES, ids=[case[0] for case in CASES])
def test_each_mistake_is_one_located_error(make_app, sphinx_test_tempdir, case, filename, edit, expected):
    srcdir = edited_copy(sphinx_test_tempdir / case, filename, edit)
    status, output = build(make_app, srcdir)
    found = errors(output)
    assert located(expected, found), found
    assert status == 1
    assert "Traceback" not in output


def test_a_draft_may_be_incomplete_but_not_broken(make_app, sphinx_test_tempdir):
    """A draft keeps template text and misses sections, but a code block still hides its text."""
    srcdir = sphinx_test_tempdir / "articles-draft"
    shutil.copytree(ROOTS / "test-articles", srcdir, dirs_exist_ok=True)
    draft = srcdir / "treatments" / "new-therapy.md"
    template = (srcdir / "_data" / "article-template.md").read_text(encoding="utf-8")
    draft.write_text(template.replace("# Title in sentence case", "# New therapy"), encoding="utf-8")
    status, output = build(make_app, srcdir, handbook_include_drafts=True)
    assert (status, errors(output)) == (0, [])

    draft.write_text(draft.read_text(encoding="utf-8").replace("## When to get help\n", "```\n## When to get help\n"))
    status, output = build(make_app, srcdir, handbook_include_drafts=True)
    assert [(line, message[:20]) for path, line, message in errors(output) if path.endswith("new-therapy.md")] == [
        (24, "unclosed code fence:")
    ]


def test_the_same_template_left_unfilled_cannot_be_published(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "articles-unfilled"
    shutil.copytree(ROOTS / "test-articles", srcdir, dirs_exist_ok=True)
    template = (srcdir / "_data" / "article-template.md").read_text(encoding="utf-8")
    article = template.replace("review_status: draft", "review_status: editorial-review")
    (srcdir / "treatments" / "new-therapy.md").write_text(article.replace("# Title in sentence case", "# New therapy"))
    status, output = build(make_app, srcdir)
    messages = [message for path, _, message in errors(output) if path.endswith("new-therapy.md")]
    assert status == 1
    assert sum(message.startswith("template text: ") for message in messages) == 3
    assert any(message.startswith("sources: expected at least 2 different sources, got 0") for message in messages)


def test_a_short_gloss_in_another_script_is_fine(make_app, sphinx_test_tempdir):
    srcdir = edited_copy(
        sphinx_test_tempdir / "articles-gloss",
        YOGA,
        replace("Yoga is slow stretching and breathing.", "Yoga (瑜伽) is slow stretching and breathing."),
    )
    status, output = build(make_app, srcdir)
    assert (status, errors(output)) == (0, [])


def test_a_required_heading_may_say_what_it_is_about_but_not_be_another_heading(make_app, sphinx_test_tempdir):
    """ "## Symptoms of sciatica" is the required "## Symptoms" (as NHS.UK writes them); "## Symptomatic" is not."""
    srcdir = edited_copy(
        sphinx_test_tempdir / "articles-longer-heading", SCIATICA, replace("## Symptoms\n", "## Symptoms of sciatica\n")
    )
    assert build(make_app, srcdir)[0] == 0
    srcdir = edited_copy(sphinx_test_tempdir / "articles-other-heading", SCIATICA, replace("## Symptoms\n", "## Symptomatic\n"))
    status, output = build(make_app, srcdir)
    assert status == 1
    assert any("'## Symptomatic': expected '## Symptoms'" in message for _, _, message in errors(output))


def test_a_fork_sets_its_own_required_headings(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "articles-fork-headings"
    shutil.copytree(ROOTS / "test-articles", srcdir, dirs_exist_ok=True)
    headings = {"conditions/*": ["Symptoms", "Prevention", "Sources"], "*": ["Sources"]}
    status, output = build(make_app, srcdir, handbook_required_headings=headings, handbook_key_points_title="")
    assert [(Path(path).name, line, message) for path, line, message in errors(output)] == [
        ("sciatica.md", 31, "'## Prevention': missing (add it here; this article needs, in order: "
         "Symptoms, Prevention, Sources)"),
    ]  # fmt: skip
    assert status == 1


@pytest.mark.make
def test_the_command_line_build_reports_every_rule_by_file_and_line(tmp_path):
    """One smoke test of the real command: several mistakes, all reported, no traceback, non-zero exit."""
    srcdir = edited_copy(tmp_path / "src", SCIATICA, replace("## Causes\n", "```\n## Causes\n"))
    yoga = srcdir / YOGA
    yoga.write_text(yoga.read_text(encoding="utf-8").replace("# Yoga\n", "# Sciatica\n"), encoding="utf-8")
    result = run_sphinx(srcdir, tmp_path / "html")
    found = errors(result.stderr)
    assert result.returncode != 0
    assert located((SCIATICA, 31, "unclosed code fence: lines 31 to 55 are shown as one code block"), found)
    assert not any("'## Causes': missing" in message for _, _, message in found), "reported once, with the fence"
    assert located((YOGA, 10, "title 'Sciatica': also the title of conditions/sciatica.md (give each"), found)
    assert all(line.endswith("[handbook]") or ": ERROR: " in line for line in result.stderr.splitlines() if line)
    assert "Traceback" not in result.stderr + result.stdout


def test_a_changed_template_rechecks_unchanged_articles(make_app, sphinx_test_tempdir):
    srcdir = sphinx_test_tempdir / "articles-template-changed"
    shutil.copytree(ROOTS / "test-articles", srcdir, dirs_exist_ok=True)
    assert build(make_app, srcdir)[0] == 0
    template = srcdir / "_data" / "article-template.md"
    template.write_text(template.read_text(encoding="utf-8").replace("- Three", "- Bed rest does not help.\n- Three"))
    status, output = build(make_app, srcdir)
    assert [(Path(path).name, line, message[:45]) for path, line, message in errors(output)] == [
        ("sciatica.md", 20, "template text: 'Bed rest does not help.' is t")
    ]
    assert status == 1
