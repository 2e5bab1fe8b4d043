"""Only the themes' CSS rules and icon-font glyphs the site can use: a page loads about 430 KB less.

pydata-sphinx-theme's stylesheet (376 KB) holds all of Bootstrap and a rule for
each of Font Awesome's 2,000 icons, and makes every page download Font
Awesome's 115 KB font for the few glyphs its rules draw (the disclosure
chevrons, the admonition icons). After each HTML build this module rewrites
that stylesheet, sphinx-book-theme's and Sphinx's ``basic.css`` (into
``basic-used.css``) without the rules no page can match,
and cuts the fonts down to the glyphs the remaining rules draw.

A rule is dropped only when each of its selectors needs a class that appears
in no page (:mod:`handbook.theme.used_names`) and nowhere in the scripts the
pages load, which add classes as pages run. Bootstrap's script is not one of
them (:data:`handbook.theme.unused_assets.DROPPED_SCRIPTS`), so the names only
it composes (``bs-tooltip-top``, ``.modal``) no longer keep rules. Classes
inside brackets or parentheses (``:not(.x)``, ``[href$=".pdf"]``) never count.
Then a custom property (``--bs-indigo: #6610f2``) goes when no stylesheet,
script or page reads it with ``var()``: Bootstrap and the theme declare
hundreds, in light and dark, for components the site does not have. Sphinx
copies the theme's files again on every build, so the results are cached
(:mod:`handbook.core.output_cache`).

The originals are read from the theme's package folder, at paths the theme
does not promise. A theme without its stylesheet or its icon fonts there
stops the build with one line (:data:`THEME_FILES`), rather than ship the
output's copies untrimmed, or trimmed from nothing. Upstream:
https://github.com/pydata/pydata-sphinx-theme/issues/2379 (open: the theme's
heavy stylesheet and fonts).
"""

from __future__ import annotations

import functools
import io
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydata_sphinx_theme
import sphinx_book_theme
import tinycss2
from sphinx.application import Sphinx

from handbook.core.output_cache import cached
from handbook.core.upstream import UpstreamHook
from handbook.search.search_page import DATA_FILE as SEARCH_DATA
from handbook.theme import PYDATA_THEME
from handbook.theme.unused_assets import DROPPED_SCRIPTS, TRIMMED_BASIC
from handbook.theme.used_names import site_names

STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
BOOK_STYLESHEET = "_static/styles/sphinx-book-theme.css"
# Sphinx's basic.css, written afresh on every build (its theme files are copied with force=True): trimmed into
# TRIMMED_BASIC, which the pages link, so the original stays for the screenshot comparison.
BASIC_STYLESHEET = "_static/basic.css"
FONTS = "_static/vendor/fontawesome/webfonts"
# The themes' own files: always trimmed from these, never from a copy trimmed before.
THEME_STATIC_IN_PACKAGE = "theme/pydata_sphinx_theme/static"
THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / THEME_STATIC_IN_PACKAGE
BOOK_STATIC_IN_PACKAGE = "theme/sphinx_book_theme/static"
BOOK_STATIC = Path(sphinx_book_theme.__file__).parent / BOOK_STATIC_IN_PACKAGE
THEME_FILES = UpstreamHook(
    "pydata-sphinx-theme",
    __name__,
    "trims the output's copy from it to the rules and glyphs the pages use",
    issue="https://github.com/pydata/pydata-sphinx-theme/issues/2379",
)
BOOK_THEME_FILES = UpstreamHook(
    "sphinx-book-theme",
    __name__,
    "trims the output's copy from it to the rules the pages use",
    issue="https://github.com/pydata/pydata-sphinx-theme/issues/2379",
)
BASIC_FILES = UpstreamHook("sphinx", __name__, "trims the output's basic.css (Sphinx's basic theme) to the rules the pages use")
SCRIPT_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
CLASS = re.compile(r"\.(-?[A-Za-z_][A-Za-z0-9_-]*)")
ENCLOSED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
GLYPH = re.compile(r"\\([0-9a-fA-F]{4,6})")
PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
PROPERTY_READ = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
NESTED_AT_RULES = {"media", "supports", "layer", "container"}


def selectors(prelude: str) -> list[str]:
    """The comma-separated selectors of a rule, with bracketed and parenthesised parts removed."""
    while True:
        simpler = ENCLOSED.sub("", prelude)
        if simpler == prelude:
            return prelude.split(",")
        prelude = simpler


def may_match(prelude: str, used: set[str]) -> bool:
    if "\\" in prelude:
        return True  # escaped class names: not worth guessing
    return any(all(name in used for name in CLASS.findall(selector)) for selector in selectors(prelude))


def _rewritten(rules: list[Any], rewrite: Callable[[Any], str | None]) -> list[str]:
    """Each style rule as ``rewrite`` returns it (None: left out), inside the at-rules that nest them (an at-rule
    left empty goes too); any other rule as it was."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if (written := rewrite(rule)) is not None:
                kept.append(written)
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTED_AT_RULES and rule.content is not None:
            inner = _rewritten(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), rewrite)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type not in ("whitespace", "comment"):
            kept.append(rule.serialize())
    return kept


def _parsed(css: str) -> list[Any]:
    return tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)


def used_rules(css: str, used: set[str]) -> str:
    """``css`` without the rules no element with only ``used`` classes can match."""

    def if_used(rule: Any) -> str | None:
        return rule.serialize() if may_match(tinycss2.serialize(rule.prelude), used) else None

    return "".join(_rewritten(_parsed(css), if_used))


def _without_unread(read: set[str]) -> Callable[[Any], str | None]:
    """A style rule without the custom properties not in ``read``; None if nothing is left."""

    def rewrite(rule: Any) -> str | None:
        declarations = tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)
        parts = [
            declaration.serialize()
            for declaration in declarations
            if declaration.type != "declaration" or not declaration.name.startswith("--") or declaration.name in read
        ]
        return f"{tinycss2.serialize(rule.prelude)}{{{';'.join(parts)}}}" if parts else None

    return rewrite


def properties_read(css: str, read_elsewhere: set[str]) -> str:
    """``css`` without the custom properties (``--name: value``) that neither it nor ``read_elsewhere`` reads.

    A property that only a dropped one read goes in the next round, until none goes.
    """
    while True:
        read = read_elsewhere | set(PROPERTY_READ.findall(css))
        fewer = "".join(_rewritten(_parsed(css), _without_unread(read)))
        if fewer == css:
            return css
        css = fewer


def glyphs(css: str) -> set[int]:
    """The characters beyond ASCII a stylesheet writes, as such or as escapes (``content: "\\f078"``)."""
    return {int(code, 16) for code in GLYPH.findall(css)} | {ord(char) for char in css if ord(char) > 127}


def font_subset(font: bytes, code_points: set[int]) -> bytes:
    # Imported here: a rebuild that finds the subset in its cache should not pay for fontTools.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # it reports every table it prunes
    options = subset.Options()
    options.flavor = "woff2"
    options.notdef_outline = True
    loaded = TTFont(io.BytesIO(font), recalcTimestamp=False)  # reproducible: keep the date in the font
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points))
    subsetter.subset(loaded)
    out = io.BytesIO()
    loaded.flavor = "woff2"
    loaded.save(out)
    return out.getvalue()


def theme_file(name: str) -> Path:
    """The theme's original of the output's ``_static/<name>``, which must be in its package folder."""
    path = THEME_STATIC / name
    if not path.is_file():
        THEME_FILES.missing(f"{THEME_STATIC_IN_PACKAGE}/{name}")
    return path


def book_theme_file(name: str) -> Path:
    """sphinx-book-theme's original of the output's ``_static/<name>``, which must be in its package folder."""
    path = BOOK_STATIC / name
    if not path.is_file():
        BOOK_THEME_FILES.missing(f"{BOOK_STATIC_IN_PACKAGE}/{name}")
    return path


def basic_file(outdir: Path) -> Path:
    """The ``basic.css`` Sphinx wrote into this build's output, which the pages' theme.css imported."""
    path = outdir / BASIC_STYLESHEET
    if not path.is_file():
        BASIC_FILES.missing(BASIC_STYLESHEET)
    return path


def output_fonts(outdir: Path) -> list[Path]:
    """The icon fonts Sphinx copied from the theme: some, or the theme keeps them elsewhere now."""
    fonts = sorted((outdir / FONTS).glob("*.woff2"))
    if not fonts:
        THEME_FILES.missing(f"{THEME_STATIC_IN_PACKAGE}/{FONTS.removeprefix('_static/')}/*.woff2")
    return fonts


def _trim_theme_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if PYDATA_THEME not in app.extensions:
        return  # another theme
    originals = {
        STYLESHEET: theme_file(STYLESHEET.removeprefix("_static/")).read_bytes(),
        BOOK_STYLESHEET: book_theme_file(BOOK_STYLESHEET.removeprefix("_static/")).read_bytes(),
        f"_static/{TRIMMED_BASIC}": basic_file(outdir).read_bytes(),
    }
    used = set(site_names(app))
    scripts = [
        script.read_text(encoding="utf-8")
        for script in sorted((outdir / "_static").rglob("*.js"))
        if script != outdir / SEARCH_DATA and script.name not in DROPPED_SCRIPTS  # SEARCH_DATA: the articles' words
    ]
    for script in scripts:
        used |= set(SCRIPT_WORD.findall(script))
    names = " ".join(sorted(used)).encode()
    rules = {
        name: cached(app, Path(name).name, [css, names], functools.partial(_used_rules_of, css, used))
        for name, css in originals.items()
    }
    # What reads a custom property: the pages (noted with their dashes), the scripts, the project's and Sphinx's
    # stylesheets, and the other theme stylesheet (properties_read adds each one's own reads as it trims it).
    read = {name for name in used if name.startswith("--")}
    read |= {name for text in scripts for name in PROPERTY.findall(text)}
    for sheet in (outdir / "_static").glob("*.css"):
        read |= set(PROPERTY_READ.findall(sheet.read_text(encoding="utf-8")))
    for name, css in rules.items():
        others = {found for other, text in rules.items() if other != name for found in PROPERTY_READ.findall(text.decode())}
        reads = " ".join(sorted(read | others)).encode()
        trimmed = cached(
            app, f"{Path(name).name}.properties", [css, reads], functools.partial(_properties_read_of, css, read | others)
        )
        (outdir / name).write_bytes(trimmed)
    code_points = {point for sheet in (outdir / "_static").rglob("*.css") for point in glyphs(sheet.read_text(encoding="utf-8"))}
    points = " ".join(map(str, sorted(code_points))).encode()
    for font in output_fonts(outdir):
        original = theme_file(f"{FONTS.removeprefix('_static/')}/{font.name}").read_bytes()
        font.write_bytes(cached(app, font.name, [original, points], functools.partial(font_subset, original, code_points)))


def _used_rules_of(css: bytes, used: set[str]) -> bytes:
    return used_rules(css.decode("utf-8"), used).encode("utf-8")


def _properties_read_of(css: bytes, read: set[str]) -> bytes:
    return properties_read(css.decode("utf-8"), read).encode("utf-8")
