"""Command-line tools: ``make article`` (new_article) and ``make dist`` (publish)."""
