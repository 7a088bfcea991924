"""Settings for the test suite: fast, isolated, no outside services but the database."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-key")

from .base import *  # noqa: E402, F403
from .base import INSTALLED_APPS, STORAGES  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["*"]
# The site's address (core.site_url) is the test client's host.
WAGTAILADMIN_BASE_URL = "http://testserver"
SECURE_SSL_REDIRECT = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="directeurskamer-test-documents-")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="directeurskamer-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="directeurskamer-test-static-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Production's task backend, for the tests that run its worker; the benchmarks'
# article generator, which has tests of its own.
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db", "bench"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE = False  # tests switch it on where they test it
# One process: the memory cache is shared by everything a test does, as Redis is in production.
CONTENT_CACHE = True
