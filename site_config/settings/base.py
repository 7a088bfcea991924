"""Settings shared by every environment, safe for production by default.

Everything that differs between machines comes from environment variables;
`dev.py` and `test.py` relax these defaults for local work.
"""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import database_settings, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable (or DEBUG=1 locally).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"


# Applications

INSTALLED_APPS = [
    "home",
    "pages",
    "blog",
    "themes",
    "authors",
    "resources",
    "newsletter",
    "contributions",
    "conversations",
    "privacy",
    "readership",
    "images",
    "users",
    "axes",
    "csp",
    "search",
    "caching",
    "core",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Wagtail's admin says "3 minutes ago" with humanize: installed, its Dutch is loaded.
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, so that cached pages carry the headers too.
    "csp.middleware.CSPMiddleware",
    # Admin previews (Wagtail's made-up page requests) may be framed by the admin.
    "core.middleware.PreviewFramingMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Before anything reads a request body.
    "core.middleware.PublicRequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304 Not Modified for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions, authentication and CSRF: a cache hit needs none of them.
    "caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site for the request without a query (after CommonMiddleware's host check).
    "caching.middleware.RememberedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Guest authors get only the admin views they need (users.admin_guard).
    "users.admin_guard.GuestAuthorAdminGuard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.seo",
            ],
        },
    },
]


# Database: DATABASE_URL, else an SQLite file under var/ for a first run.


DATABASES = {
    "default": database_settings(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# While the database is out of reach, readers get a 503 page (core/errors.py)
# that asks browsers and crawlers to come back after this many seconds.
DATABASE_RETRY_AFTER = int(os.environ.get("DATABASE_RETRY_AFTER", "60"))


# Cache: Redis when REDIS_URL is set (shared by all app servers), else local memory.

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "caching.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "directeurskamer",
            # django-redis; a Redis that hangs must not hang the site: give up
            # on it soon, and serve uncached (caching/redis.py).
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole pages for anonymous readers (caching/). On by default only with Redis:
# invalidation must reach every app server, which a per-process cache cannot.
PAGE_CACHE = env_bool("PAGE_CACHE", default=bool(REDIS_URL))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))
# Each app server keeps the pages it fetched from Redis this long (0: not at all),
# so a popular page costs no round trip; changes reach the others within this time.
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", 1))
# Costly results that are the same for every reader (related-article rankings,
# article counts) kept until the content changes; needs a shared cache too.
CONTENT_CACHE = env_bool("CONTENT_CACHE", default=bool(REDIS_URL))
# Settings whose values pages show (the privacy statement's retention periods):
# a deploy that changes one starts the page cache afresh, as new static files do.
PAGE_CACHE_SHOWN_SETTINGS = [
    "PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS",
    "PRIVACY_DOWNLOAD_REQUEST_DAYS",
    "PRIVACY_TASK_RESULT_DAYS",
    "NEWSLETTER_CONFIRMATION_MAX_AGE",
    "RESOURCE_DOWNLOAD_LINK_MAX_AGE",
    "PRIVACY_TEAM_CONVERSATION_DAYS",
    "NEWSLETTER_PREFERENCES_MAX_AGE",
]
# How long browsers may keep a page without asking again (CDNs use PAGE_CACHE_SECONDS).
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", 60))

# A CDN in front: Wagtail's frontend-cache app purges published pages from it.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    # A Varnish or similar proxy that accepts PURGE requests.
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }


# Users

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Logins (django-axes): after 5 failed attempts for one username from one
# address, that pair waits 15 minutes; a successful login resets the count. Per
# pair, so that nobody locks an editor out from elsewhere. The attempts are kept
# in the database, so a Redis restart forgets none.
AUTHENTICATION_BACKENDS = [
    # AxesBackend: the lockout check first; a ModelBackend too, as Wagtail's test tools expect.
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "users.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.rate_limit.client_address"

# How many proxies of our own (load balancer, CDN) stand before the site: the
# visitor's address is then taken from X-Forwarded-For (core.rate_limit).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Admin sessions last a working day, not Django's two weeks.
SESSION_COOKIE_AGE = 12 * 60 * 60


# Language and time: a Dutch site and a Dutch admin.

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
# Wagtail's login form labels its password field in English; this one in Dutch.
WAGTAILADMIN_USER_LOGIN_FORM = "users.forms.AdminLoginForm"


# Static and media files

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Let Django serve MEDIA_URL with DEBUG off: only for a one-machine production-mode run.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)

# Documents (the files of downloads) are not public media: they are kept apart and
# served only through Wagtail's document view, which checks a gated file's link.
DOCUMENTS_ROOT = Path(os.environ.get("DOCUMENTS_ROOT", VAR_DIR / "documents"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DOCUMENTS_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor posts many fields for long articles.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form data held in memory: Django's 2.5 MB, for the page editor's long articles.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440


# Security: on unless a relaxed settings module switches it off.

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Where the Wagtail admin lives, e.g. "beheer-7f3k": a less obvious path draws
# fewer password guessers (the login lockout stops the rest).
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin").strip("/")

# Content-Security-Policy (django-csp): the public site runs only its own
# scripts and styles from files, nothing inline. Wagtail's admin (and the
# previews in it) needs inline scripts and styles, so it goes without. Embeds
# show YouTube and Vimeo; another provider needs its origin in frame-src.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [f"/{ADMIN_PATH}/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}


# Search engines: staging (SEO_NOINDEX=1) and debug sites ask not to be indexed,
# in robots.txt and in every page's head.

SEO_NOINDEX = env_bool("SEO_NOINDEX", default=DEBUG)


# Wagtail

WAGTAIL_SITE_NAME = "De Directeurskamer"
# No avatars from gravatar.com: it would learn (a hash of) every admin user's address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The site's public address: the start of every absolute link, in pages, the
# sitemap, feeds and every mail (core.site_url); Wagtail's own mails use it too.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
# The description is the alt text: required on upload, with help saying so.
WAGTAILIMAGES_IMAGE_FORM_BASE = "images.forms.ImageForm"
# Uploads: photos only (no SVG, which can carry script), at most 10 MB and 40
# megapixels, so that one upload cannot exhaust a server's memory when resized.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# PostgreSQL's Dutch text-search configuration stems words: "scholen" finds "school".
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"] = {
        # Wagtail's PostgreSQL backend with index-friendly matching (search/backends.py).
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "dutch",
    }
WAGTAILDOCS_DOCUMENT_MODEL = "resources.CustomDocument"
# Only what an editor needs for downloads; nothing that a browser would run.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "pptx", "epub"]
# Always through Django, never a redirect to the storage: the gate must see every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every file is a download (saved, not opened in the browser's own viewer).
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False

# How long the link to a gated download, as mailed to the reader, keeps working.
RESOURCE_DOWNLOAD_LINK_MAX_AGE = int(
    os.environ.get("RESOURCE_DOWNLOAD_LINK_MAX_AGE", 7 * 24 * 60 * 60)
)

# The newsletter (see newsletter/). Times in seconds.
# How long the link in a confirmation mail keeps working.
NEWSLETTER_CONFIRMATION_MAX_AGE = int(
    os.environ.get("NEWSLETTER_CONFIRMATION_MAX_AGE", 7 * 24 * 60 * 60)
)
# How long the "my preferences" link in every newsletter mail keeps working.
NEWSLETTER_PREFERENCES_MAX_AGE = int(
    os.environ.get("NEWSLETTER_PREFERENCES_MAX_AGE", 365 * 24 * 60 * 60)
)
# Mails per batch: one connection to the mail server, and a claim on these deliveries.
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", 200))
# A delivery the mail server did not take is tried again later (newsletter.sending),
# and given up after this many attempts; editors can retry.
NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_MAX_ATTEMPTS", 10))

# Readers' stories and guest-blog pitches (see contributions/).
# Who is told that one arrived; empty: the active superusers with an address.
CONTRIBUTIONS_NOTIFY_EMAILS = env_list("CONTRIBUTIONS_NOTIFY_EMAILS")

# Retention (see privacy/): unconfirmed newsletter signups and download requests are
# deleted after this many days (manage.py purge_personal_data, daily).
PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS = int(
    os.environ.get("PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS", 30)
)
PRIVACY_DOWNLOAD_REQUEST_DAYS = int(os.environ.get("PRIVACY_DOWNLOAD_REQUEST_DAYS", 365))
# Finished background tasks' results (django-tasks-db) may hold an address from
# before tasks were careful about them, or from a fault: deleted after this many days.
PRIVACY_TASK_RESULT_DAYS = int(os.environ.get("PRIVACY_TASK_RESULT_DAYS", 30))
# A team conversation (conversations/: the questions, the answers, its links) is
# deleted this many days after it was started, unless its leader deleted it before.
PRIVACY_TEAM_CONVERSATION_DAYS = int(os.environ.get("PRIVACY_TEAM_CONVERSATION_DAYS", 30))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
