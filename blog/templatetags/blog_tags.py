from django import template

from blog.models import BlogIndexPage
from blog.models.article import card_prefetches
from caching import fragments
from core.cards import page_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def blog_index_page(context):
    """The live blog index, for the site navigation.

    Pages that already know it put it in their context; elsewhere it is looked
    up once per request.
    """
    if context.get("blog_index"):
        return context["blog_index"]
    if isinstance(context.get("page"), BlogIndexPage):
        return context["page"]
    request = context.get("request")
    if request is None:
        return BlogIndexPage.objects.live().first()
    if not hasattr(request, "_blog_index_page"):
        request._blog_index_page = BlogIndexPage.objects.live().first()
    return request._blog_index_page


@register.simple_tag(takes_context=True)
def newest_articles(context, limit=3):
    """The newest live, public articles (for the page-not-found page)."""
    blog = blog_index_page(context)
    if blog is None:
        return []
    return list(blog.articles().newest_first()[:limit])


@register.simple_tag(takes_context=True)
def article_cards(context, articles, heading_level=2, excerpts=False):
    """The HTML of each article's card (includes/article_card.html, core.cards)."""
    return page_cards(
        context,
        "includes/article_card.html",
        "article",
        articles,
        heading_level=heading_level,
        excerpts=excerpts,
        prefetch=card_prefetches(),
    )


@register.simple_tag(takes_context=True)
def author_cards(context, authors, blog_index):
    """The HTML of each author's card under an article, kept as article_cards()."""
    return fragments.render_template_many(
        context.get("request"),
        "includes/author_card.html",
        authors,
        context=lambda author: {"author": author, "blog_index": blog_index},
        vary=lambda author: (author.pk, blog_index.pk),
        prefetch=("photo__renditions",),
    )
