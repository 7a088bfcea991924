"""Reading the environment: the switches, lists and database URLs the settings take."""

import os

import dj_database_url


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_settings(url):
    """One database's settings, from its URL."""
    database = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if database["ENGINE"] == "django.db.backends.postgresql":
        # A server that hangs must not hang the site: give up connecting after
        # this many seconds (readers then get the 503 page). A URL's own wins.
        database.setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
        )
    elif database["ENGINE"] == "django.db.backends.sqlite3":
        # The first-run database (make run): Wagtail's autosave and an editor's
        # save or approve write at the same moment. WAL lets readers go on while
        # one writes; IMMEDIATE takes the write lock when a transaction starts,
        # so a second writer waits (up to the timeout) instead of failing with
        # "database is locked" when its read lock cannot be upgraded.
        database.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return database
