"""Reads from a PostgreSQL read replica, writes to the primary.

Production settings install the router (and the middleware) only when
DATABASE_REPLICA_URL is set. A replica lags behind the primary, so everything
that may read its own writes stays on the primary: a request that changes
something, a request of a signed-in editor (anyone with a session cookie), and
any read inside a transaction. Anonymous page views, the bulk of the traffic,
read from the replica.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_pinned_to_primary = ContextVar("pinned_to_primary", default=False)


@contextmanager
def use_primary():
    """Send every read in the block to the primary."""
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


class ReplicaRouter:
    def __init__(self, databases=None):
        databases = settings.DATABASES if databases is None else databases
        self.has_replica = REPLICA in databases

    def db_for_read(self, model, **hints):
        if not self.has_replica or _pinned_to_primary.get():
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
    """Keep requests that write, or may read their own writes, on the primary.

    An editor who saves a page and is sent back to the editor must see the
    saved page, not the replica's state of a moment ago.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS or settings.SESSION_COOKIE_NAME in request.COOKIES:
            with use_primary():
                return self.get_response(request)
        return self.get_response(request)
