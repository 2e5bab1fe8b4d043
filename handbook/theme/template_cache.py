"""Keep the compiled page templates between builds.

Jinja compiles every template Sphinx and the theme use (some thirty files) in
each new process before it can draw a page: a quarter of a second of every
rebuild that writes even one page, such as after editing one article. Jinja
can store the compiled code, keyed by each template's name and source, so a
changed template is always compiled afresh. This puts that store in the
doctree folder, with the build's other caches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx
from sphinx.jinja2glue import BuiltinTemplateLoader

from handbook.core.output_cache import enabled

FOLDER = "handbook-templates"


def _store_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if isinstance(templates, BuiltinTemplateLoader) and enabled(app):
        folder = Path(app.doctreedir) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        templates.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _store_compiled_templates)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
