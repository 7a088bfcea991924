import django_filters
from django.utils.translation import gettext_lazy as _

from themes.models import Theme

from .choices import ResourceKind


def themes_with_resources(request):
    """Only themes that some live download carries: no choice leads to nothing."""
    return Theme.objects.filter(tagged_resources__content_object__live=True).distinct()


class ResourceFilter(django_filters.FilterSet):
    """The filters of the downloads page; the parameters are Dutch, like the site's URLs."""

    soort = django_filters.ChoiceFilter(
        field_name="kind",
        label=_("Kind"),
        choices=ResourceKind.choices,
        empty_label=_("All kinds"),
    )
    thema = django_filters.ModelChoiceFilter(
        field_name="tagged_items__tag",
        label=_("Theme"),
        to_field_name="slug",
        queryset=themes_with_resources,
        empty_label=_("All themes"),
    )
