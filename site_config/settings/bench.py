"""The production settings with the benchmarks' tools, for bench/run.py,
bench/newsletter.py and bench/load.py only: `generate_articles` and the
X-Query-Count header (bench/middleware.py, on with BENCH_QUERY_COUNT=1).

First in MIDDLEWARE, so that the count includes the other middleware's queries.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
