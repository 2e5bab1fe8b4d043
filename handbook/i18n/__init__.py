"""The handbook in more than one language: which languages, their own words, and how much is translated.

* ``languages``: ``handbook_languages``, and where each language is published.
* ``interface``: the handbook's own words on pages, from ``docs/locales/<language>/LC_MESSAGES/sphinx.po``.
* ``progress``: each translated page says how much of it is translated, and no warning-sign text is left behind.
* ``status``: ``make translations-status``, per page, from the catalogs.
"""
