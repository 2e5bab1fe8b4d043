"""Search in patients' words: the search page, its vocabulary and word lists, and the index's stemming."""
