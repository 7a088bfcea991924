"""Pages for faults and refused requests, which touch neither the database nor the cache.

Django calls server_error() inside the `except` that caught the fault, so
sys.exc_info() tells what went wrong: while the database is out of reach,
readers get a 503 with Retry-After instead of a 500. No page shows a
traceback. Once the database is back, the next request opens a fresh
connection (conn_health_checks), so the site recovers by itself.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# What psycopg and sqlite3 raise when the server is down, restarting, refuses
# connections or drops one: Django wraps them in these two.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def error_response(template_name, *, status, request=None):
    """The page, rendered without context processors (they may need the database).

    For a request that sent something, the page says that it was not stored.
    """
    sent = request is not None and request.method not in SAFE_METHODS
    response = HttpResponse(loader.render_to_string(template_name, {"sent": sent}), status=status)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = error_response("503.html", status=503, request=request)
        response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
        return response
    return error_response("500.html", status=500, request=request)


@requires_csrf_token
def bad_request(request, exception):
    return error_response("400.html", status=400, request=request)
