from django.urls import path

from . import views

app_name = "readership"

urlpatterns = [
    path("gelezen/", views.count, name="count"),
]
