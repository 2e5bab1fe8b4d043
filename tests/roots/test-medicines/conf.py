# Medicine-safety boxes from a data file of fictional medicines (handbook.clinical.medicines); other article rules off.
extensions = ["sphinxcontrib.bibtex", "handbook"]
exclude_patterns = ["_data"]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "handbook"
tags_create_tags = True
tags_extension = ["md"]
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
# The country's numbers reach the box through MyST substitutions (handbook.clinical.countries sets them for a real build).
myst_enable_extensions = ["substitution"]
myst_substitutions = {"emergency_number": "000 (test number)"}
