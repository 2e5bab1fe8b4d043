"""What an article page shows around its text: review status and dates, reviewers, changes, feedback,
sources, figures and icon arrays, and tables that become cards on phones."""

# The classes of the parts handbook.article.decorate places around an article's body (and of the topic badges
# it moves): not the article's own words, so the reading level (handbook.content.readability) skips them. Here,
# not in decorate, because readability is imported by modules that decorate imports.
DECORATION_CLASSES = frozenset(
    {
        "tags",
        "review-notice",
        "handbook-download",
        "review-changes",
        "review-dates",
        "reviewed-by",
        "suggest-correction",
        "page-feedback",
        "handbook-translation",  # handbook.i18n.progress: the notice on a translation's pages
    }
)
