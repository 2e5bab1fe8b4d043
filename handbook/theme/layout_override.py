"""The theme's ``<head>`` block that ``_templates/layout.html`` replaces is still the one it copied.

pydata-sphinx-theme's ``layout.html`` loads Sphinx's search scripts and the
whole search index (``searchindex.js``, which grows with every article) in its
``extrahead`` block, on every page; no setting turns that off, and no upstream
issue was found. The project's ``_templates/layout.html`` overrides the block
with a copy of it minus those three scripts, without ``super()``, so anything
a new version of the theme adds to the block would be dropped without a word.

So when the project's templates override the block, this module reads the
installed theme's block at ``builder-inited`` and compares it with the block
the copy was made from (pydata-sphinx-theme 0.20.0, :data:`COPIED_FROM`). A
different block stops the build with one line naming the theme and its
version (:data:`EXTRAHEAD_COPY`): compare the two, carry the theme's change
into ``_templates/layout.html``, and put the theme's new block in
:data:`COPIED_FROM`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydata_sphinx_theme
from sphinx.application import Sphinx

from handbook.core.upstream import UpstreamHook
from handbook.theme import PYDATA_THEME

# pydata-sphinx-theme 0.20.0's extrahead block, which _templates/layout.html copies without its three search scripts.
COPIED_FROM = """{%- block extrahead %}
  <meta name="viewport" content="width=device-width, initial-scale=1"/>
  <meta name="docsearch:language" content="{{ language }}"/>
  <meta name="docsearch:version" content="{{ version }}" />
  {%- if last_updated %}
    <meta name="docbuild:last-update" content="{{ last_updated | e }}"/>
  {%- endif %}
  {% if pagename == 'search' %}
    {# Search tools are already loaded on search page. Don't load them twice. #}
  {% else %}
    {# Load Sphinx's built-in search tools so that our custom inline search
       experience can work on any page. #}
    <script src="{{ pathto('_static/searchtools.js', 1) | e }}"></script>
    <script src="{{ pathto('_static/language_data.js', 1) | e }}"></script>
    <script src="{{ pathto('searchindex.js', 1) | e }}"></script>
  {% endif %}
{%- endblock extrahead %}"""
THEME_LAYOUT_IN_PACKAGE = "theme/pydata_sphinx_theme/layout.html"
THEME_LAYOUT = Path(pydata_sphinx_theme.__file__).parent / THEME_LAYOUT_IN_PACKAGE
EXTRAHEAD = re.compile(r"\{%-?\s*block extrahead\s*-?%\}.*?\{%-?\s*endblock(?:\s+extrahead)?\s*-?%\}", re.DOTALL)
EXTRAHEAD_COPY = UpstreamHook(
    "pydata-sphinx-theme",
    __name__,
    "checks that the block _templates/layout.html replaces without super() is still the one it copied, 0.20.0's",
    update="_templates/layout.html and COPIED_FROM in handbook/theme/layout_override.py",
)


def extrahead_block(template: str) -> str | None:
    """The ``{% block extrahead %}`` ... ``{% endblock %}`` of a Jinja template, as written, or ``None``."""
    found = EXTRAHEAD.search(template)
    return found.group() if found else None


def check_theme_block(theme_layout: str) -> None:
    """The theme's ``layout.html`` must have the extrahead block the project's copy was made from."""
    if extrahead_block(theme_layout) != COPIED_FROM:
        EXTRAHEAD_COPY.missing(f"extrahead block in {THEME_LAYOUT_IN_PACKAGE} like the one _templates/layout.html copies")


def overrides_extrahead(app: Sphinx) -> bool:
    """Whether a ``layout.html`` of the project's ``templates_path`` replaces the theme's extrahead block."""
    layouts = [Path(app.confdir) / folder / "layout.html" for folder in app.config.templates_path]
    return any(extrahead_block(layout.read_text(encoding="utf-8")) for layout in layouts if layout.is_file())


def _check_the_copied_block(app: Sphinx) -> None:
    if app.builder.format != "html" or PYDATA_THEME not in app.extensions or not overrides_extrahead(app):
        return
    if not THEME_LAYOUT.is_file():
        EXTRAHEAD_COPY.missing(THEME_LAYOUT_IN_PACKAGE)
    check_theme_block(THEME_LAYOUT.read_text(encoding="utf-8"))
