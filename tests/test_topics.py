"""Topics (sphinx-tags): badges, topic pages, listings, search, and incremental builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_sphinx


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def badges(soup: BeautifulSoup) -> list[str]:
    return [link.get_text() for link in soup.select("p.tags a")]


def listing(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (item.select_one("strong").get_text(), item.select_one(".handbook-listing-description").get_text())
        for item in soup.select("ul.handbook-listing > li")
    ]


@pytest.mark.sphinx("html", testroot="valid")
def test_badges_sit_under_the_title_and_purpose_even_when_the_block_is_lower(app):
    app.build()
    soup = page(Path(app.outdir), "conditions/back-strain.html")
    purpose = soup.select_one("h1").find_next_sibling()
    assert purpose.get("class") == ["page-purpose"]
    assert purpose.get_text() == "A strained muscle or sprained ligament in your back. Most get much better within weeks."
    assert purpose.find_next_sibling().get("class") == ["tags"]
    assert badges(soup) == ["exercise", "self-care"]
    assert soup.select_one("p.tags a")["href"] == "../_tags/exercise.html"


@pytest.mark.sphinx("html", testroot="valid")
def test_section_page_lists_articles_with_their_descriptions(app):
    app.build()
    assert listing(page(Path(app.outdir), "conditions/index.html")) == [
        ("Back strain", "A strained muscle or sprained ligament in your back. Most get much better within weeks."),
        ("Sciatica", "Sciatica is pain that spreads from your back down one leg. It often gets better by itself."),
    ]


@pytest.mark.sphinx("html", testroot="valid")
def test_topic_page_opens_with_its_vocabulary_description(app):
    app.build()
    soup = page(Path(app.outdir), "_tags/exercise.html")
    assert soup.select_one("h1").get_text().startswith("My tags: exercise")  # sphinx-tags default title
    intro = soup.select_one("h1").find_next_sibling("p").get_text()
    assert intro == "Ways to move more, and what the evidence says about each."
    assert [title for title, _ in listing(soup)] == ["Back strain", "Sciatica"]


@pytest.mark.sphinx("html", testroot="valid")
def test_topics_index_lists_topics_with_counts_and_descriptions(app):
    app.build()
    assert listing(page(Path(app.outdir), "_tags/tagsindex.html")) == [
        ("exercise (2)", "Ways to move more, and what the evidence says about each."),
        ("nerve pain (1)", "Pain that spreads into a leg because a nerve is squeezed."),
        ("self-care (1)", "Things you can do yourself at home."),
    ]


@pytest.mark.sphinx("html", testroot="valid")
def test_topic_pages_are_not_in_the_search_index(app):
    app.build()
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    titles = dict(zip(index["docnames"], index["titles"], strict=True))
    assert titles["conditions/sciatica"] == "Sciatica"
    assert titles["_tags/exercise"] == "" and titles["_tags/tagsindex"] == ""
    topic_ids = {number for number, name in enumerate(index["docnames"]) if name.startswith("_tags/")}
    for documents in index["terms"].values():
        found = {documents} if isinstance(documents, int) else set(documents)
        assert not found & topic_ids


@pytest.mark.make
def test_noop_rebuild_reads_nothing_and_keeps_generated_timestamps(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    stamps = {file.name: file.stat().st_mtime_ns for file in (valid_project / "_tags").iterdir()}
    again = run_sphinx(valid_project, outdir, quiet=False)
    assert again.returncode == 0
    assert "updating environment: 0 added, 0 changed, 0 removed" in again.stdout
    assert {file.name: file.stat().st_mtime_ns for file in (valid_project / "_tags").iterdir()} == stamps


@pytest.mark.make
def test_changing_tags_updates_badges_topic_pages_and_index_with_no_stale_page(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    assert (outdir / "_tags/nerve-pain.html").exists()

    article = valid_project / "conditions/sciatica.md"
    article.write_text(article.read_text().replace("```{tags} nerve pain, exercise", "```{tags} self-care"))
    result = run_sphinx(valid_project, outdir, quiet=False)
    assert result.returncode == 0, result.stderr

    assert badges(page(outdir, "conditions/sciatica.html")) == ["self-care"]
    assert not (outdir / "_tags/nerve-pain.html").exists()
    assert not (valid_project / "_tags/nerve-pain.md").exists()
    assert [title for title, _ in listing(page(outdir, "_tags/self-care.html"))] == ["Back strain", "Sciatica"]
    assert [title for title, _ in listing(page(outdir, "_tags/exercise.html"))] == ["Back strain"]
    assert [title for title, _ in listing(page(outdir, "_tags/tagsindex.html"))] == ["exercise (1)", "self-care (2)"]


@pytest.mark.make
def test_changed_description_updates_the_section_listing(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    article = valid_project / "conditions/sciatica.md"
    article.write_text(article.read_text().replace("It often gets better by itself.", "Most people recover within weeks."))
    assert run_sphinx(valid_project, outdir).returncode == 0
    described = dict(listing(page(outdir, "conditions/index.html")))
    assert described["Sciatica"].endswith("Most people recover within weeks.")
    assert dict(listing(page(outdir, "_tags/exercise.html")))["Sciatica"].endswith("Most people recover within weeks.")


@pytest.mark.make
def test_changed_vocabulary_rechecks_every_tagged_page(valid_project, tmp_path):
    outdir = tmp_path / "html"
    assert run_sphinx(valid_project, outdir).returncode == 0
    vocabulary = valid_project / "_data/topics.yaml"
    vocabulary.write_text(vocabulary.read_text().replace("nerve pain:", "leg nerve pain:"))
    result = run_sphinx(valid_project, outdir)
    assert result.returncode != 0
    assert "conditions/sciatica.md:13: ERROR: tags: unknown topic 'nerve pain'; did you mean 'leg nerve pain'?" in result.stderr


@pytest.mark.make
def test_broken_vocabulary_is_one_clear_error(valid_project, tmp_path):
    (valid_project / "_data/topics.yaml").write_text("exercise: [unclosed\n")
    result = run_sphinx(valid_project, tmp_path / "html")
    assert result.returncode != 0
    assert "_data/topics.yaml:2: ERROR: expected 'topic: description' lines of YAML" in result.stderr
    assert result.stderr.count("ERROR") == 1
    assert "Traceback" not in result.stderr
