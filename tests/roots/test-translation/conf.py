# Translations (handbook.i18n): English pages, and Spanish catalogs in locales/es that translate one page
# wholly, one partly (a message left fuzzy, as after an English edit), and none of a third.
extensions = ["handbook"]
handbook_languages = ["en", "es"]
locale_dirs = ["locales"]
gettext_compact = False
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
tags_create_tags = True
tags_extension = ["md"]
tags_intro_text = "Topics:"
tags_page_title = "Topic"
tags_overview_title = "Topics"
