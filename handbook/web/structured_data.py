"""schema.org structured data on article pages: a ``MedicalWebPage`` in JSON-LD.

Search engines read it to tell a patient-information page from an advert or a
forum, and to show when it was last reviewed. Each article page gets one
``<script type="application/ld+json">`` in its head, built only from what the
article's metadata already says:

* ``name``, ``description`` (the front matter's), ``url`` (``html_baseurl``);
* ``lastReviewed``: the front matter's ``last_reviewed``;
* ``about``: the condition itself on a condition page (``MedicalCondition``),
  and each of the article's topics (``Thing``);
* ``audience``: ``Patient`` (schema.org: Audience > PeopleAudience >
  MedicalAudience > Patient);
* ``reviewedBy``: each clinician the article's ``reviewed_by`` names, as a
  ``Person`` with their role and credentials (:mod:`handbook.article.reviewers`).

Nothing is added that the article does not state: no invented reviewer, no author. The
script is data, not code, and :mod:`handbook.web.privacy` hashes it into the
page's Content-Security-Policy like any inline script.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx

from handbook.article.reviewers import Reviewer, reviewers_of
from handbook.content.metadata import PageMeta, page_meta
from handbook.topics.tags import page_topics

CONDITIONS_SECTION = "conditions"


def person(reviewer: Reviewer) -> dict[str, Any]:
    return {
        "@type": "Person",
        "name": reviewer.name,
        "jobTitle": reviewer.role,
        "hasCredential": {"@type": "EducationalOccupationalCredential", "name": reviewer.credentials},
    }


def medical_web_page(
    name: str, meta: PageMeta, topics: tuple[str, ...], url: str, section: str, reviewed_by: tuple[Reviewer, ...] = ()
) -> dict[str, Any]:
    about = [{"@type": "MedicalCondition", "name": name}] if section == CONDITIONS_SECTION else []
    about += [{"@type": "Thing", "name": topic} for topic in topics]
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalWebPage", "name": name}
    if meta.description:
        data["description"] = meta.description
    if url:
        data["url"] = url
    if meta.last_reviewed:
        data["lastReviewed"] = meta.last_reviewed.isoformat()
    if about:
        data["about"] = about
    data["audience"] = {"@type": "Patient"}
    if reviewed_by:
        data["reviewedBy"] = [person(reviewer) for reviewer in reviewed_by]
    return data


def script_tag(data: dict[str, Any]) -> str:
    """The JSON-LD script; ``<`` is escaped so no text can close the script early."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _add_structured_data(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    meta = page_meta(app.env).get(pagename)
    if doctree is None or meta is None or not meta.is_article or pagename not in app.env.titles:
        return
    url = app.config.html_baseurl + app.builder.get_target_uri(pagename) if app.config.html_baseurl else ""
    name = app.env.titles[pagename].astext()
    topics = page_topics(app.env).get(pagename, ())
    reviewed_by = tuple(reviewers_of(app.env, meta))
    data = medical_web_page(name, meta, topics, url, pagename.split("/")[0], reviewed_by)
    context["metatags"] = context.get("metatags", "") + "\n    " + script_tag(data)
