"""Load without loss: 50 readers for 60 seconds against the production configuration.

    .venv/bin/python bench/load.py            (or: make load; about 3 minutes)
    .venv/bin/python bench/load.py --users 100 --duration 120

It creates the PostgreSQL database `directeurskamer_load`, migrates and loads
the demo content, starts gunicorn (gunicorn.conf.py, 2 sync workers) with the
production settings, Redis as cache and page cache, and the database task
queue (mails wait there for a worker, as when the worker is behind), and runs
locust (bench/locustfile.py): each reader reads pages, and now and then shares
a story or signs up for the newsletter, each with a marker of its own. Some
stories come from one address per reader, more often than the site allows
(5 an hour): those it refuses.

Afterwards it looks up every submission in the database: each one the site
accepted must be stored exactly once, with its one mail queued, and each one
it refused not at all. It prints the figures, and exits with an error when a submission was lost or
doubled, or when any response was a 5xx or a failed connection.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from harness import (
    ROOT,
    Server,
    add_service_arguments,
    create_database,
    fetch,
    flush_redis,
    manage,
)
from run import site_env

DATABASE_NAME = "directeurskamer_load"

FORMS = ["/deel-je-verhaal/", "/nieuwsbrief/"]
MARKER = re.compile(r"[0-9a-f]{32}")
MAIL_TASKS = {
    "story": "contributions.tasks.notify_editors",
    "signup": "newsletter.tasks.send_confirmation",
}

DISCOVER_PAGES = """
import json
from blog.models import BlogIndexPage
from themes.models import Theme
from resources.models import ResourceIndexPage

blog = BlogIndexPage.objects.live().get()
pages = ["/", blog.url, blog.url + blog.reverse_subpage("themes"), "/zoeken/?q=school"]
pages += [article.url for article in blog.articles().newest_first()[:6]]
for theme in Theme.objects.order_by("pk")[:3]:
    pages.append(blog.url + blog.reverse_subpage("theme", kwargs={"slug": theme.slug}))
pages += [page.url for page in ResourceIndexPage.objects.live()]
print(json.dumps(pages))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="Concurrent readers (50).")
    parser.add_argument("--duration", type=int, default=60, help="Seconds of load (60).")
    parser.add_argument(
        "--think-time",
        type=float,
        default=0,
        help="At most this many seconds between two requests of a reader (0: none).",
    )
    parser.add_argument("--port", type=int, default=8767, help="Port of gunicorn (8767).")
    add_service_arguments(parser)
    return parser.parse_args()


def production_env(args, workdir, database_url):
    env = site_env(args, workdir, database_url, cache="on")
    env.pop("BENCH_QUERY_COUNT")
    env["TASKS_BACKEND"] = "database"  # production's queue; mails wait in it
    # Behind a proxy, as in production: the visitor's address is in X-Forwarded-For
    # (bench/locustfile.py gives each reader one), else every reader is 127.0.0.1.
    env["TRUSTED_PROXY_COUNT"] = "1"
    return env


def run_locust(args, base_url, pages, workdir):
    results = workdir / "submissions.jsonl"
    command = [
        str(Path(sys.executable).parent / "locust"),
        "--locustfile",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "30",
        "--host",
        base_url,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {
        **os.environ,
        "LOAD_PAGES": json.dumps(pages),
        "LOAD_RESULTS": str(results),
        "LOAD_THINK_TIME": str(args.think_time),
    }
    # locust exits with 1 when a request failed; the checks below say which.
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)
    statuses, times, submissions = collections.Counter(), {}, []
    for line in map(json.loads, results.read_text().splitlines()):
        if "statuses" in line:
            statuses.update(line["statuses"])
            times = line["times"]
        else:
            submissions.append(line)
    return statuses, times, submissions


def look_up(database_url):
    """Where each marker is stored (kind, row id), and the mails queued per row."""
    rows = collections.defaultdict(list)
    mails = collections.Counter()
    with psycopg.connect(database_url) as connection:
        for kind, query in (
            ("story", "SELECT id, sentence FROM contributions_story"),
            ("signup", "SELECT id, email FROM newsletter_subscriber"),
        ):
            for row_id, text in connection.execute(query):
                for marker in MARKER.findall(text):
                    rows[marker].append((kind, row_id))
        tasks = connection.execute(
            "SELECT task_path, args_kwargs FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = ANY(%s)",
            [list(MAIL_TASKS.values())],
        )
        for task_path, args_kwargs in tasks:
            first, second = args_kwargs["args"][:2]
            if task_path == MAIL_TASKS["story"]:  # (kind, the story's admin URL)
                mails["story", int(re.search(r"/(\d+)/$", second).group(1))] += 1
            else:  # (the subscriber's id, the confirm URL)
                mails["signup", first] += 1
    return rows, mails


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def queued_by_task(mails):
    totals = collections.Counter()
    for (kind, _), count in mails.items():
        totals[MAIL_TASKS[kind]] += count
    return sorted(totals.items())


def report(args, statuses, times, submissions, rows, mails, elapsed):
    total = sum(statuses.values())
    errors = {status: n for status, n in statuses.items() if not "200" <= status < "500"}
    lines = [
        f"## Load: {args.users} readers for {args.duration} s "
        f"(think time up to {args.think_time:g} s), gunicorn 2 sync workers, "
        f"{os.cpu_count()} CPUs (the whole run took {elapsed / 60:.1f} min)",
        "",
        f"Requests: {total}, {total / args.duration:.0f}/s; status codes: "
        + ", ".join(f"{status} × {n}" for status, n in sorted(statuses.items())),
        "",
        "| requests | count | median ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, label in (("page", "page views"), ("form", "form pages"), ("send", "form posts")):
        values = times.get(name)
        if values:
            lines.append(
                f"| {label} | {len(values)} | "
                + " | ".join(f"{percentile(values, share):.0f}" for share in (0.5, 0.95, 0.99))
                + f" | {max(values):.0f} |"
            )
    lines += [
        "",
        "| submissions | sent | accepted | refused (429) | stored once | lost | doubled |",
    ]
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    problems = []
    for kind, label in (("story", "stories"), ("signup", "newsletter signups")):
        mine = [s for s in submissions if s["kind"] == kind]
        accepted = [s for s in mine if s["outcome"] == "accepted"]
        refused = [s for s in mine if s["outcome"] == 429]
        other = len(mine) - len(accepted) - len(refused)
        once = [s for s in accepted if len(rows[s["marker"]]) == 1]
        lost = sum(1 for s in accepted if not rows[s["marker"]])
        doubled = sum(1 for s in mine if len(rows[s["marker"]]) > 1)
        stored_refused = sum(1 for s in refused if rows[s["marker"]])
        # Each one accepted queued exactly one mail, which waits for a worker.
        mail_wrong = sum(1 for s in once if mails[rows[s["marker"]][0]] != 1)
        lines.append(
            f"| {label} | {len(mine)} | {len(accepted)} | {len(refused)} | {len(once)} | "
            f"{lost} | {doubled} |"
        )
        if not accepted or lost or doubled or stored_refused or other or mail_wrong:
            problems.append(
                f"{label}: {len(accepted)} accepted, {lost} lost, {doubled} doubled, "
                f"{stored_refused} stored though refused, {other} answered otherwise, "
                f"{mail_wrong} without exactly one mail queued"
            )
    lines += ["", "Mails queued: " + ", ".join(f"{n} × {p}" for p, n in queued_by_task(mails))]
    if errors:
        problems.append(f"5xx or failed requests: {errors}")
    print("\n".join(lines))
    return problems


def main():
    args = parse_args()
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="directeurskamer-load-"))
    try:
        database_url = create_database(args.postgres, DATABASE_NAME)
        env = production_env(args, workdir, database_url)
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo_content")
        pages = json.loads(manage(env, "shell", "-v", "0", "-c", DISCOVER_PAGES, capture=True))
        flush_redis(args.redis_url)
        print(f"\n== {args.users} readers for {args.duration} s on {len(pages)} pages", flush=True)
        with Server(env, args.port, workdir / "gunicorn.log", ready_path="/") as server:
            # Each page once first: a live site has rendered its images long before.
            for path in [*pages, *FORMS]:
                fetch(server.base + path)
            statuses, times, submissions = run_locust(args, server.base, pages, workdir)
        rows, mails = look_up(database_url)
    except subprocess.CalledProcessError as error:
        command = " ".join(map(str, error.cmd[1:3]))
        raise SystemExit(f"`{command}` failed (see above); files kept in {workdir}.") from error
    problems = report(args, statuses, times, submissions, rows, mails, time.monotonic() - started)
    if problems:
        raise SystemExit(f"\nFAILED: {'; '.join(problems)} (files kept in {workdir})")
    shutil.rmtree(workdir, ignore_errors=True)
    print(
        "\nEvery accepted submission is stored exactly once, with one mail queued; "
        "no 5xx, no failed request."
    )


if __name__ == "__main__":
    main()
