"""Hand-drawn SVG files made safe to put inside a page's HTML.

An inlined SVG takes the page's text colour (``currentColor``) and the page's
CSS variables, so one drawing works in light and dark mode; an ``<img>`` could
do neither. But inline markup runs with the page's rights: a ``<script>``, an
``on...`` handler or a link to another site would run or load on every reader's
page (and break the Content-Security-Policy of :mod:`handbook.web.privacy`). So a
file is checked first (:func:`problems`), and refused if anything in it is
active or points outside itself, or if it copies a shape with ``<use>``: the
scoped styles below match the drawing's own elements, not the hidden copies a
``<use>`` makes, which Chromium then fills black.

When inlined (:func:`inline`), the drawing's ``<style>`` rules are scoped to its
own root element (they would otherwise restyle the whole page), its ids get a
suffix (the same drawing may appear twice on a page), and its title becomes the
alt text the data file gives.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree

import tinycss2

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
# Elements that run code, embed other documents or pull in other files.
ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "image", "audio", "video", "animate", "set"}
LINK_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
OUTSIDE_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
ID = re.compile(r'\bid="([^"]+)"')
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
XML_PROLOGUE = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*")
ROOT = re.compile(r"<svg\b[^>]*>")
TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.DOTALL)
DESCRIPTION = re.compile(r"\s*<desc\b[^>]*>.*?</desc>", re.DOTALL)
STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL)
VIEW_BOX = re.compile(r'\bviewBox="([^"]+)"')
# Drawn words: each run of text between tags inside a <text> element (a line, or a part of it beside a bold <tspan>).
TEXT_ELEMENT = re.compile(r"<text\b[^>]*>.*?</text>", re.DOTALL)
TEXT_RUN = re.compile(r">([^<>]+)<")


def problems(text: str) -> list[str]:
    """What makes ``text`` unsafe or unusable as an inline drawing; empty if it is fine."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [f"not well-formed XML ({error})"]
    if root.tag != f"{SVG_NAMESPACE}svg":
        return [f"expected an <svg> root element, got <{root.tag.rpartition('}')[2]}>"]
    if "viewBox" not in root.attrib:
        return ["the <svg> element has no viewBox, so it cannot scale to the page width"]
    found: list[str] = []
    for element in root.iter():
        name = element.tag.rpartition("}")[2]
        if name in ACTIVE_ELEMENTS:
            found.append(f"<{name}> element (drawings may not run code or load other files)")
        if name == "use":
            found.append(
                "<use> element: the drawing's styles are scoped to it on the page, and scoped styles do not reach "
                "inside a <use> copy, which then shows black; draw the shape where it goes (a <g transform> copy)"
            )
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2]
            if local.lower().startswith("on"):
                found.append(f"'{local}' event handler on <{name}>")
            elif attribute in LINK_ATTRIBUTES and not value.startswith("#"):
                found.append(f"<{name}> links outside the drawing ({value!r})")
            elif OUTSIDE_URL.search(value):
                found.append(f"<{name}> {local} refers to a file outside the drawing")
        if name == "style" and element.text and (OUTSIDE_URL.search(element.text) or "@import" in element.text):
            found.append("<style> loads a file from outside the drawing")
    return found


def scope_css(css: str, scope: str) -> str:
    """``css`` with every selector limited to elements inside ``scope`` (at-rules such as @supports kept)."""
    return "".join(_scoped(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), scope))


def _scoped(rules: list, scope: str) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            prefixed = ", ".join(f"{scope} {selector.strip()}" for selector in selectors)
            out.append(f"{prefixed} {{{tinycss2.serialize(rule.content).strip()}}}\n")
        elif rule.type == "at-rule" and rule.content is not None:
            inner = _scoped(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), scope)
            out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{\n{''.join(inner)}}}\n")
    return out


def inline(text: str, css_class: str, suffix: str, title: str) -> str:
    """The drawing as markup for a page: scoped styles, unique ids, ``title`` as its accessible name.

    The caller has checked the file with :func:`problems`. The title's id is
    ``<css_class>-title-<suffix>``; the long description is left to the page.
    """
    text = COMMENT.sub("", XML_PROLOGUE.sub("", text)).strip()
    text = DESCRIPTION.sub("", text)
    for old in sorted(set(ID.findall(text)), key=len, reverse=True):
        new = f"{old}-{suffix}"
        text = text.replace(f'id="{old}"', f'id="{new}"').replace(f'"#{old}"', f'"#{new}"').replace(f"#{old})", f"#{new})")
    title_id = f"{css_class}-title-{suffix}"
    text = TITLE.sub(lambda _: f'<title id="{title_id}">{_escape(title)}</title>', text, count=1)
    if "<title" not in text:
        text = ROOT.sub(lambda found: f'{found.group(0)}<title id="{title_id}">{_escape(title)}</title>', text, count=1)
    view_box = VIEW_BOX.search(text)
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box.group(1) if view_box else "0 0 100 100"}" '
        f'class="{css_class}" role="img" aria-labelledby="{title_id}" focusable="false">'
    )
    text = ROOT.sub(lambda _: root, text, count=1)
    return STYLE.sub(lambda found: found.group(1) + scope_css(found.group(2), f"svg.{css_class}") + found.group(3), text)


def label_text(raw: str) -> str:
    """A label's words as a catalog holds them: entities read, spaces joined."""
    return " ".join(html.unescape(raw).split())


def labels(text: str) -> list[str]:
    """The words drawn in the drawing, in order, once each; labels with no letter (numbers) read the same anywhere."""
    found = (label_text(run.group(1)) for element in TEXT_ELEMENT.finditer(text) for run in TEXT_RUN.finditer(element.group(0)))
    return list(dict.fromkeys(label for label in found if any(char.isalpha() for char in label)))


def relabel(text: str, translations: dict[str, str]) -> str:
    """The drawing with each label that has a translation in ``translations`` replaced by it, its spaces kept."""

    def replace_run(run: re.Match[str]) -> str:
        raw = run.group(1)
        label = label_text(raw)
        if label not in translations:
            return run.group(0)
        before, after = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()) :]
        return f">{before}{_escape(translations[label])}{after}<"

    return TEXT_ELEMENT.sub(lambda element: TEXT_RUN.sub(replace_run, element.group(0)), text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
