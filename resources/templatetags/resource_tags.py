from django import template
from wagtail.models import Site

from caching.page_cache import remember
from core.cards import page_cards
from resources.models import PromoBanner, ResourceIndexPage, ResourcePage

register = template.Library()


# What every page shows of this app (the Downloads link, the banner) is
# remembered until the content changes: no queries on most page views.
SITE_PARTS_CACHE_SECONDS = 60 * 60


def site_parts(request):
    """This site's live downloads page and its banner (None when not shown),
    worked out once per request and remembered between requests.

    The banner is read without Wagtail's for_request(), which creates the
    setting's row on first use: a page view writes nothing (and so empties
    no page cache).
    """
    if not hasattr(request, "_resource_site_parts"):
        site = Site.find_for_request(request)

        def compute():
            banner = PromoBanner.objects.filter(site=site).select_related("link_page").first()
            return (
                ResourceIndexPage.objects.live().first(),
                banner if banner and banner.shown else None,
            )

        request._resource_site_parts = remember(
            f"resource-site-parts:{site.pk if site else None}", compute, SITE_PARTS_CACHE_SECONDS
        )
    return request._resource_site_parts


@register.simple_tag(takes_context=True)
def resource_index_page(context):
    """The live downloads page, for the site navigation."""
    if isinstance(context.get("page"), ResourceIndexPage):
        return context["page"]
    request = context.get("request")
    if request is None:
        return ResourceIndexPage.objects.live().first()
    return site_parts(request)[0]


@register.simple_tag(takes_context=True)
def promo_banner(context):
    """This site's banner if it is to be shown, else None: also None on the
    page the banner advertises (and so on its thank-you page, which that page
    renders), where it would offer what the reader is already looking at."""
    request = context.get("request")
    banner = site_parts(request)[1] if request is not None else None
    page = context.get("page")
    if banner is not None and getattr(page, "pk", None) == banner.link_page_id:
        return None
    return banner


@register.simple_tag
def theme_resources(theme, limit=4):
    """The newest live downloads on a theme, for its theme page, remembered
    until the content changes (publishing a download bumps the generation)."""
    return remember(
        f"theme-resources:{theme.pk}:{limit}",
        lambda: list(
            ResourcePage.objects.live()
            .public()
            .filter(tagged_items__tag=theme)
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()[:limit]
        ),
        SITE_PARTS_CACHE_SECONDS,
    )


@register.simple_tag(takes_context=True)
def resource_cards(context, resources, heading_level=2, excerpts=False):
    """The HTML of each download's card (includes/resource_card.html, core.cards)."""
    return page_cards(
        context,
        "includes/resource_card.html",
        "resource",
        resources,
        heading_level=heading_level,
        excerpts=excerpts,
        prefetch=ResourcePage.card_prefetches,
    )
