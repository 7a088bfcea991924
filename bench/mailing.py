"""The pieces of bench/newsletter.py that stand apart from the measuring: the mail
server that counts what arrives, the subscribers copied into the database, and
one run of the real task worker with its peak memory."""

import collections
import contextlib
import datetime
import os
import subprocess
import sys
import threading
import time

import psycopg
from aiosmtpd.controller import Controller
from harness import ROOT, free_port

CONSENT = "Ja, stuur mij de nieuwe artikelen van De Directeurskamer."


# The mail server


class CountingHandler:
    """Takes every mail; keeps how often each address received one, and the bytes."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.per_address = collections.Counter()
            self.messages = 0
            self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
            self.bytes += len(envelope.original_content or envelope.content)
            self.per_address.update(address.lower() for address in envelope.rcpt_tos)
        return "250 Message accepted"


@contextlib.contextmanager
def mail_server():
    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def add_subscribers(database_url, size):
    """Exactly `size` confirmed subscribers, and no mailing or delivery from before."""
    now = datetime.datetime.now(datetime.UTC)
    with psycopg.connect(database_url) as connection:
        connection.execute(
            "TRUNCATE newsletter_delivery, newsletter_mailing, newsletter_subscriber_themes, "
            "newsletter_subscriber RESTART IDENTITY"
        )
        columns = "email, status, source, consent_text, created_at, confirmed_at"
        with connection.cursor().copy(
            f"COPY newsletter_subscriber ({columns}) FROM STDIN"
        ) as copy:
            for number in range(1, size + 1):
                copy.write_row((address(number), "confirmed", "footer", CONSENT, now, now))
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def address(number):
    return f"lezer{number:06d}@example.org"


# The worker


class WorkerRun:
    """`manage.py db_worker --batch` from start to exit, with its peak resident memory."""

    def __init__(self, env, log_path, timeout, profile_path=None):
        self.env, self.log_path, self.timeout = env, log_path, timeout
        self.profile_path = profile_path

    def run(self):
        command = [sys.executable]
        if self.profile_path:
            command += ["-m", "cProfile", "-o", str(self.profile_path)]
        command += ["manage.py", "db_worker", "--batch", "--no-startup-delay"]
        with open(self.log_path, "ab") as log:
            started = time.monotonic()
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
            # wait4 instead of Popen.wait: it returns the child's resource usage.
            while True:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - started > self.timeout:
                    process.kill()
                    process.wait()
                    raise SystemExit(
                        f"The worker took over {self.timeout:.0f} s; see {self.log_path}."
                    )
                time.sleep(0.02)
            self.seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"The worker exited with {process.returncode}; see {self.log_path}.")
        self.peak_rss_mb = usage.ru_maxrss / 1024  # KB on Linux
        return self
