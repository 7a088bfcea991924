"""Benchmark the production configuration: requests per second, latency, CPU per request,
SQL queries, memory; and the same pages of a reference site, measured in the same run.

    .venv/bin/python bench/run.py                    (or: make bench; about 15 minutes)
    .venv/bin/python bench/run.py --sizes 1000 --duration 5 --cache off --urls home,article
    .venv/bin/python bench/run.py --sizes 1000 --cache off --urls home,article \
        --reference http://127.0.0.1:8100 --reference-paths home=/,article=/blog/wild-yeast/

For each size (a number of articles) it
1. drops and creates the PostgreSQL database `directeurskamer_bench`, migrates,
   loads the demo content, tops the articles up to the size with
   `generate_articles` and, when the search page is measured, builds the index;
   then VACUUM ANALYZE, as autovacuum would have done on a live database;
2. requests every measured page once through Django's test client, so that the
   image renditions exist before gunicorn starts (a live site renders each
   once), and writes a copy of an article's HTML into the collected static
   files, so that WhiteNoise can serve a file of the same size: the ceiling;
3. for each page cache mode (off, then on), empties the Redis database and
   starts gunicorn (gunicorn.conf.py, 2 sync workers) with the production
   settings and Redis as their cache, as in production: with the page cache
   off, Redis still holds what the site remembers until the content changes
   (article counts, related-article rankings), only whole pages are not kept.
   For each URL it requests the page once (this fills the page cache), reads
   `X-Query-Count` from a second request (bench/middleware.py), warms up with
   wrk, then measures with `wrk -t2 -c8 --latency` (`search-alone`: `-t1 -c1`,
   one reader's wait without others queued before them) and reads the workers'
   resident memory afterwards (VmRSS) and at the peak (VmHWM, reset before
   each URL's measurement) from /proc;
   and the CPU time per request: the workers' user + system time (utime and
   stime in /proc/<pid>/stat) read right before and right after the measuring
   wrk run, divided by the requests wrk completed. Before the first reading it
   waits until the workers' CPU time stops growing: after wrk stops, a sync
   worker still renders the requests already sent on its connections, which
   belong to the warm-up. Only the gunicorn workers count: not the master, nor
   PostgreSQL and Redis, whose share of a page is not in this figure. On a
   shared, noisy machine this is the steadier figure: requests per second and
   latency move with whatever else the cores are doing, CPU time only as far
   as that work slows the workers' own (shared caches, hyperthreads). A worker
   replaced during the run leaves the figure out ("-");
4. with --reference (page cache off only), measures the same kind of page of
   another site right after each of ours, with the same wrk settings and
   warm-up: the paths given by --reference-paths, for the page names that have
   one. The reference is not started or set up here: it must already run under
   gunicorn on this machine. Its workers are found from the port of its URL:
   the LISTEN socket on that port in /proc/net/tcp(6) gives an inode, the
   processes with a file descriptor on that socket are gunicorn's master and
   workers, and the workers are those whose parent is among them. Its queries
   cannot be counted ("-");
5. prints one table per size and cache mode and, with a reference, one table
   per size of our pages next to the reference's with the ratio of their CPU
   times per request (ours with the page cache off / the reference's), under a
   line with the date, the machine and the wrk settings: Markdown to paste
   into README.md.

Only the variables set here reach the site (no DATABASE_REPLICA_URL, S3 or
search cluster from your shell). Needs PostgreSQL (--postgres), Redis
(--redis-url; its database is flushed before each run) and Debian's
wrk (installed with apt-get when missing and running as root). Linux only
(/proc). The database is left in place for a look afterwards; the next run
drops it.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
from harness import (
    Reference,
    Server,
    add_service_arguments,
    base_env,
    cpu_ms_per_request,
    cpu_ticks,
    create_database,
    fetch,
    flush_redis,
    manage,
    vacuum_analyze,
    wait_until_idle,
)

DATABASE_NAME = "directeurskamer_bench"
CEILING_FILE = "bench-ceiling.html"
URL_NAMES = (
    "home",
    "blog",
    "theme",
    "author",
    "article",
    "page50",
    "search",
    "search-alone",
    "feed",
)
# Measured with one connection: how long one reader waits, without others queued before them.
ALONE = {"search-alone"}

# Run inside `manage.py shell` once the data is in place: the URLs to measure,
# and the HTML of the article (rendered through Django's test client) for the ceiling.
DISCOVER_URLS = """
import json, os
from django.db.models import Count
from django.test import Client
from blog.models import BlogIndexPage
from authors.models import Author
from themes.models import Theme
from bench.filler import SEARCH_WORD

blog = BlogIndexPage.objects.live().get()
articles = blog.articles()
theme = Theme.objects.with_article_counts(articles).order_by("-article_count", "pk").first()
author = (
    Author.objects.filter(article_links__page__in=articles.values("pk"))
    .annotate(n=Count("article_links")).order_by("-n", "pk").first()
)
article = articles.newest_first().first()
urls = {
    "home": "/",
    "blog": blog.url,
    "theme": blog.url + blog.reverse_subpage("theme", kwargs={"slug": theme.slug}),
    "author": blog.url + blog.reverse_subpage("author", kwargs={"slug": author.slug}),
    "article": article.url,
    "page50": blog.url + "?page=50",
    "search": "/zoeken/?q=" + SEARCH_WORD,
    "search-alone": "/zoeken/?q=" + SEARCH_WORD,
    "feed": blog.url + blog.reverse_subpage("feed"),
}
client = Client(HTTP_HOST="127.0.0.1")
# Each page once, so that its image renditions exist before gunicorn starts: a
# live site renders each one once, and the workers' memory is that of serving pages.
for url in urls.values():
    client.get(url)
response = client.get(article.url)
with open(os.environ["BENCH_CEILING_PATH"], "wb") as out:
    out.write(response.content)
print(json.dumps(urls))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="Article counts (1000,10000).")
    parser.add_argument("--duration", type=int, default=15, help="Seconds of wrk per URL (15).")
    parser.add_argument("--warmup", type=int, default=5, help="Seconds of warm-up per URL (5).")
    parser.add_argument(
        "--urls",
        default=",".join(URL_NAMES),
        help=f"Which URLs: names from {','.join(URL_NAMES)}, or paths such as /blog/themas/.",
    )
    parser.add_argument("--cache", default="off,on", help="Page cache modes: off,on (both).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2).")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8).")
    parser.add_argument("--port", type=int, default=8766, help="Port of gunicorn (8766).")
    parser.add_argument(
        "--reference",
        help="URL of another site already running under gunicorn on this machine, "
        "measured after each of our pages (e.g. http://127.0.0.1:8100).",
    )
    parser.add_argument(
        "--reference-paths",
        default="",
        help="Which of the reference's pages stand for ours: name=path,... "
        "(e.g. home=/,article=/blog/wild-yeast/,search=/search/?q=lorem).",
    )
    add_service_arguments(parser)
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    args.urls = [name.strip() for name in args.urls.split(",") if name.strip()]
    unknown = [name for name in args.urls if name not in URL_NAMES and not name.startswith("/")]
    if unknown:
        parser.error(f"Unknown URL names: {', '.join(unknown)}.")
    args.cache = [mode.strip() for mode in args.cache.split(",")]
    if not set(args.cache) <= {"off", "on"}:
        parser.error("--cache takes off, on or off,on.")
    try:
        args.reference_paths = parse_reference_paths(args.reference_paths)
    except ValueError as error:
        parser.error(str(error))
    if args.reference:
        if not args.reference_paths:
            parser.error("--reference needs --reference-paths: which pages to compare.")
        if "off" not in args.cache:
            parser.error("--reference is measured against the page cache off: add off to --cache.")
    elif args.reference_paths:
        parser.error("--reference-paths needs --reference.")
    return args


def parse_reference_paths(text):
    """{page name: path} from "home=/,article=/blog/wild-yeast/" (a path may hold "=")."""
    paths = {}
    for item in filter(None, (item.strip() for item in text.split(","))):
        name, equals, path = item.partition("=")
        name, path = name.strip(), path.strip()
        if not equals or not path.startswith("/"):
            raise ValueError(f"--reference-paths: {item!r} is not name=/path.")
        if name not in URL_NAMES:
            raise ValueError(f"--reference-paths: unknown page name {name!r}.")
        paths[name] = path
    return paths


# Preparing the site


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing: run `apt-get install wrk` as root.")
    print("Installing wrk with apt-get ...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def count_articles(database_url):
    with psycopg.connect(database_url) as connection:
        return connection.execute("SELECT count(*) FROM blog_articlepage").fetchone()[0]


def site_env(args, workdir, database_url, cache):
    """The site's environment for a run; the page cache `cache` ("on", "off")."""
    return base_env(
        args.settings,
        workdir,
        database_url,
        SERVE_MEDIA="1",  # media served by Django, for this run only
        BENCH_QUERY_COUNT="1",
        # No worker in this run: what publishing queues happens at once.
        TASKS_BACKEND="immediate",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        # Redis as in production (sessions, remembered counts and rankings); the
        # mode says whether whole pages are cached in it too.
        REDIS_URL=args.redis_url,
        PAGE_CACHE="1" if cache == "on" else "0",
    )


def check_settings(env):
    """Stop early when the bench app is not installed; warn when queries cannot be counted."""
    code = (
        "import json; from django.conf import settings; print(json.dumps(["
        "'bench' in settings.INSTALLED_APPS,"
        "'bench.middleware.QueryCountMiddleware' in settings.MIDDLEWARE]))"
    )
    installed, counting = json.loads(manage(env, "shell", "-v", "0", "-c", code, capture=True))
    if not installed:
        raise SystemExit(
            "Use --settings site_config.settings.bench: generate_articles lives in bench."
        )
    if not counting:
        print(
            "Note: bench.middleware.QueryCountMiddleware is not in MIDDLEWARE; "
            "the queries column stays empty."
        )


# wrk


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def wrk(url, args, seconds, latency=True, alone=False):
    command = [
        "wrk",
        "-t1" if alone else f"-t{args.threads}",
        "-c1" if alone else f"-c{args.connections}",
        f"-d{seconds}s",
        # wrk's default 2 s timeout would drop the slowest requests from the figures.
        "--timeout",
        "30s",
        url,
    ]
    if latency:
        command.insert(1, "--latency")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE)
        return float(match.group(1)) * UNITS_MS[match.group(2)] if match else None

    requests_per_second = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    completed = re.search(r"^\s*(\d+) requests in [\d.]+\w+,", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        connect, _read, write, timeout = (int(n) for n in socket_errors.groups())
        # Read errors are left out: a sync worker closes every connection after
        # its response, which wrk may count as one.
        errors += connect + write + timeout
    return {
        "rps": float(requests_per_second.group(1)) if requests_per_second else None,
        "requests": int(completed.group(1)) if completed else None,
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


# Measuring


def measure(server, name, path, args, reference=False):
    """One page of `server` (ours, or the reference: then `name` is our page it stands for)."""
    url = server.base + path
    status, _size, _queries = fetch(url)  # renders the renditions, fills the page cache
    status, size, queries = fetch(url)
    row = {
        "name": f"{name} (reference)" if reference else name,
        "page": name,
        "site": "reference" if reference else "ours",
        "url": url if reference else path,
        "status": status,
        "kb": size / 1024,
        "queries": queries,
    }
    if status != 200:
        print(f"  {row['url']}: {status}, not measured", flush=True)
        return row
    alone = name in ALONE
    if args.warmup:
        wrk(url, args, args.warmup, latency=False, alone=alone)
    server.reset_peak_memory()
    pids = server.worker_pids()
    if not wait_until_idle(pids):
        print(f"  {row['url']}: the workers are still busy, measuring anyway", flush=True)
    before = cpu_ticks(pids)
    row.update(wrk(url, args, args.duration, alone=alone))
    row["cpu_ms"] = cpu_ms_per_request(before, cpu_ticks(pids), row["requests"])
    row["peak_rss"] = server.memory_mb("VmHWM")
    row["rss"] = server.memory_mb("VmRSS")
    print(
        f"  {row['url']}: {number(row['rps'])} req/s, "
        f"{number(row['cpu_ms'], 2)} ms CPU per request",
        flush=True,
    )
    return row


def number(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def cpu_ratio(ours, reference):
    """Our CPU time per request over the reference's, or "-" when either is missing."""
    if ours is None or not reference:
        return "-"
    return f"{ours / reference:.2f}"


def format_table(title, rows):
    headers = ["page", "URL", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "queries"]
    headers += ["RSS MB", "peak RSS MB"]
    headers.append("KB")
    headers.append("errors")
    lines = [f"### {title}", "", "| " + " | ".join(headers) + " |"]
    lines.append("| " + " | ".join(["---", "---"] + ["---:"] * (len(headers) - 2)) + " |")
    for row in rows:
        if row.get("status", 200) != 200:
            status = row["status"]
            cells = [row["name"], row["url"]]
            cells += [f"HTTP {status}" if isinstance(status, int) else status]
            cells += ["-"] * (len(headers) - 3)
        else:
            cells = [
                row["name"],
                row["url"],
                number(row.get("rps")),
                number(row.get("p50")),
                number(row.get("p99")),
                number(row.get("cpu_ms"), 2),
                row.get("queries") or "-",
                number(row.get("rss"), 0),
                number(row.get("peak_rss"), 0),
                number(row.get("kb")),
                str(row.get("errors", "-")),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_model(cpuinfo):
    """The processor's name in the text of /proc/cpuinfo."""
    match = re.search(r"^model name\s*:\s*(.+?)\s*$", cpuinfo, re.MULTILINE)
    return match.group(1) if match else "unknown processor"


def describe_run(size, args, reference_workers, today=None, processor=None):
    """The line above a comparison: when, on what, and how the pages were loaded."""
    if processor is None:
        try:
            processor = cpu_model(Path("/proc/cpuinfo").read_text())
        except OSError:
            processor = "unknown processor"
    today = today or datetime.date.today()
    warmup = f"after a {args.warmup} s warm-up" if args.warmup else "without warm-up"
    alone = [name for name in args.urls if name in ALONE]
    alone_note = f" ({', '.join(alone)}: -t1 -c1)" if alone else ""
    return (
        f"{today.isoformat()}, {processor}, {os.cpu_count()} CPUs, {size:,} articles; "
        f"wrk --latency -t{args.threads} -c{args.connections} -d{args.duration}s{alone_note} "
        f"{warmup}; our gunicorn and the reference's ({args.reference}, "
        f"{reference_workers} workers) on the same machine, one page after the other."
    )


def format_comparison(title, description, off_rows, on_rows=None):
    """Markdown: each of our pages with the page cache off (and on, when `on_rows`),
    next to the reference's page that stands for it, and the ratio of CPU per request."""
    reference = {row["page"]: row for row in off_rows if row["site"] == "reference"}
    cached = {row["page"]: row for row in on_rows or () if row["site"] == "ours"}

    def cells(row, queries=False):
        width = 4 if queries else 3
        if row is None:
            return ["-"] * width
        if row.get("status", 200) != 200:
            status = row["status"]
            return [f"HTTP {status}" if isinstance(status, int) else status] + ["-"] * (width - 1)
        figures = [number(row.get("rps")), number(row.get("p50")), number(row.get("cpu_ms"), 2)]
        return figures + [row.get("queries") or "-"] if queries else figures

    headers = ["page", "cache off req/s", "cache off p50 ms", "cache off CPU ms/req", "queries"]
    if on_rows is not None:
        headers += ["cache on req/s", "cache on p50 ms", "cache on CPU ms/req"]
    headers += ["reference req/s", "reference p50 ms", "reference CPU ms/req"]
    headers.append("CPU ours/reference")
    lines = [f"### {title}", "", description, "", "| " + " | ".join(headers) + " |"]
    lines.append("| " + " | ".join(["---"] + ["---:"] * (len(headers) - 1)) + " |")
    for row in off_rows:
        if row["site"] != "ours":
            continue
        theirs = reference.get(row["page"])
        line = [row["page"], *cells(row, queries=True)]
        if on_rows is not None:
            line += cells(cached.get(row["page"]))
        line += cells(theirs)
        both_measured = theirs is not None and theirs.get("status") == row.get("status") == 200
        line.append(cpu_ratio(row.get("cpu_ms"), theirs.get("cpu_ms")) if both_measured else "-")
        lines.append("| " + " | ".join(line) + " |")
    return "\n".join(lines)


def check_reference(args):
    """The reference site, once its workers are found; it is not started here."""
    reference = Reference(args.reference)
    workers = reference.worker_pids()
    if not workers:
        raise SystemExit(
            f"No gunicorn workers listen on port {reference.port}: start the reference "
            f"site ({args.reference}) first."
        )
    print(f"Reference {args.reference}: workers {', '.join(map(str, workers))}")
    for name, path in args.reference_paths.items():
        status, size, _queries = fetch(reference.base + path)
        note = "" if name in args.urls else " (not measured: not in --urls)"
        print(f"  {name}: {path} answers {status}, {size / 1024:.1f} KB{note}")
    return reference


def prepare_site(size, args, workdir):
    """A fresh database with `size` articles, and the ceiling file; returns the env and URLs."""
    print(f"\n== {size} articles: preparing the database", flush=True)
    database_url = create_database(args.postgres, DATABASE_NAME)
    env = site_env(args, workdir, database_url, cache="off")
    shutil.rmtree(workdir / "media", ignore_errors=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    missing = size - count_articles(database_url)
    searched = any(name in ("search", "search-alone") for name in args.urls)
    if missing > 0:
        index = ["--index"] if searched else []
        manage(env, "generate_articles", str(missing), *index)
    elif searched:
        manage(env, "update_index", "-v", "0")
    vacuum_analyze(database_url)
    ceiling = workdir / "static" / CEILING_FILE
    discover_env = {**env, "BENCH_CEILING_PATH": str(ceiling)}
    urls = json.loads(manage(discover_env, "shell", "-v", "0", "-c", DISCOVER_URLS, capture=True))
    print(f"Static ceiling file: {ceiling.stat().st_size / 1024:.1f} KB (the article's HTML)")
    return database_url, urls


def main():
    args = parse_args()
    started = time.monotonic()
    ensure_wrk()
    reference = check_reference(args) if args.reference else None
    workdir = Path(tempfile.mkdtemp(prefix="directeurskamer-bench-"))
    log_path = workdir / "gunicorn.log"
    tables = []
    try:
        # Neither step connects to the database.
        env = site_env(args, workdir, f"{args.postgres}/{DATABASE_NAME}", cache="off")
        check_settings(env)
        manage(env, "collectstatic", "--noinput", "-v", "0")
        for size in args.sizes:
            database_url, discovered = prepare_site(size, args, workdir)
            paths = [(name, discovered.get(name, name)) for name in args.urls]
            paths.append(("static (ceiling)", f"/static/{CEILING_FILE}"))
            runs = {}
            for cache in args.cache:
                flush_redis(args.redis_url)
                env = site_env(args, workdir, database_url, cache)
                print(f"\n== {size} articles, page cache {cache}", flush=True)
                compare = reference is not None and cache == "off"
                rows = runs[cache] = []
                with Server(env, args.port, log_path, f"/static/{CEILING_FILE}") as server:
                    for name, path in paths:
                        rows.append(measure(server, name, path, args))
                        if compare and name in args.reference_paths:
                            reference_path = args.reference_paths[name]
                            rows.append(measure(reference, name, reference_path, args, True))
                table = format_table(f"{size} articles, page cache {cache}", rows)
                tables.append(table)
                print("\n" + table, flush=True)
            if reference is not None:
                comparison = format_comparison(
                    f"{size:,} articles, compared with the reference",
                    describe_run(size, args, len(reference.worker_pids())),
                    runs["off"],
                    runs.get("on"),
                )
                tables.append(comparison)
                print("\n" + comparison, flush=True)
    except subprocess.CalledProcessError as error:
        command = " ".join(map(str, error.cmd[1:3]))
        raise SystemExit(f"`{command}` failed (see above); files kept in {workdir}.") from error
    else:
        shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\n## Results: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
        f"gunicorn 2 sync workers, {os.cpu_count()} CPUs; "
        f"the whole run took {(time.monotonic() - started) / 60:.1f} min\n"
    )
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
