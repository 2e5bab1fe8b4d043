"""Accessibility fixes the theme needs, made on the final markup (WCAG 2.2 AA).

* The sidebar's expand buttons are ``<summary>`` elements holding only an
  icon, so screen readers announce nothing; each gets a name. A summary with
  words of its own ("Describe this picture") keeps them as its name.
* The skip link's target, ``<main id="main-content">``, cannot take focus, so
  after "Skip to main content" the next Tab starts again from the top; it gets
  ``tabindex="-1"``.

Colour contrast and reflow fixes live in ``_static/handbook.css``.
"""

from __future__ import annotations

import re

from handbook.core.final_html_pass import page_rewriter

# A <summary> with no aria-label whose content is only tags (an icon), up to its </summary>.
UNNAMED_SUMMARY = re.compile(r"<summary(?![^>]*\baria-label=)([^>]*)>(?=(?:\s*<(?!/summary>)[^>]+>)*\s*</summary>)")
SKIP_TARGET = re.compile(r'<main id="main-content"(?![^>]*\btabindex=)')


def make_accessible(html: str) -> str:
    html = UNNAMED_SUMMARY.sub(r'<summary aria-label="Show or hide the pages in this section"\1>', html)
    return SKIP_TARGET.sub('<main id="main-content" tabindex="-1"', html)


# handbook-finish-page: each written page through make_accessible (the wiring table in handbook/__init__.py).
finish_page = page_rewriter(make_accessible)
