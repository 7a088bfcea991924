"""The outside services of production settings: each one off until its variable is set.

The settings are read in a subprocess, since they are computed from the
environment when the module is imported. They are read with Django's own
`Settings` class, which does not import the apps, so the services whose
packages are only in the `production` extra (django-storages, the search
client, django-tasks-db) can be checked without them.
"""

import json
import os
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page

from core.db_routers import (
    PrimaryDatabaseMiddleware,
    ReplicaRouter,
    use_primary,
    use_replica,
)

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = "site_config.settings.production"

# Set by a developer's shell or CI, these would change what is being tested.
SERVICE_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "PAGE_CACHE",
    "DATABASE_REPLICA_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_DOCUMENTS_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "OPENSEARCH_URL",
    "ELASTICSEARCH_URL",
    "SEARCH_INDEX",
    "SEARCH_TIMEOUT",
    "TASKS_BACKEND",
    "BEHIND_PROXY",
    "WAGTAILADMIN_BASE_URL",
}

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": PRODUCTION,
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "www.dedirecteurskamer.nl",
    "WAGTAILADMIN_BASE_URL": "https://www.dedirecteurskamer.nl",
}

REPLICA_URL = "postgres://reader:secret@replica.internal:5432/directeurskamer"

READ_SETTINGS = """
import json, sys
from django.conf import Settings
values = Settings(sys.argv[1])
print(json.dumps({name: getattr(values, name, None) for name in sys.argv[2:]}, default=str))
"""


def run(args, env):
    clean_env = {k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean_env, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(*names, **env):
    result = run(["-c", READ_SETTINGS, PRODUCTION, *names], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_service_is_off_by_default():
    values = production_settings(
        "SESSION_ENGINE",
        "DATABASES",
        "DATABASE_ROUTERS",
        "MIDDLEWARE",
        "STORAGES",
        "WAGTAILSEARCH_BACKENDS",
        "TASKS",
        "INSTALLED_APPS",
        "USE_X_FORWARDED_HOST",
        "USE_X_FORWARDED_PORT",
    )
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert list(values["DATABASES"]) == ["default"]
    assert values["DATABASE_ROUTERS"] == []
    assert "core.db_routers.PrimaryDatabaseMiddleware" not in values["MIDDLEWARE"]
    assert values["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    # The database's own search: Wagtail's, or on PostgreSQL its subclass in search/backends.py.
    on_postgresql = values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert values["WAGTAILSEARCH_BACKENDS"]["default"]["BACKEND"] == (
        "search.backends" if on_postgresql else "wagtail.search.backends.database"
    )
    # Background tasks wait in the database for the worker (manage.py db_worker).
    assert values["TASKS"] == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert values["INSTALLED_APPS"][-1] == "django_tasks_db"
    assert values["USE_X_FORWARDED_HOST"] is False
    assert values["USE_X_FORWARDED_PORT"] is False


def test_redis_keeps_sessions_in_the_cache_and_the_database():
    values = production_settings("SESSION_ENGINE", REDIS_URL="redis://cache.internal:6379/0")
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_a_replica_url_adds_the_replica_and_its_router():
    values = production_settings(
        "DATABASES", "DATABASE_ROUTERS", "MIDDLEWARE", DATABASE_REPLICA_URL=REPLICA_URL
    )
    replica = values["DATABASES"]["replica"]
    assert replica["ENGINE"] == "django.db.backends.postgresql"
    assert (replica["HOST"], replica["NAME"], replica["USER"]) == (
        "replica.internal",
        "directeurskamer",
        "reader",
    )
    assert replica["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["core.db_routers.ReplicaRouter"]
    # First, so that the session and user lookups are pinned too.
    assert values["MIDDLEWARE"][0] == "core.db_routers.PrimaryDatabaseMiddleware"


def test_with_a_replica_django_reads_from_it_and_writes_to_the_primary():
    result = run(
        [
            "manage.py",
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from django.db import router; from wagtail.models import Page; "
            "from core.db_routers import use_replica; "
            "print(router.db_for_read(Page), router.db_for_write(Page)); "
            "exec('with use_replica(): print(router.db_for_read(Page))')",
        ],
        {"DATABASE_REPLICA_URL": REPLICA_URL},
    )
    assert result.returncode == 0, result.stderr
    # A command (or the task worker) reads from the primary; a reader's page view may not.
    assert result.stdout.split() == ["default", "default", "replica"]


def test_a_bucket_name_puts_media_on_s3():
    values = production_settings(
        "STORAGES",
        AWS_STORAGE_BUCKET_NAME="directeurskamer-media",
        AWS_DOCUMENTS_BUCKET_NAME="directeurskamer-documents",
        AWS_S3_ENDPOINT_URL="https://s3.example.nl",
        AWS_S3_REGION_NAME="nl-ams",
    )
    assert values["STORAGES"]["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "directeurskamer-media",
            "endpoint_url": "https://s3.example.nl",
            "region_name": "nl-ams",
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Documents: private, in their own bucket, never at a public URL.
    assert values["STORAGES"]["documents"]["OPTIONS"] == {
        "bucket_name": "directeurskamer-documents",
        "endpoint_url": "https://s3.example.nl",
        "region_name": "nl-ams",
        "querystring_auth": True,
        "file_overwrite": False,
        "default_acl": None,
        "custom_domain": None,
    }
    # Static files stay with WhiteNoise.
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


@pytest.mark.parametrize("documents_bucket", [None, "directeurskamer-media"])
def test_documents_never_share_the_public_media_bucket(documents_bucket):
    env = {**PRODUCTION_ENV, "AWS_STORAGE_BUCKET_NAME": "directeurskamer-media"}
    if documents_bucket:
        env["AWS_DOCUMENTS_BUCKET_NAME"] = documents_bucket
    result = run(["-c", READ_SETTINGS, PRODUCTION, "STORAGES"], env)
    assert result.returncode != 0
    assert "AWS_DOCUMENTS_BUCKET_NAME" in result.stderr


def test_a_custom_domain_serves_media_from_the_cdn():
    values = production_settings(
        "STORAGES",
        AWS_STORAGE_BUCKET_NAME="directeurskamer-media",
        AWS_DOCUMENTS_BUCKET_NAME="directeurskamer-documents",
        AWS_S3_CUSTOM_DOMAIN="media.dedirecteurskamer.nl",
    )
    options = values["STORAGES"]["default"]["OPTIONS"]
    assert options["custom_domain"] == "media.dedirecteurskamer.nl"
    assert "endpoint_url" not in options


def test_opensearch_indexes_with_the_dutch_analyzer():
    values = production_settings(
        "WAGTAILSEARCH_BACKENDS",
        OPENSEARCH_URL="https://search1.internal:9200,https://search2.internal:9200",
        SEARCH_INDEX="dk_staging",
    )
    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert backend["URLS"] == ["https://search1.internal:9200", "https://search2.internal:9200"]
    assert backend["INDEX_PREFIX"] == "dk_staging_"
    assert backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"] == {
        "type": "dutch"
    }


def test_elasticsearch_is_the_alternative_to_opensearch():
    values = production_settings(
        "WAGTAILSEARCH_BACKENDS", ELASTICSEARCH_URL="http://elastic.internal:9200"
    )
    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert backend["URLS"] == ["http://elastic.internal:9200"]
    assert backend["INDEX_PREFIX"] == "directeurskamer_"


def test_the_search_backends_named_exist_in_wagtail():
    for module in ["opensearch3", "elasticsearch8"]:
        assert find_spec(f"wagtail.search.backends.{module}") is not None


def test_immediate_tasks_need_no_worker_nor_its_app():
    values = production_settings("TASKS", "INSTALLED_APPS", TASKS_BACKEND="immediate")
    assert values["TASKS"] == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    assert "django_tasks_db" not in values["INSTALLED_APPS"]


def test_an_unknown_tasks_backend_is_refused():
    result = run(["-c", READ_SETTINGS, PRODUCTION, "TASKS"], {"TASKS_BACKEND": "celery"})
    assert result.returncode != 0
    assert "TASKS_BACKEND='celery'" in result.stderr


def test_behind_a_proxy_urls_use_the_forwarded_host_and_port():
    values = production_settings(
        "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT", "SECURE_PROXY_SSL_HEADER", BEHIND_PROXY="1"
    )
    assert values["USE_X_FORWARDED_HOST"] is True
    assert values["USE_X_FORWARDED_PORT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_deploy_check_passes_with_the_services_switched_on():
    env = {
        "REDIS_URL": "redis://cache.internal:6379/0",
        "DATABASE_REPLICA_URL": REPLICA_URL,
        "OPENSEARCH_URL": "https://search.internal:9200",
        "BEHIND_PROXY": "1",
    }
    # The check loads the storage, which comes with the production extra.
    if find_spec("storages"):
        env["AWS_STORAGE_BUCKET_NAME"] = "directeurskamer-media"
        env["AWS_DOCUMENTS_BUCKET_NAME"] = "directeurskamer-documents"
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# The router and its middleware, in the test process.

WITH_REPLICA = {"default": {}, "replica": {}}


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    router = ReplicaRouter(databases=WITH_REPLICA)
    with use_replica():
        assert router.db_for_read(Page) == "replica"
        assert router.db_for_write(Page) == "default"


def test_outside_a_readers_request_reads_go_to_the_primary():
    """The task worker reads what a request just stored (a signup to confirm)."""
    router = ReplicaRouter(databases=WITH_REPLICA)
    assert router.db_for_read(Page) == "default"


def test_without_a_replica_everything_uses_the_primary():
    router = ReplicaRouter(databases={"default": {}})
    with use_replica():
        assert router.db_for_read(Page) == "default"
        assert router.db_for_write(Page) == "default"


def test_the_router_reads_the_configured_databases():
    # The test settings have no replica.
    assert ReplicaRouter().db_for_read(Page) == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_see_its_writes_on_the_primary():
    router = ReplicaRouter(databases=WITH_REPLICA)
    with use_replica(), transaction.atomic():
        Page.get_first_root_node().save()
        assert router.db_for_read(Page) == "default"


def test_reads_can_be_pinned_to_the_primary():
    router = ReplicaRouter(databases=WITH_REPLICA)
    with use_replica():
        with use_primary():
            assert router.db_for_read(Page) == "default"
        assert router.db_for_read(Page) == "replica"


def test_objects_from_either_database_may_be_related():
    router = ReplicaRouter(databases=WITH_REPLICA)
    parent, child, elsewhere = Page(), Page(), Page()
    parent._state.db, child._state.db, elsewhere._state.db = "default", "replica", "archive"
    assert router.allow_relation(parent, child) is True
    assert router.allow_relation(parent, elsewhere) is None


def test_only_the_primary_is_migrated():
    router = ReplicaRouter(databases=WITH_REPLICA)
    assert router.allow_migrate("default", "blog") is True
    assert router.allow_migrate("replica", "blog") is False


def database_read_by(request):
    router = ReplicaRouter(databases=WITH_REPLICA)
    middleware = PrimaryDatabaseMiddleware(lambda request: HttpResponse(router.db_for_read(Page)))
    return middleware(request).content.decode()


def test_anonymous_page_views_read_from_the_replica():
    assert database_read_by(RequestFactory().get("/blog/")) == "replica"


def test_requests_that_write_use_the_primary():
    assert database_read_by(RequestFactory().post("/admin/pages/3/edit/")) == "default"


def test_signed_in_editors_read_their_own_writes():
    request = RequestFactory().get("/admin/pages/3/edit/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session-key"
    assert database_read_by(request) == "default"
