"""Medicines as data: one record per medicine, one "Medicine safety" box wherever it is named.

``docs/_data/medicines.yaml`` (``handbook_medicines_file``) holds, for each
medicine the handbook names, its generic names and brand names by country, the
usual adult maximum dose and the source of that dose, who should ask first,
warning signs, dangerous combinations and how to stop. Writing each fact once
means the dose on one page cannot drift from the dose on another.

``{medicine-safety} paracetamol`` (the id, or any of its generic names) renders
the standard box from the record::

    ```{medicine-safety} ibuprofen
    ```

On the medicine's own page (its ``page`` in the data) the box is whole.
Elsewhere, an article that only mentions a medicine may show ``:brief:``: the
dose, the dangerous combinations, the warning signs and how to stop, and a link
to the whole box on the medicine's page for who should not take it or should ask first.

A medicine whose dose depends on what it is prescribed for (naproxen: less for a
joint condition than the most for muscle and bone pain) lists those doses under
``doses_for``; ``:dose-for: joint conditions`` shows that dose instead of the
general one, with a link to the whole box for the others. A page about one
condition then gives its reader one maximum, not two to choose between (PEMAT-P
item 6, numbers that are clear).

The box is written as Markdown and parsed in place, so its citations are
ordinary ``{footcite}`` citations: they join the article's numbered sources
under "## Sources" (``footbibliography``) like any other. An unknown medicine
is a ``file:line`` error with a did-you-mean.

Brand names reach readers who know only the name on the pack: each whole box adds
book-index entries ("Tylenol (paracetamol)") pointing at itself, and
:mod:`handbook.search.vocabulary` adds one search synonym group per medicine (its
names and brands), so "nurofen" finds the ibuprofen box.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from handbook.content.metadata import did_you_mean, page_meta
from handbook.core.datafiles import DataFile, DataFileError
from handbook.core.diagnostics import report_error
from handbook.i18n.interface import _

REQUIRED = ("id", "names", "max_dose", "max_dose_source", "ask_first", "warning_signs", "combinations")
OPTIONAL = ("brands", "page", "role", "do_not_take", "ask_first_taking", "stopping", "sources", "doses_for")
DOSE_FIELDS = ("max_dose", "max_dose_source")
FIELDS = (*REQUIRED, *OPTIONAL)
# How a country code is shown beside a brand name.
COUNTRY_NAMES = {"GB": "UK", "US": "US", "AU": "Australia", "IE": "Ireland", "CA": "Canada", "NZ": "New Zealand"}
# Markdown's punctuation that would turn data into markup; each is written escaped.
MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~$])")
# A MyST substitution, such as {{ emergency_number }}: kept, so the build's country fills it in.
SUBSTITUTION = re.compile(r"(\{\{\s*\w+\s*\}\})")
BIB_KEY = re.compile(r"^[\w:.\-]+$")


@dataclass(frozen=True)
class Dose:
    """The most to take, as one line or its parts, and the bibliography keys it rests on."""

    parts: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Medicine:
    id: str
    names: tuple[str, ...]
    brands: tuple[tuple[str, tuple[str, ...]], ...]  # (country code, brand names)
    max_dose: tuple[str, ...]  # one line, or its parts in order (a first dose, then how often, then the most in a day)
    max_dose_source: tuple[str, ...]  # one key, or more when the dose line joins two sources (a label and a pack)
    ask_first: tuple[str, ...]  # health problems, age, pregnancy
    warning_signs: tuple[str, ...]
    combinations: tuple[str, ...]
    do_not_take: tuple[str, ...] = ()
    ask_first_taking: tuple[str, ...] = ()  # other medicines ("taking ...")
    stopping: str = ""
    sources: tuple[str, ...] = ()
    page: str = ""  # the page whose box is whole; others may show a brief one
    doses_for: tuple[tuple[str, Dose], ...] = ()  # (what it is prescribed for, its dose), in the file's order

    def dose(self, use: str | None = None) -> Dose:
        """The general dose, or the one for ``use`` (one of ``doses_for``)."""
        return dict(self.doses_for)[use] if use else Dose(self.max_dose, self.max_dose_source)

    @property
    def all_brands(self) -> list[str]:
        return list(dict.fromkeys(brand for _, brands in self.brands for brand in brands))

    @property
    def title(self) -> str:
        first, *others = self.names
        first = first[:1].upper() + first[1:]
        return f"{first} ({', '.join(others)})" if others else first


def _text(value: object, where: str) -> str:
    if not isinstance(value, (str, int, float)) or not str(value).strip():
        raise DataFileError(1, f"{where}: expected plain text, got {value!r}")
    return " ".join(str(value).split())


def _dose_parts(value: object, where: str) -> tuple[str, ...]:
    """The dose as one line, or as a list of short parts: a line of ten numbers is hard to read (PEMAT-P item 6)."""
    return _texts(value, where) if isinstance(value, list) else (_text(value, where),)


# Words no item of a list starts with: one that does is the second half of an item that a comma split in two.
SPLIT_ITEM_STARTS = frozenset({"or", "and", "nor", "but"})


def _texts(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataFileError(1, f"{where}: expected a list, as in [one, two], got {value!r}")
    items = tuple(_text(item, where) for item in value)
    for item in items:
        if item.count("(") != item.count(")"):
            raise DataFileError(
                1,
                f"{where}: item '{item}' has an unclosed bracket: in a [one, two] list a comma inside brackets "
                'splits the item in two; put the whole item in quotes, as in ["a (b, c)", d]',
            )
        first_word = item.split(" ", 1)[0]
        if first_word in SPLIT_ITEM_STARTS:
            raise DataFileError(
                1,
                f"{where}: item '{item}' starts with '{first_word}': in a [one, two] list a comma splits "
                'an item in two; put the whole item in quotes, as in ["taking a, or b", c]',
            )
    return items


def _key(value: object, where: str) -> str:
    key = _text(value, where)
    if not BIB_KEY.match(key):
        raise DataFileError(1, f"{where}: expected a key of the bibliography, got {key!r}")
    return key


def _keys(value: object, where: str) -> tuple[str, ...]:
    """One bibliography key, or a list of them (``[label2024, pack2025]``)."""
    return tuple(_key(key, where) for key in value) if isinstance(value, list) else (_key(value, where),)


def _check_fields(record: dict[str, Any], required: tuple[str, ...], known: tuple[str, ...], where: str) -> None:
    """One error for the first thing wrong: a required field missing or empty, or a field the file does not know."""
    missing = [field for field in required if not record.get(field)]
    if missing:
        raise DataFileError(1, f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(record) - set(known))
    if unknown:
        raise DataFileError(1, f"{where}: unknown field {unknown[0]!r}{did_you_mean(unknown[0], known)}")


def _doses_for(value: object, where: str) -> tuple[tuple[str, Dose], ...]:
    """``doses_for``: for each use, as in ``{joint conditions: {max_dose: ..., max_dose_source: ...}}``."""
    if not isinstance(value, dict) or not value:
        example = "{joint conditions: {max_dose: ..., max_dose_source: ...}}"
        raise DataFileError(1, f"{where}: expected uses with their doses, as in {example}")
    doses = []
    for use, dose in value.items():
        here = f"{where} {use}"
        if not isinstance(dose, dict):
            raise DataFileError(1, f"{here}: expected max_dose and max_dose_source")
        _check_fields(dose, DOSE_FIELDS, DOSE_FIELDS, here)
        parts = _dose_parts(dose["max_dose"], f"{here}: max_dose")
        doses.append((_text(use, here), Dose(parts, _keys(dose["max_dose_source"], f"{here}: max_dose_source"))))
    return tuple(doses)


def parse_medicine(item: object, number: int) -> Medicine:
    if not isinstance(item, dict):
        raise DataFileError(1, f"medicine {number}: expected the fields {', '.join(REQUIRED)}")
    where = f"medicine {item.get('id') or number}"
    _check_fields(item, REQUIRED, FIELDS, where)
    brands = item.get("brands") or {}
    if not isinstance(brands, dict):
        raise DataFileError(1, f"{where}: brands: expected country codes with lists, as in {{US: [Tylenol]}}")
    return Medicine(
        id=_text(item["id"], where),
        names=_texts(item["names"], f"{where}: names"),
        brands=tuple((str(country), _texts(names, f"{where}: brands {country}")) for country, names in brands.items()),
        max_dose=_dose_parts(item["max_dose"], f"{where}: max_dose"),
        max_dose_source=_keys(item["max_dose_source"], f"{where}: max_dose_source"),
        ask_first=_texts(item["ask_first"], f"{where}: ask_first"),
        warning_signs=_texts(item["warning_signs"], f"{where}: warning_signs"),
        combinations=_texts(item["combinations"], f"{where}: combinations"),
        do_not_take=_texts(item["do_not_take"], f"{where}: do_not_take") if item.get("do_not_take") else (),
        ask_first_taking=(_texts(item["ask_first_taking"], f"{where}: ask_first_taking") if item.get("ask_first_taking") else ()),
        stopping=_text(item["stopping"], f"{where}: stopping") if item.get("stopping") else "",
        sources=tuple(_key(key, f"{where}: sources") for key in item.get("sources") or ()),
        page=_text(item["page"], f"{where}: page") if item.get("page") else "",
        doses_for=_doses_for(item["doses_for"], f"{where}: doses_for") if "doses_for" in item else (),
    )


def parse_medicines(data: object) -> dict[str, Medicine]:
    if not isinstance(data, dict) or not isinstance(data.get("medicines"), list):
        raise DataFileError(1, "expected 'medicines:' and a list of medicines under it")
    found: dict[str, Medicine] = {}
    for number, item in enumerate(data["medicines"], start=1):
        medicine = parse_medicine(item, number)
        if medicine.id in found:
            raise DataFileError(1, f"medicine {medicine.id}: listed twice; give each medicine one record")
        found[medicine.id] = medicine
    return found


# Optional: a fork that names no medicines needs no file. None: no file, or one with a mistake (reported).
MEDICINES = DataFile(
    "handbook_medicines_file",
    "handbook_medicines",
    "a 'medicines:' list",
    parse_medicines,
    None,
    optional=True,
    translatable=tuple(
        f"medicines[].{field}"
        # max_dose is one line or a list of parts: both paths, as each medicine has one or the other.
        for field in (
            "max_dose",
            "max_dose[]",
            "do_not_take[]",
            "ask_first[]",
            "ask_first_taking[]",
            "warning_signs[]",
            "combinations[]",
            "stopping",
            "doses_for.*.max_dose",
            "doses_for.*.max_dose[]",
        )
    ),
)


def medicines(env: BuildEnvironment) -> dict[str, Medicine]:
    return getattr(env, "handbook_medicines", None) or {}


def data_file_failed(env: BuildEnvironment) -> bool:
    """The medicines file exists but could not be read: its own error says why, so boxes add nothing."""
    return getattr(env, "handbook_medicines", None) is None and (Path(env.srcdir) / env.config.handbook_medicines_file).exists()


def find_medicine(env: BuildEnvironment, name: str) -> Medicine | None:
    """The medicine with this id or generic name, in any case."""
    wanted = name.strip().lower()
    return next(
        (medicine for medicine in medicines(env).values() if wanted in {medicine.id, *map(str.lower, medicine.names)}),
        None,
    )


def escaped(text: str) -> str:
    """Data as plain text in Markdown: markup characters escaped, substitutions left to fill in."""
    parts = SUBSTITUTION.split(text)
    return "".join(part if SUBSTITUTION.fullmatch(part) else MARKUP.sub(r"\\\1", part) for part in parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _dose(parts: tuple[str, ...], cite: str) -> list[str]:
    """The most you should take: one sentence, cited at its end, or its parts as a list, cited on the lead.

    The lead carries a list's sources, so they cover every part: at the end of the last part they would
    seem to be the sources of that part alone.
    """
    lead = "**" + _("The most you should take:") + "**"  # _() outside the f-string: make gettext reads it there
    if len(parts) == 1:
        return [f"{lead} {escaped(_sentence(parts[0]))}{cite}", ""]
    return [f"{lead}{cite}", "", *(f"- {escaped(part)}" for part in parts), ""]


def _items(lead: str, items: tuple[str, ...]) -> list[str]:
    return [f"**{lead}**", "", *(f"- {escaped(item)}" for item in items), ""]


def _ask_first(medicine: Medicine) -> list[str]:
    """Who should ask first, as two short lists: their health, then ("Ask first, too, if you are:") other medicines.

    An NSAID's list runs to 18 items, too long to scan (PEMAT item 8, chunking). A reader checks
    "do I have this?" and "do I take this?" separately, so the data file keeps the other medicines apart
    (``ask_first_taking``), which holds in every language; the order within each list is the file's.
    """
    lead = _("Ask a doctor or pharmacist first if any of these apply to you:")
    if not medicine.ask_first_taking:
        return _items(lead, medicine.ask_first)
    return [*_items(lead, medicine.ask_first), *_items(_("Ask first, too, if you are:"), medicine.ask_first_taking)]


def brand_line(medicine: Medicine) -> str:
    shown = "; ".join(f"{', '.join(brands)} ({COUNTRY_NAMES.get(country, country)})" for country, brands in medicine.brands)
    return "**" + _("Brand names:") + f"** {escaped(shown)}." if shown else ""


def box_markdown(medicine: Medicine, brief: bool = False, use: str | None = None) -> str:
    """The box's content as Markdown: every medicine's box says the same things in the same order.

    A brief box leaves out only who should not take it or should ask first (a link to the whole
    box follows it). It keeps the dose, the dangerous combinations, the warning signs and how to
    stop: a reader who already takes the medicine, or follows the page's advice to take another,
    needs those wherever it is named (paracetamol in co-codamol is the classic double dose).
    ``use`` gives the dose for that use (``doses_for``) instead of the general one.
    """
    dose = medicine.dose(use)
    cite = f"{{footcite}}`{','.join(dose.sources)}`"
    lines = [brand_line(medicine), ""] if medicine.brands else []
    lines += _dose(dose.parts, cite)
    if not brief:
        if medicine.do_not_take:
            lines += _items(_("Do not take it:"), medicine.do_not_take)
        lines += _ask_first(medicine)
    lines += _items(_("Dangerous combinations:"), medicine.combinations)
    lines += _items(_("Get help now if you notice:"), medicine.warning_signs)
    if medicine.stopping:
        lines += ["**" + _("Stopping:") + f"** {escaped(_sentence(medicine.stopping))}", ""]
    if brief:
        return "\n".join(lines)
    others = [key for key in medicine.sources if key not in dose.sources]
    if others:
        lines += [_("Sources for this box:") + f"{{footcite}}`{','.join(others)}`", ""]
    return "\n".join(lines)


def index_entries(medicine: Medicine, target: str) -> list[tuple[str, str, str, str, None]]:
    """Book-index entries: each generic name, and each brand with its generic name."""
    entries = [("single", f"{name}; medicine safety", target, "", None) for name in medicine.names]
    generic = medicine.names[0]
    entries += [("single", f"{brand} ({generic})", target, "", None) for brand in medicine.all_brands]
    return entries


class whole_box_link(nodes.General, nodes.Element):
    """A link to a medicine's whole box on its page: the page is resolved by Sphinx, the box's anchor added after."""


class MedicineSafety(SphinxDirective):
    """``{medicine-safety} <id or generic name>``: the standard safety box for one medicine."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = {"brief": directives.flag, "dose-for": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        medicine = find_medicine(self.env, name)
        if medicine is None and data_file_failed(self.env):
            return []
        if medicine is None:
            known = tuple(medicines(self.env))
            report_error(
                self.env,
                self.env.docname,
                self.lineno,
                f"medicine-safety: unknown medicine '{name}'{did_you_mean(name.lower(), known)} "
                f"(expected an id from {self.config.handbook_medicines_file}: {', '.join(known) or 'none listed'})",
            )
            return []
        use = " ".join(self.options.get("dose-for", "").split()) or None
        uses = [name for name, dose in medicine.doses_for]
        if use is not None and use not in uses:
            report_error(
                self.env,
                self.env.docname,
                self.lineno,
                f"medicine-safety: {medicine.id} has no dose for '{use}'{did_you_mean(use, tuple(uses))} "
                f"(its doses_for in {self.config.handbook_medicines_file}: {', '.join(uses) or 'none'})",
            )
            return []
        brief = "brief" in self.options
        # Only the general box is the whole box that links and the book index point at.
        target = f"medicine-safety-{medicine.id}{'-brief' if brief else '-dose' if use else ''}"
        box = nodes.admonition(classes=["medicine-safety", *(["brief"] if brief else [])], ids=[target])
        self.set_source_info(box)
        box += nodes.title(text=_("Medicine safety: {medicine}").format(medicine=medicine.title))
        box += self.parse_text_to_nodes(box_markdown(medicine, brief, use), offset=self.content_offset)
        if use:
            box += self.link_to_whole_box(medicine, _("The dose for other uses:"))
        if brief:
            box += self.link_to_whole_box(medicine, _("Who must not take it, and who should ask a doctor or pharmacist first:"))
        if brief or use:
            return [box]  # the book index points at the whole box only
        return [addnodes.index(entries=index_entries(medicine, target), inline=False), box]

    def link_to_whole_box(self, medicine: Medicine, lead: str) -> nodes.paragraph:
        paragraph = nodes.paragraph(text=lead + " ")
        page = medicine.page
        if not page or page == self.env.docname or page not in self.env.found_docs:
            paragraph += nodes.Text(_("ask your pharmacist."))
            return paragraph
        reference = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{page}", refexplicit=True)
        reference += nodes.inline(text=_("the whole {medicine} box").format(medicine=medicine.names[0]))
        paragraph += whole_box_link("", reference, anchor=f"medicine-safety-{medicine.id}")
        paragraph += nodes.Text(".")
        return paragraph


def _point_links_at_the_whole_box(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The page link Sphinx resolved, plus the box's anchor; in print, the link leads to the page."""
    for link in list(doctree.findall(whole_box_link)):
        for reference in link.findall(nodes.reference):
            if reference.get("refuri") is not None and "#" not in reference["refuri"]:
                reference["refuri"] += f"#{link['anchor']}"
        link.replace_self(link.children)


def _reread_articles_when_medicines_change(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    if not MEDICINES.changed_since_last_build(env):
        return []
    return sorted(docname for docname in page_meta(env) if docname not in removed)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("handbook_medicines_file", "_data/medicines.yaml", "env", str)
    app.add_node(whole_box_link)
    app.add_directive("medicine-safety", MedicineSafety)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
