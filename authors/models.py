"""The people whose names stand above articles: the blog's own writer and guests."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .forms import AuthorForm


class Author(index.Indexed, models.Model):
    """Someone whose name stands above articles: the blog's own writer or a guest."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("Used in the address of the author page."),
    )
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_("For example: schoolleider, gastauteur."),
    )
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = AuthorForm

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def profile_of(cls, user):
        """The user's own author profile, made from their account on first use."""
        try:
            return user.author_profile
        except cls.DoesNotExist:
            pass
        name = user.get_full_name() or user.get_username()
        base = slugify(name, allow_unicode=True)[:90] or "auteur"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        with translation.override(settings.LANGUAGE_CODE):
            role = str(_("guest author"))
        profile = cls.objects.create(name=name, slug=slug, user=user, role=role)
        user.author_profile = profile
        return profile
