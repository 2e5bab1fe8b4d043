"""The Spine Health Handbook's own Sphinx extensions.

Listing ``handbook`` in ``extensions`` sets up everything the handbook needs.
This file is the map of it, in two parts (see ARCHITECTURE.md):

* ``HANDLERS``: every event handler of the handbook, in one table, in the order
  Sphinx calls them: event by event as a build meets them, and in each event
  by priority. Each row says why it runs where it does. To change what happens
  when, change a row here; ``tests/test_wiring.py`` holds Sphinx's own list of
  listeners to this table.
* ``MODULES``: the modules that register something with Sphinx (settings,
  directives, roles, nodes, a builder) or declare an ``env_version``. Each has
  its own ``setup(app)`` for that, and connects no handler itself.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from handbook.core.wiring import Handler, connect_handlers

__version__ = "0.1.0"

H = Handler
HANDLERS: tuple[Handler, ...] = (
    # --- config-inited: settings that other settings follow --------------------------------------------------
    H("config-inited", "handbook.i18n.languages:_publish_below_the_source", 90,
      "First: a translation's address is the site's with its language's folder, before anything derives from it"),
    H("config-inited", "handbook.web.site_address:_derive_from_base_url", 100,
      "Then every address setting and extension reads html_baseurl normalised"),
    H("config-inited", "handbook.clinical.countries:_apply_country", 400,
      "Before handlers at 500 read the country's numbers, spelling, paper and MyST substitutions"),
    H("config-inited", "handbook.content.metadata:_exclude_drafts", 500,
      "Drafts leave the build unless handbook_include_drafts is set"),
    H("config-inited", "handbook.content.metadata:_report_front_matter_once", 500,
      "MyST's own 'Malformed YAML' message would repeat what the handbook reports with a line and a fix"),
    H("config-inited", "handbook.web.sitemap:_take_over_collection", 500,
      "Disconnects sphinx-sitemap's page collection: the handbook queues every page itself"),
    # --- builder-inited: data files loaded, caches installed, upstream hooks checked -------------------------
    H("builder-inited", "handbook.core.output_cache:forget_digests", 100,
      "First: with the caches off, no later handler may trust a digest an earlier build noted"),
    H("builder-inited", "handbook.core.encoding:_read_pages_with_the_reporting_codec", 500,
      "A page that is not UTF-8 is one error with its line, not a crash"),
    H("builder-inited", "handbook.article.citations:_load_formatted", 500,
      "The bibliography entries formatted by earlier builds (a cache)"),
    H("builder-inited", "handbook.clinical.redflags:RED_FLAGS.load", 500, "The warning signs and their urgency"),
    H("builder-inited", "handbook.article.reviewers:REVIEWERS.load", 500, "The reviewer registry"),
    H("builder-inited", "handbook.clinical.medicines:MEDICINES.load", 500, "The medicine safety data"),
    H("builder-inited", "handbook.article.figures:FIGURES.load", 500, "The drawings' alt text, captions and sources"),
    H("builder-inited", "handbook.clinical.countries:_write_catalog_template", 500,
      "make gettext: the countries' words, to translate (read at config-inited, before any builder)"),
    H("builder-inited", "handbook.topics.tags:_generate_topic_pages", 500,
      "Topic pages, written only when they change, in place of sphinx-tags' handler (disconnected in setup)"),
    H("builder-inited", "handbook.search.vocabulary:SYNONYMS.load", 500, "The search synonyms"),
    H("builder-inited", "handbook.theme.used_names:PAGE_NAMES.load", 500,
      "The classes and icons pages used in earlier builds, for the trimmed CSS and icon set"),
    H("builder-inited", "handbook.web.unchanged_pages:_install", 500,
      "Sphinx writes a page only when its HTML changed (a cache)"),
    H("builder-inited", "handbook.theme.template_cache:_store_compiled_templates", 500,
      "Jinja keeps compiled templates between builds (a cache)"),
    H("builder-inited", "handbook.theme.navigation:_use_cached_sidebars", 500,
      "Disconnects the theme's sidebar function, which _add_cached_toctree_functions runs instead"),
    H("builder-inited", "handbook.theme.layout_override:_check_the_copied_block", 500,
      "The theme block _templates/layout.html copies is still the theme's"),
    H("builder-inited", "handbook.theme.unused_assets:_write_bundle", 500, "The site's own stylesheets in one file"),
    H("builder-inited", "handbook.web.sitemap:_make_queue", 500, "The sitemap's queue, filled at build-finished"),
    # --- env-get-outdated: pages to read again ---------------------------------------------------------------
    H("env-get-outdated", "handbook.core.diagnostics:_reread_invalid", 500, "A page with errors last time"),
    H("env-get-outdated", "handbook.clinical.redflags:_reread_when_red_flags_change", 500,
      "Every page, when the warning signs change (every page is held to their urgency)"),
    H("env-get-outdated", "handbook.article.reviewers:_reread_articles_when_reviewers_change", 500,
      "Every article, when the reviewer registry changes"),
    H("env-get-outdated", "handbook.clinical.medicines:_reread_articles_when_medicines_change", 500,
      "Every article, when the medicine data changes"),
    H("env-get-outdated", "handbook.article.figures:_reread_when_figures_change", 500,
      "Pages with drawings, when the drawings or their data change"),
    H("env-get-outdated", "handbook.topics.tags:_reread_when_vocabulary_changes", 500,
      "Pages with topics, and topic pages, when the vocabulary changes"),
    H("env-get-outdated", "handbook.search.vocabulary:_reread_articles_when_synonyms_change", 500,
      "Every article, when the synonyms change"),
    H("env-get-outdated", "handbook.i18n.interface:_reread_when_the_catalog_changes", 500,
      "Every page of a translation, when the handbook's own words (sphinx.po) change"),
    H("env-get-outdated", "handbook.core.removed_pages:_reread_pages_that_linked", 500,
      "Pages that linked to a page that is leaving"),
    # --- env-purge-doc: a page is read again, so each store forgets it (as sphinx.ext.todo does) -------------
    H("env-purge-doc", "handbook.core.diagnostics:INVALID.purge", 500, "Its errors"),
    H("env-purge-doc", "handbook.content.metadata:META.purge", 500, "Its front matter"),
    H("env-purge-doc", "handbook.article.changes:CHANGELOGS.purge", 500, "Whether it shows the changelog"),
    H("env-purge-doc", "handbook.article.figures:USED.purge", 500, "The drawings it shows"),
    H("env-purge-doc", "handbook.topics.tags:TOPICS.purge", 500, "Its topics"),
    H("env-purge-doc", "handbook.topics.listings:LISTINGS.purge", 500, "Its article lists"),
    H("env-purge-doc", "handbook.content.readability:SCORES.purge", 500, "Its reading level"),
    H("env-purge-doc", "handbook.content.readability:EASE.purge", 500, "Its reading ease, in a translation"),
    H("env-purge-doc", "handbook.content.structure:TITLES.purge", 500, "Its title"),
    H("env-purge-doc", "handbook.core.removed_pages:LINKS.purge", 500, "The pages it links to"),
    H("env-purge-doc", "handbook.printing.manifest:QUICK_SHEET.purge", 500, "Its quick sheet's parts"),
    # --- source-read: the Markdown, before MyST parses it ----------------------------------------------------
    H("source-read", "handbook.content.metadata:_read_metadata", 500, "Front matter checked, with the line of each value"),
    H("source-read", "handbook.clinical.urgency:_check_urgency", 500,
      "No sentence gives a warning sign less urgency than red-flags.yaml"),
    H("source-read", "handbook.topics.tags:_check_tags", 500, "Topics come from the vocabulary"),
    H("source-read", "handbook.i18n.front_matter:_translate_description", 510,
      "After _read_metadata (500): in a translation, the description in its language, wherever it is shown"),
    H("source-read", "handbook.article.reviewers:_check_reviewers", 600,
      "After _read_metadata (500): reviewed_by names listed reviewers"),
    # --- doctree-read: each page parsed -----------------------------------------------------------------------
    H("doctree-read", "handbook.content.structure:_check_article", 400,
      "Before the page is decorated: the checks see the author's page alone"),
    H("doctree-read", "handbook.article.decorate:decorate_article", 450,
      "Everything around an article's body, in reading order; before _fill_in_boxes fills {{ }} in it"),
    H("doctree-read", "handbook.i18n.progress:_say_how_much_is_translated", 460,
      "After decorate_article (450): a translation's notice is the first thing under the title"),
    H("doctree-read", "handbook.clinical.countries:_fill_in_boxes", 500,
      "The country's words in text that directives printed from data files"),
    H("doctree-read", "handbook.clinical.redflags:_resolve_help_links", 500,
      "Each short warning box links to this page's 'When to get help', or the full list"),
    H("doctree-read", "handbook.clinical.redflags:_require_get_help_now", 500,
      "Condition pages have the short box right after the key points"),
    H("doctree-read", "handbook.article.figures:_require_captions", 500, "A figure needs a caption"),
    H("doctree-read", "handbook.topics.tags:_link_badges_as_documents", 500,
      "Topic badges link as documents, so every builder resolves them"),
    H("doctree-read", "handbook.content.readability:_measure", 500,
      "The reading level of the article's own words (decoration is skipped by its classes)"),
    H("doctree-read", "handbook.content.forbidden_markup:_refuse_unsafe_content", 500,
      "No raw HTML, no image without alt text"),
    H("doctree-read", "handbook.search.search_page:_keep_out_of_search", 500,
      "Landing and editors' pages stay out of search results"),
    H("doctree-read", "handbook.search.unsearched_sources:_keep_sources_out_of_search", 500,
      "No patient searches the Sources section"),
    H("doctree-read", "handbook.core.removed_pages:_record_links", 500,
      "After decorate_article: every link the page shows, for when a page leaves"),
    H("doctree-read", "handbook.printing.manifest:_note_quick_sheet_parts", 500,
      "Where the quick sheet's key points and actions are"),
    # --- env-merge-info: parallel readers' stores joined --------------------------------------------------------
    H("env-merge-info", "handbook.core.diagnostics:INVALID.merge", 500, "The errors parallel readers found"),
    H("env-merge-info", "handbook.content.metadata:META.merge", 500, "The front matter they read"),
    H("env-merge-info", "handbook.article.changes:CHANGELOGS.merge", 500, "Which of their pages show the changelog"),
    H("env-merge-info", "handbook.article.figures:USED.merge", 500, "The drawings their pages show"),
    H("env-merge-info", "handbook.topics.tags:TOPICS.merge", 500, "Their pages' topics"),
    H("env-merge-info", "handbook.topics.listings:LISTINGS.merge", 500, "Their pages' article lists"),
    H("env-merge-info", "handbook.content.readability:SCORES.merge", 500, "Their pages' reading levels"),
    H("env-merge-info", "handbook.content.readability:EASE.merge", 500, "Their pages' reading ease, in a translation"),
    H("env-merge-info", "handbook.content.structure:TITLES.merge", 500, "Their pages' titles"),
    H("env-merge-info", "handbook.core.removed_pages:LINKS.merge", 500, "Their pages' links"),
    H("env-merge-info", "handbook.printing.manifest:QUICK_SHEET.merge", 500, "Their quick sheets' parts"),
    # --- env-updated, env-get-updated, env-check-consistency: checks across pages --------------------------------
    H("env-updated", "handbook.content.metadata:_check_overdue", 500, "Every build fails while an article is overdue for review"),
    H("env-updated", "handbook.content.structure:_check_duplicate_titles", 500, "No two articles share a title"),
    H("env-updated", "handbook.content.readability:_check_translations_median_ease", 500,
      "A translation's articles, taken together, read fairly easily"),
    H("env-updated", "handbook.theme.navigation:_forget_sidebars", 500,
      "The pages or the navigation may have changed: sidebars are drawn again"),
    H("env-get-updated", "handbook.article.changes:_rewrite_changed_changelogs", 500,
      "The changelog page, when what it lists changed"),
    H("env-get-updated", "handbook.topics.listings:_rewrite_changed_listings", 500,
      "Pages whose article lists changed"),
    H("env-get-updated", "handbook.core.removed_pages:_rewrite_every_page_when_pages_came_or_went", 500,
      "Every page, when a page came or went (its sidebar and next/previous links)"),
    H("env-check-consistency", "handbook.article.figures:_check_every_drawing_is_used", 500,
      "Each drawing is described and shown"),
    # --- doctree-resolved: each page about to be written -----------------------------------------------------------
    H("doctree-resolved", "handbook.article.changes:_fill_changelogs", 500, "The changelog page's list"),
    H("doctree-resolved", "handbook.clinical.medicines:_point_links_at_the_whole_box", 500,
      "Links to a medicine lead to its whole safety box"),
    H("doctree-resolved", "handbook.topics.listings:_fill_listings", 500, "Described lists of articles"),
    H("doctree-resolved", "handbook.search.stemming:_share_stems_across_pages", 500,
      "Before the first page is indexed: one stem per word across pages (a cache)"),
    # --- html-collect-pages, html-page-context: writing ------------------------------------------------------------
    H("html-collect-pages", "handbook.search.search_page:_write_search_data", 500,
      "The search page's data, after every page is read and before the search page is written"),
    H("html-page-context", "handbook.web.link_previews:_front_matter_description", 400,
      "Before sphinxext-opengraph (500) reads the page's description"),
    H("html-page-context", "handbook.theme.navigation:_add_cached_toctree_functions", 499,
      "Before the theme's handlers at 500: one of them draws the sidebar to see if it is empty"),
    H("html-page-context", "handbook.clinical.countries:_page_context", 500,
      "The country's emergency number for templates; <html lang> in its spelling"),
    H("html-page-context", "handbook.article.review_status:_meta_description", 500,
      "The description as <meta name=\"description\">, before sphinxext-opengraph's tags"),
    H("html-page-context", "handbook.search.search_page:_add_scripts_to_the_search_page", 500,
      "The search page's own scripts"),
    H("html-page-context", "handbook.i18n.switcher:_link_the_languages", 500,
      "The same page in the other languages: the footer's links and <head>'s hreflang alternates"),
    H("html-page-context", "handbook.web.structured_data:_add_structured_data", 501,
      "After sphinxext-opengraph's tags (500), so the JSON-LD follows them in <head>"),
    H("html-page-context", "handbook.web.site_address:_absolute_sidebar_on_404_page", 501,
      "After the theme (500) and the cached sidebar (499) put generate_toctree_html in the context"),
    H("html-page-context", "handbook.theme.unused_assets:_leave_out_unused", 900,
      "Late: after the handlers that add files to the page"),
    # --- handbook-finish-page: each written page's final HTML (handbook.core.final_html_pass) --------------------
    H("handbook-finish-page", "handbook.web.accessibility:finish_page", 500,
      "Names for icon-only buttons; a focusable skip target"),
    H("handbook-finish-page", "handbook.article.table_cards:finish_page", 500, "Wide tables become cards on phones"),
    H("handbook-finish-page", "handbook.article.citation_groups:finish_page", 500, "Citations side by side become [1-3]"),
    H("handbook-finish-page", "handbook.theme.unused_assets:finish_page", 500, "No Bootstrap script where no page needs it"),
    H("handbook-finish-page", "handbook.web.privacy:_harden", 900,
      "Late: the Content-Security-Policy hashes every inline script the others leave"),
    H("handbook-finish-page", "handbook.theme.used_names:PAGE_NAMES.note", 950,
      "Last: the classes and icons of the final markup"),
    # --- build-finished ----------------------------------------------------------------------------------------------
    H("build-finished", "handbook.web.sitemap:_queue_every_page", 400,
      "Before sphinx-sitemap writes the file (500)"),
    H("build-finished", "handbook.core.diagnostics:_fail_if_invalid", 500,
      "A page had an error: the build fails, even without -W"),
    H("build-finished", "handbook.article.citations:_store_formatted", 500, "Formatted bibliography entries kept (a cache)"),
    H("build-finished", "handbook.topics.tags:_remove_stale_topic_pages", 500, "Topic pages no topic needs any more"),
    H("build-finished", "handbook.core.final_html_pass:_finish_written_pages", 500,
      "Each page written in this build, once, through handbook-finish-page"),
    H("build-finished", "handbook.core.removed_pages:_delete_output_of_departed_pages", 500, "The output of removed pages"),
    H("build-finished", "handbook.printing.manifest:_write_manifest", 500, "What the PDFs print, for make pdf"),
    H("build-finished", "handbook.i18n.interface:_write_template", 500,
      "make gettext: sphinx.pot, the handbook's own words (its templates' and its notices), beside the pages'"),
    H("build-finished", "handbook.theme.icons:_write_icon_subset", 600,
      "After _finish_written_pages (500): only the icons the final pages use"),
    H("build-finished", "handbook.theme.stylesheets:_trim_theme_files", 650,
      "After the icons (600): only the CSS the final pages use"),
)  # fmt: skip

MODULES = (
    "handbook.core.diagnostics",
    "handbook.core.output_cache",
    "handbook.article.citations",
    "handbook.content.metadata",
    "handbook.clinical.countries",
    "handbook.clinical.redflags",
    "handbook.article.reviewers",
    "handbook.article.changes",
    "handbook.clinical.medicines",
    "handbook.article.figures",
    "handbook.article.icon_arrays",
    "handbook.decisions.aid_directive",
    "handbook.topics.tags",
    "handbook.topics.listings",
    "handbook.article.review_status",
    "handbook.content.readability",
    "handbook.content.pemat",
    "handbook.content.structure",
    "handbook.search.vocabulary",
    "handbook.search.search_page",
    "handbook.search.unsearched_sources",
    "handbook.search.search_field",
    "handbook.core.removed_pages",
    "handbook.printing.manifest",
    "handbook.web.link_previews",
    "handbook.web.sitemap",
    "handbook.article.feedback",
    "handbook.i18n.progress",
    "handbook.i18n.anchors",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_tags")
    app.setup_extension("handbook.core.final_html_pass")  # declares handbook-finish-page, which the table connects to
    # The table before the modules: extensions they set up (sphinxext-opengraph, sphinx-sitemap) connect after it.
    connect_handlers(app, HANDLERS)
    for module in MODULES:
        app.setup_extension(module)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
