"""Authors in the admin: the editors' listing, and a guest author's own profile."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.snippets.views.snippets import SnippetViewSet

from users.roles import is_guest_author

from .models import Author


class OwnAuthorProfileView(EditView):
    """A guest author's own profile: the bio and photo under their articles.

    Made from their account on first use; the name and address of the author
    page stay with the editors, and so do all other authors' profiles."""

    model = Author
    permission_required = None  # guest authors hold no author permissions at all
    panel = ObjectList([FieldPanel("bio"), FieldPanel("photo")]).bind_to_model(Author)
    page_title = _("Your author profile")
    header_icon = "user"
    success_message = _("Your author profile is saved.")

    def dispatch(self, request, *args, **kwargs):
        if not is_guest_author(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def object_pk(self):
        return self.get_object().pk

    def get_object(self, queryset=None):
        return Author.profile_of(self.request.user)

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_edit_url(self):
        return reverse("own_author_profile:edit")

    def get_success_url(self):
        return reverse("own_author_profile:edit")


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "role", "user"]
    list_filter = ["role"]
    search_fields = ["name", "role"]
    ordering = ["name"]
