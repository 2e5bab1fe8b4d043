"""The wiring table in handbook/__init__.py is the handbook's whole wiring, in the order Sphinx calls it.

A newcomer reads ``HANDLERS`` to learn what runs when. These tests hold Sphinx's
own list of listeners, on an app of the handbook with the site's theme, to it:
no module may connect a handler the table does not name, and Sphinx must call
the handbook's handlers in the table's order.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from functools import partial
from itertools import groupby
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp

from handbook import HANDLERS
from handbook.core.wiring import Handler, connect_handlers
from tests.conftest import PROJECT, ROOTS

THEMED = {"html_theme": "sphinx_book_theme", "templates_path": [str(PROJECT / "_templates")]}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The handbook with the site's theme, set up (builder-inited has run) and not built."""
    srcdir = tmp_path_factory.mktemp("wiring") / "src"
    shutil.copytree(ROOTS / "test-valid", srcdir, ignore=shutil.ignore_patterns("_tags"))
    application = SphinxTestApp("html", srcdir=srcdir, confoverrides=THEMED)
    yield application
    application.cleanup()


def defined_in(handler: Callable[..., Any]) -> str:
    """The module a listener's code comes from: a function's, a bound method's, or a partial's function's."""
    if isinstance(handler, partial):
        handler = handler.func
    return getattr(getattr(handler, "__func__", handler), "__module__", "")


def handbook_listeners(app: SphinxTestApp, event: str) -> list[Callable[..., Any]]:
    """The handbook's listeners of ``event``, in the order Sphinx calls them (by priority, then as connected)."""
    listeners = sorted(app.events.listeners.get(event, []), key=attrgetter("priority"))
    return [listener.handler for listener in listeners if defined_in(listener.handler).startswith("handbook.")]


def test_sphinx_calls_the_handbooks_handlers_exactly_as_the_table_lists_them(app):
    events = set(app.events.listeners) | {row.event for row in HANDLERS}
    for event in sorted(events):
        tabled = [row.resolve() for row in HANDLERS if row.event == event]
        assert handbook_listeners(app, event) == tabled, f"{event}: the listeners differ from handbook/__init__.py"


def test_the_table_reads_in_calling_order():
    """Each event's rows together, lowest priority first, so the table reads top to bottom as a build runs."""
    events = [event for event, _ in groupby(row.event for row in HANDLERS)]
    assert len(events) == len(set(events)), "an event's rows are split up"
    for event in events:
        priorities = [row.priority for row in HANDLERS if row.event == event]
        assert priorities == sorted(priorities), f"{event}: rows out of priority order"


def test_every_row_says_why():
    assert [row.handler for row in HANDLERS if len(row.why.split()) < 2] == []


def test_a_row_naming_a_handler_that_is_gone_stops_the_build_naming_the_row():
    row = Handler("doctree-read", "handbook.article.decorate:place_everything", 450, "renamed since")
    with pytest.raises(ExtensionError) as error:
        row.resolve()
    message = str(error.value)
    assert message.startswith("handbook/__init__.py: the wiring table's row for 'doctree-read' names ")
    assert "'handbook.article.decorate:place_everything'" in message
    assert "\n" not in message


def test_a_module_used_alone_gets_its_own_rows_and_no_others():
    connected: list[tuple[str, Callable[..., Any], int]] = []
    recorder = SimpleNamespace(connect=lambda event, handler, priority: connected.append((event, handler, priority)))
    connect_handlers(recorder, HANDLERS, modules={"handbook.theme.navigation"})  # type: ignore[arg-type]
    expected = [(row.event, row.resolve(), row.priority) for row in HANDLERS if row.module == "handbook.theme.navigation"]
    assert connected == expected
    assert {event for event, _, _ in connected} == {"builder-inited", "env-updated", "html-page-context"}
