"""A source file that is not UTF-8 is one error naming the file, the byte and its line.

Sphinx reads each page with ``Path.read_text(encoding=<input_encoding>)``: a
file saved as Latin-1 (``é`` as the byte 0xe9) stops the whole build with a
``UnicodeDecodeError`` traceback that does not name the file. Pages are read
here with a codec that decodes UTF-8 (with or without a byte-order mark) and,
at the first byte that is not UTF-8, reports
``docs/x.md: ERROR: not UTF-8 (byte 0xe9 at line 12); save it as UTF-8``,
replaces the bad bytes and lets the build go on, so every other problem is
reported too; the page counts as invalid, so the build fails and the page is
read again next time.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.core.diagnostics import invalid_documents

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

CODEC = "handbook_utf8"
logger = logging.getLogger("handbook")
# Called with (byte, line) for a file that is not UTF-8; set when the builder starts.
_report: list[Callable[[int, int], None]] = []


def decode_reporting(data: bytes) -> str:
    """``data`` as text; a byte that is not UTF-8 is reported, and shown as U+FFFD."""
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        for report in _report:
            report(data[problem.start], line)
        return codecs.decode(data, "utf-8-sig", errors="replace")


class WholeFileDecoder(codecs.IncrementalDecoder):
    """Decodes once the whole file is read, so a line number counts from its start."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self.pending = b""

    def decode(self, data: Buffer, final: bool = False) -> str:
        self.pending += bytes(data)
        if not final:
            return ""
        whole, self.pending = self.pending, b""
        return decode_reporting(whole)

    def reset(self) -> None:
        self.pending = b""


def _find(name: str) -> codecs.CodecInfo | None:
    if name != CODEC:
        return None
    utf8 = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=CODEC,
        encode=utf8.encode,
        decode=lambda data, errors="strict": (decode_reporting(bytes(data)), len(data)),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=WholeFileDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_find)


def _read_pages_with_the_reporting_codec(app: Sphinx) -> None:
    env = app.env
    if env.settings.get("input_encoding", "").lower().replace("-", "").replace("_", "") not in {"utf8", "utf8sig"}:
        return  # a project that chose another encoding keeps it
    env.settings["input_encoding"] = CODEC

    def report(byte: int, line: int) -> None:
        docname = env.docname
        logger.error("not UTF-8 (byte 0x%02x at line %d); save it as UTF-8", byte, line, location=(docname, None))
        invalid_documents(env)[docname] = True

    _report[:] = [report]
