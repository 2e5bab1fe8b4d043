"""Named clinical reviewers: who checked an article, their credentials and their conflicts of interest.

Patient-information standards (the NHS content standard, the PIF TICK) ask
that a reader can see who reviewed a page, what qualifies them, and what might
sway them. ``docs/_data/reviewers.yaml`` (``handbook_reviewers_file``) lists
each reviewer once::

    reviewers:
      - id: jane-doe
        name: Dr Jane Doe
        role: Consultant in pain medicine
        credentials: MB ChB, FRCA
        registration_body: General Medical Council
        registration_number: "1234567"
        conflicts: None declared

An article names its reviewers by id in ``reviewed_by``. The rules, each a
``file:line`` error:

* ``review_status: clinician-reviewed`` needs ``reviewed_by``;
* every id in ``reviewed_by`` must be listed (with a did-you-mean);
* ``reviewed_by`` on an article that does not say ``clinician-reviewed`` is a
  contradiction.

The handbook's own list ships empty, because no clinician has reviewed it: a
reviewer is added only when a real one has. :mod:`handbook.article.review_status` shows the
names, and :mod:`handbook.web.structured_data` gives them to search engines as
``reviewedBy``.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from handbook.content.metadata import PageMeta, did_you_mean, page_meta
from handbook.core.datafiles import DataFile, DataFileError
from handbook.core.diagnostics import report_error

CLINICIAN_REVIEWED = "clinician-reviewed"
FIELDS = ("id", "name", "role", "credentials", "registration_body", "registration_number", "conflicts")


@dataclass(frozen=True)
class Reviewer:
    id: str
    name: str
    role: str
    credentials: str
    registration_body: str
    registration_number: str
    conflicts: str

    @property
    def summary(self) -> str:
        """``Dr Jane Doe, Consultant in pain medicine (MB ChB, FRCA; General Medical Council 1234567)``."""
        return f"{self.name}, {self.role} ({self.credentials}; {self.registration_body} {self.registration_number})"


def parse_reviewers(data: object) -> dict[str, Reviewer]:
    if not isinstance(data, dict) or not isinstance(data.get("reviewers"), list):
        raise DataFileError(1, "expected 'reviewers:' and a list under it ('reviewers: []' while there are none)")
    found: dict[str, Reviewer] = {}
    for number, item in enumerate(data["reviewers"], start=1):
        if not isinstance(item, dict):
            raise DataFileError(1, f"reviewer {number}: expected the fields {', '.join(FIELDS)}")
        missing = [field for field in FIELDS if not str(item.get(field) or "").strip()]
        if missing:
            raise DataFileError(1, f"reviewer {number}: missing {', '.join(missing)} (every field is needed)")
        unknown = sorted(set(item) - set(FIELDS))
        if unknown:
            raise DataFileError(1, f"reviewer {number}: unknown field {unknown[0]!r}{did_you_mean(unknown[0], FIELDS)}")
        reviewer = Reviewer(**{field: " ".join(str(item[field]).split()) for field in FIELDS})
        if reviewer.id in found:
            raise DataFileError(1, f"reviewer {number}: id {reviewer.id!r} is listed twice; give each reviewer one id")
        found[reviewer.id] = reviewer
    return found


# Optional: a fork starts with no reviewers, as this handbook does.
REVIEWERS = DataFile("handbook_reviewers_file", "handbook_reviewers", "a 'reviewers:' list", parse_reviewers, {}, optional=True)


def reviewers(env: BuildEnvironment) -> dict[str, Reviewer]:
    return getattr(env, "handbook_reviewers", {})


def reviewers_of(env: BuildEnvironment, meta: PageMeta) -> list[Reviewer]:
    """The listed reviewers an article names (unknown ids were reported when it was read)."""
    listed = reviewers(env)
    return [listed[name] for name in meta.reviewed_by if name in listed]


def _check_reviewers(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    meta = page_meta(env).get(docname)
    if meta is None or not meta.is_article:
        return
    listed = reviewers(env)
    registry = app.config.handbook_reviewers_file
    if meta.review_status == CLINICIAN_REVIEWED and not meta.reviewed_by:
        report_error(
            env,
            docname,
            meta.review_status_line,
            f"review_status: clinician-reviewed needs reviewed_by naming a reviewer listed in {registry} "
            "(until a clinician has reviewed the article, use editorial-review)",
        )
    for name in meta.reviewed_by:
        if name not in listed:
            known = ", ".join(sorted(listed)) or "none yet"
            report_error(
                env,
                docname,
                meta.reviewed_by_line,
                f"reviewed_by: unknown reviewer '{name}'{did_you_mean(name, tuple(listed))} "
                f"(add them to {registry} first; listed: {known})",
            )
    if meta.reviewed_by and meta.review_status not in (None, CLINICIAN_REVIEWED):
        report_error(
            env,
            docname,
            meta.review_status_line,
            f"review_status: expected clinician-reviewed on an article with reviewed_by, got '{meta.review_status}'",
        )


def _reread_articles_when_reviewers_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    if not REVIEWERS.changed_since_last_build(env):
        return []
    return sorted(docname for docname, meta in page_meta(env).items() if meta.is_article and docname not in removed)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_reviewers_file", "_data/reviewers.yaml", "env", str)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
