"""The editors' admin page for guest authors: invite one, see who accepted,
send an open invitation again (registered in users.wagtail_hooks); and the
page after too many failed logins."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.site_url import site_url

from .forms import GuestAuthorInvitationForm
from .invitations import (
    INVITE_PERMISSION,
    InvitationRefused,
    guest_authors,
    invite_again,
    invite_guest_author,
    is_open_invitation,
)
from .roles import GUEST_AUTHORS

# users.wagtail_hooks registers these views under this name.
INDEX_URL_NAME = "guest_authors:index"


class InvitePermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        # Wagtail's admin turns this into its "no permission" message and redirect.
        if not request.user.has_perm(INVITE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def report(request, invitation):
    """Tell the editor what happened to the invitation."""
    user = invitation.user
    values = {"name": user.get_full_name(), "email": user.email}
    if not invitation.sent:
        messages.error(
            request,
            _(
                "The account for %(email)s is ready, but the invitation could not be sent. "
                "Try again later with “Invite again”."
            )
            % values,
        )
    elif invitation.created:
        messages.success(request, _("%(name)s is invited: the email went to %(email)s.") % values)
    else:
        messages.success(
            request,
            _("%(name)s was already invited: a new link went to %(email)s.") % values,
        )


class GuestAuthorsView(InvitePermissionMixin, WagtailAdminTemplateMixin, FormView):
    """The invitation form, and below it every guest author and whether they accepted."""

    template_name = "users/guest_authors.html"
    form_class = GuestAuthorInvitationForm
    page_title = _("Guest authors")
    header_icon = "user"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_success_url(self):
        return reverse(INDEX_URL_NAME)

    def form_valid(self, form):
        try:
            invitation = invite_guest_author(
                form.cleaned_data["name"],
                form.cleaned_data["email"],
                base_url=site_url(),
            )
        except InvitationRefused as refused:
            form.add_error("email", str(refused))
            return self.form_invalid(form)
        report(self.request, invitation)
        return super().form_valid(form)

    def form_invalid(self, form):
        messages.validation_error(
            self.request, _("The invitation could not be sent. Please correct the errors."), form
        )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        authors = list(guest_authors())
        for author in authors:
            author.open_invitation = is_open_invitation(author)
        context["guest_authors"] = authors
        context["group_name"] = GUEST_AUTHORS
        return context


class InviteAgainView(InvitePermissionMixin, View):
    """A new link for an open invitation (POST only, from the list's button)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        user = get_object_or_404(guest_authors(), pk=pk)
        if not is_open_invitation(user):
            messages.error(
                request,
                _("%(name)s has no open invitation: nothing was sent.")
                % {"name": user.get_full_name()},
            )
            return redirect(INDEX_URL_NAME)
        try:
            report(request, invite_again(user, base_url=site_url()))
        except InvitationRefused as refused:  # another account has the address as well
            messages.error(request, str(refused))
        return redirect(INDEX_URL_NAME)


def locked_out(request, original_response, credentials):
    """django-axes' answer once a username and address failed too often."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "users/locked_out.html", {"minutes": minutes}, status=429)
