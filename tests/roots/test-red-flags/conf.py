# Warning signs as data (handbook.clinical.redflags) and country settings (handbook.clinical.countries), with TEST DATA only:
# _data/red-flags.yaml is a small fictional list, not clinical advice.
extensions = ["handbook"]
exclude_patterns = ["_data"]
myst_enable_extensions = ["colon_fence"]
handbook_required_headings = {}
handbook_key_points_title = "Key points"
handbook_min_sources = 0
handbook_red_flags_page = "warning-signs"
tags_create_tags = True
tags_extension = ["md"]
handbook_get_help_now = ["conditions/*"]
