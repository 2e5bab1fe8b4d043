"""The handbook in more than one language: which languages, their own words, and how much is translated.

* ``languages``: ``handbook_languages``, and where each language is published.
* ``interface``: the handbook's own words on pages, from ``docs/locales/<language>/LC_MESSAGES/sphinx.po``.
* ``catalogs``: reading and writing the gettext catalogs.
* ``data``: the data files' words, translated once each.
* ``front_matter``: a page's description, translated from its catalog.
* ``progress``: each translated page says how much of it is translated, and no warning-sign text is left behind.
* ``anchors``: heading anchors survive translation.
* ``switcher``: every page links to itself in the other languages.
* ``status``: ``make translations-status``, per page, from the catalogs.
"""
