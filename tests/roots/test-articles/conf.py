# A small handbook whose articles keep every structural rule (handbook.content.structure) at its default.
extensions = ["sphinxcontrib.bibtex", "handbook"]
exclude_patterns = ["_data"]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "handbook"
tags_create_tags = True
tags_extension = ["md"]
myst_enable_extensions = ["colon_fence"]
