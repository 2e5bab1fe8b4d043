# An article that gives a warning sign less urgency than the (TEST DATA) red-flags list: the build must fail,
# naming the file and line (handbook.clinical.urgency).
extensions = ["handbook"]
exclude_patterns = ["_data"]
myst_enable_extensions = ["colon_fence"]
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
tags_create_tags = True
tags_extension = ["md"]
