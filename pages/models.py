"""Pages of plain content: the privacy statement, the about page and the like."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.blocks import ArticleBodyBlock
from core.pages import IntroductionMixin, ViewRestrictionsInOneQuery
from core.site_url import SiteUrlPageMixin

from .blocks import PrivacyStatementBodyBlock


class ContentPageBase(IntroductionMixin, ViewRestrictionsInOneQuery, SiteUrlPageMixin, Page):
    """A title, an introduction and a body of the article's blocks, under the home page.

    Ticking "show in menus" (promote tab) lists the page in the footer.
    """

    content_panels = [*IntroductionMixin.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True


class ContentPage(ContentPageBase):
    """An ordinary page of text, such as *Over De Directeurskamer*."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)

    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class PrivacyPage(ContentPageBase):
    """The privacy statement: what the site stores, why, how long and who sees it.

    The footer and every consent text link to it. How long comes from the
    settings (the retention block), the contact address from this page.
    """

    contact_email = models.EmailField(
        _("address for privacy requests"),
        help_text=_(
            "Where readers ask for a copy of their data or for its deletion; "
            "shown in the block 'Copy or erasure'."
        ),
    )
    body = StreamField(PrivacyStatementBodyBlock(), verbose_name=_("body"))

    content_panels = [*ContentPageBase.content_panels, FieldPanel("contact_email")]

    max_count = 1
    template = "pages/privacy_page.html"

    class Meta:
        verbose_name = _("privacy statement")
        verbose_name_plural = _("privacy statements")
