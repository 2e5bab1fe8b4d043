"""Sphinx configuration for the Spine Health Handbook: settings only, no logic.

Built with ``sphinx-build -c . docs _build/html``: this file lives at the project
root and the sources in ``docs/``, so relative paths resolve in two places, as
marked below. The handbook's own behaviour lives in the ``handbook`` package.
"""

project = "Spine Health Handbook"
author = "The Spine Health Handbook editors"
copyright = "the Spine Health Handbook editors"
language = "en"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_tags",
    "sphinxcontrib.bibtex",
    "notfound.extension",
    "handbook",
]

# --- Paths resolved against this file's folder (the project root) -----------
templates_path = ["_templates"]
html_static_path = ["_static"]
bibtex_bibfiles = ["docs/references.bib"]

# --- Paths resolved against the source folder, docs/ ------------------------
exclude_patterns = ["_data"]
tags_output_dir = "_tags"  # generated on every build, git-ignored
handbook_topics_file = "_data/topics.yaml"  # the topic vocabulary
handbook_countries_file = "_data/countries.yaml"  # numbers, spelling and paper per country
handbook_red_flags_file = "_data/red-flags.yaml"  # each warning sign once, with its urgency

# --- Languages (handbook.i18n) -------------------------------------------------
# The articles' own language first; each other one is a translation, built into _build/html/<code>/
# (make html builds each; make html LANGUAGES=en builds one). Their catalogs are in docs/locales:
# make gettext, then make translations, refreshes them; make translations-status says how far each page is.
handbook_languages = ["en", "es"]
locale_dirs = ["locales"]  # docs/locales/es/LC_MESSAGES/<page>.po, and sphinx.po for the handbook's own words
gettext_compact = False  # one catalog per page, so each page's translation is counted on its own
gettext_location = False  # no line numbers in the catalogs: an English edit changes only the messages it touches

# --- Articles ---------------------------------------------------------------
handbook_article_sections = ["basics", "conditions", "treatments", "living", "decisions"]
# handbook_today = "2026-11-24"      # pretend "today" (tests; overdue checks)
# handbook_include_drafts = True     # `make html DRAFTS=1`
# handbook_cache = False             # every cache off, same output (handbook.core.output_cache; `make html NOCACHE=1`)
# The `##` headings a published article needs, in this order (others may come between):
# docname patterns, the first that matches wins (handbook.content.structure).
handbook_required_headings = {
    "treatments/at-a-glance": ["When to get help", "Sources"],  # a comparison of every treatment
    "conditions/*": ["What it is", "Symptoms", "Causes", "What helps", "Outlook", "When to get help", "Sources"],
    "treatments/*": [
        "What it is",
        "What the evidence says",
        "Risks and side effects",
        "What to expect",
        "Questions to ask",
        "When to get help",
        "Sources",
    ],
    # Decision aids: the parts {decision-aid} writes (handbook.decisions.aid_directive), then the article's own.
    "decisions/*": [
        "The decision",
        "Your options side by side",
        "Benefits and harms in numbers",
        "How sure is the evidence?",
        "What matters most to you?",
        "Questions to ask your doctor",
        "About this decision aid",
        "When to get help",
        "Sources",
    ],
    "*": ["When to get help", "Sources"],
}
handbook_key_points_title = "Key points"  # the box every article starts with; "" for none
handbook_min_sources = 2  # different works cited by each published article
handbook_article_template = "_data/article-template.md"  # `make article` copies it; its prose may not be published

# --- Decision aids (handbook.decisions): docs/decisions/*.md, each drawing docs/_data/decisions/<name>.yaml ----
handbook_decisions_dir = "_data/decisions"
# Printed in every aid (IPDAS: funding and conflicts of interest). A fork states its own.
handbook_decision_aid_interests = (
    "The handbook has no funding, no advertising and no sponsorship. "
    "The people who wrote this aid gain or lose nothing from the choice you make. "
    "No maker of a treatment in it took part in writing it."
)
handbook_editorial_policy = "about/editorial-policy"  # the review steps, and the aids' standard and update policy

# --- Country: emergency number, urgent advice line, spelling, paper size ---------
# One of the codes in docs/_data/countries.yaml (AU, CA, GB, IE, US, international);
# `make html SPHINXOPTS="-D handbook_country=AU"` for one build. Articles write
# {{ emergency_number }} and {{ urgent_advice }}, never a number (handbook.clinical.countries).
handbook_country = "international"

# --- Warning signs (handbook.clinical.redflags): docs/_data/red-flags.yaml, shown by {red-flags} --
handbook_red_flags_page = "basics/red-flags"  # the full list every box links to; "" for no link
handbook_get_help_now = ["conditions/*", "decisions/*"]  # pages that need the short box right after the key points

# --- Offline PDFs (make pdf, make handouts, make quicksheets) ----------------------
handbook_paper_size = ""  # "" = handbook_country's (above); or "Letter", "A4" (or `make handouts PAPER=A4`)
handbook_pdf_exclude = ["about/writing-guide", "about/evidence-log"]  # for editors, not patients
# The one-page quick sheet's "What you can do" (make quicksheets; handbook.printing.manifest): docname patterns, the first
# that matches wins, then the first of its headings the article has (any level). An article with none of them
# shows its "When to get help" text instead.
handbook_quick_sheet_actions = {
    # A comparison of every treatment: its reading tips (its "When to get help" holds four medicine boxes, over a page).
    "treatments/at-a-glance": ["Keep in mind"],
    "living/my-back-pain-plan": ["My flare-up plan"],  # the whole plan and the emergency signs do not fit on one page
    "conditions/*": ["Look after yourself"],  # the self-care part of "When to get help"
    "treatments/*": ["Questions to ask"],  # a required heading of every treatment page
    "*": ["Look after yourself", "Things you can do"],
}

# --- MyST Markdown ------------------------------------------------------------
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Keep each footnote where it is written: the sources belong in "## Sources".
myst_footnote_sort = False
myst_footnote_transition = False
# handbook.content.metadata reports front-matter mistakes with the file, line and fix.
suppress_warnings = ["myst.topmatter"]

# --- Topics (sphinx-tags) -------------------------------------------------------
tags_create_tags = True
tags_extension = ["md"]
tags_intro_text = "Topics:"
tags_page_title = "Topic"
tags_page_header = "Articles on this topic"
tags_overview_title = "Topics"
tags_index_head = "All topics"

# --- Citations (sphinxcontrib-bibtex) -------------------------------------------
bibtex_default_style = "handbook"  # handbook.article.citations: prints only checked fields
# Tooltips serve {cite} links; articles use {footcite}, so they would be formatted for nothing.
bibtex_tooltips = False

# --- 404 page (sphinx-notfound-page) -----------------------------------------------
# _templates/handbook-404.html holds the page, with a search form. Its links are
# absolute from the site's path, which handbook.web.site_address takes from html_baseurl.
notfound_template = "handbook-404.html"
notfound_context = {"title": "Page not found"}

# --- Site address -------------------------------------------------------------------
# Canonical URLs, the sitemap, link previews and the 404 page's links all follow this.
# Forks set their own; `make html BASEURL=...` overrides it for one build.
html_baseurl = "https://spine-health-handbook.github.io/handbook/"
# "Suggest a correction" on articles links to the article's file here; "" for no link.
handbook_repository_url = "https://github.com/spine-health-handbook/handbook"
handbook_repository_branch = "main"
# "Was this page helpful? Tell us" on articles: a mailto: link to this address, with the page's title, address
# and review date filled in. The handbook has no feedback mailbox yet, so "" sends readers to the repository's
# issue form instead (handbook_repository_url); with both "" there is no link.
handbook_feedback_email = ""
# make linkcheck: the correction links lead to the repository, which a fork renames.
linkcheck_ignore = [r"https://github\.com/.*/blob/"]

# --- Sitemap (sphinx-sitemap) and link previews (sphinxext-opengraph) ---------------
sitemap_excludes = ["search.html", "genindex.html", "404.html", "_tags/*"]
ogp_image = "_static/social.png"  # relative to html_baseurl
ogp_image_alt = "Spine Health Handbook: patient information on back pain"
ogp_social_cards = {"enable": False}
ogp_enable_meta_description = False  # handbook.article.review_status writes it from the front matter

# --- HTML -------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Spine Health Handbook"
html_favicon = "_static/favicon.svg"  # resolved against this folder
html_logo = "_static/logo.svg"
html_css_files = ["handbook.css", "red-flags.css", "figures.css", ("print.css", {"media": "print"})]
# In place of the themes' scripts, which pages do not load (handbook/theme/unused_assets.py).
html_js_files = [("handbook-page.js", {"defer": "defer"})]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# Follow the reader's light or dark setting until they choose one.
html_context = {"default_mode": "auto"}
html_theme_options = {
    # The sidebar lists the sections and opens only the one you are in.
    "show_navbar_depth": 1,
    "collapse_navbar": True,
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    # The comparison table needs the page's full width, so no contents column there.
    "secondary_sidebar_items": {"**": ["page-toc"], "treatments/at-a-glance": []},
    # _templates/handbook-disclaimer.html: "not medical advice" on every page;
    # and this page in the handbook's other languages (handbook.i18n.switcher).
    "footer_content_items": ["handbook-disclaimer.html", "handbook-language-switcher.html", "copyright.html"],
    # The image is the spine mark; the name beside it is text, so the alt text names the link.
    "logo": {"text": "Spine Health Handbook", "alt_text": "Home"},
    # No pydata-sphinx-theme top bar: sphinx-book-theme hides it, but pydata-sphinx-theme 0.20 draws it
    # (with hidden copies of the menu buttons) unless this is set, and both themes' scripts attach the
    # menu to the first button on the page, so the visible ☰ did nothing at any width
    # (https://github.com/pydata/pydata-sphinx-theme/issues/2451,
    # https://github.com/executablebooks/sphinx-book-theme/issues/988). tests/test_navigation_menu.py.
    "navbar_persistent": [],
    # "☰ Menu", then the site's name linking home (shown while the sidebar with the logo is hidden).
    "article_header_start": ["handbook-menu-button.html", "handbook-home-link.html"],
}
# sphinx-book-theme's sidebar, with a "Close" button first for when it opens as a menu on narrow screens.
html_sidebars = {
    "**": ["handbook-menu-close.html", "navbar-logo.html", "icon-links.html", "search-button-field.html", "sbt-sidebar-nav.html"]
}
