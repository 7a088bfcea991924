from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("bijna-klaar/", views.check_inbox, name="check_inbox"),
    path("bevestigen/", views.confirm, name="confirm"),
    path("voorkeuren/", views.preferences, name="preferences"),
    path("afmelden/", views.unsubscribe, name="unsubscribe"),
    path("formuliercode/", views.csrf_token, name="csrf_token"),
]
