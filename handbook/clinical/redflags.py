"""Warning signs written once, in ``docs/_data/red-flags.yaml``, and shown the same way everywhere.

Each sign has a tier (emergency, urgent, see-a-doctor), plain wording, a source
and the pages it belongs to. A page entry may be a pattern, as in
``handbook_get_help_now``: ``"*"`` gives the sign to every page with a box of
its own, so a sign that belongs everywhere cannot be left off a new article. The ``{red-flags}`` directive renders a page's
signs as NHS.UK-style boxes, one per tier::

    ```{red-flags}
    :tier: emergency          (optional: one tier; default every tier with signs)
    :condition: conditions/sciatica   (optional: default the current page)
    :signs: chest-pain, fever (optional: these signs, whatever their pages)
    :short:                   (the "Get help now" box at the top: emergency only, links to the full list)
    ```

Each box's heading says its urgency in words (colour only repeats it), the
lead-in tells the reader what to do in the build country's words
(:mod:`handbook.clinical.countries`), and the box links to the full list of warning
signs (``handbook_red_flags_page``). The handouts and the book are printed from
the site's HTML, so they show the same boxes. A wrong tier, page or sign is one
error with the file, line and a did-you-mean.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Set
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from handbook.clinical import pattern_parts
from handbook.clinical.carer_reading import CARER_READING, parse_carer_reading
from handbook.clinical.countries import fill_in, unknown_placeholders
from handbook.content.metadata import page_meta
from handbook.core.datafiles import DataFile, DataFileError, bib_keys, require_patterns
from handbook.core.diagnostics import report_error
from handbook.core.headings import source_title, title_text
from handbook.core.messages import did_you_mean
from handbook.i18n.interface import N_, _

SIGN_FIELDS = ("id", "tier", "text", "patterns", "source", "conditions")  # each required
# Optional: words shown after the sign's text (", ".join would do; a colon leads into a list) that are not the sign
# itself: "details: you are over 60; you smoke ...". Search does not take a query that matches them, such as
# "high cholesterol", to name the sign.
DETAILS = "details"
TIER_FIELDS = ("label", "action")
EMERGENCY = "emergency"
# Optional: the group a sign is listed under ("group: limbs"), one of the file's ``groups:`` (id: label). A box with
# more than LONGEST_LIST signs shows them as short lists, one per group, under the group's label: a long list is hard
# to take in when you are in pain, and PEMAT-P (docs/_data/pemat.yaml) asks for long lists to be broken up.
GROUP = "group"
LONGEST_LIST = 7
# Said before the groups, so no reader stops at the first label that seems to fit (review 40 of the evidence log).
READ_EVERY_LIST = N_("One sign is enough. Read every list.")
READ_EVERY_LIST_CLASS = "red-flags-read-all"
# A page that lists its emergency signs in the short box at the top shows them once: its later emergency box of the
# same signs says what to do and links up to that list (PEMAT-P item 2; NHS.UK shows each urgent box once). Per page.
SHORT_BOX = "handbook_red_flags_short_box"
POINTER_CLASS = "red-flags-pointer"
POINTER_TAIL = N_("\u201d near the top of this page.")


@dataclass(frozen=True)
class RedFlags:
    tiers: dict[str, dict]
    signs: list[dict]
    groups: dict[str, str] = field(default_factory=dict)  # id: label, in the order boxes show them
    # How search reads a carer's words (handbook.clinical.carer_reading); None: as typed only.
    carer_reading: dict[str, Any] | None = None

    def conditions(self) -> list[str]:
        """The pages the signs name one by one (patterns left out): the did-you-mean list."""
        return sorted({page for sign in self.signs for page in sign["conditions"] if not is_pattern(page)})

    def lists(self, page: str) -> bool:
        """Some sign belongs to ``page``, by name or by pattern."""
        return any(belongs_to(sign, page) for sign in self.signs)

    def place(self, sign: dict) -> int:
        """The sign's place in the data file (0 for the first), which one-page sheets print in."""
        return self._places[sign["id"]]

    @cached_property
    def _places(self) -> dict[str, int]:
        return {sign["id"]: number for number, sign in enumerate(self.signs)}


def is_pattern(entry: str) -> bool:
    return any(mark in entry for mark in "*?[")


def belongs_to(sign: dict, page: str) -> bool:
    """The sign's ``conditions`` name ``page`` or hold a pattern that matches it (``"*"``: every page)."""
    return any(fnmatch.fnmatchcase(page, entry) for entry in sign["conditions"])


class TextDataFile(DataFile):
    """A data file whose parser also gets the text, to name the line of a mistake."""

    text = ""

    def load(self, app: Sphinx) -> None:
        path = Path(app.srcdir) / getattr(app.config, self.setting)
        self.text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        super().load(app)


def _line_of(text: str, pattern: str) -> int:
    found = re.search(pattern, text, flags=re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def parse_red_flags(data: object) -> RedFlags:
    """``tiers:`` (label, action, weaker words) and ``signs:`` (id, tier, text, patterns, source, conditions)."""
    text = RED_FLAGS.text
    if not isinstance(data, dict) or not isinstance(data.get("tiers"), dict) or not isinstance(data.get("signs"), list):
        raise DataFileError(1, "expected 'tiers:' (each with label and action) and 'signs:' (a list)")
    tiers = data["tiers"]
    for tier, fields in tiers.items():
        line = _line_of(text, rf"^\s+{re.escape(str(tier))}:")
        if not isinstance(fields, dict) or any(not isinstance(fields.get(key), str) for key in TIER_FIELDS):
            raise DataFileError(line, f"tier {tier!r}: expected {' and '.join(TIER_FIELDS)} (a line of text each)")
        if unknown := unknown_placeholders(fields["action"]):
            raise DataFileError(line, f"tier {tier!r}: unknown {{{{ {unknown[0]} }}}} (use emergency_number or urgent_advice)")
    groups = data.get("groups") or {}
    if not isinstance(groups, dict) or any(not isinstance(label, str) or not label.strip() for label in groups.values()):
        raise DataFileError(
            _line_of(text, r"^groups:"), "'groups:' expected one line per group, as in 'limbs: Your legs, arms or hands'"
        )
    parts = pattern_parts.read_parts(data.get(pattern_parts.PARTS), lambda name: _line_under(text, pattern_parts.PARTS, name))
    written: list[str] = []  # the signs' patterns before their parts are filled in
    seen: set[object] = set()  # the ids as YAML gives them
    signs: list[dict] = []  # with their patterns' parts filled in
    for sign in data["signs"]:
        sign_id = sign.get("id") if isinstance(sign, dict) else None
        line = _line_of(text, rf"^\s*-?\s*id:\s*{re.escape(str(sign_id))}\s*$") if sign_id else 1
        if not isinstance(sign, dict) or any(not sign.get(field) for field in SIGN_FIELDS):
            missing = [field for field in SIGN_FIELDS if not isinstance(sign, dict) or not sign.get(field)]
            raise DataFileError(line, f"sign {sign_id!r}: expected {', '.join(missing)}")
        if sign_id in seen:
            raise DataFileError(line, f"sign {sign_id!r}: listed twice (each sign once, with all its pages)")
        seen.add(sign_id)
        if sign["tier"] not in tiers:
            hint = did_you_mean(sign["tier"], tiers)
            raise DataFileError(line, f"sign {sign_id!r}: unknown tier {sign['tier']!r} ({hint}use one of {', '.join(tiers)})")
        if isinstance(sign["patterns"], list):
            written += map(str, sign["patterns"])
            owner = f"sign {sign_id!r}"
            sign = {**sign, "patterns": [pattern_parts.fill_in(str(each), parts, line, owner) for each in sign["patterns"]]}
        signs.append(sign)
        require_patterns(sign["patterns"], line, f"sign {sign_id!r}")
        if GROUP in sign and sign[GROUP] not in groups:
            hint = did_you_mean(str(sign[GROUP]), groups)
            known = ", ".join(map(str, groups)) or "none: add 'groups:' to the file"
            raise DataFileError(line, f"sign {sign_id!r}: unknown group {sign[GROUP]!r} ({hint}use one of {known})")
        if DETAILS in sign and (not isinstance(sign[DETAILS], str) or not sign[DETAILS].strip()):
            raise DataFileError(line, f"sign {sign_id!r}: 'details' must be a line of text shown after the sign")
        source = sign["source"]
        if not isinstance(source, str) and not (isinstance(source, list) and all(isinstance(key, str) for key in source)):
            raise DataFileError(
                line, f"sign {sign_id!r}: 'source' must be a bibliography key, or a list of keys like [key1, key2]"
            )
    reading, reading_patterns = parse_carer_reading(
        data.get(CARER_READING), parts, lambda name: _line_under(text, CARER_READING, name)
    )
    pattern_parts.require_all_used(
        data.get(pattern_parts.PARTS), [*written, *reading_patterns], lambda name: _line_under(text, pattern_parts.PARTS, name)
    )
    groups = {str(key): label for key, label in groups.items()}
    return RedFlags(tiers=tiers, signs=signs, groups=groups, carer_reading=reading)


def _line_under(text: str, section: str, name: str) -> int:
    """The line of a key ``name`` under the top-level ``section:`` (``pattern_parts:``), or of ``section:`` itself."""
    heading = _line_of(text, rf"^{section}:")
    if not name:
        return heading
    rows = text.splitlines()[heading:]
    found = next((number for number, row in enumerate(rows, heading + 1) if re.match(rf"^\s+{re.escape(name)}:", row)), 0)
    return found or heading


def sign_wording(sign: dict) -> str:
    """What a box shows for a sign: its text, then its details after a colon."""
    return f"{sign['text']}: {sign[DETAILS]}" if sign.get(DETAILS) else sign["text"]


def _sign_paragraph(sign: dict) -> nodes.paragraph:
    """A sign as a box shows it. Its details are left out of the search index (Sphinx skips the class
    ``no-search``): every article's box would otherwise make "high cholesterol" find every article."""
    paragraph = nodes.paragraph(text=sign["text"])
    if sign.get(DETAILS):
        paragraph += nodes.Text(": ")
        paragraph += nodes.inline(text=sign[DETAILS], classes=["no-search"])
    return paragraph


ORDER_CLASS = "red-flags-order-"


def _sign_list(signs: list[dict], data: RedFlags) -> nodes.bullet_list:
    """The signs as a list; each item's class ``red-flags-order-<n>`` keeps its place in the data file, so a one-page
    sheet can print a grouped box as one list in the file's order (``handbook.printing.documents``)."""
    items = (nodes.list_item("", _sign_paragraph(sign), classes=[f"{ORDER_CLASS}{data.place(sign)}"]) for sign in signs)
    return nodes.bullet_list("", *items)


def sign_sources(sign: dict) -> tuple[str, ...]:
    """A sign's bibliography keys: ``source`` is one key, or a list when its wording draws on more than one source."""
    return bib_keys(sign["source"])


RED_FLAGS = TextDataFile(
    "handbook_red_flags_file",
    "handbook_red_flags",
    "'tiers:' and 'signs:'",
    parse_red_flags,
    fallback=None,
    optional=True,
    translatable=("groups.*", "tiers.*.label", "tiers.*.action", "signs[].text", "signs[].details"),
)


def red_flags(env: BuildEnvironment) -> RedFlags | None:
    return getattr(env, "handbook_red_flags", None)


# --- Nodes: a container any builder can show; the website gets a labelled region --------------


class red_flags_box(nodes.container):
    """One tier's box; ``tier`` names it, and its heading's id labels it."""


class red_flags_heading(nodes.rubric):
    """The box's heading: a real heading on the website, one level below the section it sits in."""


class red_flags_group_label(nodes.rubric):
    """A group's label inside a box: a heading one level below the box's, so a screen reader can jump between groups."""


class help_link(nodes.reference):
    """A link to this page's "When to get help" section, resolved once the page's sections exist."""


def _visit_box(self: Any, node: red_flags_box) -> None:
    heading = next(iter(node.findall(red_flags_heading)), None)
    labelled = {"aria-labelledby": heading["ids"][0]} if heading is not None and heading["ids"] else {}
    self.body.append(self.starttag(node, "section", CLASS=f"red-flags red-flags-{node['tier']}", **labelled))


def _depart_box(self: Any, node: red_flags_box) -> None:
    self.body.append("</section>\n")


def _visit_heading(self: Any, node: red_flags_heading) -> None:
    node["level"] = min(getattr(self, "section_level", 1) + 1, 6)
    self.body.append(self.starttag(node, f"h{node['level']}", "", CLASS="red-flags-heading"))


def _depart_heading(self: Any, node: red_flags_heading | red_flags_group_label) -> None:
    self.body.append(f"</h{node['level']}>\n")


def _visit_group_label(self: Any, node: red_flags_group_label) -> None:
    node["level"] = min(getattr(self, "section_level", 1) + 2, 6)
    self.body.append(self.starttag(node, f"h{node['level']}", "", CLASS="red-flags-group-label"))


# --- Which signs a box shows -------------------------------------------------------------------


def chosen_signs(data: RedFlags, docname: str, options: dict[str, Any], data_file: str = "red-flags.yaml") -> list[dict]:
    """The signs a ``{red-flags}`` box with ``options`` shows on ``docname``; ValueError says what is wrong.

    The directive uses this, and so do the content tests (what a page shows, which sources it cites).
    """
    tier = options.get("tier", EMERGENCY if "short" in options else None)
    if tier is not None and tier not in data.tiers:
        hint = did_you_mean(tier, data.tiers)
        raise ValueError(f"{{red-flags}}: unknown tier '{tier}' ({hint}use one of {', '.join(data.tiers)})")
    by_id = {sign["id"]: sign for sign in data.signs}
    if "signs" in options:
        wanted = [name.strip() for name in options["signs"].split(",") if name.strip()]
        for name in wanted:
            if name not in by_id:
                raise ValueError(f"{{red-flags}}: unknown sign '{name}' ({did_you_mean(name, by_id)}use an id from {data_file})")
        signs = [by_id[name] for name in wanted]
        where = "the signs given"
    else:
        condition = _condition(data, docname, options, data_file)
        signs = [sign for sign in data.signs if belongs_to(sign, condition)]
        where = condition
    chosen = [sign for sign in signs if tier is None or sign["tier"] == tier]
    if not chosen:
        which = f"{tier} signs" if tier else "signs"
        raise ValueError(f"{{red-flags}}: no {which} for {where} (list the page under a sign's conditions in {data_file})")
    return chosen


def _condition(data: RedFlags, docname: str, options: dict[str, Any], data_file: str) -> str:
    condition = options.get("condition", docname).strip().removesuffix(".md")
    if condition.startswith("/"):
        condition = condition[1:]
    elif "condition" in options and condition not in data.conditions():
        condition = posixpath.normpath(posixpath.join(posixpath.dirname(docname), condition))
    # Another page's signs: that page must be named (a pattern would hide a misspelt name); this page's: any match.
    if not (condition in data.conditions() if "condition" in options else data.lists(condition)):
        written = options.get("condition", docname)
        hint = did_you_mean(condition, data.conditions())
        raise ValueError(
            f"{{red-flags}}: no signs list the page '{written}' ({hint}give :condition: a page named in "
            f"a sign's conditions in {data_file})"
        )
    return condition


def box_options(markdown: str) -> list[dict[str, str]]:
    """The options of each ``{red-flags}`` box written in a page's Markdown (for tests that read sources).

    A box shown as an example inside a code block (the writing guide's) is not a box.
    """
    boxes: list[dict[str, str]] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opener = re.match(r"^(`{3,}|:{3,})\s*(\{red-flags\})?", lines[index])
        index += 1
        if not opener or (opener[1][0] == ":" and not opener[2]):
            continue  # prose, or a colon fence (an admonition) whose Markdown is read on
        options = {}
        while index < len(lines) and (option := re.match(r"^:([\w-]+):[ \t]*(.*)$", lines[index])):
            options[option[1]] = option[2]
            index += 1
        if opener[2]:
            boxes.append(options)
        fence = opener[1]
        while index < len(lines) and not re.match(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[index]):
            index += 1  # a code block, or a directive's own content: no boxes inside
        index += 1
    return boxes


# --- The directive --------------------------------------------------------------------------


def lead_in(action: str, which: str = N_("any of these:")) -> str:
    """ "Call {{ emergency_number }}, or go to the emergency department." -> "..., if you have any of these:".

    ``which`` names the signs: the pointer box says which box above lists them. In a translation the words
    come from sphinx.po ("{action} if you have {which}"), whose translator may put them in another order.
    """
    action = action.strip().rstrip(".")
    action = f"{action}{',' if ',' in action else ''}"
    return _("{action} if you have {which}").format(action=action, which=_(which))


class RedFlagsDirective(SphinxDirective):
    has_content = False
    option_spec = {  # noqa: RUF012 (docutils reads a class attribute)
        "tier": directives.unchanged_required,
        "condition": directives.unchanged_required,
        "signs": directives.unchanged_required,
        "short": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        data = red_flags(self.env)
        if data is None:
            return self._error(f"{{red-flags}}: no warning-signs data (expected {self.config.handbook_red_flags_file})")
        try:
            signs = self._chosen_signs(data)
        except ValueError as problem:
            return self._error(str(problem))
        boxes = [self._box(data, tier, [sign for sign in signs if sign["tier"] == tier]) for tier in self._tiers(data, signs)]
        if link := self._link():
            boxes[-1] += link  # once, after the last box
        return boxes

    def _error(self, message: str) -> list[nodes.Node]:
        report_error(self.env, self.env.docname, self.lineno, message)
        return []

    def _tiers(self, data: RedFlags, signs: list[dict]) -> list[str]:
        return [tier for tier in data.tiers if any(sign["tier"] == tier for sign in signs)]

    def _chosen_signs(self, data: RedFlags) -> list[dict]:
        return chosen_signs(data, self.env.docname, self.options, self._data_file())

    def _data_file(self) -> str:
        return posixpath.join(posixpath.basename(str(self.env.srcdir)), self.config.handbook_red_flags_file)

    def _box(self, data: RedFlags, tier: str, signs: list[dict]) -> red_flags_box:
        box = red_flags_box(
            tier=tier, classes=["red-flags", f"red-flags-{tier}"] + (["red-flags-short"] if "short" in self.options else [])
        )
        self.set_source_info(box)
        heading = red_flags_heading(text=data.tiers[tier]["label"])
        heading["ids"] = [f"red-flags-{self.env.new_serialno('red-flags')}"]
        box += heading
        ids = [sign["id"] for sign in signs]
        shown_above = self.env.temp_data.get(SHORT_BOX)
        if "short" in self.options:
            self.env.temp_data.setdefault(SHORT_BOX, (ids, heading["ids"][0]))
        elif shown_above is not None and shown_above[0] == ids:
            box["classes"].append(POINTER_CLASS)
            action = fill_in(data.tiers[tier]["action"], self.config)
            box += self._pointer(action, data.tiers[tier]["label"], shown_above[1], signs)
            return box
        box += self._lead_in(fill_in(lead_in(data.tiers[tier]["action"]), self.config), signs)
        if len(signs) <= LONGEST_LIST:
            box += _sign_list(signs, data)
            return box
        box += nodes.paragraph(text=_(READ_EVERY_LIST), classes=[READ_EVERY_LIST_CLASS])
        groups = nodes.container(classes=["red-flags-groups"])  # on paper, in two columns: the box fits on a page
        for group, label in data.groups.items():
            if members := [sign for sign in signs if sign.get(GROUP) == group]:
                shown = nodes.container(classes=["red-flags-group"])
                shown += red_flags_group_label(text=label)
                shown += _sign_list(members, data)
                groups += shown
        box += groups
        if ungrouped := [sign["id"] for sign in signs if sign.get(GROUP) not in data.groups]:
            self._error(
                f"{{red-flags}}: this box has {len(signs)} signs, more than {LONGEST_LIST} in one list; give sign "
                f"'{ungrouped[0]}' a group ('group:' in {self._data_file()}, one of {', '.join(data.groups) or 'its groups:'})"
            )
        return box

    def _pointer(self, action: str, label: str, heading_id: str, signs: list[dict]) -> nodes.paragraph:
        """What to do, and a link up to the short box that lists the same signs (one list per page, as NHS.UK shows)."""
        link = nodes.reference("", label, refid=heading_id, internal=True)
        words = lead_in(action, N_("any of the signs in the box \u201c"))
        return nodes.paragraph("", "", nodes.Text(words), link, nodes.Text(_(POINTER_TAIL)), *self._citation(signs))

    def _lead_in(self, text: str, signs: list[dict]) -> nodes.paragraph:
        """What to do, citing the signs' sources when the handbook has a bibliography (sphinxcontrib-bibtex)."""
        return nodes.paragraph("", "", nodes.Text(text), *self._citation(signs))

    def _citation(self, signs: list[dict]) -> list[nodes.Node]:
        """The signs' sources as one ``{footcite}`` (none in the short box, whose signs the page cites further down)."""
        if "bibtex_bibfiles" not in self.config or "short" in self.options:
            return []
        keys = ",".join(dict.fromkeys(key for sign in signs for key in sign_sources(sign)))
        parsed = nodes.Element()
        self.state.nested_parse(
            StringList([f"{{footcite}}`{keys}`"], source=self.get_source_info()[0]), self.content_offset, parsed
        )
        return [inline for paragraph in parsed.children for inline in paragraph.children]

    def _link(self) -> nodes.paragraph | None:
        """The short box links to this page's full list; the others to the handbook's page of warning signs."""
        if "short" in self.options:
            return nodes.paragraph(
                "", _("See all the warning signs and what to do:") + " ", help_link("", self.config.handbook_help_heading)
            )
        page = self.config.handbook_red_flags_page
        if not page or page == self.env.docname:
            return None
        return nodes.paragraph("", _("See all the warning signs:") + " ", page_link(self.env.docname, page))


def page_link(docname: str, page: str) -> addnodes.pending_xref:
    """A link to ``page`` with its title as the words, as ``{doc}`` would make."""
    xref = addnodes.pending_xref(
        "", nodes.inline("", "", classes=["doc"]), refdomain="std", reftype="doc", reftarget=f"/{page}", refdoc=docname
    )
    xref["refexplicit"] = False
    xref["refwarn"] = True
    return xref


def _resolve_help_links(app: Sphinx, doctree: nodes.document) -> None:
    """Point each short box's link at this page's "When to get help" section, or else at the full list."""
    wanted = app.config.handbook_help_heading
    section = next((found for found in doctree.findall(nodes.section) if source_title(found) == wanted), None)
    for link in list(doctree.findall(help_link)):
        if section is not None and section["ids"]:
            link["refid"] = section["ids"][0]
            link["internal"] = True
            del link[:]
            link += nodes.Text(title_text(section))  # the heading as the reader sees it, in any language
        elif page := app.config.handbook_red_flags_page:
            link.replace_self(page_link(app.env.docname, page))
        else:
            report_error(
                app.env,
                app.env.docname,
                link.parent.parent.line or 1,
                f"{{red-flags}} :short: links to '## {wanted}' on this page or to handbook_red_flags_page, "
                "found neither (add the heading, or set handbook_red_flags_page in conf.py)",
            )
            link.replace_self(nodes.Text(wanted))


def _require_get_help_now(app: Sphinx, doctree: nodes.document) -> None:
    """Published articles matching ``handbook_get_help_now`` need the short box right after the key points."""
    docname = app.env.docname
    if not any(fnmatch.fnmatch(docname, pattern) for pattern in app.config.handbook_get_help_now):
        return
    meta = page_meta(app.env).get(docname)
    if meta is None or not meta.is_article or meta.review_status == "draft":
        return  # section pages have no key points; a draft may be incomplete
    page = next(iter(doctree.findall(nodes.section)), None)
    if page is None:
        return
    key_points = app.config.handbook_key_points_title
    if key_points:
        blocks = [child for child in page.children if not isinstance(child, nodes.title | nodes.target | nodes.comment)]
        after = next(
            (
                index + 1
                for index, block in enumerate(blocks)
                if isinstance(block, nodes.Admonition) and source_title(block) == key_points
            ),
            0,
        )
    else:  # no key points: the box comes before any other box or section
        blocks = [child for child in page.children if isinstance(child, nodes.Admonition | nodes.section | red_flags_box)]
        after = 0
    following = blocks[after] if after < len(blocks) else None
    if isinstance(following, red_flags_box) and "red-flags-short" in following["classes"]:
        return
    where = f"right after the '{key_points}' box" if after else "first, under the title"
    line = (following.line if following is not None else None) or (blocks[after - 1].line if after else page.line) or 1
    report_error(app.env, docname, line, f"'Get help now' box: expected {where} (add ```{{red-flags}} with ':short:' there)")


def _reread_when_red_flags_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Every page is checked against the data (the urgency check), so a change re-reads them all."""
    if not RED_FLAGS.changed_since_last_build(env):
        return []
    return sorted(set(env.found_docs) - set(removed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_red_flags_file", "_data/red-flags.yaml", "env", types=[str])
    app.add_config_value("handbook_red_flags_page", "", "env", types=[str])
    # Docname patterns of pages that need the short "Get help now" box at the top (conf.py: ["conditions/*"]).
    app.add_config_value("handbook_get_help_now", [], "env", types=[list])
    app.add_node(red_flags_box, html=(_visit_box, _depart_box))
    app.add_node(red_flags_heading, html=(_visit_heading, _depart_heading))
    app.add_node(red_flags_group_label, html=(_visit_group_label, _depart_heading))
    app.add_node(help_link)
    app.add_directive("red-flags", RedFlagsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
