import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from wagtail.query import PageQuerySet

from blog.models import ArticlePage
from core.pagination import page_or_404
from resources.models import ResourcePage

# Longer queries are not something a reader types; refusing them keeps the
# search backend away from pasted pages of text.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
EXCERPT_LENGTH = 220
# Matching downloads shown with the first page of articles.
MAX_DOWNLOADS = 4


def search(request):
    # A NUL character is never meant, and has no place in the page we echo the query in.
    query = request.GET.get("q", "").replace("\x00", "").strip()
    context = {"query": query, "max_query_length": MAX_QUERY_LENGTH}
    if len(query) > MAX_QUERY_LENGTH:
        context["query_too_long"] = True
    elif query:
        # Search for the words only: quotes, operators and wildcards mean nothing
        # to a reader, and some break SQLite's full-text query syntax.
        terms = re.findall(r"\w+", query)
        found = search_articles(" ".join(terms)) if terms else []
        results = page_or_404(Paginator(found, RESULTS_PER_PAGE), request.GET.get("page"))
        for article in results:
            article.search_excerpt = excerpt(article.body_text(), terms)
        context["results"] = results
        # The downloads are few: the matching ones above the first page of articles.
        downloads = []
        if terms and results.number == 1:
            downloads = list(search_downloads(" ".join(terms))[:MAX_DOWNLOADS])
            for resource in downloads:
                resource.search_excerpt = excerpt(resource.search_text(), terms)
        context["downloads"] = downloads
        context["result_count"] = results.paginator.count + len(downloads)
    return TemplateResponse(request, "search/search.html", context)


def search_articles(query):
    # Wagtail's own public() filters on page paths, which a search backend can
    # apply (the listings' subquery variant is not something it understands).
    # What the cards show besides the article is loaded by the cards
    # (blog_tags.article_cards), for those not kept from an earlier page only.
    #
    # On PostgreSQL (search/backends.py) articles with the words in their title
    # come first, then the newest; elsewhere Wagtail's own relevance decides.
    articles = PageQuerySet.public(ArticlePage.objects.live())
    return articles.newest_first().search(query)


def search_downloads(query):
    # As search_articles(): public() as a filter the search backend can apply;
    # the newest first where the backend keeps the queryset's order.
    resources = PageQuerySet.public(ResourcePage.objects.live())
    return resources.order_by("-first_published_at", "-pk").search(query)


def excerpt(text, terms, length=EXCERPT_LENGTH):
    """About `length` characters of text around a match, as HTML.

    The text is escaped; only the <mark> around each whole-word match of a
    term is markup. Without a match (a stemmed one, or one in the title only)
    it is the opening of the text.
    """
    text = " ".join(text.split())
    start = 0
    match = _first_match(text, terms)
    if match and match.start() > length // 3:
        # Start on a word boundary, with some context before the match.
        start = text.find(" ", match.start() - length // 3) + 1
    end = len(text)
    if end - start > length:
        end = text.rfind(" ", start, start + length)
        if end <= start:
            end = start + length
    window = text[start:end]
    if terms:
        # split() with one capturing group alternates between text and matches.
        alternatives = "|".join(re.escape(term) for term in set(terms))
        parts = re.split(rf"\b({alternatives})\b", window, flags=re.IGNORECASE)
    else:
        parts = [window]
    html = "".join(
        format_html("<mark>{}</mark>", part) if i % 2 else escape(part)
        for i, part in enumerate(parts)
    )
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))


def _first_match(text, terms):
    # The longest term is the likeliest to be what the reader is after ("de schorsing").
    for term in sorted(terms, key=len, reverse=True):
        match = re.search(rf"\b{re.escape(term)}\b", text, flags=re.IGNORECASE)
        if match:
            return match
    return None
