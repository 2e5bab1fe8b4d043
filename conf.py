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

# --- Articles ---------------------------------------------------------------
handbook_article_sections = ["basics", "conditions", "treatments", "living"]
# handbook_today = "2026-11-24"      # pretend "today" (tests; overdue checks)
# handbook_include_drafts = True     # `make html DRAFTS=1`

# --- MyST Markdown ------------------------------------------------------------
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Keep each footnote where it is written: the sources belong in "## Sources".
myst_footnote_sort = False
myst_footnote_transition = False
# handbook.metadata reports front-matter mistakes with the file, line and fix.
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
bibtex_default_style = "handbook"  # handbook.citations: prints only checked fields

# --- 404 page (sphinx-notfound-page) -----------------------------------------------
# Links on the 404 page are absolute, from the site root.
notfound_urls_prefix = "/"
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>"
        "<p>We could not find that page. It may have moved, or the address may have a typo.</p>"
        '<form class="handbook-search-form" action="/search.html" method="get" role="search">'
        '<label for="notfound-search">Search the handbook</label> '
        '<input id="notfound-search" type="search" name="q" /> '
        '<button type="submit">Search</button></form>'
        '<p>Or go to the <a href="/index.html">home page</a>.</p>'
    ),
}

# --- HTML -------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "Spine Health Handbook"
html_favicon = "_static/favicon.svg"  # resolved against this folder
html_css_files = ["handbook.css"]
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
    # _templates/handbook-disclaimer.html: "not medical advice" on every page.
    "footer_content_items": ["handbook-disclaimer.html", "copyright.html"],
}
