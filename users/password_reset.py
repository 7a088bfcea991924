"""Wagtail's "forgot password" form, limited like the site's public forms.

Routed at Wagtail's own URL, ahead of its admin URLs (site_config.urls); the
confirm link in the mail, and so the invitations (users.invitations), are
still Wagtail's.

Whether an address has an account is never told: every address is counted,
and every answer is the same, with or without one. Nor does the answer take
longer with one: the mail is queued for the task worker (users.tasks), not
sent while the visitor waits.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import PasswordResetView, get_password_reset_form

from core import rate_limit

from .tasks import send_password_reset

# Reset mails an hour per inbox: one lost mail and a retry or two. Per visitor
# address: the site has a handful of accounts, a few editors and guest authors,
# seldom more than one or two at one school behind one address.
RESET_LIMITS = rate_limit.per_hour("password-reset", per_mailbox=3, per_visitor=10)

TOO_MANY_RESETS = _(
    "A new password was requested for this address several times in the last hour. "
    "Please look in your inbox (and spam folder) for the email, or try again in an hour."
)


class QueuedPasswordResetForm(get_password_reset_form()):
    """Wagtail's form, with its mail queued by account id (users.tasks)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        send_password_reset.enqueue(context["user"].pk, context["protocol"], context["domain"])


class LimitedPasswordResetView(PasswordResetView):
    def get_form_class(self):
        return QueuedPasswordResetForm

    def form_valid(self, form):
        with RESET_LIMITS.attempt(self.request, form.cleaned_data["email"]) as refused:
            if refused is None:
                return super().form_valid(form)
        form.add_error(None, refused.message or TOO_MANY_RESETS)
        response = self.form_invalid(form)
        response.status_code = 429
        return response
