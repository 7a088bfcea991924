"""An `X-Query-Count` response header, for the benchmarks only.

Active only when the environment has `BENCH_QUERY_COUNT=1` (bench/run.py sets
it); otherwise Django drops the middleware at startup and it costs nothing.
Put it first in MIDDLEWARE so that it also counts the queries of the other
middleware, and so that a cached response never carries a stale count.
"""

import os
from contextlib import ExitStack

from django.core.exceptions import MiddlewareNotUsed
from django.db import connections


class QueryCountMiddleware:
    def __init__(self, get_response):
        if os.environ.get("BENCH_QUERY_COUNT") != "1":
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        # Every database alias: the production settings may add a read replica.
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(count))
            response = self.get_response(request)
        # The handler renders a TemplateResponse before any middleware sees it,
        # so this count includes the queries made while rendering the template.
        response["X-Query-Count"] = str(queries)
        return response
