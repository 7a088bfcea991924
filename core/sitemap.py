"""The sitemap: Wagtail's pages (each page's get_sitemap_urls), and the
public pages that are Django views rather than pages of the tree."""

from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from .site_url import absolute_url

# By URL name: the forms for readers, which are no pages in the Wagtail tree.
VIEWS_IN_THE_SITEMAP = ["contributions:story", "contributions:pitch", "newsletter:signup"]


class SiteSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if int(page) == 1:
            urls += [{"location": absolute_url(reverse(name))} for name in VIEWS_IN_THE_SITEMAP]
        return urls
