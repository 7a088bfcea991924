from django import template

from pages import links

register = template.Library()


@register.simple_tag(takes_context=True)
def site_links(context):
    """The footer's links and the privacy statement's (pages.links.SiteLinks).

    Also inside inclusion tags (the newsletter form), whose context keeps the
    request as an attribute only.
    """
    request = getattr(context, "request", None) or context.get("request")
    return links.for_request(request) if request is not None else links.NO_LINKS
