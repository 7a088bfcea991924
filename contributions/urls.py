from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("deel-je-verhaal/", views.share_story, name="story"),
    path("deel-je-verhaal/bedankt/", views.story_thanks, name="story_thanks"),
    path("deel-je-verhaal/intrekken/", views.withdraw, name="withdraw"),
    path("schrijf-een-gastblog/", views.pitch_guest_blog, name="pitch"),
    path("schrijf-een-gastblog/bedankt/", views.pitch_thanks, name="pitch_thanks"),
]
