"""Keep the compiled page templates between builds.

Jinja compiles every template Sphinx and the theme use (some thirty files) in
each new process before it can draw a page: a quarter of a second of every
rebuild that writes even one page, such as after editing one article. Jinja
can store the compiled code, keyed by each template's name and source, so a
changed template is always compiled afresh. This puts that store in the
folder of the handbook's other caches (:mod:`handbook.core.output_cache`).
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader

from handbook.core.output_cache import enabled, location

FOLDER = "templates"  # in handbook.core.output_cache.FOLDER


def _store_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if isinstance(templates, BuiltinTemplateLoader) and enabled(app):
        folder = location(app, FOLDER)
        folder.mkdir(parents=True, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
