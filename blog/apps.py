from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def open_blogs_after_migrate(sender, using="default", **kwargs):
    from .review import open_every_blog_to_guest_authors

    open_every_blog_to_guest_authors(using)


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self):
        from . import signals  # noqa: F401

        # Every blog index takes guest posts under review, whatever migrate
        # brought (blog.review).
        post_migrate.connect(open_blogs_after_migrate, sender=self)

        # Wagtail's approval mail, with the editor's comment (blog.review). Under
        # Wagtail's dispatch_uid: whichever app is ready first, one mail is sent.
        from wagtail.models import WorkflowState
        from wagtail.signals import workflow_approved

        from .review import APPROVAL_MAIL_UID, ApprovalNotifier

        workflow_approved.disconnect(sender=WorkflowState, dispatch_uid=APPROVAL_MAIL_UID)
        workflow_approved.connect(
            ApprovalNotifier(), sender=WorkflowState, dispatch_uid=APPROVAL_MAIL_UID, weak=False
        )
