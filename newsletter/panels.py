"""What the mailing of an article will be, in the article editor, beside the
"mail to subscribers" box: how many confirmed subscribers will get it (those
whose choice its themes, as last saved, match; see newsletter.audience), a
preview of the mail and a test mail to oneself. Only for users who may see
the subscribers (never guest authors, who see no readers' data)."""

from wagtail.admin.panels import Panel

from . import audience
from .admin_views import MAILING_PERMISSION, SUBSCRIBERS_PERMISSION
from .models import Mailing


class NewsletterPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "newsletter/admin/newsletter_panel.html"

        def is_shown(self):
            return self.request.user.has_perm(SUBSCRIBERS_PERMISSION)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            mailing = Mailing.objects.filter(page_id=page.pk).first() if page.pk else None
            if mailing is not None:
                state = "mailed"
            elif page.first_published_at:
                state = "published_before"  # later publications are never mailed
            else:
                state = "first_publish"
            context.update(
                state=state,
                mailing=mailing,
                page=page,
                subscriber_count=audience.for_article(page).count(),
                digest_count=audience.for_digest().count(),
                can_try_mail=bool(page.pk) and self.request.user.has_perm(MAILING_PERMISSION),
                user_email=self.request.user.email,
            )
            return context
