"""Topics: sphinx-tags held to one vocabulary, and the described lists of articles on topic and section pages."""
