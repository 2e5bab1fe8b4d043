"""Translations (handbook.i18n): each page of a translation says how much of it is translated, its text on
when to get help is never left half translated, and make translations-status counts what the build counts.

tests/roots/test-translation has three English pages and Spanish catalogs: one page wholly translated, one
with a message left fuzzy (as sphinx-intl leaves it when the English changed), one with no catalog.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sphinx.locale
import yaml
from bs4 import BeautifulSoup
from sphinx.application import Sphinx

from handbook.i18n.data import shown_words
from handbook.i18n.status import main as status_main
from tests.conftest import PROJECT, ROOTS
from tests.project import make_command

SPANISH = {"language": "es"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def notice(soup: BeautifulSoup):
    found = soup.select(".handbook-translation")
    assert len(found) == 1, "one notice per page"
    return found[0]


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_a_wholly_translated_page_says_it_was_translated_and_links_the_english(app):
    app.build()
    soup = page(app, "translated.html")
    assert soup.select_one("html")["lang"] == "es"
    assert soup.select_one("h1").get_text(strip=True).startswith("Distensión de espalda")
    said = notice(soup)
    assert said.find_previous_sibling("h1") is not None, "the notice is right under the title"
    assert said.get_text(" ", strip=True).startswith(
        "Traducido del inglés. Revisión de la traducción: todavía no la ha revisado un traductor médico profesional."
    )
    assert said.select_one("a")["href"] == "../translated.html"
    assert not soup.select('section[lang="en"]'), "a translated page is not marked as English"
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_a_page_with_a_fuzzy_message_says_it_may_be_out_of_date_and_shows_that_message_in_english(app):
    app.build()
    soup = page(app, "outdated.html")
    said = notice(soup)
    assert said.get_text(" ", strip=True).startswith("Puede que esta traducción no esté al día")
    assert said.select_one("a").get_text() == "Leer la página en inglés"
    assert said.select_one("a")["href"] == "../outdated.html"
    text = soup.select_one("section").get_text(" ")
    assert "Keep moving as much as you can." in text  # the fuzzy message: the English, not the older Spanish
    assert "Siga moviéndose" not in text
    assert "Pida una cita urgente si el dolor empeora rápidamente." in text


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_an_untranslated_page_says_so_in_spanish_and_is_marked_as_english_for_screen_readers(app):
    app.build()
    soup = page(app, "untranslated.html")
    said = notice(soup)
    assert said["lang"] == "es"
    assert said.get_text(" ", strip=True).startswith("Esta página aún no está traducida.")
    assert said.find_parent("section")["lang"] == "en"
    assert said.select_one("a")["href"] == "../untranslated.html"


@pytest.mark.sphinx("html", testroot="translation")
def test_the_articles_own_language_has_no_notice(app):
    app.build()
    for name in ("translated.html", "outdated.html", "untranslated.html"):
        assert not page(app, name).select(".handbook-translation"), name
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="translation", confoverrides={**SPANISH, "html_baseurl": "https://example.org/handbook/"})
def test_a_translation_is_published_in_its_languages_folder(app):
    app.build()
    canonical = page(app, "translated.html").select_one('link[rel="canonical"]')["href"]
    assert canonical == "https://example.org/handbook/es/translated.html"


def edit_catalog(catalog: Path, old: str, new: str, count: int = -1) -> None:
    """A test's change to a copied catalog; the words it changes must be there, or the test would test nothing."""
    text = catalog.read_text(encoding="utf-8")
    assert old in text, (catalog.name, old)
    catalog.write_text(text.replace(old, new, count), encoding="utf-8")


def spanish_copy(make_app, tmp_path: Path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-translation", srcdir, ignore=shutil.ignore_patterns("_tags"))
    return srcdir, lambda: make_app("html", srcdir=srcdir, confoverrides=SPANISH)


def test_a_fuzzy_message_on_when_to_get_help_stops_the_build_at_its_line(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    catalog = srcdir / "locales/es/LC_MESSAGES/outdated.po"
    help_message = 'msgid "Ask for an urgent appointment if the pain is getting worse quickly."'
    edit_catalog(catalog, help_message, f"#, fuzzy\n{help_message}")
    app = app_for()
    app.build()
    errors = re.findall(r"(\S+\.md):(\d+): ERROR: (.*)", app.warning.getvalue())
    assert [(Path(path).name, int(line)) for path, line, _ in errors] == [("outdated.md", 9)]
    message = errors[0][2]
    assert "text on when to get help has no current 'es' translation" in message
    assert "'Ask for an urgent appointment if the pain is getting worse quickly.'" in message
    assert "locales/es/LC_MESSAGES/outdated.po" in message and "remove the fuzzy flag" in message
    assert app.statuscode == 1
    assert "Traceback" not in app.warning.getvalue()


def test_the_handbooks_own_words_missing_a_translation_stop_the_build(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    catalog = srcdir / "locales/es/LC_MESSAGES/sphinx.po"
    edit_catalog(catalog, '"Leer la página en inglés"', '""')
    app = app_for()
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"locales/es/LC_MESSAGES/sphinx\.po:\d+: ERROR: no current es translation of the handbook's words "
        r"'Read the English page'",
        warnings,
    ), warnings
    assert app.statuscode == 1


def test_a_language_the_handbook_is_not_built_in_stops_the_build(make_app, tmp_path):
    srcdir, _ = spanish_copy(make_app, tmp_path)
    app = make_app("html", srcdir=srcdir, confoverrides={"language": "fr"})
    app.build()
    assert "language 'fr' is not in handbook_languages ['en', 'es']" in app.warning.getvalue()
    assert app.statuscode == 1


def test_translations_status_counts_each_page_as_the_build_does(capsys):
    status_main([str(ROOTS / "test-translation"), "es"])
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()[2:]}
    assert rows == {"index": ["0", "%", "0"], "outdated": ["80", "%", "1"], "translated": ["100", "%", "0"],
                    "untranslated": ["0", "%", "0"], "_data/countries": ["100", "%", "0"],
                    "_data/red-flags": ["100", "%", "0"], "_data/topics": ["100", "%", "0"], "_data/figures": ["100", "%", "0"],
                    "conditions/described": ["100", "%", "0"]}  # fmt: skip


def test_translations_status_lists_every_page_of_the_handbook(capsys):
    status_main([str(PROJECT / "docs"), "es"])
    out = capsys.readouterr().out
    articles = sorted(p.relative_to(PROJECT / "docs").with_suffix("").as_posix() for p in (PROJECT / "docs").rglob("*.md"))
    listed = [line.split()[0] for line in out.splitlines()[2:] if not line.startswith("_data/")]
    assert listed == [name for name in articles if name.split("/")[0] not in ("_tags", "_data", "locales")]
    data_files = sorted(path.stem for path in (PROJECT / "docs/_data").glob("*.yaml"))
    for catalog in (line.split()[0] for line in out.splitlines() if line.startswith("_data/")):
        assert catalog.removeprefix("_data/") in data_files
    assert "the handbook's own words 100 %" in out


@pytest.mark.make
def test_make_html_builds_each_language_of_the_configuration_and_languages_picks_some():
    languages = runpy.run_path(str(PROJECT / "conf.py"))["handbook_languages"]

    def dry_run(*arguments: str) -> str:
        return subprocess.run(make_command("-n", "html", *arguments), cwd=PROJECT, capture_output=True, text=True).stdout

    assert f"for language in {' '.join(languages)};" in dry_run()
    assert f"for language in {languages[0]};" in dry_run(f"LANGUAGES={languages[0]}")
    assert f"if [ $language = {languages[0]} ]; then out=_build/html;" in dry_run()


def test_a_changed_word_of_the_handbooks_own_reaches_every_page_on_the_next_build(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    app_for().build()
    catalog = srcdir / "locales/es/LC_MESSAGES/sphinx.po"
    edit_catalog(catalog, "Leer la página en inglés", "Ver la página en inglés")
    app = app_for()
    app.build()
    for name in ("translated.html", "outdated.html", "untranslated.html"):
        assert notice(page(app, name)).select_one("a").get_text() == "Ver la página en inglés", name


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_a_data_files_words_are_shown_in_their_translation_on_every_page(app):
    app.build()
    # The build country's number as its data file gives it, in the countries catalog's words.
    countries = yaml.safe_load((Path(app.srcdir) / app.config.handbook_countries_file).read_text(encoding="utf-8"))
    emergency_number = shown_words(app, app.config.handbook_countries_file)[
        countries[app.config.handbook_country]["emergency_number"]
    ]
    for name in ("translated.html", "outdated.html", "untranslated.html"):
        box = page(app, name).select_one(".red-flags")
        text = " ".join(box.get_text(" ").split())
        assert "Pida ayuda de emergencia ahora" in text, name
        assert f"Llame al {emergency_number} o vaya a urgencias" in text, name
        assert "debilidad o entumecimiento en las dos piernas" in text, name


def test_a_data_files_words_with_no_translation_stop_a_translated_pages_build(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    catalog = srcdir / "locales/es/LC_MESSAGES/_data/red-flags.po"
    edit_catalog(catalog, 'msgid "weakness or numbness in both legs"', '#, fuzzy\nmsgid "weakness or numbness in both legs"')
    app = app_for()
    app.build()
    errors = re.findall(r"(\S+\.md):(\d+): ERROR: (.*)", app.warning.getvalue())
    # The translated and the outdated page show the sign in English; the untranslated page is English throughout.
    assert sorted(Path(path).name for path, _, _ in errors) == ["outdated.md", "translated.md"]
    for _, line, message in errors:
        assert int(line) == 11  # the {red-flags} box
        assert "'weakness or numbness in both legs'" in message
        assert "locales/es/LC_MESSAGES/_data/red-flags.po" in message
    assert app.statuscode == 1


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_an_articles_description_is_translated_from_its_pages_catalog(app):
    app.build()
    soup = page(app, "conditions/described.html")
    assert soup.select_one("p.page-purpose").get_text() == "Un músculo distendido del cuello. Suele mejorar en pocas semanas."
    assert soup.select_one('meta[name="description"]')["content"].startswith("Un músculo distendido del cuello.")
    assert notice(soup)["class"][1] == "handbook-translation-translated"


def test_an_untranslated_description_makes_a_translated_page_out_of_date(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    catalog = srcdir / "locales/es/LC_MESSAGES/conditions/described.po"
    edit_catalog(catalog, 'msgstr "Un músculo distendido del cuello. Suele mejorar en pocas semanas."', 'msgstr ""')
    app = app_for()
    app.build()
    soup = page(app, "conditions/described.html")
    assert soup.select_one("p.page-purpose").get_text().startswith("A strained muscle in your neck.")
    assert notice(soup)["class"][1] == "handbook-translation-outdated"


def test_every_page_links_to_itself_in_the_other_language_and_the_links_resolve(make_app, tmp_path):
    """Both languages built as make html builds them (the translation in its folder), with the real theme's footer."""
    srcdir, _ = spanish_copy(make_app, tmp_path)
    theme = {
        "html_theme": "sphinx_book_theme",
        "html_theme_options": {"footer_content_items": ["handbook-language-switcher.html"]},
        "templates_path": [str(PROJECT / "_templates")],
        "html_baseurl": "https://example.org/handbook/",
    }
    outdir = tmp_path / "html"
    try:
        for language, folder in (("en", outdir), ("es", outdir / "es")):
            doctrees = tmp_path / f"doctrees-{language}"
            overrides = {**theme, "language": language}
            Sphinx(srcdir, srcdir, folder, doctrees, "html", confoverrides=overrides, status=None, warning=None).build()
    finally:
        sphinx.locale.translators.clear()  # as sphinx.testing does after each app: the next build starts in English
    pages = sorted(path for path in outdir.rglob("*.html") if "_static" not in path.parts and path.name != "search.html")
    assert outdir / "translated.html" in pages and outdir / "es/translated.html" in pages
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        other = "en" if "es" in path.relative_to(outdir).parts[:1] else "es"
        links = soup.select(".handbook-languages a")
        assert [link["hreflang"] for link in links] == [other], path
        assert (path.parent / links[0]["href"]).resolve().is_file(), (path, links[0]["href"])
        alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
        page = path.relative_to(outdir / "es" if other == "en" else outdir).as_posix()
        assert alternates == {"en": f"https://example.org/handbook/{page}", "es": f"https://example.org/handbook/es/{page}"}
    for sitemap, folder in ((outdir / "sitemap.xml", ""), (outdir / "es/sitemap.xml", "es/")):
        urls = ElementTree.parse(sitemap).getroot().findall(f"{SITEMAP}url")
        assert urls, sitemap
        for url in urls:
            page = url.findtext(f"{SITEMAP}loc").removeprefix(f"https://example.org/handbook/{folder}")
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link[@rel='alternate']")}
            assert alternates == {"en": f"https://example.org/handbook/{page}", "es": f"https://example.org/handbook/es/{page}"}
            assert (outdir / urlsplit(alternates["es"]).path.removeprefix("/handbook/")).is_file(), alternates["es"]


def test_no_page_a_patient_reads_uses_markup_that_myst_loses_in_translation():
    """MyST loses two kinds of markup when Sphinx puts a translated message back: a link written by reference
    ([text][label] with a "[label]: address" line; https://github.com/executablebooks/MyST-Parser/issues/690)
    and a code block's contents (https://github.com/executablebooks/MyST-Parser/issues/444). Pages patients read
    use neither, so their translations lose nothing; the editors' pages (not published in print) may."""
    from markdown_it import MarkdownIt

    editors_pages = set(runpy.run_path(str(PROJECT / "conf.py"))["handbook_pdf_exclude"])
    parser = MarkdownIt("commonmark")
    docs = PROJECT / "docs"
    checked = 0
    for path in sorted(docs.rglob("*.md")):
        docname = path.relative_to(docs).with_suffix("").as_posix()
        if docname.split("/")[0] in ("_tags", "_data", "locales") or docname in editors_pages:
            continue
        env: dict = {}
        tokens = parser.parse(path.read_text(encoding="utf-8"), env)
        assert not env.get("references"), f"{docname}: a link by reference; write [text](address) instead"
        fences = [token.info for token in tokens if token.type == "fence" and not token.info.strip().startswith("{")]
        assert fences == [], f"{docname}: a code block; patients' pages have none (its text would not be translated)"
        checked += 1
    assert checked >= 40


# --- Translation reviews (handbook.i18n.reviews) -----------------------------------------------------------------

REVIEWERS = """\
reviewers:
  - id: ana-garcia
    name: Ana García
    credentials: Certified medical translator, English to Spanish
reviews:
  - page: translated
    language: es
    reviewer: {reviewer}
    date: 2027-01-15
    translation: "{fingerprint}"
"""


def review_errors(app) -> list[tuple[str, int, str]]:
    found = re.findall(r"(\S+translation-reviewers\.yaml):(\d+): ERROR: (.*)", app.warning.getvalue())
    return [(Path(path).name, int(line), message) for path, line, message in found]


def test_a_translation_review_is_shown_only_while_the_page_shows_the_translation_reviewed(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    registry = srcdir / "_data/translation-reviewers.yaml"
    registry.write_text(REVIEWERS.format(reviewer="ana-garcia", fingerprint=""), encoding="utf-8")
    app = app_for()
    app.build()
    # A new review: the build names the fingerprint of the translation as it is, for the reviewer's record.
    [(name, line, message)] = review_errors(app)
    assert (name, line) == ("translation-reviewers.yaml", 6)
    assert "the 'es' translation of translated changed after Ana García reviewed it on 2027-01-15" in message
    now = re.search(r"set translation: (\w+)", message).group(1)
    assert app.statuscode == 1

    registry.write_text(REVIEWERS.format(reviewer="ana-garcia", fingerprint=now), encoding="utf-8")
    app = app_for()
    app.build()
    assert review_errors(app) == [] and app.statuscode == 0
    said = notice(page(app, "translated.html")).get_text(" ", strip=True)
    assert said.startswith(
        "Traducido del inglés. Revisión de la traducción: Ana García, Certified medical translator, English to Spanish "
        "(15 de enero de 2027)."
    )
    other = notice(page(app, "conditions/described.html")).get_text(" ", strip=True)
    assert "todavía no la ha revisado un traductor médico profesional" in other, "a review is of one page"

    # The translation changes after the review: the build stops at the review until it is reviewed again.
    catalog = srcdir / "locales/es/LC_MESSAGES/translated.po"
    edit_catalog(catalog, 'msgstr "Distensión de espalda', 'msgstr "Distensión en la espalda', 1)
    app = app_for()
    app.build()
    [(name, line, message)] = review_errors(app)
    assert line == 6 and f"the review's is {now}" in message and "ask them to review it again" in message
    assert app.statuscode == 1


def test_a_review_by_an_unlisted_translator_is_an_error_at_its_line(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    (srcdir / "_data/translation-reviewers.yaml").write_text(
        REVIEWERS.format(reviewer="ana-garcía", fingerprint="0"), encoding="utf-8"
    )
    app = app_for()
    app.build()
    [(_, line, message)] = review_errors(app)
    assert line == 8  # its reviewer
    assert "review: unknown reviewer 'ana-garcía'; did you mean 'ana-garcia'?" in message
    assert app.statuscode == 1
    assert "Traceback" not in app.warning.getvalue()


def test_the_handbooks_translation_reviewers_are_real_or_none():
    """No invented translator: the handbook's registry stays empty until a real one reviews a page."""
    from handbook.core.datafiles import LineLoader

    registry = (
        PROJECT
        / "docs"
        / runpy.run_path(str(PROJECT / "conf.py")).get("handbook_translation_reviewers_file", "_data/translation-reviewers.yaml")
    )
    data = yaml.load(registry.read_text(encoding="utf-8"), Loader=LineLoader)
    assert data == {"reviewers": [], "reviews": []}


# --- Front matter and topics in the reader's language (handbook.i18n.front_matter, handbook.topics.tags) ----------


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_an_articles_topics_and_change_notes_are_shown_in_its_translation(app):
    app.build()
    soup = page(app, "conditions/described.html")
    assert " ".join(soup.select_one("p.tags").get_text(" ").split()) == "Temas: cuidarse uno mismo"
    notes = [" ".join(item.get_text(" ").split()) for item in soup.select("details.review-changes li")]
    assert notes == ["5 de enero de 2026: Revisamos los consejos sobre cómo mover el cuello."]
    assert notice(soup)["class"][1] == "handbook-translation-translated"
    topic = page(app, "_tags/self-care.html")
    assert topic.select_one("h1").get_text(strip=True).startswith("Tema: cuidarse uno mismo")
    assert notice(topic)["class"][1] == "handbook-translation-translated", "made from translated words"
    assert "Cosas que puede hacer usted mismo en casa." in topic.select_one("body").get_text(" ")
    assert app.statuscode == 0


def test_an_untranslated_change_note_makes_a_translated_page_out_of_date(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    catalog = srcdir / "locales/es/LC_MESSAGES/conditions/described.po"
    edit_catalog(catalog, 'msgstr "Revisamos los consejos sobre cómo mover el cuello."', 'msgstr ""')
    app = app_for()
    app.build()
    soup = page(app, "conditions/described.html")
    assert "Checked the advice on moving your neck." in soup.select_one("details.review-changes").get_text(" ")
    assert notice(soup)["class"][1] == "handbook-translation-outdated"


def test_make_gettext_extracts_change_notes_and_topic_names_into_their_catalogs(make_app, tmp_path):
    srcdir, _ = spanish_copy(make_app, tmp_path)
    app = make_app("gettext", srcdir=srcdir)
    app.build()
    outdir = Path(app.outdir)
    page_template = (outdir / "conditions/described.pot").read_text(encoding="utf-8")
    assert 'msgid "Checked the advice on moving your neck."' in page_template
    assert 'msgid "A strained muscle in your neck. It usually gets better within a few weeks."' in page_template
    topics = (outdir / "_data/topics.pot").read_text(encoding="utf-8")
    assert 'msgid "self-care"' in topics and 'msgid "Things you can do yourself at home."' in topics
    assert 'msgid "Topics:"' in (outdir / "sphinx.pot").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="translation", confoverrides=SPANISH)
def test_the_words_drawn_in_a_picture_are_in_the_readers_language(app):
    app.build()
    drawing = page(app, "conditions/described.html").select_one("figure svg")
    # A bold part and the words beside it are translated each on its own, their spaces kept.
    assert [label.get_text() for label in drawing.select("text")] == ["Gire despacio", "5 veces de cada lado"]
    assert drawing.select_one("title").get_text() == "Una cabeza que gira despacio hacia un lado."


def test_a_drawn_words_translation_corrected_in_its_catalog_shows_on_the_next_build(make_app, tmp_path):
    """A translator who corrects only the drawings' catalog sees the correction: a data file's pages are read again
    when the words they show change, in the file or in its catalog, not only when the file itself changes."""
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    app_for().build()
    edit_catalog(srcdir / "locales/es/LC_MESSAGES/_data/figures.po", 'msgstr "Gire despacio"', 'msgstr "Gire muy despacio"')
    app = app_for()
    app.build()
    labels = [label.get_text() for label in page(app, "conditions/described.html").select("figure svg text")]
    assert labels == ["Gire muy despacio", "5 veces de cada lado"]


def test_a_drawn_word_with_no_translation_makes_its_page_out_of_date(make_app, tmp_path):
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    catalog = srcdir / "locales/es/LC_MESSAGES/_data/figures.po"
    edit_catalog(catalog, 'msgstr "Gire despacio"', 'msgstr ""')
    app = app_for()
    app.build()
    soup = page(app, "conditions/described.html")
    assert [label.get_text() for label in soup.select("figure svg text")] == ["Turn slowly", "5 veces de cada lado"]
    assert notice(soup)["class"][1] == "handbook-translation-outdated"


def test_a_page_with_none_of_its_own_words_translated_stays_untranslated_beside_a_translated_drawing(make_app, tmp_path):
    """A drawing's words come from the drawings' catalog, shared by every page: translated there, they do not make
    an untranslated page "partly translated", which would then need its warning signs translated to build."""
    srcdir, app_for = spanish_copy(make_app, tmp_path)
    untranslated = srcdir / "untranslated.md"
    untranslated.write_text(
        untranslated.read_text(encoding="utf-8") + "\n```{handbook-figure} neck-turn\n```\n", encoding="utf-8"
    )
    app = app_for()
    app.build()
    soup = page(app, "untranslated.html")
    assert notice(soup)["class"][1] == "handbook-translation-untranslated"
    assert [label.get_text() for label in soup.select("figure svg text")] == ["Gire despacio", "5 veces de cada lado"]
    assert app.statuscode == 0, app.warning.getvalue()


def test_make_gettext_puts_the_words_drawn_in_pictures_in_the_drawings_catalog(make_app, tmp_path):
    srcdir, _ = spanish_copy(make_app, tmp_path)
    app = make_app("gettext", srcdir=srcdir)
    app.build()
    template = (Path(app.outdir) / "_data/figures.pot").read_text(encoding="utf-8")
    assert 'msgid "Turn slowly"' in template and 'msgid "5 times"' in template and 'msgid "each side"' in template
    assert 'msgid "A head turning slowly to one side."' in template
