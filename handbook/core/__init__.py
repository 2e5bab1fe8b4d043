"""What every other part stands on: one message style, the data files, per-document storage,
the build's own caches, removed pages, and the one pass over the HTML a build wrote."""
