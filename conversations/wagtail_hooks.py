from wagtail import hooks

from .panels import USAGE_PERMISSION, TeamConversationsPanel


@hooks.register("construct_homepage_panels")
def add_team_conversations_panel(request, panels):
    if request.user.has_perm(USAGE_PERMISSION):
        panels.append(TeamConversationsPanel())
