"""Sphinx's own words for the search page's script, in a translated build, without ``eval``.

A translated build gets ``_static/translations.js`` from Sphinx: one call,
``Documentation.addTranslations({...})``. doctools.js's ``addTranslations``
turns the catalog's plural rule into a function with ``new Function``, which the
pages' Content-Security-Policy (:mod:`handbook.web.privacy`: no ``'unsafe-eval'``)
refuses, so the search page of every translation logged an error, and the locale
after it was never set (upstream: sphinx-doc/sphinx#3620, closed without a change
to doctools.js).

After Sphinx has copied the file, :func:`_write_without_eval` writes instead the
same three assignments ``addTranslations`` makes, with the plural rule written
into the file as code: a file of the site's own, which the policy allows. The rule
comes from Sphinx's catalog for the language; one that is anything but arithmetic
on ``n`` stops the build rather than be written into a script.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.core.diagnostics import fail_build

logger = logging.getLogger("handbook")

SCRIPT = "translations.js"
CALL = re.compile(r"^\s*Documentation\.addTranslations\((?P<catalog>\{.*\})\);?\s*$", re.DOTALL)
# A gettext plural rule (the C expression of a catalog's Plural-Forms): n, numbers and operators, nothing else.
PLURAL_RULE = re.compile(r"^[n0-9\s()!=<>&|?:%+\-*/]+$")
# The rewritten file's first line; a file that starts with it was rewritten by an earlier build into the same folder.
HEADER = "// Sphinx's translations.js as plain assignments (handbook.i18n.script_catalog)\n"


class CatalogScriptError(ValueError):
    """translations.js is not the single call Sphinx writes, or its plural rule is not arithmetic on n."""


def without_eval(script: str) -> str:
    """The assignments ``Documentation.addTranslations`` makes for ``script``'s catalog, as plain code."""
    call = CALL.match(script)
    if call is None:
        raise CatalogScriptError("it is not the one Documentation.addTranslations({...}) call Sphinx writes")
    catalog = json.loads(call["catalog"])
    rule = str(catalog.get("plural_expr", "n === 1 ? 0 : 1"))
    if not PLURAL_RULE.match(rule):
        raise CatalogScriptError(f"its plural rule {rule!r} is not arithmetic on n")
    messages = json.dumps(catalog.get("messages", {}), ensure_ascii=True, indent=1, sort_keys=True)
    return (
        f"{HEADER}Object.assign(Documentation.TRANSLATIONS, {messages});\n"
        f"Documentation.PLURAL_EXPR = (n) => Number({rule});\n"
        f"Documentation.LOCALE = {json.dumps(catalog.get('locale', ''))};\n"
    )


def _write_without_eval(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / "_static" / SCRIPT
    if not path.is_file():  # an English build: Sphinx writes no catalog script
        return
    script = path.read_text(encoding="utf-8")
    if script.startswith(HEADER):
        return  # Sphinx copies its own over it on every build (copyfile force=True); a build that did not left ours
    try:
        path.write_text(without_eval(script), encoding="utf-8")
    except (CatalogScriptError, json.JSONDecodeError) as error:
        logger.error(
            "%s: ERROR: Sphinx's catalog script for language %r cannot be written without eval: %s. The search page "
            "would break the Content-Security-Policy; report the catalog to Sphinx, or set a language whose catalog "
            "has a plain plural rule",
            path, app.config.language, error,
        )  # fmt: skip
        fail_build(app)
