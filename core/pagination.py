"""The page of a list that ?page= asks for."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _


def page_or_404(paginator, number):
    """Page `number` (the raw ?page= value) of `paginator`.

    A missing or garbage value ("abc", "-1", "0", "") is page 1, as the
    canonical link (core.templatetags.seo_tags) reads it, so an old or mistyped
    link still shows articles. A page number past the end is not there: 404,
    rather than the first or last page under an address of its own.
    """
    # ASCII digits only: str.isdigit() also accepts "¹", which int() refuses.
    if not (number and number.isascii() and number.isdigit()) or int(number) < 1:
        number = 1
    number = int(number)
    if number > paginator.num_pages:
        raise Http404(_("This page of the list does not exist."))
    return paginator.page(number)
