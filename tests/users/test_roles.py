"""The editors' group (Redactie), as the data migration leaves it."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from contributions.tasks import notify_editors
from tests.factories import ArticlePageFactory
from users.roles import EDITORS, ensure_editors_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_member(client, django_user_model):
    user = django_user_model.objects.create_user("redacteur", "redacteur@example.nl", "x")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def counts(group):
    return (
        group.permissions.count(),
        group.page_permissions.count(),
        group.collection_permissions.count(),
    )


def test_the_migration_made_the_group_and_running_it_again_changes_nothing():
    group = Group.objects.get(name=EDITORS)
    before = counts(group)
    assert before[1] == 6  # add, change, publish, bulk delete, lock, unlock on the root page
    assert before[2] == 8  # add, change, delete, choose images and documents
    ensure_editors_group(apps)
    ensure_editors_group(apps)
    assert counts(Group.objects.get(name=EDITORS)) == before
    assert Group.objects.filter(name=EDITORS).count() == 1


def test_an_editor_may_publish_and_delete_any_article(blog_index, editor_member):
    article = ArticlePageFactory(parent=blog_index)
    tester = article.permissions_for_user(editor_member)
    assert tester.can_publish()
    assert tester.can_unpublish()
    assert tester.can_delete()
    assert tester.can_edit()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_newsletter_subscriber:list",
        "wagtailsnippets_newsletter_mailing:list",
        "wagtailsnippets_contributions_story:list",
        "wagtailsnippets_contributions_pitch:list",
        "wagtailsnippets_resources_downloadrequest:list",
        "wagtailsnippets_blog_author:list",
        "wagtailimages:index",
        "wagtaildocs:index",
        "resources_downloads_per_week",
    ],
)
def test_an_editor_sees_what_editors_manage(client, home_page, editor_member, url_name):
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", ["wagtailusers_users:index", "wagtailsites:index"])
def test_an_editor_does_not_manage_accounts_or_sites(client, home_page, editor_member, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_the_editors_are_told_of_a_new_contribution(home_page, editor_member, django_user_model):
    django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "x")
    notify_editors.call("story", "http://testserver/admin/")
    assert mail.outbox[0].to == ["redacteur@example.nl"]


def test_an_editor_edits_the_banner(client, home_page, editor_member):
    url = reverse("wagtailsettings:edit", args=["resources", "promobanner"])
    # To the default site's banner, and its form there.
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert 'name="enabled"' in response.content.decode()
