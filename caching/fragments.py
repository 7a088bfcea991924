"""Rendered pieces of pages, kept until the content changes.

A page that is not served whole from the page cache (the first request after a
publish, a signed-in editor, a preview) still shows much that other pages show
too: article, download and author cards, the navigation, the sign-up form.
Each such piece is rendered once and then read back, a list of ten cards in
one round trip to the cache instead of their queries and templates.

A piece is stored under what it shows (the item and its arguments), the
content generation (page_cache), the release and the language. Whatever bumps
the generation (a page published, an author, image or setting saved, a view
restriction) leaves every piece stale at once, as it does whole pages, so no
piece is ever older than a whole cached page could be. A piece holds only
what is the same for every visitor: no CSRF token, no user, no form errors.

Only with CONTENT_CACHE (a cache shared by every app server); otherwise, and
while the cache is out of reach, every piece is rendered.
"""

import logging

from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import page_cache

logger = logging.getLogger(__name__)

# Stale pieces (of an earlier generation) are never read again; this lets them go.
FRAGMENT_SECONDS = 60 * 60

_UNSET = object()


def version(request):
    """(generation, release and language) that every piece of this request's
    page is stored under, or None when pieces are not kept (no shared cache,
    no request, the cache out of reach).

    Read once per request: pieces rendered after a change made meanwhile are
    stored under the generation from before it, and so are never read again.
    """
    if request is None or not settings.CONTENT_CACHE:
        return None
    found = getattr(request, "_fragment_version", _UNSET)
    if found is _UNSET:
        try:
            found = (page_cache.current_generation(), f"{page_cache.release()}:{get_language()}")
        except Exception:
            logger.warning("Cache unavailable; rendering every piece", exc_info=True)
            found = None
        request._fragment_version = found
    return found


def render_many(request, name, items, vary, render):
    """The HTML of each of `items`, in order: kept ones from the cache, the
    others from render(missing items) (a list of HTML in the same order).

    vary(item) is what the piece shows besides the content: the item's
    primary key and any argument that changes its HTML. Only the missing
    items reach render(), so what a card needs (images, authors) is loaded
    for those alone.
    """
    items = list(items)
    current = version(request)
    if current is None or not items:
        return [mark_safe(html) for html in render(items)]
    generation, release = current
    keys = [make_template_fragment_key(name, [release, *vary(item)]) for item in items]
    try:
        found = page_cache.get_current(keys, generation)
    except Exception:
        logger.warning("Cache unavailable; rendering %s", name, exc_info=True)
        found = {}
    missing = [index for index, key in enumerate(keys) if key not in found]
    if missing:
        rendered = dict(
            zip(
                (keys[index] for index in missing),
                render([items[index] for index in missing]),
                strict=True,
            )
        )
        try:
            page_cache.set_current(rendered, generation, FRAGMENT_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; %s not stored", name, exc_info=True)
        found.update(rendered)
    return [mark_safe(found[key]) for key in keys]


def render_one(request, name, vary, render):
    """render()'s HTML (a piece that varies by the values in `vary`), kept as above."""
    return render_many(request, name, [vary], lambda values: values, lambda _: [render()])[0]


def render_template_many(request, template_name, items, *, context, vary, prefetch=()):
    """The template rendered for each of `items` with context(item), kept as in
    render_many(); the lookups in `prefetch` (for prefetch_related_objects) are
    loaded for the missing items alone, in one query each.

    The template gets the request as `request`, but not the context
    processors' variables: a piece is the same for every visitor.
    """

    def render(missing):
        if prefetch and missing:
            prefetch_related_objects(missing, *prefetch)
        template = get_template(template_name)
        return [template.render({"request": request, **context(item)}) for item in missing]

    return render_many(request, template_name, items, vary, render)
