"""CPU per request and the comparison with a reference site (bench/run.py, bench/harness.py):
what /proc and wrk say is read right, and the figures land in the right cells."""

import datetime
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))  # the scripts import their sibling harness.py as `harness`
    try:
        import harness
        import run
    finally:
        sys.path.remove(str(BENCH))
    return SimpleNamespace(harness=harness, run=run)


# A worker's /proc/<pid>/stat, its name holding spaces and parentheses:
# parent 1200, utime 4120 and stime 377 ticks (fields 14 and 15).
STAT = (
    "1234 (gunicorn: worker (x)) S 1200 1199 1199 0 -1 4194368 62178 0 28 0 4120 377 0 0 "
    "20 0 1 0 596683 497090560 41746 18446744073709551615 1 1 0 0 0 0 0 16781312 137380390 "
    "0 0 0 17 1 0 0 0 0 0\n"
)

WRK_OUTPUT = """\
Running 15s test @ http://127.0.0.1:8766/blog/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   199.44ms   62.66ms 507.84ms   86.08%
    Req/Sec    20.31      8.99    40.00     47.22%
  Latency Distribution
     50%  172.58ms
     75%  214.35ms
     90%  288.71ms
     99%    1.07s
  612 requests in 15.02s, 11.93MB read
Requests/sec:     40.75
Transfer/sec:    813.37KB
"""

# /proc/net/tcp with a LISTEN socket on 8100 (0x1FA4, inode 46462), a connection
# to it that is not listening, and a listener on another port (0x1FA5).
PROC_NET_TCP = """\
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 6298 1 0
   8: 0100007F:1FA4 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 46462 1 0
   9: 0100007F:D720 0100007F:1FA4 01 00000000:00000000 00:00000000 00000000     0        0 51234 1 0
  10: 0100007F:1FA4 0100007F:D53E 06 00000000:00000000 03:00000488 00000000     0        0 0 3 0
  11: 0100007F:1FA5 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0
"""  # noqa: E501 (the kernel's own line length)
PROC_NET_TCP6 = """\
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:1FA4 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 88001 1 0
"""  # noqa: E501 (the kernel's own line length)


def test_proc_stat_is_read_past_a_name_with_spaces_and_parentheses(bench):
    stat = bench.harness.parse_proc_stat(STAT)
    assert (stat.ppid, stat.utime, stat.stime, stat.cpu_ticks) == (1200, 4120, 377, 4497)


def test_wrk_output_gives_the_completed_requests(bench):
    result = bench.run.parse_wrk(WRK_OUTPUT)
    assert result["requests"] == 612
    assert result["rps"] == 40.75
    assert result["p99"] == 1070.0


def test_cpu_per_request_is_the_workers_ticks_over_the_requests(bench):
    before = {11: 1000, 12: 2000}
    after = {11: 1300, 12: 2200}
    # 500 ticks of 10 ms over 250 requests.
    assert bench.harness.cpu_ms_per_request(before, after, 250, clock_ticks=100) == 20.0


@pytest.mark.parametrize(
    ("after", "requests"),
    [
        ({11: 1300, 12: None}, 250),  # a worker ended during the run
        ({11: 1300, 12: 5}, 250),  # another process under the same pid
        ({11: 1300}, 250),  # a worker left out of the second reading
        ({11: 1300, 12: 2200}, 0),  # no request completed
        ({11: 1300, 12: 2200}, None),  # wrk's count could not be read
    ],
)
def test_cpu_per_request_is_left_out_when_it_would_be_wrong(bench, after, requests):
    before = {11: 1000, 12: 2000}
    assert bench.harness.cpu_ms_per_request(before, after, requests, clock_ticks=100) is None


def test_listeners_are_the_listen_sockets_on_the_port(bench):
    harness = bench.harness
    assert harness.listening_inodes(PROC_NET_TCP, 8100) == {46462}
    assert harness.listening_inodes(PROC_NET_TCP6, 8100) == {88001}
    assert harness.listening_inodes(PROC_NET_TCP, 8102) == set()


def test_the_workers_are_the_holders_whose_parent_holds_the_socket_too(bench):
    # 500 is the master (its parent, a shell, does not hold the socket).
    masters, workers = bench.harness.master_and_workers({500: 42, 501: 500, 502: 500})
    assert masters == [500]
    assert workers == [501, 502]


def test_reference_paths_may_hold_an_equals_sign(bench):
    paths = bench.run.parse_reference_paths("home=/, search=/search/?q=lorem")
    assert paths == {"home": "/", "search": "/search/?q=lorem"}
    with pytest.raises(ValueError, match="unknown page name 'homepage'"):
        bench.run.parse_reference_paths("homepage=/")
    with pytest.raises(ValueError, match="not name=/path"):
        bench.run.parse_reference_paths("home")


def test_cpu_model_is_the_model_name_in_cpuinfo(bench):
    cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
    assert bench.run.cpu_model(cpuinfo) == "AMD EPYC 7B13"


ARGS = SimpleNamespace(
    threads=2,
    connections=8,
    duration=15,
    warmup=5,
    urls=["home", "article", "search-alone"],
    reference="http://127.0.0.1:8100",
)


def row(page, site="ours", **figures):
    return {"page": page, "site": site, "status": 200, **figures}


OFF = [
    row("home", rps=59.0, p50=134.0, cpu_ms=31.456, queries="9"),
    row("home", "reference", rps=45.0, p50=170.0, cpu_ms=41.0),
    row("article", rps=46.9, p50=164.0, cpu_ms=12.0, queries="13"),
    {"page": "article", "site": "reference", "status": 404},
    row("static (ceiling)", rps=4055.0, p50=1.8, cpu_ms=0.214, queries=None),
]
ON = [row("home", rps=3105.0, p50=2.5, cpu_ms=0.3), row("article", rps=3888.0, p50=1.9)]


def table_rows(table):
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    return [[cell.strip() for cell in line.strip("| ").split(" | ")] for line in rows]


def test_the_comparison_puts_each_page_next_to_the_reference(bench):
    table = bench.run.format_comparison("1,000 articles", "the run", OFF, ON)
    header, home, article, ceiling = table_rows(table)
    assert len(header) == 12
    assert header[-1] == "CPU ours/reference"
    # Ours cache off, ours cache on, the reference, the ratio 31.456 / 41.
    assert home[:5] == ["home", "59.0", "134.0", "31.46", "9"]
    assert home[5:8] == ["3105.0", "2.5", "0.30"]
    assert home[8:] == ["45.0", "170.0", "41.00", "0.77"]
    # A reference page that failed is shown as such, with no ratio.
    assert article[5:] == ["3888.0", "1.9", "-", "HTTP 404", "-", "-", "-"]
    # A page without a reference path: no reference figures, no ratio.
    assert ceiling == ["static (ceiling)", "4055.0", "1.8", "0.21", "-"] + ["-"] * 7


def test_the_comparison_leaves_out_the_cache_on_columns_when_that_mode_did_not_run(bench):
    header, home, *_ = table_rows(bench.run.format_comparison("t", "the run", OFF))
    assert "cache on req/s" not in header
    assert home == ["home", "59.0", "134.0", "31.46", "9", "45.0", "170.0", "41.00", "0.77"]


def test_the_comparison_says_when_where_and_how(bench):
    line = bench.run.describe_run(
        1000, ARGS, 2, today=datetime.date(2026, 12, 6), processor="AMD EPYC 7B13"
    )
    assert line.startswith("2026-12-06, AMD EPYC 7B13, ")
    assert "1,000 articles" in line
    assert "-t2 -c8 -d15s (search-alone: -t1 -c1) after a 5 s warm-up" in line
    assert "http://127.0.0.1:8100, 2 workers" in line
    table = bench.run.format_comparison("1,000 articles", line, OFF)
    assert table.splitlines()[:3] == ["### 1,000 articles", "", line]


def test_the_ratio_is_ours_over_the_reference_in_two_decimals(bench):
    assert bench.run.cpu_ratio(30.0, 40.0) == "0.75"
    assert bench.run.cpu_ratio(50.0, 20.0) == "2.50"
    assert bench.run.cpu_ratio(None, 20.0) == "-"
    assert bench.run.cpu_ratio(30.0, None) == "-"


def test_the_page_tables_have_a_cpu_column(bench):
    home_row = {**OFF[0], "name": "home", "url": "/"}
    table = bench.run.format_table("1,000 articles, page cache off", [home_row])
    header, home = table_rows(table)
    assert home[header.index("CPU ms/req")] == "31.46"
