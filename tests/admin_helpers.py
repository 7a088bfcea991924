"""What the admin tests share: users with chosen permissions, exported files, Dutch labels."""

import csv
import io

import openpyxl
from django.contrib.auth.models import Group, Permission
from django.utils import translation


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
    """A label or message as the (Dutch) admin shows it."""
    with translation.override("nl"):
        return str(text)


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response):
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]
