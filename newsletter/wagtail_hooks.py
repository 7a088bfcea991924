"""The newsletter's admin menu, for editors only (see newsletter.admin_views)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import NumberColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.reader_records import (
    EditorsOnlyChooserViewSet,
    ReaderRecordViewSet,
    ViewAndDeletePermissionPolicy,
)

from .admin_views import (
    DELIVERY_COUNTS,
    ArticleEditLinkColumn,
    MailingInspectView,
    MailingPermissionPolicy,
    RetryFailedDeliveriesView,
    SubscriberFilterSet,
    SubscriberIndexView,
    SubscriberInspectView,
    with_delivery_counts,
)
from .models import Mailing, Subscriber

register_permission_policy(Subscriber, ViewAndDeletePermissionPolicy(Subscriber))
register_permission_policy(Mailing, MailingPermissionPolicy(Mailing))


class SubscriberViewSet(ReaderRecordViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    index_view_class = SubscriberIndexView
    inspect_view_class = SubscriberInspectView
    list_display = [
        "email",
        "status",
        "source",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    list_export = [
        "email",
        "get_status_display",
        "get_source_display",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_text",
    ]
    export_headings = {
        "get_status_display": _("Status"),
        "get_source_display": _("Signed up through"),
    }
    export_filename = "subscribers"
    inspect_view_fields = [
        "email",
        "status",
        "source",
        "consent_text",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
    ]


class MailingViewSet(SnippetViewSet):
    model = Mailing
    icon = "mail"
    menu_label = _("Mailings")
    inspect_view_enabled = True
    inspect_view_class = MailingInspectView
    inspect_template_name = "newsletter/admin/mailing_inspect.html"
    inspect_view_fields = ["page", "created_at", "queued_at", *DELIVERY_COUNTS]
    copy_view_enabled = False
    chooser_viewset_class = EditorsOnlyChooserViewSet
    # The mailing's article is its subject, not content that uses the article.
    add_to_reference_index = False
    list_display = [
        "page",
        "created_at",
        *(
            NumberColumn(name, label=label, sort_key=name)
            for name, (label, statuses) in DELIVERY_COUNTS.items()
        ),
        ArticleEditLinkColumn("edit_article", label=_("Page editor")),
    ]

    def get_queryset(self, request):
        return with_delivery_counts(Mailing.objects).order_by("-created_at")

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(retry_url_name=self.get_url_name("retry"), **kwargs)

    @property
    def retry_view(self):
        return self.construct_view(
            RetryFailedDeliveriesView, inspect_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(f"retry/<{self.pk_path_converter}:pk>/", self.retry_view, name="retry"),
        ]

    def get_permissions_to_register(self):
        # Viewing the mailings, and retrying their failed deliveries.
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["view_mailing", "retry_mailing"])
        )


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (SubscriberViewSet, MailingViewSet)
    menu_label = _("Newsletter")
    menu_icon = "mail"


register_snippet(NewsletterViewSetGroup)
