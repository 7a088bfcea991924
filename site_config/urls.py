from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.sitemap import SiteSitemap
from core.views import robots_txt
from search import views as search_views
from users.password_reset import LimitedPasswordResetView

urlpatterns = [
    # Ahead of Wagtail's own, at the same address: its form, with rate limits.
    path(f"{settings.ADMIN_PATH}/password_reset/", LimitedPasswordResetView.as_view()),
    path(f"{settings.ADMIN_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("zoeken/", search_views.search, name="search"),
    path("nieuwsbrief/", include("newsletter.urls")),
    path("nagesprek/", include("conversations.urls")),
    path("", include("contributions.urls")),
    path("", include("readership.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"site": SiteSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

    if "debug_toolbar" in settings.INSTALLED_APPS:
        urlpatterns = [path("__debug__/", include("debug_toolbar.urls")), *urlpatterns]
elif settings.SERVE_MEDIA:
    # Uploaded media from Django itself, for a production-mode run on one machine
    # (the Lighthouse script); a real deployment serves media from its web server.
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Wagtail serves every other URL from the page tree.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "core.errors.bad_request"
handler500 = "core.errors.server_error"
