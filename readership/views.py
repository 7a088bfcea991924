"""Where js/reading.js reports that an article was shown, or read to its end.

A request of its own, after the page, so that a page served whole from the
cache is counted too and the article's render costs nothing more. It answers
204 with no body and no cookie, is never cached, touches no session (a
signed-in editor's is only read, to leave them out) and stores nothing but
one more in the day's count for the article.

It is exempt from CSRF (a reader has no token: the page may come from the
cache) and checks instead that the browser says the request comes from the
site itself (Sec-Fetch-Site, Origin), that the event is one it knows, and
that the article is live and public. Bots, editors, prefetching browsers and
readers who ask not to be tracked are answered the same and not counted; so
is a visitor past the limits below, so that nobody can inflate the figures.
"""

from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.rate_limit import Limit, visitor

from .counting import is_counted, is_same_origin, readable_article_id
from .models import ArticleTally

# The events the script sends, and the figure each adds one to.
EVENTS = {"view": "views", "end": "reads_to_end"}

# Per visitor address (hashed; a school shares one), for one article and
# event: a team that reads the same article in an hour, or a reader coming
# back to it, counts; reloading it all afternoon does not.
PER_ARTICLE = Limit("reading-article", 20, 60 * 60)
# Per visitor address, whatever the article: far more than anyone reads.
PER_VISITOR = Limit("reading-visitor", 300, 60 * 60)


def comes_from_the_site(request):
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return is_same_origin(origin, request)
    return fetch_site == "same-origin"


def within_limits(request, article_id, event):
    address = visitor(request)
    return PER_VISITOR.count(address) and PER_ARTICLE.count(f"{address} {article_id} {event}")


@csrf_exempt
@never_cache
@require_POST
def count(request):
    if not comes_from_the_site(request):
        return HttpResponseForbidden()
    figure = EVENTS.get(request.POST.get("event", ""))
    article_id = readable_article_id(request.POST.get("article"))
    if (
        figure is not None
        and article_id is not None
        and is_counted(request)
        and within_limits(request, article_id, figure)
    ):
        ArticleTally.add_one(article_id, figure)
    return HttpResponse(status=204)
