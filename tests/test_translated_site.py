"""The handbook's translations, built as ``make html`` builds them (each in its folder beside the English) and read
in Chromium: a strict build, no request to another host, no accessibility violation in light or dark mode, no
sideways scrolling on a phone, and a footer link to the same page in the other language that a reader can follow.

The languages come from conf.py's ``handbook_languages``; the pages from the catalogs: a wholly translated article
and an untranslated one, as ``make translations-status`` counts them, so the tests follow the translation's
progress.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from handbook.i18n.status import catalog_progress, pages
from handbook.web.privacy import external_resources
from tests.conftest import CONF, PROJECT
from tests.search.lexicon import DIFFERENCES, UNSTEMMED
from tests.search.recall import ANSWER_IN_PLACE, answer_queries, load_queries, open_results, recall_at, search_data
from tests.test_accessibility import MODES, axe_violations, open_page

SOURCE, *TRANSLATIONS = CONF["handbook_languages"]
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def articles_by_progress(language: str) -> tuple[str, str]:
    """An article wholly translated into ``language``, and one not translated at all (by the committed catalogs)."""
    docs = Path(__file__).parent.parent / "docs"
    catalogs = docs / "locales" / language / "LC_MESSAGES"
    articles = [name for name in pages(docs) if name.split("/")[0] in CONF["handbook_article_sections"]]
    articles = [name for name in articles if not name.endswith("/index")]
    progress = {name: catalog_progress(catalogs / f"{name}.po") for name in articles}
    translated = next(name for name, done in progress.items() if done.total and done.percent == 100)
    untranslated = next(name for name, done in progress.items() if done.translated == 0)
    return translated, untranslated


def translation_pages() -> dict[str, str]:
    """Per translation: its home page, warning signs, a translated and an untranslated article, and the glossary."""
    found = {}
    for language in TRANSLATIONS:
        translated, untranslated = articles_by_progress(language)
        for kind, page in {
            "home": "index",
            "translated article": translated,
            "untranslated article": untranslated,
            "glossary": "about/glossary",
            "warning signs": CONF["handbook_red_flags_page"],
            "search": "search",
        }.items():
            found[f"{language} {kind}"] = f"{language}/{page}.html"
    return found


PAGES = translation_pages()


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("mode", MODES)
def test_translated_pages_have_no_accessibility_violations(browser, bilingual_server, kind, mode):
    page = open_page(browser, bilingual_server + PAGES[kind], mode)
    violations = axe_violations(page)
    page.context.close()
    assert violations == []


@pytest.mark.parametrize("kind", PAGES)
def test_translated_pages_request_only_their_own_site_run_without_errors_and_do_not_scroll_sideways(
    browser, bilingual_server, kind
):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(bilingual_server + PAGES[kind], wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    own = urlsplit(bilingual_server).netloc
    assert [url for url in requests if not url.startswith("data:") and urlsplit(url).netloc != own] == []
    assert problems == [], "no script errors"
    assert width <= 320


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_reader_follows_the_footer_to_the_english_page_and_back(browser, bilingual_server, language):
    translated, _ = articles_by_progress(language)
    page = browser.new_page()
    page.goto(f"{bilingual_server}{language}/{translated}.html", wait_until="networkidle")
    assert page.locator("html").get_attribute("lang") == language
    page.locator(f'.handbook-languages a[hreflang="{SOURCE}"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{bilingual_server}{translated}.html"
    assert page.locator("html").get_attribute("lang").startswith(SOURCE)
    page.locator(f'.handbook-languages a[hreflang="{language}"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{bilingual_server}{language}/{translated}.html"
    assert page.locator(".handbook-translation-translated").count() == 1
    page.close()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_an_untranslated_article_says_so_in_the_readers_language_and_links_the_english(browser, bilingual_server, language):
    _, untranslated = articles_by_progress(language)
    page = browser.new_page()
    page.goto(f"{bilingual_server}{language}/{untranslated}.html", wait_until="networkidle")
    notice = page.locator(".handbook-translation-untranslated")
    assert notice.count() == 1 and notice.get_attribute("lang") == language
    assert page.locator("article section").first.get_attribute("lang") == SOURCE
    notice.locator("a").click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{bilingual_server}{untranslated}.html"
    page.close()


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_page_of_a_translation_has_its_content_security_policy_and_private_outbound_links(bilingual, language):
    """The same rules as the English pages' (tests/test_privacy.py), on every page of the translation."""
    pages = sorted(path for path in (bilingual / language).rglob("*.html") if not {"_static", "_sources"} & set(path.parts))
    assert len(pages) > 50
    for path in pages:
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None and csp["content"].startswith("default-src 'self'; script-src 'self'"), path
        assert all(tag.sourceline > csp.sourceline for tag in head.head.find_all(["script", "style", "link"])), path
        assert external_resources(str(head)) == [], path
        for link in head.select('a[href^="http"]'):
            assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (path, link)


# One query set per translation, tests/search/queries.<language>.yaml, in that language.
QUERY_SETS = {path.suffixes[0].lstrip("."): path for path in sorted((Path(__file__).parent / "search").glob("queries.*.yaml"))}
RECALL_AT_3 = 0.9


def test_every_query_set_of_a_language_is_one_the_handbook_is_built_in_and_big_enough():
    assert set(QUERY_SETS) <= set(TRANSLATIONS)
    for path in QUERY_SETS.values():
        queries = load_queries(path)
        assert len(queries) >= 80, path.name
        assert len([case for case in queries if case["kind"] == "out-of-scope"]) >= 15, path.name
        assert all(case["expect"] == [] for case in queries if case["kind"] == "out-of-scope"), path.name


@pytest.mark.parametrize("language", QUERY_SETS)
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_translations_search_finds_the_article_its_reader_means(browser, bilingual, bilingual_server, language, scheme):
    base = f"{bilingual_server}{language}/" if scheme == "http" else (bilingual / language).as_uri() + "/"
    page = browser.new_page()
    outcomes = answer_queries(page, base, load_queries(QUERY_SETS[language]), bilingual / language)
    page.close()
    misses = [(outcome.query, outcome.got[:3], outcome.no_article) for outcome in outcomes if not outcome.passed(3)]
    assert recall_at(outcomes, 3) >= RECALL_AT_3, misses


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translations_search_lexicon_from_the_builds_stems_is_the_one_its_page_would_stem(browser, bilingual_server, language):
    """The build stems with the translation's Snowball stemmer, as the page's language_data.js does."""
    page = browser.new_page()
    open_results(page, f"{bilingual_server}{language}/", "dolor")
    assert page.evaluate(UNSTEMMED) == []
    assert page.evaluate(DIFFERENCES) == []
    page.close()


# --- The search page's own words and its "Get help now" box, in each translation -------------------------------

SEARCH_SETS = Path(__file__).parent / "search"
# Patients' words for each warning sign, and everyday words near a sign's, in the translation's language: written by
# a separate writer given only the signs' ids, tiers and translated texts (the file's header says who and when).
SIGN_QUERIES = {path.name.split(".")[1]: path for path in sorted(SEARCH_SETS.glob("warning-sign-queries.*.yaml"))}
NEAR_MISSES = {path.name.split(".")[1]: path for path in sorted(SEARCH_SETS.glob("near-miss-queries.*.yaml"))}


def box_tiers(page, base: str, queries: list[str], tiers: list[str]) -> list[str | None]:
    """The tier of the "Get help now" box each query shows on the search page (None: no box), one page load; the
    box's class names its tier (red-flags-emergency), one of the data's ``tiers``."""
    open_results(page, base, queries[0])
    shown = []
    for query in queries:
        assert page.evaluate(ANSWER_IN_PLACE, query), query
        box = page.locator(".search-get-help")
        classes = (box.get_attribute("class") or "").split() if box.count() else []
        shown.append(
            next((name.removeprefix("red-flags-") for name in classes if name.removeprefix("red-flags-") in tiers), None)
        )
    return shown


def test_every_translations_warning_sign_queries_name_its_signs_and_come_with_near_misses():
    assert set(SIGN_QUERIES) == set(NEAR_MISSES) and set(SIGN_QUERIES) <= set(TRANSLATIONS)
    for language, path in SIGN_QUERIES.items():
        signs = {sign["id"] for sign in yaml.safe_load((PROJECT / "docs" / CONF["handbook_red_flags_file"]).read_text())["signs"]}
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {case["sign"] for case in cases} == signs, f"{path.name}: every sign, and only signs, have queries"
        assert len(yaml.safe_load(NEAR_MISSES[language].read_text(encoding="utf-8"))) >= 30


@pytest.mark.parametrize("language", SIGN_QUERIES)
def test_a_translations_patients_words_for_a_warning_sign_get_the_box_at_its_urgency(
    browser, bilingual, bilingual_server, language
):
    """Every query naming a sign gets the "Get help now" box at the sign's urgency or a more urgent one."""
    data = search_data(bilingual / language)
    order = data["warningSigns"]["order"]  # the tiers, most urgent first
    tier_of = {sign["id"]: sign["tier"] for sign in data["warningSigns"]["signs"]}
    cases = yaml.safe_load(SIGN_QUERIES[language].read_text(encoding="utf-8"))
    page = browser.new_page()
    shown = box_tiers(page, f"{bilingual_server}{language}/", [case["q"] for case in cases], order)
    page.close()
    missed = [
        (case["q"], case["sign"], tier)
        for case, tier in zip(cases, shown, strict=True)
        if tier is None or order.index(tier) > order.index(tier_of[case["sign"]])
    ]
    assert missed == []


@pytest.mark.parametrize("language", NEAR_MISSES)
def test_a_translations_everyday_words_near_a_signs_get_no_box(browser, bilingual, bilingual_server, language):
    queries = [case["q"] for case in yaml.safe_load(NEAR_MISSES[language].read_text(encoding="utf-8"))]
    order = search_data(bilingual / language)["warningSigns"]["order"]
    page = browser.new_page()
    shown = box_tiers(page, f"{bilingual_server}{language}/", queries, order)
    page.close()
    assert [(query, tier) for query, tier in zip(queries, shown, strict=True) if tier] == []


@pytest.mark.parametrize("language", QUERY_SETS)
def test_a_translations_search_page_speaks_its_language(browser, bilingual, bilingual_server, language):
    """What the page says around the results, in the words of the translation's catalog (search data "text")."""
    text = search_data(bilingual / language)["text"]
    assert text["noArticle"] != "We don't have an article about {query} yet.", "translated (a missing one stops the build)"
    unknown = next(case["q"] for case in load_queries(QUERY_SETS[language]) if case["kind"] == "out-of-scope")
    page = browser.new_page()
    open_results(page, f"{bilingual_server}{language}/", unknown)
    said = " ".join(page.locator(".search-no-article-message").inner_text().split())
    assert said == text["noArticle"].replace("{query}", unknown)
    open_results(page, f"{bilingual_server}{language}/", "ciatica")
    status = " ".join(page.locator(".search-summary").inner_text().split())
    page.close()
    assert status in {text["foundOne"], *(text["foundMany"].replace("{count}", str(n)) for n in range(2, 31))}
