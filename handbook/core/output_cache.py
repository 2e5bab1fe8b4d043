"""What the handbook keeps between builds, and the one switch that turns every cache off.

``handbook_cache = False`` in ``conf.py`` (``make html NOCACHE=1``, which also
passes Sphinx's ``-E``) makes every cache of the handbook make its result
afresh and keep nothing, so a doubt about a stale cache is settled by one
build: ``tests/test_cache_switch.py`` checks that such a build writes the same
bytes as one with the caches on. Each cache asks :func:`enabled`:
:func:`cached` and the digests below, :mod:`handbook.article.citations`,
:mod:`handbook.theme.template_cache`, :mod:`handbook.theme.navigation`,
:mod:`handbook.search.stemming` and :mod:`handbook.web.unchanged_pages`.
(:mod:`handbook.core.removed_pages` also keeps a file here, the pages of the
last build; it is not a cache, it is how removed pages' output gets deleted.)

Files made after a build from the theme's files:
Sphinx copies the theme's static files again on every build, so the passes
that shrink them (:mod:`handbook.theme.icons`, :mod:`handbook.theme.stylesheets`) must
write their result every time. Making it again (parsing a 376 KB stylesheet,
subsetting a font) would cost a no-change rebuild most of a second; this keeps
each result in the doctree folder under a digest of what it was made from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

FOLDER = "handbook-cache"
SETTING = "handbook_cache"


def enabled(app: Sphinx) -> bool:
    """Whether the caches are on: ``handbook_cache``, true unless ``conf.py`` or ``-D`` says otherwise."""
    return bool(getattr(app.config, SETTING, True))


def location(app: Sphinx, name: str) -> Path:
    """Where a cache keeps ``name``: all of them in one folder of the doctree folder, so one look covers them."""
    return Path(app.doctreedir) / FOLDER / name


DIGEST_LENGTH = 24


def cached(app: Sphinx, name: str, inputs: list[bytes], make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it made before from the same ``inputs``.

    Only the newest result of each ``name`` is kept: the folder does not grow
    with every edit that changes an input (a new icon, a theme upgrade).
    """
    if not enabled(app):
        return make()
    digest = hashlib.sha256(b"\0".join(inputs)).hexdigest()[:DIGEST_LENGTH]
    path = location(app, f"{digest}-{name}")
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        for older in path.parent.iterdir():
            if older.name[DIGEST_LENGTH:] == f"-{name}":
                older.unlink(missing_ok=True)
        path.write_bytes(make())
    return path.read_bytes()


def digest_of(inputs: object) -> str:
    """One hash of everything something is made from (strings, numbers, tuples, sorted lists)."""
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def _record(app: Sphinx, name: str) -> Path:
    return location(app, f"{name}.digest")


def last_digest(app: Sphinx, name: str) -> str | None:
    """The digest :func:`remember_digest` noted for ``name`` in an earlier build, if any (none with the caches off)."""
    if not enabled(app):
        return None
    try:
        return _record(app, name).read_text(encoding="utf-8")
    except OSError:
        return None


def remember_digest(app: Sphinx, name: str, digest: str) -> None:
    """Note what ``name`` was made from, for the next build to compare with (nothing with the caches off)."""
    if not enabled(app):
        return
    record = _record(app, name)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(digest, encoding="utf-8")


def forget_digests(app: Sphinx) -> None:
    """With the caches off, delete the digests earlier builds noted.

    A digest says "what is on disk was made from this"; a build with the caches
    off remakes those things without noting it, so the old digests would lie
    to the next build with the caches on. Results kept by :func:`cached` are
    named by their inputs' digest, so they stay true and stay.
    """
    if not enabled(app):
        for record in location(app, "").glob("*.digest"):
            record.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    # Not part of the config hash ("" rebuilds nothing): the output is the same either way.
    app.add_config_value(SETTING, True, "", types=[bool])
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
