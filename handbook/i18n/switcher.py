"""Every page links to itself in the handbook's other languages: a switcher in the footer, and ``hreflang``.

The articles' language is published at the site's root and each translation in its folder (``es/``), with
the same page names, so the same page in another language is found by moving between those folders. Every
page exists in every language (an untranslated one shows the English with a notice). The links are relative,
so they work from ``file://`` and on any host; the ``<link rel="alternate" hreflang>`` tags in ``<head>``,
which search engines read, are absolute when ``html_baseurl`` gives the site's address, and so are the
alternates each ``<url>`` of ``sitemap.xml`` lists (:mod:`handbook.web.sitemap`). sphinx-sitemap can list them
only when every language, the articles' own too, has a folder (its ``{lang}{link}`` scheme, ``sitemap_locales``);
here the articles' language is at the root, so they are added to the file it wrote.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from babel import Locale
from sphinx.application import Sphinx

from handbook.i18n.languages import source_language


def language_name(code: str) -> str:
    """A language as its own speakers write it, capitalised as a link: "English", "Español"."""
    name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    return name[:1].upper() + name[1:]


def language_folder(app: Sphinx, code: str) -> str:
    """Where a language is published, relative to the site's root: "" for the articles' own, "es/" for Spanish."""
    return "" if code == source_language(app.config) else f"{code}/"


def _link_the_languages(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the same page in each other language, for the footer and ``<head>``."""
    languages = app.config.handbook_languages
    if len(languages) < 2 or app.builder.format != "html":
        return
    current = app.config.language or source_language(app.config)
    up_to_root = "../" * (pagename.count("/") + (current != source_language(app.config)))
    if "notfound_pagename" in app.config and pagename == app.config.notfound_pagename:
        # The 404 page is served at any address, so its links start from the site's path (handbook.web.site_address).
        up_to_root = _without_folder(app.config.notfound_urls_prefix or "/", language_folder(app, current))
    page = app.builder.get_target_uri(pagename)
    links = [
        {"code": code, "name": language_name(code), "href": f"{up_to_root}{language_folder(app, code)}{page}"}
        for code in languages
        if code != current
    ]
    context["handbook_other_languages"] = links
    site = _site_root(app.config.html_baseurl, current, app)
    alternates = [
        f'<link rel="alternate" hreflang="{escape(code)}" href="{escape(href)}">'
        for code, href in [(code, f"{site}{language_folder(app, code)}{page}") for code in languages]
    ] if site else []  # fmt: skip
    context["metatags"] = context.get("metatags", "") + "".join(f"\n{tag}" for tag in alternates)


SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"


def _list_the_languages_in_the_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, after sphinx-sitemap wrote ``sitemap.xml``: each page's address in every language."""
    sitemap = Path(app.outdir) / app.config.sitemap_filename
    languages = app.config.handbook_languages
    if exception is not None or len(languages) < 2 or not sitemap.is_file():
        return
    current = app.config.language or source_language(app.config)
    here = app.config.html_baseurl
    site = _site_root(here, current, app)
    ElementTree.register_namespace("", SITEMAP_NAMESPACE)
    ElementTree.register_namespace("xhtml", XHTML_NAMESPACE)
    tree = ElementTree.parse(sitemap)
    for url in tree.getroot().iter(f"{{{SITEMAP_NAMESPACE}}}url"):
        address = url.findtext(f"{{{SITEMAP_NAMESPACE}}}loc") or ""
        if not address.startswith(here):
            continue
        page = address[len(here) :]
        for code in languages:
            href = f"{site}{language_folder(app, code)}{page}"
            ElementTree.SubElement(url, f"{{{XHTML_NAMESPACE}}}link", rel="alternate", hreflang=code, href=href)
    tree.write(sitemap, xml_declaration=True, encoding="utf-8")


def _site_root(base_url: str, current: str, app: Sphinx) -> str:
    """The site's root address; a translation's ``html_baseurl`` ends in its folder (``i18n.languages``)."""
    return _without_folder(base_url, language_folder(app, current)) if base_url else ""


def _without_folder(address: str, folder: str) -> str:
    return address[: -len(folder)] if folder and address.endswith(folder) else address
