"""Every page requests nothing from any host but its own, and runs only its own scripts.

Patients' reading about their health is private. Every page a build writes
gets (through :mod:`handbook.core.final_html_pass`):

* a ``Content-Security-Policy`` meta tag (``default-src 'self'``), with the
  hash of each inline script the theme writes, so a browser refuses anything
  else: a pasted script, a tracker, a CDN;
* ``rel="noopener noreferrer"`` on links to other sites, so the next site is
  not told which health page the reader came from.

A page that would load a script, stylesheet, image, font or frame from another
host is a build error naming the page.
"""

from __future__ import annotations

import base64
import hashlib
import re

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.core.diagnostics import fail_build

logger = logging.getLogger(__name__)

MARKER = 'http-equiv="Content-Security-Policy"'
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
EXTERNAL_LINK = re.compile(r"""<a (?![^>]*\brel=)([^>]*\bhref=["']https?://)""", re.IGNORECASE)
# A canonical link names the page's own public address, and an alternate one (hreflang) the same page in another
# language (handbook.i18n.switcher); browsers load nothing from either.
EXTERNAL_RESOURCE = re.compile(
    r"""<(script|link|img|iframe|source|video|audio|embed|object)\b(?![^>]*\brel=["'](?:canonical|alternate)["'])"""
    r"""[^>]*?\b(?:src|href|data)=["']((?:https?:)?//[^"']+)""",
    re.IGNORECASE,
)
HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    """The page's Content-Security-Policy: its own files, plus its own inline scripts by hash.

    Inline styles are allowed: the theme's icon script adds its CSS at run time,
    and styles cannot run code or, with ``img-src 'self'``, send anything away.
    """
    scripts = sorted({_hash(body) for body in INLINE_SCRIPT.findall(html)})
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def harden(html: str) -> str:
    """Add the policy as the first thing in ``<head>``, and ``rel`` to external links."""
    head = HEAD.search(html)
    if head is None or MARKER in html:
        return html
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{policy(html)}" />'
    html = f"{html[: head.end()]}{meta}{html[head.end() :]}"
    return EXTERNAL_LINK.sub(r'<a rel="noopener noreferrer" \1', html)


def external_resources(html: str) -> list[str]:
    return [url for _, url in EXTERNAL_RESOURCE.findall(html)]


def _harden(app: Sphinx, pagename: str, html: list[str]) -> None:
    for url in external_resources(html[0]):
        logger.error(
            "%s.html: expected every resource from this site, got one from another host: %s",
            pagename,
            url,
            type="handbook",
        )
        fail_build(app)
    html[0] = harden(html[0])
