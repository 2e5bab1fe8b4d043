extensions = ["handbook"]
tags_create_tags = True
tags_extension = ["md"]
# One rule per test project: the article-structure rules (tests/roots/test-articles) are off here.
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
