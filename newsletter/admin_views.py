"""The newsletter in the admin, for editors: who subscribed (a record of what a
reader sent, see core.reader_records) and how the mailing of each article went,
with a way to send its failed mails again. Registered in newsletter.wagtail_hooks."""

import smtplib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.models import Page

from core.mail import describe
from core.reader_records import (
    ReaderRecordInspectView,
    ViewAndDeletePermissionPolicy,
    date_range_filter,
)

from . import audience
from .models import Delivery, Mailing, Subscriber
from .sending import ArticleMail
from .tasks import send_mailing

# Lets an editor send a mailing's failed deliveries again (see Mailing.Meta).
RETRY_PERMISSION = "newsletter.retry_mailing"
# Lets an editor hold back what a mailing has not sent yet.
STOP_PERMISSION = "newsletter.stop_mailing"
# Lets a user see how many subscribers there are, and so what an article's mailing
# will reach; guest authors never have it (they see no readers' data).
SUBSCRIBERS_PERMISSION = "newsletter.view_subscriber"
# Lets a user preview an article's mail and send it to themselves as a test.
MAILING_PERMISSION = "newsletter.view_mailing"

# Subscribers


class SubscriberFilterSet(WagtailFilterSet):
    created_at = date_range_filter("created_at", _("Signed up between"))

    class Meta:
        model = Subscriber
        fields = ["status", "source", "preference", "created_at"]


class SubscriberInspectView(ReaderRecordInspectView):
    def get_email_display_value(self):
        return self.object.email_shown()

    def get_themes_display_value(self):
        return self.object.chosen_themes() or "-"


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
    """The editor of the mailing's article; none for a digest."""
    if mailing.page_id is None:
        return ""
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
        if self.object.is_digest:
            return str(self.object)
        return format_html(
            '{} (<a href="{}">{}</a>)',
            self.object.page.title,
            article_edit_url(self.object),
            gettext("Edit article"),
        )

    stop_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if self.object.failed and not self.object.stopped_at and user.has_perm(RETRY_PERMISSION):
            context["retry_url"] = reverse(self.retry_url_name, args=[self.object.pk])
        if self.object.can_stop() and user.has_perm(STOP_PERMISSION):
            context["stop_url"] = reverse(self.stop_url_name, args=[self.object.pk])
        return context


class StopMailingView(View):
    """Hold back what a mailing has not sent yet (a mistake seen just after
    publishing). What went out stays sent; the rest is cancelled for good."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        if not request.user.has_perm(STOP_PERMISSION):
            raise PermissionDenied
        mailing = get_object_or_404(Mailing, pk=pk)
        if not mailing.can_stop():
            messages.warning(request, gettext("This mailing has nothing left to stop."))
            return redirect(self.inspect_url_name, mailing.pk)
        cancelled = mailing.stop()
        messages.success(
            request,
            ngettext(
                "The mailing is stopped: %(count)d mail will not be sent.",
                "The mailing is stopped: %(count)d mails will not be sent.",
                cancelled,
            )
            % {"count": cancelled},
        )
        return redirect(self.inspect_url_name, mailing.pk)


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


# An article's mail before it is published: the preview and the test mail.


def article_to_mail(request, page_id):
    """The article as last saved, for a user who may edit it and see mailings."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not request.user.has_perm(MAILING_PERMISSION):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not hasattr(page, "send_to_subscribers"):
        raise Http404  # not a page type that is mailed
    return page.get_latest_revision_as_object()


def preview_mail(request, page_id):
    """The newsletter mail of the article, as subscribers will see it."""
    article = article_to_mail(request, page_id)
    mail = ArticleMail(article=article)
    response = TemplateResponse(
        request, "newsletter/emails/new_article.html", mail.preview_context()
    )
    # Not a page of the site: kept out of any cache and any index.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def send_test_mail(request, page_id):
    """The article's mail to the editor's own address, marked as a test."""
    article = article_to_mail(request, page_id)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    if not request.user.email:
        messages.error(request, gettext("Your account has no email address to send the test to."))
        return redirect(edit_url)
    try:
        ArticleMail(article=article).test_message(request.user.email).send()
    except (OSError, smtplib.SMTPException) as error:
        messages.error(
            request,
            gettext("The test mail could not be sent: %(error)s") % {"error": describe(error)},
        )
        return redirect(edit_url)
    messages.success(
        request,
        gettext("A test mail of this article was sent to %(email)s.")
        % {"email": request.user.email},
    )
    return redirect(edit_url)


# Publishing an article that will be mailed: the editor confirms first.


def confirm_publish_and_mail(request, page):
    """Asked instead of publishing (the before_publish_page hook, after the
    editor's work is saved as a revision): how many confirmed subscribers get
    the article, with the preview and the test mail at hand."""
    scheduled = page.go_live_at and page.go_live_at > timezone.now()
    return TemplateResponse(
        request,
        "newsletter/admin/confirm_publish.html",
        {
            "page": page,
            "revision_id": page.latest_revision_id,
            "subscriber_count": audience.for_article(page).count(),
            "digest_count": audience.for_digest().count(),
            "scheduled_at": page.go_live_at if scheduled else None,
            "can_try_mail": request.user.has_perm(MAILING_PERMISSION),
            "user_email": request.user.email,
            "header_icon": "mail",
            "page_title": gettext("Publish and mail?"),
        },
    )


@require_POST
def publish_and_mail(request, page_id):
    """Publish the revision the editor confirmed (see confirm_publish_and_mail),
    unless a newer one was saved since: then they are asked again."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    revision_id = request.POST.get("revision", "")
    if not revision_id.isdigit() or int(revision_id) != page.latest_revision_id:
        messages.warning(
            request,
            gettext("The article was changed in the meantime: publish it again to confirm."),
        )
        return redirect(edit_url)
    page.latest_revision.publish(user=request.user, log_action=True)
    page.refresh_from_db()
    if page.live:
        messages.success(
            request,
            gettext("“%(title)s” is published and is being mailed to the subscribers.")
            % {"title": page.title},
        )
    else:
        messages.success(
            request,
            gettext("“%(title)s” is scheduled; it is mailed when it goes live.")
            % {"title": page.title},
        )
    return redirect(edit_url)
