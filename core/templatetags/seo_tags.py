"""Tags for what search engines and social networks read in a page's head."""

import json

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.site_url import absolute_url as site_absolute_url

register = template.Library()

# Characters that could end a <script> element or open an HTML entity.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` (a path such as a rendition's) as an absolute URL on the site's address."""
    return site_absolute_url(url)


@register.simple_tag
def document_title(title):
    """`title` followed by the site's name, unless the title already holds it
    (the home page): never "De Directeurskamer | De Directeurskamer"."""
    site_name = gettext("De Directeurskamer")
    title = " ".join(str(title or "").split())
    if not title or site_name.casefold() in title.casefold():
        return title or site_name
    return f"{title} | {site_name}"


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without query parameters, except a page number past 1."""
    request = context["request"]
    url = site_absolute_url(request.path)
    page_number = request.GET.get("page", "")
    # ASCII digits only: str.isdigit() also accepts "¹", which int() refuses.
    if page_number.isascii() and page_number.isdigit() and int(page_number) > 1:
        url += f"?page={int(page_number)}"
    return url


@register.simple_tag
def json_ld(data):
    """Render structured data (a dict or a list of dicts) as a JSON-LD script."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
