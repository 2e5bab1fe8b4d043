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

    def iter_markers(self) -> list[SimpleNamespace]:
        return [SimpleNamespace(name=name) for name in self.markers]


def test_a_test_is_marked_with_the_tier_of_every_fixture_it_uses():
    items = [FakeItem(nodeid=f"t{n}", fixturenames=names, markers=[]) for n, names in enumerate(
        [["tmp_path"], ["server", "site"], ["manifest", "dist"], ["browser"]]
    )]  # fmt: skip
    pytest_collection_modifyitems(items)
    assert {item.nodeid: item.markers for item in items} == {
        "t0": [], "t1": ["browser", "slow"], "t2": ["pdf"], "t3": ["browser"]
    }  # fmt: skip
    assert set(TIER_OF_FIXTURE.values()) <= {"browser", "pdf", "slow"}


def test_the_files_of_the_slowest_tiers_run_first_each_whole_and_in_its_own_order():
    """make test hands whole files to its processes in this order: the PDF file must not start last."""
    tests = [  # (file::test, fixtures, marks by hand)
        ("tests/test_fast.py::a", ["tmp_path"], []),
        ("tests/test_pages.py::a", ["site"], []),
        ("tests/test_fast.py::b", [], []),
        ("tests/test_make.py::a", [], ["make"]),
        ("tests/test_pages.py::b", ["server"], []),
        ("tests/test_pdf.py::a", ["manifest"], []),
        ("tests/test_pdf.py::b", ["dist"], []),
        ("tests/test_country.py::a", [], ["pdf", "make"]),
    ]
    items = [FakeItem(nodeid=nodeid, fixturenames=fixtures, markers=list(marks)) for nodeid, fixtures, marks in tests]
    pytest_collection_modifyitems(items)
    assert [item.nodeid for item in items] == [
        "tests/test_pdf.py::a", "tests/test_pdf.py::b",  # the file that renders every PDF (dist)
        "tests/test_country.py::a",  # other PDFs
        "tests/test_make.py::a",  # processes
        "tests/test_pages.py::a", "tests/test_pages.py::b",  # a browser (server)
        "tests/test_fast.py::a", "tests/test_fast.py::b",  # no tier: in the order collected
    ]  # fmt: skip


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
