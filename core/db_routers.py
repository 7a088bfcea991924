"""Reads from a PostgreSQL read replica, writes to the primary.

Production settings install the router (and the middleware) only when
DATABASE_REPLICA_URL is set. A replica lags behind the primary, so everything
that may read its own writes stays on the primary: a request that changes
something, a request of a signed-in editor (anyone with a session cookie), any
read inside a transaction, and everything outside a request: the task worker
reads the subscriber or story a request just stored, and management commands
act on what is current. Anonymous page views, the bulk of the traffic, read
from the replica.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Set only while an anonymous reader's safe request is handled.
_replica_allowed = ContextVar("replica_allowed", default=False)


@contextmanager
def _reads(from_replica):
    token = _replica_allowed.set(from_replica)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


def use_replica():
    """Let reads in the block go to the replica."""
    return _reads(True)


def use_primary():
    """Send every read in the block to the primary."""
    return _reads(False)


class ReplicaRouter:
    def __init__(self, databases=None):
        databases = settings.DATABASES if databases is None else databases
        self.has_replica = REPLICA in databases

    def db_for_read(self, model, **hints):
        if not self.has_replica or not _replica_allowed.get():
            return PRIMARY
        # Inside a transaction the primary has writes the replica does not see yet.
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryDatabaseMiddleware:
    """Let anonymous readers' safe requests read from the replica; keep requests
    that write, or may read their own writes, on the primary.

    An editor who saves a page and is sent back to the editor must see the
    saved page, not the replica's state of a moment ago.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            with use_replica():
                return self.get_response(request)
        return self.get_response(request)
