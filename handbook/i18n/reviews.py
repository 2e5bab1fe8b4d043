"""Who reviewed a page's translation, shown only while the page shows the translation they reviewed.

MedlinePlus asks of material in other languages for the translator's credentials and process, and a review for
accuracy and cultural fit. ``docs/_data/translation-reviewers.yaml`` (``handbook_translation_reviewers_file``)
lists each translation reviewer once, and each review they made: the page, the language, the date, and the
fingerprint of the translation they read (:func:`fingerprint`, of the page's catalog)::

    reviewers:
      - id: ana-garcia
        name: Ana García
        credentials: Certified medical translator, English to Spanish (American Translators Association)
    reviews:
      - page: conditions/sciatica
        language: es
        reviewer: ana-garcia
        date: 2027-01-15
        translation: 3f9a2c71d0e4

A wholly translated page with a review says, under its title, "Translation review: Ana García, Certified ...
(15 January 2027)", in its language (:mod:`handbook.i18n.progress`). If the page's catalog changes afterwards, the
review no longer describes what the page shows, so the translation's build stops at the review's line, naming the
new fingerprint, until the reviewer has checked the page again (or the review is removed). A page without a review
says that no professional medical translator has reviewed it.

The handbook's own list is empty, because no translator has reviewed it: a reviewer is added only when a real one
has, as for clinicians (:mod:`handbook.article.reviewers`).
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from handbook.content.metadata import did_you_mean
from handbook.core.datafiles import DataFile, DataFileError, Marked
from handbook.core.diagnostics import fail_build
from handbook.i18n.catalogs import catalog_file, current_translations
from handbook.i18n.languages import is_translation

logger = logging.getLogger("handbook")

REVIEWER_FIELDS = ("id", "name", "credentials")
REVIEW_FIELDS = ("page", "language", "reviewer", "date", "translation")
# Left empty at first, the fingerprint is named by the build's error (_require_current_reviews).
MAY_BE_EMPTY = frozenset({"translation"})


@dataclass(frozen=True)
class TranslationReviewer:
    id: str
    name: str
    credentials: str


@dataclass(frozen=True)
class TranslationReview:
    page: str
    language: str
    reviewer: TranslationReviewer
    date: datetime.date
    translation: str  # the fingerprint of the catalog the reviewer read
    line: int


def fingerprint(path: os.PathLike[str]) -> str:
    """The page's translation as a reader sees it, in 12 hex digits: its current (not fuzzy) translated messages."""
    with open(path, "rb") as file:
        translations = current_translations(read_po(file))
    text = "\0".join(f"{english}\0{translated}" for english, translated in sorted(translations.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def parse_reviews(data: object) -> dict[tuple[str, str], TranslationReview]:
    """Each review by ``(language, page)``; a mistake in the file is one error at its line."""
    if not isinstance(data, dict) or not isinstance(data.get("reviewers"), list) or not isinstance(data.get("reviews"), list):
        raise DataFileError(1, "expected 'reviewers:' and 'reviews:', each with a list ('[]' while there are none)")
    listed: dict[str, TranslationReviewer] = {}
    for item in data["reviewers"]:
        values = _fields(item, REVIEWER_FIELDS, "reviewer")
        if values["id"] in listed:
            raise DataFileError(item.line, f"reviewer {values['id']!r} is listed twice; give each reviewer one id")
        listed[values["id"]] = TranslationReviewer(**values)
    reviews: dict[tuple[str, str], TranslationReview] = {}
    for item in data["reviews"]:
        values = _fields(item, REVIEW_FIELDS, "review")
        reviewer = listed.get(values["reviewer"])
        if reviewer is None:
            known = ", ".join(sorted(listed)) or "none yet"
            raise DataFileError(
                item.line_of("reviewer"),
                f"review: unknown reviewer '{values['reviewer']}'{did_you_mean(values['reviewer'], tuple(listed))} "
                f"(list them under 'reviewers:' first; listed: {known})",
            )
        try:
            day = datetime.date.fromisoformat(values["date"])
        except ValueError:
            problem = f"review: expected a date such as 2027-01-15, got {values['date']!r}"
            raise DataFileError(item.line_of("date"), problem) from None
        key = (values["language"], values["page"])
        if key in reviews:
            raise DataFileError(item.line, f"review: {key[1]} in '{key[0]}' is reviewed twice; keep the newer review")
        reviews[key] = TranslationReview(key[1], key[0], reviewer, day, values["translation"], item.line)
    return reviews


def _fields(item: object, fields: tuple[str, ...], kind: str) -> dict[str, str]:
    if not isinstance(item, Marked):
        raise DataFileError(1, f"each {kind} needs the fields {', '.join(fields)}")
    missing = [field for field in fields if field not in MAY_BE_EMPTY and not str(item.get(field) or "").strip()]
    if missing:
        raise DataFileError(item.line, f"{kind}: missing {', '.join(missing)} (every field is needed)")
    unknown = sorted(set(item) - set(fields))
    if unknown:
        raise DataFileError(item.line_of(unknown[0]), f"{kind}: unknown field {unknown[0]!r}{did_you_mean(unknown[0], fields)}")
    return {field: " ".join(str(item.get(field) or "").split()) for field in fields}


# Optional: a fork starts with no translation reviewers, as this handbook does.
REVIEWS = DataFile(
    "handbook_translation_reviewers_file",
    "handbook_translation_reviews",
    "'reviewers:' and 'reviews:' lists",
    parse_reviews,
    {},
    optional=True,
)


def review_of(env: BuildEnvironment, language: str, docname: str) -> TranslationReview | None:
    reviews: dict[tuple[str, str], TranslationReview] = getattr(env, "handbook_translation_reviews", {})
    return reviews.get((language, docname))


def _require_current_reviews(app: Sphinx) -> None:
    """``builder-inited``, after the file is read: each review of this language is of the translation as it is."""
    if not is_translation(app.config):
        return
    reviews: dict[tuple[str, str], TranslationReview] = getattr(app.env, "handbook_translation_reviews", {})
    location = f"{os.path.relpath(REVIEWS.path(app))}"
    for (language, page), review in sorted(reviews.items()):
        if language != app.config.language:
            continue
        catalog = catalog_file(app, page)
        if not catalog.is_file():
            problem = f"review of '{page}': this translation has no catalog for it ({os.path.relpath(catalog)})"
        elif (now := fingerprint(catalog)) != review.translation:
            problem = (
                f"the '{language}' translation of {page} changed after {review.reviewer.name} reviewed it on "
                f"{review.date.isoformat()} (its fingerprint is now {now}, the review's is {review.translation}): "
                f"ask them to review it again, then set translation: {now}; or remove the review"
            )
        else:
            continue
        logger.error(problem, location=f"{location}:{review.line}", type="handbook")
        fail_build(app)


def _reread_when_reviews_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """A new review changes the notice of the page it names: every page is read again, as for ``sphinx.po``."""
    if not REVIEWS.changed_since_last_build(env) or not is_translation(app.config):
        return []
    return sorted(set(env.found_docs) - set(removed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_translation_reviewers_file", "_data/translation-reviewers.yaml", "env", str)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
