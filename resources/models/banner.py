import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="info-circle")
class PromoBanner(BaseSiteSetting):
    """The strip across the top of every page, normally promoting the free e-book."""

    enabled = models.BooleanField(_("show the banner"), default=False)
    text = models.CharField(
        _("text"),
        max_length=140,
        blank=True,
        help_text=_(
            "One short sentence, e.g. 'Download gratis het e-book over morele reflectie'."
        ),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("links to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_text = models.CharField(
        _("link text"),
        max_length=40,
        blank=True,
        help_text=_("Leave empty for 'Download gratis'."),
    )

    select_related = ["link_page"]

    panels = [
        FieldPanel("enabled"),
        FieldPanel("text"),
        PageChooserPanel("link_page"),
        FieldPanel("link_text"),
    ]

    class Meta:
        verbose_name = _("banner")
        verbose_name_plural = _("banners")

    def clean(self):
        super().clean()
        if self.enabled and not (self.text and self.link_page_id):
            raise ValidationError(_("A banner that is shown needs a text and a page to link to."))

    @property
    def shown(self):
        return (
            self.enabled and bool(self.text) and self.link_page is not None and self.link_page.live
        )

    @property
    def version(self):
        """Changes with the banner's message, so a visitor who dismissed an
        earlier banner sees a new one."""
        message = f"{self.text}\n{self.link_page_id}\n{self.link_text}"
        return hashlib.sha256(message.encode()).hexdigest()[:12]
