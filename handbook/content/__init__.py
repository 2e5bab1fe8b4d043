"""The rules an article is held to while it is read: front matter, structure, allowed markup, reading level."""
