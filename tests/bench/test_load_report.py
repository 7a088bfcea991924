"""The load script's verdict (bench/load.py): what must make a run fail does."""

import collections
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def load():
    sys.path.insert(0, str(BENCH))  # the script imports its sibling run.py as `run`
    try:
        import load
    finally:
        sys.path.remove(str(BENCH))
    return load


ARGS = SimpleNamespace(users=50, duration=60, think_time=0)
STORY, SIGNUP = "a" * 32, "b" * 32


def verdict(load, submissions, rows, mails, statuses=None):
    statuses = collections.Counter(statuses or {"200": 10, "302": 2})
    rows = collections.defaultdict(list, rows)
    return load.report(ARGS, statuses, {}, submissions, rows, collections.Counter(mails), 60)


def accepted(kind, marker):
    return {"kind": kind, "marker": marker, "outcome": "accepted"}


GOOD = (
    [accepted("story", STORY), accepted("signup", SIGNUP)],
    {STORY: [("story", 7)], SIGNUP: [("signup", 3)]},
    {("story", 7): 1, ("signup", 3): 1},
)


def test_a_clean_run_passes(load):
    assert verdict(load, *GOOD) == []


def test_a_lost_submission_fails_the_run(load):
    submissions, rows, mails = GOOD
    assert "1 lost" in verdict(load, submissions, {SIGNUP: rows[SIGNUP]}, mails)[0]


def test_a_doubled_submission_fails_the_run(load):
    submissions, rows, mails = GOOD
    doubled = {**rows, STORY: [("story", 7), ("story", 8)]}
    assert "1 doubled" in verdict(load, submissions, doubled, mails)[0]


def test_a_missing_or_second_mail_fails_the_run(load):
    submissions, rows, _ = GOOD
    problems = verdict(load, submissions, rows, {("story", 7): 2})
    assert len(problems) == 2
    assert all("1 without exactly one mail queued" in problem for problem in problems)


def test_a_refused_submission_that_was_stored_fails_the_run(load):
    submissions, rows, mails = GOOD
    refused = {"kind": "story", "marker": "c" * 32, "outcome": 429}
    problems = verdict(load, [*submissions, refused], {**rows, "c" * 32: [("story", 9)]}, mails)
    assert "1 stored though refused" in problems[0]


def test_an_answer_other_than_accepted_or_refused_fails_the_run(load):
    submissions, rows, mails = GOOD
    forbidden = {"kind": "signup", "marker": "d" * 32, "outcome": 403}
    assert "1 answered otherwise" in verdict(load, [*submissions, forbidden], rows, mails)[0]


def test_server_errors_and_failed_connections_fail_the_run(load):
    problems = verdict(load, *GOOD, statuses={"200": 10, "302": 2, "502": 1, "error": 3})
    assert problems == ["5xx or failed requests: {'502': 1, 'error': 3}"]
