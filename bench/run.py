"""Benchmark the production configuration: requests per second, latency, SQL queries, memory.

    .venv/bin/python bench/run.py                    (or: make bench; about 15 minutes)
    .venv/bin/python bench/run.py --sizes 1000 --duration 5 --cache off --urls home,article

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
4. prints one table per size and cache mode.

Only the variables set here reach the site (no DATABASE_REPLICA_URL, S3 or
search cluster from your shell). Needs PostgreSQL (--postgres), Redis
(--redis-url; its database is flushed before each run) and Debian's
wrk (installed with apt-get when missing and running as root). Linux only
(/proc). The database is left in place for a look afterwards; the next run
drops it.
"""

import argparse
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
    Server,
    add_service_arguments,
    base_env,
    create_database,
    fetch,
    flush_redis,
    manage,
    vacuum_analyze,
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
    return args


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
        "p50": latency(50),
        "p99": latency(99),
        "errors": errors,
    }


# Measuring


def measure(server, name, path, args):
    url = server.base + path
    status, _size, _queries = fetch(url)  # renders the renditions, fills the page cache
    status, size, queries = fetch(url)
    row = {"name": name, "url": path, "status": status, "kb": size / 1024, "queries": queries}
    if status != 200:
        print(f"  {path}: {status}, not measured", flush=True)
        return row
    alone = name in ALONE
    if args.warmup:
        wrk(url, args, args.warmup, latency=False, alone=alone)
    server.reset_peak_memory()
    row.update(wrk(url, args, args.duration, alone=alone))
    row["peak_rss"] = server.memory_mb("VmHWM")
    row["rss"] = server.memory_mb("VmRSS")
    print(f"  {path}: {row['rps']:.1f} req/s", flush=True)
    return row


def format_table(title, rows):
    def number(value, digits=1):
        return "-" if value is None else f"{value:.{digits}f}"

    headers = ["page", "URL", "req/s", "p50 ms", "p99 ms", "queries", "RSS MB", "peak RSS MB"]
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
                row.get("queries") or "-",
                number(row.get("rss"), 0),
                number(row.get("peak_rss"), 0),
                number(row.get("kb")),
                str(row.get("errors", "-")),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


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
            for cache in args.cache:
                flush_redis(args.redis_url)
                env = site_env(args, workdir, database_url, cache)
                print(f"\n== {size} articles, page cache {cache}", flush=True)
                with Server(env, args.port, log_path, f"/static/{CEILING_FILE}") as server:
                    rows = [measure(server, name, path, args) for name, path in paths]
                table = format_table(f"{size} articles, page cache {cache}", rows)
                tables.append(table)
                print("\n" + table, flush=True)
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
