from django import template

from blog.models import BlogIndexPage

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
