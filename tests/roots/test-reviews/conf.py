# Named reviewers (handbook.article.reviewers) and what changed at each review (handbook.article.changes).
# The reviewers are FICTIONAL TEST DATA; other article rules are off.
extensions = ["handbook"]
exclude_patterns = ["_data"]
tags_create_tags = True
tags_extension = ["md"]
handbook_required_headings = {}
handbook_key_points_title = ""
handbook_min_sources = 0
handbook_today = "2026-12-02"
html_baseurl = "https://example.org/test-handbook/"
handbook_feedback_email = "feedback@example.org"
