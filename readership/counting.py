"""Who is counted, and for which article.

Counted are readers: not bots, not signed-in editors or guest authors, not a
browser fetching a page ahead of time, and not a reader whose browser asks
not to be tracked (`DNT: 1`, `Sec-GPC: 1`). Nothing about them is kept: the
user agent is looked at here and forgotten; the visitor's address goes only
into the limits per visitor (core.rate_limit), hashed, for an hour.

The article a download, story or signup came from is named by the form's
same-origin Referer (the site's Referrer-Policy, strict-origin-when-cross-
origin, sends the whole address within the site): either the article itself
(its newsletter form posts from it) or a page the reader opened from it,
whose address then carries `?van=<article id>` (js/reading.js adds that to
the article's links to downloads and to the story and guest-blog forms).
"""

import re
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from wagtail.models import Site

from blog.models import ArticlePage
from caching.page_cache import remember

# The query parameter that names the article a page was opened from.
FROM_PARAMETER = "van"

READABLE_CACHE_SECONDS = 60 * 60

# Crawlers, link previews, monitors, scripts and headless browsers. Real
# browsers all say "Mozilla/5.0"; anything without it is no reader either.
BOT_AGENTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrape|archiv|fetch|preview|monitor|uptime|"
    r"checker|validator|lighthouse|pagespeed|headless|phantom|selenium|puppeteer|"
    r"playwright|python|curl|wget|httpie|java/|okhttp|go-http|node-fetch|axios|"
    r"libwww|facebookexternalhit|embedly|whatsapp|telegram|discord|skype|bing|"
    r"yandex|baidu|duckduck|qwant|ecosia|mediapartners|adsbot|feed|rss",
    re.IGNORECASE,
)

# Headers with which browsers fetch a page or resource ahead of the reader.
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_bot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return "Mozilla/" not in agent or bool(BOT_AGENTS.search(agent))


def is_prefetch(request):
    return any(
        word in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS
        for word in ("prefetch", "prerender", "preview")
    )


def asks_not_to_be_tracked(request):
    return request.META.get("HTTP_DNT") == "1" or request.META.get("HTTP_SEC_GPC") == "1"


def is_signed_in(request):
    """Editors and guest authors (readers have no accounts), checked only
    when the request carries a session: a reader's needs no lookup."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def is_counted(request):
    """Whether this request is a reader's, to be counted."""
    return not (
        is_bot(request)
        or is_prefetch(request)
        or asks_not_to_be_tracked(request)
        or is_signed_in(request)
    )


def site_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def is_same_origin(origin, request):
    return origin == site_origin(request) or origin in settings.CSRF_TRUSTED_ORIGINS


def readable_articles():
    """{path on the site: article id} of every live, public article, and the
    set of their ids; remembered until the content next changes (publishing,
    unpublishing, moving, a view restriction: caching.signals)."""

    def find():
        roots = [root.root_path for root in Site.get_site_root_paths()]
        by_path, ids = {}, set()
        for pk, url_path in ArticlePage.objects.live().public().values_list("pk", "url_path"):
            ids.add(pk)
            for root in roots:
                if url_path.startswith(root):
                    by_path[url_path[len(root) - 1 :]] = pk
        return by_path, ids

    return remember("readable-articles", find, READABLE_CACHE_SECONDS)


def readable_article_id(value):
    """The id of a live, public article from `value` (text from a request), or None."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    article_id = int(value)
    return article_id if article_id in readable_articles()[1] else None


def article_came_from(request):
    """The live, public article the reader came from to send this form, or None
    (see the module's docstring)."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or len(referer) > 2000:
        return None
    try:
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    except ValueError:
        return None
    if not is_same_origin(origin, request):
        return None
    by_path, _ids = readable_articles()
    if parts.path in by_path:
        return by_path[parts.path]
    named = parse_qs(parts.query).get(FROM_PARAMETER, [""])[0]
    return readable_article_id(named)
