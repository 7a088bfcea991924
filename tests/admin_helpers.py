"""What the admin tests share: users with chosen permissions, exported files, Dutch labels."""

import csv
import io

import openpyxl
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.blog.factories import ArticlePageFactory


def make_user(django_user_model, username, *permissions):
    """A user with admin access and the given permissions ("app_label.codename")."""
    user = django_user_model.objects.create_user(username=username, password="x")
    for permission in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def member_of(django_user_model, group_name, username, **fields):
    """A user in one of the site's groups (made by the migrations), with an address."""
    fields.setdefault("email", f"{username}@example.nl")
    user = django_user_model.objects.create_user(username=username, password="x", **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def dutch(text):
    """A label or message (a msgid, or a lazy translation) as the Dutch admin shows it."""
    with translation.override("nl"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def refused(response):
    """Wagtail answers 403, or sends the user back to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def article_form(**overrides):
    """The article editor's form as a guest author posts it (no authors, no editorial settings)."""
    data = {
        "title": "Het gesprek dat ik uitstelde",
        "slug": "het-gesprek-dat-ik-uitstelde",
        "subtitle": "",
        "hero_alt_text": "",
        "hero_caption": "",
        "body": streamfield([("paragraph", rich_text("<p>Een dag op school.</p>"))]),
        "related_resources": inline_formset([]),
        "themes": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(blog_index):
    return reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog_index.pk))


def draft_of(owner, blog_index, title):
    article = ArticlePageFactory(parent=blog_index, title=title, live=False, owner=owner)
    article.save_revision(user=owner)
    return article
