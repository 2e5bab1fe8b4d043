"""A translated page keeps its headings' anchors, so links to ``page.md#when-to-stop`` still resolve.

MyST records a page's heading anchors (``myst_heading_anchors``) in ``env.metadata[page]["myst_slugs"]`` as it
parses the page. Sphinx's ``Locale`` transform parses each translated message with MyST again, and each of
those small parses writes its own anchors over the page's: a translated page is left with the anchor of its
last translated heading only, and every link to its other headings fails ("local id not found";
https://github.com/executablebooks/MyST-Parser/issues/844, open for MyST-Parser 1.0 and later). The anchors
are kept just before ``Locale`` (priority 20) and put back just after; the sections keep their English ids
either way, so the anchors are the English words, as links in every language write them.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

SLUGS = "myst_slugs"  # MyST's key in env.metadata
KEPT = "handbook_myst_slugs"  # the page's anchors, between the two transforms


class KeepHeadingAnchors(SphinxTransform):
    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        metadata = self.env.metadata.get(self.env.docname, {})
        if SLUGS in metadata:
            self.env.temp_data[KEPT] = dict(metadata[SLUGS])


class RestoreHeadingAnchors(SphinxTransform):
    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        kept = self.env.temp_data.pop(KEPT, None)
        if kept is not None:
            self.env.metadata[self.env.docname][SLUGS] = kept


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(KeepHeadingAnchors)
    app.add_transform(RestoreHeadingAnchors)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
