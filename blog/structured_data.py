"""schema.org data (JSON-LD) for articles and the pages around them."""

from django.utils import timezone

from core.site_url import absolute_url


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
    home = absolute_url("/")
    published = article.display_date
    modified = article.last_published_at or article.latest_revision_created_at
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.seo_title or article.title,
        "description": article.search_description or article.subtitle,
        "inLanguage": "nl-NL",
        "mainEntityOfPage": absolute_url(article.url),
        "datePublished": published.isoformat() if published else None,
        "dateModified": timezone.localtime(modified).isoformat() if modified else None,
        "author": [_person(request, name, path) for name, path in authors],
        "publisher": {"@type": "Organization", "name": "De Directeurskamer", "url": home},
    }
    if image_url:
        data["image"] = absolute_url(image_url)
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _person(request, name, path):
    person = {"@type": "Person", "name": name}
    if path is not None:
        person["url"] = absolute_url(path)
    return person
