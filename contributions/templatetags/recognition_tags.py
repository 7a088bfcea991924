from django import template

from contributions import wall

register = template.Library()


@register.simple_tag
def wall_excerpt(page):
    """{"sentences": [...], "wall_url": ...}: up to three approved sentences of
    the article's themes (contributions.wall.excerpt), remembered per set of
    themes; none for a page without themes."""
    tagged = getattr(page, "tagged_items", None)
    if tagged is None:
        return {"sentences": [], "wall_url": None}
    return wall.excerpt(item.tag_id for item in tagged.all())


@register.simple_tag
def recognition_wall_url():
    """The address of the page *Herkenning*, or None (contributions.wall.wall_url)."""
    return wall.wall_url()
