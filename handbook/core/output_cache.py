"""Files made after a build from the theme's files, remembered between builds.

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

from sphinx.application import Sphinx

FOLDER = "handbook-cache"


DIGEST_LENGTH = 24


def cached(app: Sphinx, name: str, inputs: list[bytes], make: Callable[[], bytes]) -> bytes:
    """``make()``, or what it made before from the same ``inputs``.

    Only the newest result of each ``name`` is kept: the folder does not grow
    with every edit that changes an input (a new icon, a theme upgrade).
    """
    digest = hashlib.sha256(b"\0".join(inputs)).hexdigest()[:DIGEST_LENGTH]
    path = Path(app.doctreedir) / FOLDER / f"{digest}-{name}"
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
    return Path(app.doctreedir) / FOLDER / f"{name}.digest"


def last_digest(app: Sphinx, name: str) -> str | None:
    """The digest :func:`remember_digest` noted for ``name`` in an earlier build, if any."""
    try:
        return _record(app, name).read_text(encoding="utf-8")
    except OSError:
        return None


def remember_digest(app: Sphinx, name: str, digest: str) -> None:
    """Note what ``name`` was made from, for the next build to compare with."""
    record = _record(app, name)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(digest, encoding="utf-8")
