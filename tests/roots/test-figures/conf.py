# Illustrations ({handbook-figure}) and icon arrays ({icon-array}): handbook.article.figures, handbook.article.icon_arrays.
# _static/figures/ holds two of the handbook's drawings; _data/figures.yaml is TEST DATA.
extensions = ["handbook", "sphinxcontrib.bibtex"]
exclude_patterns = ["_data"]
html_static_path = ["_static"]
bibtex_bibfiles = ["references.bib"]
myst_enable_extensions = ["colon_fence"]
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
tags_create_tags = True
tags_extension = ["md"]
html_theme = "sphinx_book_theme"  # the handout is printed from the theme's <article>
