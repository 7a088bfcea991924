from django import template
from wagtail.models import Site

from resources.models import PromoBanner, ResourceIndexPage, ResourcePage

register = template.Library()


@register.simple_tag(takes_context=True)
def resource_index_page(context):
    """The live downloads page, for the site navigation; looked up once per request."""
    if isinstance(context.get("page"), ResourceIndexPage):
        return context["page"]
    request = context.get("request")
    if request is None:
        return ResourceIndexPage.objects.live().first()
    if not hasattr(request, "_resource_index_page"):
        request._resource_index_page = ResourceIndexPage.objects.live().first()
    return request._resource_index_page


@register.simple_tag(takes_context=True)
def promo_banner(context):
    """This site's banner if it is to be shown, else None; looked up once per request.

    Read without Wagtail's for_request(), which creates the setting's row on
    first use: a page view writes nothing (and so empties no page cache).
    """
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_promo_banner"):
        site = Site.find_for_request(request)
        banner = (
            PromoBanner.objects.filter(site=site).select_related("link_page").first()
            if site
            else None
        )
        request._promo_banner = banner if banner and banner.shown else None
    return request._promo_banner


@register.simple_tag
def theme_resources(theme, limit=4):
    """The newest live downloads on a theme, for its theme page."""
    return list(
        ResourcePage.objects.live()
        .public()
        .filter(tagged_items__tag=theme)
        .for_listing()
        .order_by("-first_published_at", "-pk")[:limit]
    )
