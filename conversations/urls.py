from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("starten/<int:questionnaire_id>/", views.start, name="start"),
    path("doe-mee/<str:code>/", views.answer, name="answer"),
    path("bedankt/", views.thanks, name="thanks"),
    path("leider/<str:code>/", views.leader_results, name="results"),
    path("leider/<str:code>/links/", views.leader_links, name="links"),
    path("leider/<str:code>/verwijderen/", views.leader_delete, name="delete"),
    path("verwijderd/", views.deleted, name="deleted"),
    # Anything else under a link's address: one cut off or mangled in copying.
    path("doe-mee/<path:rest>", views.unknown_link, {"leader": False}),
    path("leider/<path:rest>", views.unknown_link, {"leader": True}),
]
