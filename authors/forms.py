"""The admin form of an author profile: the editors' and a guest author's own."""

from wagtail.admin.forms import WagtailAdminModelForm

from core.chosen_media import ChosenMediaFormMixin


class AuthorForm(ChosenMediaFormMixin, WagtailAdminModelForm):
    """Takes only a photo its user may choose: a guest author their own
    upload (the profile goes live at once, without review)."""
