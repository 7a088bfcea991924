"""Benchmark the newsletter: queue and send one article to N confirmed subscribers.

    .venv/bin/python bench/newsletter.py          (or: make bench-newsletter; about 2 minutes)
    .venv/bin/python bench/newsletter.py --sizes 1000 --batch-size 100 --profile

It
1. drops and creates the PostgreSQL database `directeurskamer_bench_newsletter`,
   migrates it with the production settings and the database task backend,
   loads the demo content and lets a worker run the tasks that loading queued;
2. starts a mail server on 127.0.0.1 (aiosmtpd, in a thread of this script, not
   of the worker) that takes every mail and counts it per recipient;
3. runs the worker once with an empty queue: the memory and start-up time of
   the worker itself, before it sends anything;
4. for each size (after a warm-up mailing of 100), empties the newsletter's
   tables, copies in exactly N confirmed subscribers (COPY, then VACUUM
   ANALYZE, as autovacuum would), creates a mailing of the newest demo article
   and queues `send_mailing` through the database backend, as publishing the
   article would; then runs the real worker, `manage.py db_worker --batch
   --no-startup-delay`, and times it from start to exit. Its peak resident
   memory is the kernel's (ru_maxrss of the child, from wait4). The mailing's
   `queued_at` splits the task's time into queueing the deliveries and
   sending them;
5. checks that the task succeeded, that the mailing has N deliveries, all
   sent, and that the mail server received exactly N mails, one for each
   subscriber's address; anything else stops the run;
6. prints one table.

With --profile it adds one mailing of the smallest size with the worker under
cProfile, and prints where its time went (the profiler slows it down: those
timings are not the table's).

Only the variables set here reach the site: the production settings on
127.0.0.1, no Redis (the worker does not need it), no TLS to the mail server.
Linux only (wait4's ru_maxrss in KB). The database is left in place for a
look afterwards; the next run drops it.
"""

import argparse
import dataclasses
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from harness import add_service_arguments, base_env, create_database, manage
from mailing import CountingHandler, WorkerRun, add_subscribers, mail_server
from psycopg import sql

DATABASE_NAME = "directeurskamer_bench_newsletter"
WARM_UP_SIZE = 100
CONSENT = "Ja, stuur mij de nieuwe artikelen van De Directeurskamer."

# Run inside `manage.py shell` before migrating: what the run needs to know of the settings.
PROBE_SETTINGS = """
import json
from django.conf import settings
from django_tasks_db.models import DBTaskResult

print(json.dumps({
    "batch_size": settings.NEWSLETTER_BATCH_SIZE,
    "task_table": DBTaskResult._meta.db_table,
}))
"""

# Run inside `manage.py shell`: a mailing of the newest article, queued as
# publishing it would (newsletter.announce), through the database backend.
QUEUE_MAILING = """
import json
from blog.models import ArticlePage
from newsletter.models import Mailing
from newsletter.tasks import send_mailing

article = ArticlePage.objects.live().order_by("-first_published_at", "-pk").first()
mailing = Mailing.objects.create(page=article)
result = send_mailing.enqueue(mailing.pk)
print(json.dumps({"mailing": mailing.pk, "task": str(result.id)}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="2500,5000,10000", help="Subscriber counts (2500,5000,10000)."
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        help="NEWSLETTER_BATCH_SIZE: mails per connection and claim (default: the settings').",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="Seconds a worker may take before the run stops (3600).",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="Also profile one mailing of the smallest size in the worker (cProfile).",
    )
    add_service_arguments(parser, redis=False)
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    if min(args.sizes) < 1:
        parser.error("--sizes takes positive numbers.")
    return args


# The database and the site


def site_env(args, workdir, database_url, smtp_port):
    """The worker's environment: the database task queue and the local mail server."""
    env = base_env(
        args.settings,
        workdir,
        database_url,
        TASKS_BACKEND="database",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="0",
    )
    if args.batch_size:
        env["NEWSLETTER_BATCH_SIZE"] = str(args.batch_size)
    return env


# One mailing


@dataclasses.dataclass
class Bench:
    """What every mailing of the run shares."""

    env: dict
    database_url: str
    task_table: str
    handler: CountingHandler
    workdir: Path
    timeout: float

    def worker(self, name, profile_path=None):
        log_path = self.workdir / f"worker-{name}.log"
        return WorkerRun(self.env, log_path, self.timeout, profile_path).run()

    def ready_tasks(self):
        """The tasks waiting for a worker, by their function's path."""
        query = sql.SQL("SELECT task_path FROM {} WHERE status = 'READY' ORDER BY enqueued_at")
        with psycopg.connect(self.database_url) as connection:
            rows = connection.execute(query.format(sql.Identifier(self.task_table))).fetchall()
        return [path for (path,) in rows]

    def measure(self, size, profile_path=None):
        self.drop_safety_runs()
        add_subscribers(self.database_url, size)
        queued = self.queue_mailing()
        self.handler.reset()
        worker = self.worker(size, profile_path)
        row = self.check_mailing(queued, size)
        row.update(size=size, seconds=worker.seconds, peak_rss=worker.peak_rss_mb)
        return row

    def drop_safety_runs(self):
        """The later runs each share of the last mailing booked in case its worker
        stopped (newsletter.tasks.send_mailing); that mailing is gone with the reset."""
        query = sql.SQL(
            "DELETE FROM {} WHERE status = 'READY' AND task_path = 'newsletter.tasks.send_mailing'"
        )
        with psycopg.connect(self.database_url) as connection:
            connection.execute(query.format(sql.Identifier(self.task_table)))

    def queue_mailing(self):
        """Create a mailing and queue its task; fail when anything else waits in the queue."""
        output = manage(self.env, "shell", "-v", "0", "-c", QUEUE_MAILING, capture=True)
        waiting = self.ready_tasks()
        if waiting != ["newsletter.tasks.send_mailing"]:
            raise SystemExit(f"Expected only send_mailing in the queue, found: {waiting}")
        return json.loads(output)

    def check_mailing(self, queued, size):
        """The task's timings once every check passed; SystemExit with the reasons otherwise."""
        mailing = queued["mailing"]
        task_query = sql.SQL(
            "SELECT status, started_at, finished_at, exception_class_path, traceback "
            "FROM {} WHERE id = %s"
        ).format(sql.Identifier(self.task_table))
        with psycopg.connect(self.database_url) as connection:
            task = connection.execute(task_query, (queued["task"],)).fetchone()
            statuses = dict(
                connection.execute(
                    "SELECT status, count(*) FROM newsletter_delivery WHERE mailing_id = %s "
                    "GROUP BY status",
                    (mailing,),
                ).fetchall()
            )
            (subscribers,) = connection.execute(
                "SELECT count(DISTINCT subscriber_id) FROM newsletter_delivery "
                "WHERE mailing_id = %s",
                (mailing,),
            ).fetchone()
            (queued_at,) = connection.execute(
                "SELECT queued_at FROM newsletter_mailing WHERE id = %s", (mailing,)
            ).fetchone()
            # The mailing goes out in shares, each a task of its own.
            (last_sent_at,) = connection.execute(
                "SELECT max(sent_at) FROM newsletter_delivery WHERE mailing_id = %s", (mailing,)
            ).fetchone()
            (failed_shares,) = connection.execute(
                sql.SQL(
                    "SELECT count(*) FROM {} WHERE status = 'FAILED' "
                    "AND task_path = 'newsletter.tasks.send_mailing'"
                ).format(sql.Identifier(self.task_table))
            ).fetchone()
            emails = {
                email.lower()
                for (email,) in connection.execute(
                    "SELECT email FROM newsletter_subscriber WHERE status = 'confirmed'"
                )
            }
        problems = []
        status, started_at, _finished_at, exception, traceback = task
        if status != "SUCCESSFUL":
            problems.append(f"send_mailing is {status}: {exception}\n{traceback}")
        if failed_shares:
            problems.append(f"{failed_shares} later shares of send_mailing failed")
        if statuses != {"sent": size}:
            problems.append(f"deliveries by status: {statuses}, expected {{'sent': {size}}}")
        if subscribers != size:
            problems.append(f"deliveries to {subscribers} subscribers, expected {size}")
        with self.handler.lock:
            per_address = dict(self.handler.per_address)
            messages, mail_bytes = self.handler.messages, self.handler.bytes
        if messages != size:
            problems.append(f"the mail server received {messages} mails, expected {size}")
        twice = [email for email, count in per_address.items() if count > 1]
        if twice:
            problems.append(f"{len(twice)} addresses received the article more than once")
        if set(per_address) != emails:
            missing, unknown = emails - set(per_address), set(per_address) - emails
            problems.append(
                f"{len(missing)} subscribers got nothing, {len(unknown)} other addresses got mail"
            )
        if problems:
            raise SystemExit("Mailing check failed:\n- " + "\n- ".join(problems))
        return {
            "queue_seconds": (queued_at - started_at).total_seconds(),
            "send_seconds": (last_sent_at - queued_at).total_seconds(),
            "mail_kb": mail_bytes / messages / 1024,
        }


# Output


def format_table(rows, empty, batch_size):
    smallest = rows[0]
    headers = [
        "subscribers",
        "total s",
        "queueing s",
        "sending s",
        "mails/s",
        "mails/s sending",
        "peak RSS MB",
        "above empty worker MB",
        f"growth vs {smallest['size']:,}",
    ]
    lines = [
        f"### One article to N subscribers (batch size {batch_size})",
        "",
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(["---:"] * len(headers)) + " |",
        "| empty queue | "
        + f"{empty.seconds:.1f} | - | - | - | - | {empty.peak_rss_mb:.1f} | - | - |",
    ]
    for row in rows:
        growth = row["peak_rss"] - smallest["peak_rss"]
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{row['size']:,}",
                    f"{row['seconds']:.1f}",
                    f"{row['queue_seconds']:.1f}",
                    f"{row['send_seconds']:.1f}",
                    f"{row['size'] / row['seconds']:.0f}",
                    f"{row['size'] / row['send_seconds']:.0f}",
                    f"{row['peak_rss']:.1f}",
                    f"{row['peak_rss'] - empty.peak_rss_mb:+.1f}",
                    f"{growth:+.1f} MB ({growth / smallest['peak_rss']:+.1%})",
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def print_profile(profile_path, size):
    print(f"\n## Where the worker's time went: {size:,} mails under cProfile\n", flush=True)
    stats = pstats.Stats(str(profile_path))
    # The task and what its steps call directly, then the functions that took longest
    # themselves (the worker's start-up included).
    stats.sort_stats("cumulative").print_stats(r"newsletter/(tasks|sending)\.py")
    stats.print_callees(r"sending\.py:\d+\((queue_deliveries|claim_batch|send_batch|message)\)")
    stats.sort_stats("tottime").print_stats(15)


def main():
    args = parse_args()
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    workdir = Path(tempfile.mkdtemp(prefix="directeurskamer-bench-newsletter-"))
    try:
        with mail_server() as (handler, smtp_port):
            print("== Preparing the database", flush=True)
            database_url = create_database(args.postgres, DATABASE_NAME)
            env = site_env(args, workdir, database_url, smtp_port)
            probed = json.loads(
                manage(env, "shell", "-v", "0", "-c", PROBE_SETTINGS, capture=True)
            )
            bench = Bench(env, database_url, probed["task_table"], handler, workdir, args.timeout)
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "load_demo_content")
            # What publishing the demo queued (search index, references, purges), out of the way.
            bench.worker("setup")
            if bench.ready_tasks():
                raise SystemExit(f"Tasks left after the set-up: {bench.ready_tasks()}")
            empty = bench.worker("empty")

            print(f"== Warm-up: {WARM_UP_SIZE} subscribers", flush=True)
            bench.measure(WARM_UP_SIZE)
            rows = []
            for size in args.sizes:
                print(f"== {size:,} subscribers", flush=True)
                row = bench.measure(size)
                print(
                    f"  {row['seconds']:.1f} s, {size / row['seconds']:.0f} mails/s, "
                    f"peak RSS {row['peak_rss']:.1f} MB",
                    flush=True,
                )
                rows.append(row)
            if args.profile:
                size = min(args.sizes)
                print(f"== {size:,} subscribers, the worker under cProfile", flush=True)
                bench.measure(size, profile_path=workdir / "worker.prof")
                print_profile(workdir / "worker.prof", size)
    except subprocess.CalledProcessError as error:
        command = " ".join(map(str, error.cmd[1:3]))
        raise SystemExit(f"`{command}` failed (see above); files kept in {workdir}.") from error
    except SystemExit:
        print(f"The workers' logs are kept in {workdir}.", file=sys.stderr)
        raise
    shutil.rmtree(workdir, ignore_errors=True)

    print(
        f"\n## Results: worker, PostgreSQL and mail server on {os.cpu_count()} CPUs, "
        f"mails of {rows[-1]['mail_kb']:.1f} KB; the whole run took "
        f"{(time.monotonic() - started) / 60:.1f} min; load average (1 min) before "
        f"{load_before:.2f}, after {os.getloadavg()[0]:.2f}\n"
    )
    print(format_table(rows, empty, probed["batch_size"]))
    print(
        "\ntotal: the worker from start to exit, start-up included; queueing: creating a"
        " delivery per subscriber; sending: from then to the last mail sent, over all the"
        " shares (tasks) of the mailing. Peak RSS: the kernel's"
        " maximum resident set of the worker process."
    )


if __name__ == "__main__":
    main()
