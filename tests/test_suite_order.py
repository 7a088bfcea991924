"""The suite's own order (tests/conftest.py): shared data built once, committed data last.

A pytest or pytest-xdist upgrade that loses the groups, or the reordering of
groups by size, makes the suite slow or wrong without a failing test; these
tests keep the guards that stop such a run.
"""

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import pytest_collection_modifyitems

ROOT = Path(__file__).resolve().parents[1]


class Item:
    """What the ordering hook reads of a collected test."""

    def __init__(self, nodeid, *markers, fixturenames=()):
        self.nodeid = nodeid
        self.markers = {marker.name: marker for marker in markers}
        self.fixturenames = fixturenames

    def get_closest_marker(self, name):
        return self.markers.get(name)


def run_items(items, loadgroup=True):
    config = SimpleNamespace(option=SimpleNamespace(loadgroup=loadgroup))
    pytest_collection_modifyitems(config, items)
    return [item.nodeid for item in items]


def test_committed_data_comes_last_and_groups_are_kept():
    items = [
        Item("tests/a.py::test_live", fixturenames=("live_server",)),
        Item("tests/browser/b.py::test_page@demo", pytest.mark.browser.mark),
        Item("tests/c.py::test_shared@shared", pytest.mark.xdist_group("shared").mark),
        Item("tests/d.py::test_plain", pytest.mark.django_db.mark),
        Item("tests/e.py::test_commits", pytest.mark.django_db(transaction=True).mark),
    ]
    assert run_items(items) == [
        "tests/c.py::test_shared@shared",
        "tests/d.py::test_plain",
        "tests/a.py::test_live",
        "tests/browser/b.py::test_page@demo",
        "tests/e.py::test_commits",
    ]


def test_a_run_whose_groups_were_lost_stops():
    items = [Item("tests/c.py::test_shared", pytest.mark.xdist_group("shared").mark)]
    with pytest.raises(pytest.UsageError, match="did not group tests/c.py::test_shared"):
        run_items(items)
    # Without --dist loadgroup there are no groups to lose.
    assert run_items(items, loadgroup=False) == ["tests/c.py::test_shared"]


def test_pytest_xdist_may_not_reorder_the_groups():
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--co", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert "Use --no-loadscope-reorder with --dist loadgroup." in run.stderr
