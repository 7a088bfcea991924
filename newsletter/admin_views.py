"""The newsletter in the admin, for editors: who subscribed (a record of what a
reader sent, see core.reader_records) and how the mailing of each article went,
with a way to send its failed mails again. Registered in newsletter.wagtail_hooks."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from core.reader_records import (
    ReaderRecordInspectView,
    ViewAndDeletePermissionPolicy,
    date_range_filter,
)

from .models import Delivery, Mailing, Subscriber
from .tasks import send_mailing

# Lets an editor send a mailing's failed deliveries again (see Mailing.Meta).
RETRY_PERMISSION = "newsletter.retry_mailing"

# Subscribers


class SubscriberFilterSet(WagtailFilterSet):
    created_at = date_range_filter("created_at", _("Signed up between"))

    class Meta:
        model = Subscriber
        fields = ["status", "source", "created_at"]


class SubscriberInspectView(ReaderRecordInspectView):
    def get_email_display_value(self):
        return self.object.email_shown()


# Mailings

# The columns of a mailing's figures: its deliveries counted per status.
DELIVERY_COUNTS = {
    # Being sent is still on its way, as far as an editor is concerned.
    "queued": (Delivery.Status.PENDING.label, [Delivery.Status.PENDING, Delivery.Status.SENDING]),
    "sent": (Delivery.Status.SENT.label, [Delivery.Status.SENT]),
    "failed": (Delivery.Status.FAILED.label, [Delivery.Status.FAILED]),
    "cancelled": (Delivery.Status.CANCELLED.label, [Delivery.Status.CANCELLED]),
}


def with_delivery_counts(mailings):
    """Each mailing with its figures, counted in the query that fetches it."""
    return mailings.select_related("page").annotate(
        **{
            name: Count("deliveries", filter=Q(deliveries__status__in=statuses))
            for name, (label, statuses) in DELIVERY_COUNTS.items()
        }
    )


class MailingPermissionPolicy(ViewAndDeletePermissionPolicy):
    """A mailing is made when its article goes live, and is the only record of
    who was sent what: nobody adds, edits or deletes one in the admin."""

    refused_actions = frozenset({"add", "change", "delete"})


def article_edit_url(mailing):
    return reverse("wagtailadmin_pages:edit", args=[mailing.page_id])


class ArticleEditLinkColumn(Column):
    cell_template_name = "newsletter/admin/article_edit_link_cell.html"

    def get_value(self, instance):
        return article_edit_url(instance)


class MailingInspectView(ReaderRecordInspectView):
    """The mailing's figures, and the button that sends its failed deliveries again."""

    retry_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(with_delivery_counts(Mailing.objects), pk=self.pk)

    def get_field_label(self, field_name, field):
        if field_name in DELIVERY_COUNTS:
            return DELIVERY_COUNTS[field_name][0]
        return super().get_field_label(field_name, field)

    def get_page_display_value(self):
        return format_html(
            '{} (<a href="{}">{}</a>)',
            self.object.page.title,
            article_edit_url(self.object),
            gettext("Edit article"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.failed and self.request.user.has_perm(RETRY_PERMISSION):
            context["retry_url"] = reverse(self.retry_url_name, args=[self.object.pk])
        return context


class RetryFailedDeliveriesView(View):
    """Give a mailing's failed deliveries a fresh set of attempts (once the mail
    server or the address is put right) and send them."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        if not request.user.has_perm(RETRY_PERMISSION):
            raise PermissionDenied
        mailing = get_object_or_404(Mailing, pk=pk)
        retried = mailing.retry_failed()
        if retried:
            # After the commit, so that the task finds the deliveries pending.
            transaction.on_commit(lambda: send_mailing.enqueue(mailing.pk))
            messages.success(
                request,
                ngettext(
                    "%(count)d delivery will be tried again.",
                    "%(count)d deliveries will be tried again.",
                    retried,
                )
                % {"count": retried},
            )
        else:
            messages.warning(
                request,
                gettext("No failed delivery can be tried again: their subscribers have left."),
            )
        return redirect(self.inspect_url_name, mailing.pk)
