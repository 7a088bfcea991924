"""Production: the safe defaults of base.py, with outside services from the environment.

Each service below is off unless its environment variable is set, so one machine
runs with none of them; docs/deploy.md describes running on several.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    DATABASES,
    INSTALLED_APPS,
    MIDDLEWARE,
    STORAGES,
)
from .env import database_settings, env_bool, env_list

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
# A mail server that hangs must fail the attempt, so that it is tried again (core/mail.py).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "De Directeurskamer <blog@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Behind a load balancer: build URLs from the host and port the visitor used.
# The balancer must set (not pass on) X-Forwarded-Host/-Port/-Proto; ALLOWED_HOSTS
# still checks the forwarded host.

if env_bool("BEHIND_PROXY"):
    USE_X_FORWARDED_HOST = True
    USE_X_FORWARDED_PORT = True


# Sessions: with Redis as the cache (REDIS_URL, see base.py), read sessions from
# the cache and keep them in the database too, so they survive a Redis restart.

if os.environ.get("REDIS_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


# Read replica: reads of anonymous requests go to it, everything else to the primary
# (site_config/db_routers.py). The replica is only read, never migrated.

if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES = {
        **DATABASES,
        "replica": {
            **database_settings(os.environ["DATABASE_REPLICA_URL"]),
            # Django's test runner makes the replica alias a view of the test database.
            "TEST": {"MIRROR": "default"},
        },
    }
    DATABASE_ROUTERS = ["core.db_routers.ReplicaRouter"]
    MIDDLEWARE = ["core.db_routers.PrimaryDatabaseMiddleware", *MIDDLEWARE]


# Media on S3-compatible object storage (django-storages, the `production` extra).
# boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment.

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _s3_options = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        # Public, stable URLs that a CDN can cache; uploads never replace a file.
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
    }
    for _option, _variable in [
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
    ]:
        if os.environ.get(_variable):
            _s3_options[_option] = os.environ[_variable]
    STORAGES = {
        **STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options},
        # Documents (the files of downloads, gated ones too) in a bucket of their
        # own that allows no public reads: the site streams them through
        # Wagtail's document view. A public media bucket's policy would
        # override any per-object setting, so the two must differ.
        "documents": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_options,
                "bucket_name": os.environ.get("AWS_DOCUMENTS_BUCKET_NAME", ""),
                "querystring_auth": True,
                "custom_domain": None,
            },
        },
    }
    # Images come from the bucket (or its CDN domain) then: let the policy allow it.
    if "custom_domain" in _s3_options:
        _media_origin = f"https://{_s3_options['custom_domain']}"
    else:
        _media_origin = _s3_options.get("endpoint_url", "https://*.amazonaws.com")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media_origin)
    if STORAGES["documents"]["OPTIONS"]["bucket_name"] in ("", _s3_options["bucket_name"]):
        raise ImproperlyConfigured(
            "With AWS_STORAGE_BUCKET_NAME set, set AWS_DOCUMENTS_BUCKET_NAME to a private "
            "bucket of its own for documents (docs/deploy.md)."
        )


# Search on OpenSearch 3 or Elasticsearch 8 (their client in the `production` extra),
# with Dutch stemming and stop words as the default analyzer. Run
# `manage.py update_index` after switching.

_opensearch_urls = env_list("OPENSEARCH_URL")
_search_urls = _opensearch_urls or env_list("ELASTICSEARCH_URL")
if _search_urls:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": (
                "wagtail.search.backends.opensearch3"
                if _opensearch_urls
                else "wagtail.search.backends.elasticsearch8"
            ),
            "URLS": _search_urls,
            # One index per root model, e.g. directeurskamer_wagtailcore_page.
            "INDEX_PREFIX": f"{os.environ.get('SEARCH_INDEX', 'directeurskamer')}_",
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {"retry_on_timeout": True, "max_retries": 2},
            "INDEX_SETTINGS": {
                "settings": {"analysis": {"analyzer": {"default": {"type": "dutch"}}}}
            },
        }
    }


# Background tasks in the database (django-tasks-db), run by `manage.py db_worker`
# as a process of its own: the newsletter, mail, search and reference index updates,
# CDN purges. TASKS_BACKEND=immediate runs them inside the request that queued them
# instead (a one-machine trial run, the benchmarks), with no worker needed.

_tasks_backend = os.environ.get("TASKS_BACKEND", "database")
if _tasks_backend == "database":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif _tasks_backend == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={_tasks_backend!r}: use 'database' (the default) or 'immediate'."
    )
