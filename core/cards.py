"""Lists of page cards (an article's, a download's): each card rendered once per
content generation (caching.fragments), the images and whatever else a card
shows loaded for the cards not kept only."""

from caching import fragments


def page_cards(context, template_name, name, pages, *, heading_level, excerpts, prefetch):
    """The HTML of each page's card: `template_name` with the page as `name`,
    its heading at `heading_level`, and with excerpts its `search_excerpt`
    (a search result's, so each search keeps its own)."""

    def excerpt(page):
        return page.search_excerpt if excerpts else ""

    return fragments.render_template_many(
        context.get("request"),
        template_name,
        pages,
        context=lambda page: {
            name: page,
            "heading_level": heading_level,
            "excerpt": excerpt(page),
        },
        vary=lambda page: (page.pk, heading_level, excerpt(page)),
        prefetch=prefetch,
    )
