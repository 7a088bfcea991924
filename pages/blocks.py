"""StreamField blocks for content pages: the article's blocks, and for the privacy
statement two blocks that show what the site is configured to do."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks

from blog.blocks import ArticleBodyBlock

DAY = 24 * 60 * 60


def duration(seconds):
    """A period in seconds as readers say it: whole days, or hours when shorter."""
    if seconds >= DAY:
        days = seconds // DAY  # as the mails count it (newsletter.tasks, resources.tasks)
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    hours = max(1, seconds // (60 * 60))
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def days(count):
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


class RetentionPeriodsBlock(blocks.StaticBlock):
    """How long each kind of personal data is kept, read from the settings when the
    page is shown: the statement says what the site does, also after a change."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        task_result_days = getattr(settings, "PRIVACY_TASK_RESULT_DAYS", None)
        context["periods"] = {
            "unconfirmed_subscriber": days(settings.PRIVACY_UNCONFIRMED_SUBSCRIBER_DAYS),
            "confirmation_link": duration(settings.NEWSLETTER_CONFIRMATION_MAX_AGE),
            "download_request": days(settings.PRIVACY_DOWNLOAD_REQUEST_DAYS),
            "download_link": duration(settings.RESOURCE_DOWNLOAD_LINK_MAX_AGE),
            "task_result": days(task_result_days) if task_result_days is not None else "",
            "team_conversation": days(settings.PRIVACY_TEAM_CONVERSATION_DAYS),
        }
        return context

    class Meta:
        label = _("Retention periods")
        icon = "time"
        group = _("Privacy")
        template = "blocks/retention_periods_block.html"
        admin_text = _(
            "Retention periods: how long the site keeps each kind of personal data. "
            "The figures come from the site's configuration, so they are always current."
        )
        description = _("How long each kind of personal data is kept, from the configuration.")


class PrivacyRequestBlock(blocks.StaticBlock):
    """How a reader asks for a copy or erasure: the editors' privacy request, with
    the address from the privacy statement's own field."""

    class Meta:
        label = _("Copy or erasure")
        icon = "mail"
        group = _("Privacy")
        template = "blocks/privacy_request_block.html"
        admin_text = _(
            "Copy or erasure: how readers ask for their data or for its deletion, with the "
            "contact address of this page."
        )
        description = _("How readers ask for a copy or the deletion of their data.")


class PrivacyStatementBodyBlock(ArticleBodyBlock):
    """The article's blocks, and the two the statement must show exactly once."""

    retention_periods = RetentionPeriodsBlock()
    privacy_request = PrivacyRequestBlock()

    class Meta:
        block_counts = {
            "retention_periods": {"min_num": 1, "max_num": 1},
            "privacy_request": {"min_num": 1, "max_num": 1},
        }
