"""Gunicorn's configuration, read from the working directory: `gunicorn` alone serves the site.

Environment variables (all optional):

    GUNICORN_BIND          address(es) to listen on, comma-separated (default 127.0.0.1:8000,
                           or 0.0.0.0:$PORT when PORT is set, as gunicorn itself does)
    GUNICORN_WORKERS       worker processes (default 2)
    GUNICORN_TIMEOUT       seconds a request may take before its worker is restarted (30)
    GUNICORN_MAX_REQUESTS  restart a worker after this many requests (default 0: never)
    GUNICORN_LOG_LEVEL     error log level (default info)

Command-line options override these, e.g. `gunicorn --bind 127.0.0.1:9000`.
"""

import os

wsgi_app = "site_config.wsgi:application"
proc_name = "directeurskamer"

if os.environ.get("GUNICORN_BIND"):
    bind = [address.strip() for address in os.environ["GUNICORN_BIND"].split(",")]
elif os.environ.get("PORT"):
    bind = [f"0.0.0.0:{os.environ['PORT']}"]
else:
    bind = ["127.0.0.1:8000"]

# Sync workers: every page is rendered by Python and the database, so the
# worker count, not the connection count, bounds throughput. Put a buffering
# reverse proxy (nginx, a load balancer) in front for slow clients.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10

# The worker heartbeat file on tmpfs: on a disk-backed /tmp (or a container's
# overlay filesystem) its fchmod calls can block a worker for seconds.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Access logs come from the proxy in front; gunicorn logs errors to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Gunicorn 25.1+ opens a control socket at one fixed path per user, which two
# instances on one machine (the site and a benchmark) would share; not needed here.
control_socket_disable = True
