"""The newsletter's admin menu, for editors only (see newsletter.admin_views)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import NumberColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from core.reader_records import ReaderRecordViewSet, ViewAndDeletePermissionPolicy

from .admin_views import (
    DELIVERY_COUNTS,
    ArticleEditLinkColumn,
    MailingInspectView,
    MailingPermissionPolicy,
    RetryFailedDeliveriesView,
    StopMailingView,
    SubscriberFilterSet,
    SubscriberInspectView,
    confirm_publish_and_mail,
    preview_mail,
    publish_and_mail,
    send_test_mail,
    with_delivery_counts,
)
from .announce import will_be_mailed
from .models import Mailing, Subscriber

register_permission_policy(Subscriber, ViewAndDeletePermissionPolicy(Subscriber))
register_permission_policy(Mailing, MailingPermissionPolicy(Mailing))


class SubscriberViewSet(ReaderRecordViewSet):
    model = Subscriber
    name = "subscribers"
    url_prefix = "newsletter/subscribers"
    icon = "user"
    menu_label = _("Subscribers")
    inspect_view_class = SubscriberInspectView
    list_display = [
        "email_shown",
        "status",
        "preference",
        "source",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]

    def get_queryset(self):
        # Each row's themes in one query (the export names them).
        return Subscriber.objects.prefetch_related("themes")

    list_export = [
        "email",
        "get_status_display",
        "get_source_display",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_text",
        "get_preference_display",
        "chosen_themes",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "get_source_display": _("Signed up through"),
        "get_preference_display": _("Receives"),
        "chosen_themes": _("Chosen themes"),
    }
    export_filename = "subscribers"
    inspect_view_fields = [
        "email",
        "status",
        "source",
        "preference",
        "themes",
        "consent_text",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
    ]


class MailingViewSet(ReaderRecordViewSet):
    """The mailing of each article and its figures; its failed mails can be sent again."""

    model = Mailing
    name = "mailings"
    url_prefix = "newsletter/mailings"
    icon = "mail"
    menu_label = _("Mailings")
    inspect_view_class = MailingInspectView
    inspect_template_name = "newsletter/admin/mailing_inspect.html"
    inspect_view_fields = [
        "page",
        "month",
        "created_at",
        "queued_at",
        "stopped_at",
        *DELIVERY_COUNTS,
    ]
    # Viewing the mailings, and retrying their failed deliveries (Mailing.Meta).
    permitted_actions = ("view", "retry")
    list_display = [
        "title_shown",
        "created_at",
        *(
            NumberColumn(name, label=label, sort_key=name)
            for name, (label, statuses) in DELIVERY_COUNTS.items()
        ),
        ArticleEditLinkColumn("edit_article", label=_("Page editor")),
    ]

    def get_queryset(self):
        return with_delivery_counts(Mailing.objects).order_by("-created_at")

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            retry_url_name=self.get_url_name("retry"),
            stop_url_name=self.get_url_name("stop"),
            **kwargs,
        )

    @property
    def retry_view(self):
        return self.construct_view(
            RetryFailedDeliveriesView, inspect_url_name=self.get_url_name("inspect")
        )

    @property
    def stop_view(self):
        return self.construct_view(StopMailingView, inspect_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"retry/<{self.pk_path_converter}:pk>/", self.retry_view, name="retry"),
            path(f"stop/<{self.pk_path_converter}:pk>/", self.stop_view, name="stop"),
        ]


class NewsletterViewSetGroup(ModelViewSetGroup):
    items = (SubscriberViewSet, MailingViewSet)
    menu_label = _("Newsletter")
    menu_icon = "mail"


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()


@hooks.register("register_admin_urls")
def register_article_mail_urls():
    """An article's mail before it goes out: the preview and the test mail
    (offered in the article editor by newsletter.panels.NewsletterPanel)."""
    return [
        path("newsletter/mail/<int:page_id>/preview/", preview_mail, name="newsletter_preview"),
        path("newsletter/mail/<int:page_id>/test/", send_test_mail, name="newsletter_test_mail"),
        path(
            "newsletter/mail/<int:page_id>/publish/",
            publish_and_mail,
            name="newsletter_publish_and_mail",
        ),
    ]


@hooks.register("before_publish_page")
def ask_before_mailing(request, page):
    """Publishing an article that goes to the subscribers asks first, as Ghost
    does: the work is saved as a revision, and the editor confirms (or not)."""
    if not will_be_mailed(page):
        return None
    if page.live and page.live_revision_id is None:
        # Wagtail's create view saved the new page as live before asking: it
        # is not, until the editor confirms.
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
        page.live = False
    return confirm_publish_and_mail(request, page)
