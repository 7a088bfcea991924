"""What the benchmark scripts share: the services they run the site with, a fresh
database, manage.py in the site's environment, gunicorn as in production, and
what /proc tells of a gunicorn's workers (CPU time, memory), ours or a reference
site's found from the port it listens on.

The scripts run as `python bench/<script>.py`, so they import this as `harness`.
"""

import contextlib
import dataclasses
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
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")  # the unit of the CPU times in /proc/<pid>/stat


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


# What /proc tells of processes


@dataclasses.dataclass(frozen=True)
class ProcessStat:
    ppid: int
    utime: int  # clock ticks in user mode
    stime: int  # clock ticks in the kernel

    @property
    def cpu_ticks(self):
        return self.utime + self.stime


def parse_proc_stat(text):
    """The parent pid and CPU times in the text of /proc/<pid>/stat.

    The process name (field 2) is in parentheses and may hold spaces and
    parentheses itself, so the fields are counted from its last ")".
    """
    fields = text[text.rindex(")") + 1 :].split()
    # fields[0] is field 3 (the state): the parent is field 4, utime and stime 14 and 15.
    return ProcessStat(ppid=int(fields[1]), utime=int(fields[11]), stime=int(fields[12]))


def read_proc_stat(pid):
    """parse_proc_stat of a running process; None when it has ended."""
    try:
        return parse_proc_stat(Path(f"/proc/{pid}/stat").read_text())
    except (OSError, ValueError, IndexError):
        return None


def cpu_ticks(pids):
    """{pid: user + system CPU time in clock ticks}, None for a process that has ended."""
    stats = {pid: read_proc_stat(pid) for pid in pids}
    return {pid: stat.cpu_ticks if stat else None for pid, stat in stats.items()}


def cpu_ms_per_request(before, after, requests, clock_ticks=CLOCK_TICKS):
    """Milliseconds of CPU the workers spent per request between two cpu_ticks readings.

    None when there is nothing to divide, or when a worker ended or was replaced
    meanwhile: the time it spent would be missing from the sum.
    """
    if not before or not requests or set(after) != set(before):
        return None
    for pid in before:
        if before[pid] is None or after[pid] is None or after[pid] < before[pid]:
            return None  # ended, or a new process under a reused pid
    ticks = sum(after[pid] - before[pid] for pid in before)
    return ticks * 1000 / clock_ticks / requests


def wait_until_idle(pids, interval=0.1, timeout=10.0):
    """Wait until the workers' CPU time stops growing; False if it does not in `timeout` s.

    A sync worker still renders every request it had accepted, or that waits in
    the listen queue, after wrk has stopped and closed its connections: up to a
    request per connection, which must not count towards the next measurement.
    """
    deadline = time.monotonic() + timeout
    last = cpu_ticks(pids)
    while time.monotonic() < deadline:
        time.sleep(interval)
        now = cpu_ticks(pids)
        if now == last:
            return True
        last = now
    return False


def listening_inodes(text, port):
    """The inodes of the sockets listening on `port`, from the text of /proc/net/tcp(6)."""
    inodes = set()
    for line in text.splitlines()[1:]:  # the first line names the columns
        fields = line.split()
        if len(fields) < 10:
            continue
        local_address, state, inode = fields[1], fields[3], fields[9]
        # 0A is TCP_LISTEN; the port is the hexadecimal after the address.
        if state == "0A" and int(local_address.rsplit(":", 1)[1], 16) == port:
            inodes.add(int(inode))
    return inodes


def socket_holders(inodes):
    """The pids of the processes that have one of these sockets open."""
    links = {f"socket:[{inode}]" for inode in inodes}
    pids = set()
    for fd_folder in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):  # ended meanwhile, or not ours to read
            if any(os.readlink(fd) in links for fd in fd_folder.iterdir()):
                pids.add(int(fd_folder.parent.name))
    return pids


def master_and_workers(parents):
    """Split {pid: parent pid} of the processes sharing a listening socket into the
    masters (whose parent does not share it) and the workers (whose parent does)."""
    masters = sorted(pid for pid, parent in parents.items() if parent not in parents)
    workers = sorted(pid for pid, parent in parents.items() if parent in parents)
    return masters, workers


def listening_processes(port):
    """The master and worker pids of the server listening on `port` (any address)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):  # no IPv6
            inodes |= listening_inodes(Path(table).read_text(), port)
    stats = {pid: read_proc_stat(pid) for pid in socket_holders(inodes)}
    return master_and_workers({pid: stat.ppid for pid, stat in stats.items() if stat})


class Workers:
    """What /proc tells of a gunicorn's workers; subclasses say which they are."""

    def worker_pids(self):
        raise NotImplementedError

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


class Reference(Workers):
    """A site already running under gunicorn elsewhere on this machine (not started
    here), its workers found from the port it listens on."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.base = url.rstrip("/")
        self.port = parts.port or (443 if parts.scheme == "https" else 80)

    def worker_pids(self):
        return listening_processes(self.port)[1]


class Server(Workers):
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
