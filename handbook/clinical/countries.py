"""Country settings: one setting, ``handbook_country``, sets every phone number, the spelling and the paper size.

A clinic in Australia must not edit 27 pages to replace the US emergency number. Articles write
``{{ emergency_number }}`` and ``{{ urgent_advice }}`` (MyST substitutions), and
the red-flags data writes the same in its tier actions; the numbers live in one
data file, ``docs/_data/countries.yaml`` (``handbook_countries_file``), where a
clinic adds its country. The chosen country also gives the language tag of the
site and PDFs (its spelling) and, unless ``handbook_paper_size`` is set, the
paper size of the book and handouts.

An unknown country is one error line listing the known ones; the build goes on
with the default country so every other problem is reported too, and fails.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from handbook.core.datafiles import DataFileError, _yaml
from handbook.core.diagnostics import fail_build
from handbook.core.messages import did_you_mean
from handbook.i18n.data import translate_fields, write_data_template

logger = logging.getLogger(__name__)

DEFAULT = "international"
# What a page shows of a country, translated in a translation's build (handbook.i18n.data).
WORDS = ("*.name", "*.emergency_number", "*.urgent_advice")
FIELDS = ("name", "emergency_number", "urgent_advice", "spelling", "paper_size")
# The words articles may write, and where each comes from.
SUBSTITUTIONS = ("emergency_number", "urgent_advice")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency_number: str
    urgent_advice: str
    spelling: str
    paper_size: str

    def substitutions(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in SUBSTITUTIONS}


FALLBACK = Country(DEFAULT, "international", "the emergency number", "use an urgent care service", "en", "Letter")

# A phone number as written: digits, maybe in groups split by spaces; a short one is what people type into a search box.
PHONE_NUMBER = re.compile(r"\d+(?: \d+)*")
SHORT_NUMBER_DIGITS = 3
# What searching a number means, by the field it is in: the search page treats it as a phrase (synonyms.yaml's form).
NUMBER_MEANS = {"emergency_number": ("emergency", "ambulance"), "urgent_advice": ("urgent", "same day")}


def numbers_to_search(countries: list[Country]) -> dict[str, tuple[str, ...]]:
    """Every country's short emergency and advice numbers (three digits at most), each with what searching it means.

    Derived, not typed into ``synonyms.yaml``, so a clinic that adds its country to the data file gets its
    numbers found too ("call" and its number find the warning signs). An emergency number wins if a number is both.
    """
    found: dict[str, tuple[str, ...]] = {}
    for field, means in NUMBER_MEANS.items():
        for each in countries:
            for number in PHONE_NUMBER.findall(getattr(each, field)):
                if len(number) <= SHORT_NUMBER_DIGITS:
                    found.setdefault(number, means)
    return found


def parse_countries(data: object, text: str) -> dict[str, Country]:
    """``code: {name, emergency_number, urgent_advice, spelling, paper_size, sources}`` entries."""
    if not isinstance(data, dict) or not data:
        raise DataFileError(1, "expected one entry per country code, like 'AU:' with its numbers, got none")
    countries = {}
    for code, entry in data.items():
        line = _line_of(text, f"{code}:")
        if not isinstance(entry, dict):
            raise DataFileError(line, f"country {code!r}: expected the fields {', '.join(FIELDS)}")
        missing = [field for field in FIELDS if not isinstance(entry.get(field), str) or not entry[field].strip()]
        if missing:
            raise DataFileError(line, f"country {code!r}: expected {', '.join(missing)} (a line of text each)")
        if not entry.get("sources"):
            raise DataFileError(line, f"country {code!r}: expected 'sources', the official pages that give the numbers")
        countries[str(code)] = Country(str(code), *(" ".join(entry[field].split()) for field in FIELDS))
    return countries


def _line_of(text: str, start: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(start):
            return number
    return 1


def country(config: Config) -> Country:
    """The country this build is for (the fallback when the data file is missing or wrong)."""
    return getattr(config, "handbook_country_settings", None) or FALLBACK


def fill_in(text: str, config: Config) -> str:
    """``text`` with each ``{{ name }}`` replaced by the build country's words (data files use this)."""
    values = country(config).substitutions()
    return PLACEHOLDER.sub(lambda found: values.get(found[1], found[0]), text)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in SUBSTITUTIONS]


def _apply_country(app: Sphinx, config: Config) -> None:
    path = Path(app.srcdir) / config.handbook_countries_file
    chosen = config.handbook_country
    setting, countries = _chosen_country(app, path, chosen)
    config.handbook_country_numbers = numbers_to_search(list(countries.values()))
    if setting is not None:
        config.handbook_country_settings = setting
        if "substitution" not in config.myst_enable_extensions:
            config.myst_enable_extensions = [*config.myst_enable_extensions, "substitution"]
        config.myst_substitutions = {**config.myst_substitutions, **setting.substitutions()}
        if config.language in (None, "", "en"):
            config.handbook_language_tag = setting.spelling
    if not config.handbook_paper_size:
        config.handbook_paper_size = (setting or FALLBACK).paper_size


def _write_catalog_template(app: Sphinx) -> None:
    """``make gettext``: the countries' words a page shows, as the template of their catalog (``handbook.i18n.data``)."""
    if app.builder.name != "gettext":
        return
    path = Path(app.srcdir) / app.config.handbook_countries_file
    try:
        tree = _yaml(path.read_bytes(), "country entries")
    except (OSError, DataFileError):
        return  # the build reports it (config-inited)
    write_data_template(app, app.config.handbook_countries_file, tree, WORDS)


def _chosen_country(app: Sphinx, path: Path, chosen: str) -> tuple[Country | None, dict[str, Country]]:
    """The chosen country's settings, and every country of the file.

    No settings (reported unless the default was asked for) and no countries without a usable countries file.
    """
    where = os.path.relpath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        if chosen != DEFAULT:
            _error(app, _setting_location(app), f"handbook_country {chosen!r}: expected a countries file at {where}, found none")
        return None, {}
    try:
        tree = translate_fields(app, app.config.handbook_countries_file, _yaml(text.encode("utf-8"), "country entries"), WORDS)
        countries = parse_countries(tree, text)
    except DataFileError as problem:
        _error(app, f"{where}:{problem.line}", problem.message)
        return None, {}
    if chosen not in countries:
        known = ", ".join(sorted(countries, key=str.lower))
        same = [code for code in countries if code.lower() == chosen.lower()]
        hint = f"did you mean '{same[0]}'? " if same else did_you_mean(chosen, countries)
        _error(
            app,
            _setting_location(app),
            f"handbook_country {chosen!r}: unknown country ({hint}known: {known}; or add it to {where})",
        )
        chosen = DEFAULT if DEFAULT in countries else next(iter(countries))
    return countries[chosen], countries


def _fill_in_boxes(app: Sphinx, doctree: nodes.document) -> None:
    """Text that a directive printed from a data file (a medicine's warning signs) gets the country's words too.

    MyST fills ``{{ emergency_number }}`` in an article's own Markdown; a box that
    escapes its data's braces prints them as text, so they are filled here. Code
    (``{{ emergency_number }}`` shown to writers) is left as written.
    """
    for text in list(doctree.findall(nodes.Text)):
        if "{{" in text and not isinstance(text.parent, nodes.literal | nodes.literal_block):
            filled = fill_in(str(text), app.config)
            if filled != str(text):
                text.parent.replace(text, nodes.Text(filled))


def _setting_location(app: Sphinx) -> str:
    """``conf.py:<line of handbook_country>`` (line 1 when the setting came from the command line)."""
    path = Path(app.confdir) / "conf.py"
    try:
        line = _line_of(path.read_text(encoding="utf-8"), "handbook_country")
    except OSError:
        line = 1
    return f"{os.path.relpath(path)}:{line}"


def _error(app: Sphinx, location: str, message: str) -> None:
    logger.error(message, location=location, type="handbook")
    fail_build(app)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Templates get the country's emergency number; ``<html lang>`` is its spelling (en-AU...), for screen readers."""
    context["handbook_emergency_number"] = country(app.config).emergency_number
    if app.config.handbook_language_tag:
        context["language"] = app.config.handbook_language_tag


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_country", DEFAULT, "env", types=[str])
    app.add_config_value("handbook_countries_file", "_data/countries.yaml", "env", types=[str])
    app.add_config_value("handbook_country_settings", None, "", types=[Country, type(None)])
    app.add_config_value("handbook_language_tag", "", "", types=[str])
    app.add_config_value("handbook_country_numbers", {}, "", types=[dict])
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
