"""The first-run SQLite database lets two editors' saves meet without failing."""

import textwrap

from site_config.settings.env import database_settings
from tests.site.test_settings import manage

# Two writers on one file database. The first reads, then waits while the second
# writes and commits; then the first writes. Without IMMEDIATE transactions the
# first cannot upgrade its read lock (SQLite answers "database is locked" at once,
# whatever the timeout); with them the second waits for the first to commit.
TWO_SAVES = textwrap.dedent(
    """
    import threading
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, saved_by TEXT)")
        cursor.execute("PRAGMA journal_mode")
        print(cursor.fetchone()[0])
    first_read, second_done = threading.Event(), threading.Event()
    outcome = {}

    def save(name, before_write=None, wait_for=None):
        from django.db import connection
        try:
            if wait_for:
                wait_for.wait(5)
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT count(*) FROM revision")
                    if before_write:
                        before_write.set()
                        second_done.wait(1)
                    cursor.execute("INSERT INTO revision (saved_by) VALUES (%s)", [name])
            outcome[name] = "saved"
        except Exception as error:
            outcome[name] = str(error)
        finally:
            if name == "approve":
                second_done.set()
            connection.close()

    threads = [
        threading.Thread(target=save, args=("autosave", first_read)),
        threading.Thread(target=save, args=("approve", None, first_read)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM revision")
        print(outcome["autosave"], outcome["approve"], cursor.fetchone()[0], sep="|")
    """
)


def test_two_concurrent_saves_both_succeed(tmp_path):
    result = manage(
        "shell", "-v", "0", "-c", TWO_SAVES, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3"
    )
    assert result.returncode == 0, result.stderr
    journal_mode, outcome = result.stdout.strip().splitlines()
    assert journal_mode == "wal"
    assert outcome == "saved|saved|2"


def test_only_sqlite_gets_these_options():
    sqlite = database_settings("sqlite:////tmp/db.sqlite3")["OPTIONS"]
    assert sqlite["transaction_mode"] == "IMMEDIATE"
    assert sqlite["timeout"] == 20
    assert "journal_mode=WAL" in sqlite["init_command"]
    postgres = database_settings("postgres://u:p@db.internal/site")["OPTIONS"]
    assert postgres == {"connect_timeout": 5}
