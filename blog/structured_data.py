"""schema.org data (JSON-LD) for articles and the pages around them."""

import datetime

from django.templatetags.static import static
from django.utils import timezone

from core.site_url import absolute_url

# The site's icon (static/img/favicon.svg) drawn at 512×512: search engines want
# a raster logo of at least 112 pixels square.
PUBLISHER_LOGO = {"path": "img/logo-512.png", "width": 512, "height": 512}


def published_at(article):
    """When the article appeared, as a moment with its time zone.

    An editor's publication date is a day: the moment of first publication
    when that fell on the same day, else the start of that day, in the
    site's time zone.
    """
    day = article.publication_date
    first = article.first_published_at or article.latest_revision_created_at
    if isinstance(day, datetime.datetime):
        return timezone.localtime(day) if timezone.is_aware(day) else timezone.make_aware(day)
    if day is None:
        return timezone.localtime(first) if first else None
    if first and timezone.localdate(first) == day:
        return timezone.localtime(first)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def publisher(request):
    """The Organization that publishes the blog, with its logo."""
    return {
        "@type": "Organization",
        "name": "De Directeurskamer",
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(PUBLISHER_LOGO["path"])),
            "width": PUBLISHER_LOGO["width"],
            "height": PUBLISHER_LOGO["height"],
        },
    }


def breadcrumb_list(request, trail):
    """A BreadcrumbList for `trail`: (name, path) pairs from the home page down."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def blog_posting(request, article, authors, image_url=None):
    """A BlogPosting for an article; `authors` are the names and pages to credit.

    A page of None credits a name without a page (the stand-in of an article
    published anonymously).
    """
    published = published_at(article)
    modified = article.last_published_at or article.latest_revision_created_at
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.seo_title or article.title,
        "description": article.search_description or article.subtitle,
        "inLanguage": "nl-NL",
        "mainEntityOfPage": absolute_url(article.get_url(request)),
        "datePublished": published.isoformat() if published else None,
        "dateModified": timezone.localtime(modified).isoformat() if modified else None,
        "author": [_person(request, name, path) for name, path in authors],
        "publisher": publisher(request),
    }
    if image_url:
        data["image"] = absolute_url(image_url)
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _person(request, name, path):
    person = {"@type": "Person", "name": name}
    if path is not None:
        person["url"] = absolute_url(path)
    return person
