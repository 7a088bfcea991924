"""The editors' (Redactie) and guest authors' (Gastauteurs) groups, as migrations leave them."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Collection, Workflow, WorkflowPage

from blog.review import REVIEW_WORKFLOW, open_to_guest_authors
from contributions.tasks import notify_editors
from tests.blog.factories import ArticlePageFactory, BlogIndexPageFactory
from users.roles import (
    EDITORS,
    GUEST_AUTHORS,
    GUEST_IMAGES_COLLECTION,
    ensure_editors_group,
    ensure_guest_authors_group,
)

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
    ensure_editors_group()
    ensure_editors_group()
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
        "subscribers:index",
        "mailings:index",
        "stories:index",
        "pitches:index",
        "download_requests:index",
        "wagtailsnippets_authors_author:list",
        "wagtailimages:index",
        "wagtaildocs:index",
        "downloads_per_week:index",
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


def test_the_migration_made_the_guest_authors_group_and_running_it_again_changes_nothing():
    group = Group.objects.get(name=GUEST_AUTHORS)
    before = counts(group)
    assert before == (1, 0, 2)  # admin access; add and choose images in their collection
    assert {p.collection.name for p in group.collection_permissions.all()} == {
        GUEST_IMAGES_COLLECTION
    }
    ensure_guest_authors_group()
    assert counts(Group.objects.get(name=GUEST_AUTHORS)) == before
    assert Collection.objects.filter(name=GUEST_IMAGES_COLLECTION).count() == 1


def test_a_new_blog_index_takes_guest_posts_under_review(home_page):
    blog_index = BlogIndexPageFactory(parent=home_page)
    guests = Group.objects.get(name=GUEST_AUTHORS)
    assert [p.permission.codename for p in guests.page_permissions.all()] == ["add_page"]
    assert guests.page_permissions.get().page_id == blog_index.pk
    workflow = blog_index.get_workflow()
    assert workflow.name == REVIEW_WORKFLOW
    [task] = [t.specific for t in workflow.tasks.all()]
    assert [g.name for g in task.groups.all()] == [EDITORS]

    open_to_guest_authors(blog_index)  # again: nothing more
    assert guests.page_permissions.count() == 1
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1


def test_a_workflow_an_administrator_chose_for_the_blog_stays(home_page):
    blog_index = BlogIndexPageFactory(parent=home_page)
    other = Workflow.objects.create(name="Eigen workflow")
    WorkflowPage.objects.filter(page=blog_index).update(workflow=other)
    open_to_guest_authors(blog_index)
    assert blog_index.get_workflow() == other
