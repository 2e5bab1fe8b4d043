"""Only the icons the pages use: a few kilobytes instead of Font Awesome's 1.5 MB script.

pydata-sphinx-theme ships Font Awesome's whole SVG-and-JavaScript bundle, and
every page downloads and runs it (1.56 MB) to draw about a dozen icons: the
search glass, the theme switcher, the menu and the page arrows. On a phone, on
a slow line, that is most of the page. After each HTML build this module finds
the icon names the pages use, copies just those drawings out of the theme's
bundle, and writes a small script in the bundle's
place that turns ``<i class="fa-solid fa-sun">`` into the same
``<svg class="svg-inline--fa fa-sun">`` markup, hidden from screen readers.
The sizing rules it used to inject at run time are in ``handbook.css``.

The drawings are read from the theme's installed, minified bundle, by patterns
keyed to its minifier's output (``p("fas", ...)``): nothing the theme promises.
A theme whose bundle is missing, or in which the patterns find no icon, stops
the build with one line (:data:`BUNDLE_ICONS`), rather than ship pages with
every icon gone. Upstream: https://github.com/pydata/pydata-sphinx-theme/issues/2379
(open: the 1.4 MB bundle).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pydata_sphinx_theme
from sphinx.application import Sphinx

from handbook.core.output_cache import cached
from handbook.core.upstream import UpstreamHook
from handbook.theme import PYDATA_THEME
from handbook.theme.used_names import site_names

BUNDLE_IN_PACKAGE = "theme/pydata_sphinx_theme/static/scripts/fontawesome.js"
BUNDLE = Path(pydata_sphinx_theme.__file__).parent / BUNDLE_IN_PACKAGE
BUNDLE_ICONS = UpstreamHook(
    "pydata-sphinx-theme",
    __name__,
    "copies the pages' icons out of it so pages need not load the whole bundle",
    issue="https://github.com/pydata/pydata-sphinx-theme/issues/2379",
)
TARGET = "_static/scripts/fontawesome.js"
DEFINITION = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","([^"]*)"\]')
PACK = re.compile(r'\bp\("(fas|far|fab)",')
USED = re.compile(r"\bfa-([a-z0-9-]+)")
SCRIPT = """/* Icons used by the Spine Health Handbook's pages, from Font Awesome Free (CC BY 4.0,
   https://fontawesome.com/license/free), written by handbook/theme/icons.py. */
(() => {
  const ICONS = %s;
  const PACKS = {"fa-solid": "fas", fas: "fas", "fa-regular": "far", far: "far", "fa-brands": "fab", fab: "fab"};
  const draw = (icon) => {
    const classes = [...icon.classList];
    const pack = PACKS[classes.find((name) => PACKS[name])] || "fas";
    const name = classes.map((c) => c.slice(3)).find((n) => ICONS[pack] && ICONS[pack][n]);
    if (!name) return;
    const [width, height, path] = ICONS[pack][name];
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    for (const {name: attribute, value} of icon.attributes) svg.setAttribute(attribute, value);
    // Like Font Awesome, keep the icon's classes but not its pack class ("fa-solid"):
    // the theme's CSS positions some icons by "<i class='fa-solid ...'>" alone.
    const kept = classes.filter((name) => !PACKS[name]);
    svg.setAttribute("class", ["svg-inline--fa", ...kept].join(" "));
    svg.setAttribute("data-prefix", pack);
    svg.setAttribute("data-icon", name);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.appendChild(document.createElementNS("http://www.w3.org/2000/svg", "path")).setAttribute("d", path);
    svg.lastChild.setAttribute("fill", "currentColor");
    icon.replaceWith(svg);
  };
  const drawAll = (root) => root.querySelectorAll("i[class*='fa-']").forEach(draw);
  const start = () => {
    drawAll(document);
    new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => {
      if (node.nodeType !== 1) return;
      if (node.matches("i[class*='fa-']")) draw(node); else drawAll(node);
    }))).observe(document.body, {childList: true, subtree: true});
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
"""


def icon_table(bundle: str) -> dict[str, dict[str, tuple[int, int, str]]]:
    """Every icon in the bundle, by pack (fas, far, fab) and name."""
    calls = [(match.start(), match.group(1)) for match in PACK.finditer(bundle)]
    table: dict[str, dict[str, tuple[int, int, str]]] = {}
    for match in DEFINITION.finditer(bundle):
        pack = next((name for position, name in calls if position > match.start()), None)
        if pack:
            name = match.group(1) or match.group(2)
            table.setdefault(pack, {}).setdefault(name, (int(match.group(3)), int(match.group(4)), match.group(5)))
    return table


def used_names(app: Sphinx) -> set[str]:
    """The icon names in the pages' classes (noted by handbook.theme.used_names).

    The themes' scripts, which named icons too, are not loaded (handbook.theme.unused_assets), and
    ``_static/handbook-page.js`` draws none.
    """
    return set(USED.findall(" ".join(site_names(app))))


def subset_script(table: dict[str, dict[str, tuple[int, int, str]]], names: set[str]) -> str:
    chosen = {pack: {name: list(icons[name]) for name in sorted(names) if name in icons} for pack, icons in sorted(table.items())}
    return SCRIPT % json.dumps({pack: icons for pack, icons in chosen.items() if icons}, sort_keys=True)


def readable_icon_table(bundle: bytes) -> dict[str, dict[str, tuple[int, int, str]]]:
    """The bundle's icons, which must be found: an empty table would draw no icon on any page."""
    table = icon_table(bundle.decode("utf-8"))
    if not table:
        BUNDLE_ICONS.missing(f"icons in {BUNDLE_IN_PACKAGE} that the patterns PACK and DEFINITION can read")
    return table


def make_script(bundle: bytes, names: set[str]) -> bytes:
    return subset_script(readable_icon_table(bundle), names).encode("utf-8")


def _write_icon_subset(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    if PYDATA_THEME not in app.extensions:
        return  # another theme, without Font Awesome
    outdir = Path(app.outdir)
    if not BUNDLE.is_file():
        BUNDLE_ICONS.missing(BUNDLE_IN_PACKAGE)
    bundle = BUNDLE.read_bytes()
    names = used_names(app)
    script = cached(app, "fontawesome.js", [bundle, " ".join(sorted(names)).encode()], lambda: make_script(bundle, names))
    (outdir / TARGET).write_bytes(script)
