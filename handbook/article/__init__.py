"""What an article page shows around its text: review status and dates, reviewers, changes, feedback,
sources, figures and icon arrays, and tables that become cards on phones."""
