"""Sphinx's translations.js rewritten without ``new Function`` (handbook.i18n.script_catalog).

The pages' Content-Security-Policy refuses ``eval``; tests/test_translated_site.py opens each translated page type
in Chromium and fails on any script error. These check the rewrite itself, for the catalogs Sphinx ships for the
languages conf.py names, and its refusal of a plural rule that is not arithmetic.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import sphinx.locale

from handbook.i18n.script_catalog import SCRIPT, CatalogScriptError, _write_without_eval, without_eval
from tests.conftest import CONF

SPHINX_CATALOGS = Path(sphinx.locale.__file__).parent


def sphinx_script(language: str) -> str:
    return (SPHINX_CATALOGS / language / "LC_MESSAGES" / "sphinx.js").read_text(encoding="utf-8")


def catalog_of(script: str) -> dict:
    return json.loads(script[script.index("(") + 1 : script.rindex(")")])


@pytest.mark.parametrize("language", CONF["handbook_languages"][1:])
def test_the_catalog_sphinx_ships_becomes_plain_assignments(language):
    shipped = sphinx_script(language)
    rewritten = without_eval(shipped)
    catalog = catalog_of(shipped)
    assert "new Function" not in rewritten and "addTranslations" not in rewritten and "eval(" not in rewritten
    messages = rewritten[rewritten.index("TRANSLATIONS, ") + len("TRANSLATIONS, ") : rewritten.index(");\n")]
    assert json.loads(messages) == catalog["messages"]
    assert f"Documentation.PLURAL_EXPR = (n) => Number({catalog['plural_expr']});" in rewritten
    assert f'Documentation.LOCALE = "{catalog["locale"]}";' in rewritten


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ('Documentation.addTranslations({"locale": "xx", "messages": {}, "plural_expr": "alert(1)"});',
         "plural rule 'alert(1)' is not arithmetic on n"),
        ('Documentation.addTranslations({"locale": "xx", "messages": {}, "plural_expr": "n != 1"}); alert(1);',
         "not the one Documentation.addTranslations"),
        ("window.catalog = {};", "not the one Documentation.addTranslations"),
    ],
)  # fmt: skip
def test_anything_but_sphinxs_one_call_with_an_arithmetic_rule_is_refused(script, words):
    with pytest.raises(CatalogScriptError, match=re.escape(words)):
        without_eval(script)


def built_with(tmp_path: Path, script: str) -> tuple[SimpleNamespace, Path]:
    (tmp_path / "_static").mkdir(parents=True)
    (tmp_path / "_static" / SCRIPT).write_text(script, encoding="utf-8")
    app = SimpleNamespace(outdir=tmp_path, builder=SimpleNamespace(format="html"), config=SimpleNamespace(language="xx"))
    app.statuscode = 0
    return app, tmp_path / "_static" / SCRIPT


def test_the_build_writes_the_plain_script_once_and_fails_loudly_on_a_script_it_cannot_rewrite(tmp_path, caplog):
    app, path = built_with(tmp_path / "good", sphinx_script(CONF["handbook_languages"][-1]))
    _write_without_eval(app, None)
    written = path.read_text(encoding="utf-8")
    _write_without_eval(app, None)
    assert (path.read_text(encoding="utf-8"), app.statuscode) == (written, 0)
    assert "new Function" not in written and "Documentation.LOCALE" in written

    app, path = built_with(tmp_path / "bad", 'Documentation.addTranslations({"plural_expr": "fetch(1)"});')
    _write_without_eval(app, None)
    assert app.statuscode == 1
    assert f"{path}: ERROR: Sphinx's catalog script for language 'xx' cannot be written without eval" in caplog.text
