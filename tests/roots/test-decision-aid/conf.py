# Decision aids ({decision-aid}): handbook.decisions. _data/decisions/example.yaml is TEST DATA, not medical advice.
extensions = ["handbook", "sphinxcontrib.bibtex"]
exclude_patterns = ["_data"]
bibtex_bibfiles = ["references.bib"]
myst_enable_extensions = ["colon_fence"]
handbook_article_sections = ["decisions"]
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
handbook_red_flags_page = ""
handbook_decision_aid_interests = "Test statement: nobody gains from this test aid."
tags_create_tags = True
tags_extension = ["md"]
html_theme = "sphinx_book_theme"
