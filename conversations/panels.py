"""On the admin dashboard: how much the questionnaires are used for team
conversations, in counts. Never an answer, a title or a link: the answers
belong to the team that gave them, and only its leader's link shows them."""

from django.conf import settings
from django.db.models import Count, Sum
from wagtail.admin.ui.components import Component

from .models import TeamConversation

# Who may see how often downloads are used (the Redactie) sees this too.
USAGE_PERMISSION = "resources.view_downloadtally"


class TeamConversationsPanel(Component):
    template_name = "conversations/admin/panel.html"
    order = 160

    def get_context_data(self, parent_context):
        rows = (
            TeamConversation.objects.values("questionnaire_title")
            .annotate(started=Count("pk"), forms=Sum("response_count"))
            .order_by("-started", "questionnaire_title")
        )
        return {"rows": rows, "days": settings.PRIVACY_TEAM_CONVERSATION_DAYS}
