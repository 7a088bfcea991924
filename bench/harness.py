"""What the benchmark scripts share: the services they run the site with, a fresh
database, manage.py in the site's environment, and gunicorn as in production.

The scripts run as `python bench/<script>.py`, so they import this as `harness`.
"""

import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def add_service_arguments(parser, redis=True):
    """--postgres, --redis-url (unless redis is False) and --settings: the services
    and settings the site runs with."""
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server to create the site's database on (BENCH_POSTGRES_URL).",
    )
    if redis:
        parser.add_argument(
            "--redis-url",
            default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
            help="Redis database for the site's cache, flushed before each run (BENCH_REDIS_URL).",
        )
    parser.add_argument(
        "--settings",
        default="site_config.settings.bench",
        help="DJANGO_SETTINGS_MODULE of the site (site_config.settings.bench).",
    )


def base_env(settings_module, workdir, database_url, **variables):
    """The site's environment: production-like settings on 127.0.0.1 with a
    fresh secret, and nothing from the shell but these (no DATABASE_REPLICA_URL,
    S3 or search cluster by accident)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            **variables,
        }
    )
    return env


def create_database(server_url, database_name):
    """Drop and create the bench database; return its URL."""
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        name = sql.Identifier(database_name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return f"{server_url}/{database_name}"


def vacuum_analyze(database_url):
    """Settle the freshly loaded database as a production one would be.

    Planner statistics (the PostgreSQL here may run without autovacuum) and
    the visibility map, which index-only scans rely on.
    """
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def manage(env, *command, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def flush_redis(redis_url):
    """Empty the page cache's Redis database (plain RESP over a socket: no client needed)."""
    url = urllib.parse.urlsplit(redis_url)
    database = (url.path.strip("/") or "0").encode()
    command = b"*2\r\n$6\r\nSELECT\r\n$%d\r\n%s\r\n*1\r\n$7\r\nFLUSHDB\r\n" % (
        len(database),
        database,
    )
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=5) as redis:
            if url.password:
                auth = url.password.encode()
                redis.sendall(b"*2\r\n$4\r\nAUTH\r\n$%d\r\n%s\r\n" % (len(auth), auth))
            redis.sendall(command)
            reply = b""
            while reply.count(b"\r\n") < (3 if url.password else 2):
                chunk = redis.recv(1024)
                if not chunk:
                    break
                reply += chunk
    except OSError as error:
        raise SystemExit(f"Redis at {redis_url} does not answer ({error}).") from error
    if reply.count(b"+OK") < (3 if url.password else 2):
        raise SystemExit(f"Redis refused to flush {redis_url}: {reply!r}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the repository's gunicorn.conf.py, its log in the work folder."""

    def __init__(self, env, port, log_path, ready_path):
        self.env, self.port, self.log_path = env, port, log_path
        self.base = f"http://127.0.0.1:{port}"
        self.ready_path = ready_path

    def __enter__(self):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise SystemExit(f"Port {self.port} is taken: choose another with --port.")
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in __exit__)
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log_path}.")
            try:
                urllib.request.urlopen(f"{self.base}{self.ready_path}", timeout=5).close()
                return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer; see {self.log_path}.")

    def __exit__(self, *exc_info):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def worker_pids(self):
        """The gunicorn workers: the children of the master process."""
        pids = []
        for status in Path("/proc").glob("[0-9]*/status"):
            with contextlib.suppress(OSError):  # the process may have ended meanwhile
                if re.search(rf"^PPid:\s+{self.process.pid}$", status.read_text(), re.MULTILINE):
                    pids.append(int(status.parent.name))
        return pids

    def reset_peak_memory(self):
        # Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                Path(f"/proc/{pid}/clear_refs").write_text("5")

    def memory_mb(self, field):
        """The largest `field` (VmHWM: peak resident, VmRSS: resident now) of the workers."""
        values = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                values.append(int(match.group(1)) / 1024)
        return max(values, default=None)


def fetch(url, timeout=300):
    """Status, body size and query count of one request (the first may render renditions)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, len(response.read()), response.headers.get("X-Query-Count")
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), error.headers.get("X-Query-Count")
    except OSError as error:  # refused, reset or timed out
        return f"failed ({error})", 0, None
