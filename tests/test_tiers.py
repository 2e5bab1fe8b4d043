"""The test suite's own rules: tiers by fixture, no process in the fast tier, no patch leaking between tests."""

from __future__ import annotations

import shutil
import subprocess
from types import SimpleNamespace

import pytest
from sphinx.search import IndexBuilder

from tests.conftest import (
    ROOTS,
    TIER_OF_FIXTURE,
    ProcessStarted,
    processes_only_in_tiers,
    pytest_collection_modifyitems,
    sphinx_index_builder_restored,
)


class FakeItem(SimpleNamespace):
    """Just what the tier hooks read from a pytest item."""

    def add_marker(self, name: str) -> None:
        self.markers.append(name)

    def get_closest_marker(self, name: str) -> str | None:
        return name if name in self.markers else None


def test_a_test_is_marked_with_the_tier_of_every_fixture_it_uses():
    items = [FakeItem(nodeid=f"t{n}", fixturenames=names, markers=[]) for n, names in enumerate(
        [["tmp_path"], ["server", "site"], ["manifest", "dist"], ["browser"]]
    )]  # fmt: skip
    pytest_collection_modifyitems(items)
    assert [item.markers for item in items] == [[], ["browser", "slow"], ["pdf"], ["browser"]]
    assert set(TIER_OF_FIXTURE.values()) <= {"browser", "pdf", "slow"}


def test_a_fast_test_that_starts_a_process_fails_naming_the_mark_it_needs():
    before = subprocess.Popen
    with processes_only_in_tiers(FakeItem(nodeid="tests/test_x.py::test_y", markers=[])):
        with pytest.raises(ProcessStarted, match=r"tests/test_x\.py::test_y starts a process .*mark it @pytest\.mark\.make"):
            subprocess.run(["true"], check=True)
    assert subprocess.Popen is before


def test_the_search_index_patch_does_not_outlive_the_test(make_app, sphinx_test_tempdir):
    assert not getattr(IndexBuilder.load, "keeps_index_entries", False), "an earlier test's patch leaked into this one"
    srcdir = sphinx_test_tempdir / "index-builder-patch"
    shutil.copytree(ROOTS / "test-valid", srcdir, dirs_exist_ok=True)
    with sphinx_index_builder_restored():
        make_app("html", srcdir=srcdir)  # handbook.search.search_page patches IndexBuilder (sphinx-doc/sphinx#12599)
        assert IndexBuilder.load.keeps_index_entries
    assert not getattr(IndexBuilder.load, "keeps_index_entries", False)
