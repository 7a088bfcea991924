"""A guest author, anywhere in the admin, sees no one else: every admin URL.

Logged in as the guest author Ilse, the test requests every URL that the URL
resolver knows under the admin prefix (so a new admin view is covered without
anyone remembering to add it), with the ids of other people's things in its
path: another guest's live anonymous article, the same guest's draft in
review, an editor's draft quoting a reader's story, their revisions,
workflow and task states, images, documents, users, and so on. Each URL is
asked plain and with the user filters (?owner=, ?edited_by=, ?user=) and a
bulk selection (?id=). No answer may hold another user's name, address or
username, a reader's, or the title of a page Ilse may not edit (the live
article's title is public; its title before it went live, anonymous, is not).
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.models import Page, UploadedFile, WorkflowState

from authors.models import Author
from blog.models import ArticlePage
from contributions.drafts import start_draft
from contributions.models import Story
from tests.admin_helpers import draft_of, member_of
from tests.blog.factories import BlogIndexPageFactory
from tests.conftest import make_site, shared_data
from tests.images.factories import ImageFactory
from tests.resources.factories import DocumentFactory
from tests.users.every_admin_url import ADMIN, named_patterns, urls_for
from users.roles import EDITORS, GUEST_AUTHORS

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("guest-sees-no-one-else")]

LIVE_TITLE = "Een leerling die niet meer paste"  # public: shown on the site
OLD_TITLE = "Wat ik met leerling Sem meemaakte"  # the anonymous article before it went live
DRAFT_TITLE = "Geheim concept over groep zes"
STORY = "Mijn zoon Daan wordt op het schoolplein elke dag gepest"


def build_world():
    """Ilse and the people and things she must not see (ids only)."""
    user_model = get_user_model()
    blog_index = BlogIndexPageFactory(parent=make_site())
    ilse = member_of(user_model, GUEST_AUTHORS, "ilse", first_name="Ilse", last_name="Bos")
    bram = member_of(
        user_model,
        GUEST_AUTHORS,
        "bramwell@kokkelink.example",
        email="bramwell@kokkelink.example",
        first_name="Bramwell",
        last_name="Kokkelink",
    )
    editor = member_of(
        user_model, EDITORS, "roosmarijn-r", first_name="Roosmarijn", last_name="Redactiehof"
    )
    admin = user_model.objects.create_superuser(
        "adelbert-b", "adelbert@beheer.example", "x", first_name="Adelbert", last_name="Beheerkamp"
    )

    draft_of(ilse, blog_index, "Concept van Ilse")  # her own: she sees it

    # Bram's article: written and submitted under his name, renamed and made
    # anonymous by the editor, approved and so published.
    anonymous = draft_of(bram, blog_index, OLD_TITLE)
    anonymous.article_authors.create(author=Author.profile_of(bram))
    workflow = blog_index.get_workflow()
    workflow.start(anonymous, bram)
    anonymous = ArticlePage.objects.get(pk=anonymous.pk)
    anonymous.title, anonymous.publish_anonymously = LIVE_TITLE, True
    anonymous.save_revision(user=editor, log_action=True)
    WorkflowState.objects.get(object_id=str(anonymous.pk)).current_task_state.approve(user=editor)

    in_review = draft_of(bram, blog_index, DRAFT_TITLE)
    workflow.start(in_review, bram)
    EditingSession.objects.create(
        user=bram,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(in_review.pk),
        last_seen_at=timezone.now(),
        is_editing=True,
    )

    story = Story.objects.create(
        sentence=STORY,
        name="Wilhelmina Lezersma",
        email="wilhelmina@lezer.example",
        anonymous=True,
        consent_text="Ja.",
    )
    from_story = start_draft(story, blog_index, editor)

    ImageFactory(title="Foto van Bramwell", uploaded_by_user=bram)
    ImageFactory(title="Foto van Roosmarijn", uploaded_by_user=editor)
    DocumentFactory(title="Verslag van Roosmarijn", uploaded_by_user=editor)
    UploadedFile.objects.create(
        file=ContentFile(b"x", name="upload.png"),
        for_content_type=ContentType.objects.get_for_model(ImageFactory._meta.model),
        uploaded_by_user=bram,
    )

    secrets = {OLD_TITLE, DRAFT_TITLE, from_story.title, STORY, story.name, story.email}
    for person in (bram, editor, admin):
        secrets |= {person.first_name, person.last_name, person.get_full_name()}
        secrets |= {person.email, person.get_username()}
    pages = [anonymous.pk, in_review.pk, from_story.pk]
    return {
        "ilse": ilse.pk,
        "others": [bram.pk, editor.pk, admin.pk],
        "pages": pages,
        "blog_index": blog_index.pk,
        "story_draft": from_story.title,
        "secrets": sorted(secrets),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_world) as built:
        yield built


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def client_of(user_pk):
    client = Client(raise_request_exception=False)  # a crash is a failure here, not an error
    client.force_login(get_user_model().objects.get(pk=user_pk))
    return client


@pytest.fixture
def as_ilse(world):
    return client_of(world["ilse"])


PATTERNS = named_patterns()


@pytest.mark.parametrize(
    ("route", "name", "view"),
    [(route, name, view) for (route, name), view in PATTERNS],
    ids=[name for (route, name), _ in PATTERNS],
)
def test_no_admin_url_shows_a_guest_author_anyone_else(as_ilse, world, route, name, view):
    callback, kwarg_names = view
    other = world["others"][0]
    # The user filters, and a selection of pages (bulk actions, choosers), in one query.
    selection = "".join(f"&id={page_id}" for page_id in world["pages"])
    queries = ["", f"?owner={other}&edited_by={other}&user={other}{selection}"]
    leaks = []
    for url in urls_for(world, route, name, callback, kwarg_names):
        for query in queries:
            response = as_ilse.get(url + query)
            text = body_of(response) + response.get("Location", "")
            if response.status_code >= 500:
                leaks.append(f"{url + query}: {response.status_code}")
            leaks += [
                f"{url + query}: {secret!r}" for secret in world["secrets"] if secret in text
            ]
    assert not leaks, "\n".join(leaks)


def answer(response):
    return response.status_code, response.get("Location")


def test_another_persons_page_is_answered_as_no_page_at_all(as_ilse, world):
    """Also the modal that confirms cancelling a review (fetched by a script)."""
    for name in ("confirm_workflow_cancellation", "edit", "workflow_history", "history", "usage"):
        url_name = f"wagtailadmin_pages:{name}"
        for headers in ({}, {"X-Requested-With": "XMLHttpRequest"}):
            no_page = answer(as_ilse.get(reverse(url_name, args=[999999]), headers=headers))
            assert no_page[0] in (302, 403), url_name
            for page_id in world["pages"]:
                response = as_ilse.get(reverse(url_name, args=[page_id]), headers=headers)
                assert answer(response) == no_page, (url_name, page_id)


def test_no_report_and_no_menu_item_for_one(as_ilse, world):
    reports = [name for (route, name), _ in PATTERNS if route.startswith(ADMIN + "reports/")]
    assert len(reports) >= 12
    for name in reports:
        assert answer(as_ilse.get(reverse(name))) == (302, reverse("wagtailadmin_home")), name
    dashboard = as_ilse.get(reverse("wagtailadmin_home")).content.decode()
    assert f"/{ADMIN}reports/" not in dashboard
    assert reverse("wagtailimages:index") in dashboard  # what she uses stays in the menu


def test_the_explorer_filters_offer_only_herself(as_ilse, world):
    url = reverse("wagtailadmin_explore", args=[world["blog_index"]])
    html = as_ilse.get(url).content.decode()
    assert re.findall(r'name="owner" value="(\d+)"', html) == [str(world["ilse"])]
    assert set(re.findall(r'name="edited_by" value="(\d+)"', html)) <= {str(world["ilse"])}
    # A filter on another guest is no choice: it does not single out his live article.
    bram = world["others"][0]
    html = as_ilse.get(f"{url}?owner={bram}&edited_by={bram}").content.decode()
    assert "Concept van Ilse" in html
    assert LIVE_TITLE in html
    assert Page.objects.get(title=LIVE_TITLE).owner_id == bram


def test_the_blog_listing_names_no_author_and_the_planning_is_closed(as_ilse, world):
    """The editors' columns (Auteur, Publicatiedatum) and Blog › Planning name
    the authors of anonymous articles: neither is hers."""
    blog = reverse("wagtailadmin_explore", args=[world["blog_index"]])
    html = as_ilse.get(blog).content.decode()
    assert LIVE_TITLE in html
    assert [secret for secret in world["secrets"] if secret in html] == []
    assert "Auteur" not in column_headings(html)
    assert "planning:index" in {name for (route, name), _ in PATTERNS}
    planning = reverse("planning:index")
    assert answer(as_ilse.get(planning)) == (302, reverse("wagtailadmin_home"))
    assert planning not in as_ilse.get(reverse("wagtailadmin_home")).content.decode()
    # The editors' view of the same listing does name him.
    html = client_of(world["others"][1]).get(blog).content.decode()
    assert "Auteur" in column_headings(html)
    assert "Bramwell Kokkelink" in html


def column_headings(html):
    table = BeautifulSoup(html, "html.parser").select_one("table.listing")
    return [" ".join(th.get_text().split()) for th in table.select("thead th")]


def test_the_dashboard_counts_only_the_pages_she_can_find(as_ilse, world):
    html = as_ilse.get(reverse("wagtailadmin_home")).content.decode()
    # Under the blog: the blog, her draft and the live article; not the two drafts of others.
    assert re.search(r"\b3 Pagina", html), re.findall(r"\d+ Pagina", html)


def test_the_editors_keep_their_full_view(world):
    editor = client_of(world["others"][1])
    bram = world["others"][0]
    history = editor.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Bramwell Kokkelink" in history
    html = editor.get(reverse("wagtailadmin_explore", args=[world["blog_index"]])).content.decode()
    assert f'name="owner" value="{bram}"' in html
    usage = editor.get(reverse("wagtailadmin_reports:page_types_usage")).content.decode()
    assert world["story_draft"] in usage  # the last edited article
    cancel = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[world["pages"][1]])
    assert editor.get(cancel).status_code == 200
    assert f"/{ADMIN}reports/" in editor.get(reverse("wagtailadmin_home")).content.decode()


def test_the_guest_keeps_what_writing_needs(as_ilse, world):
    own = Page.objects.get(title="Concept van Ilse").pk
    blog = world["blog_index"]
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[blog]),
        reverse("wagtailadmin_pages:add", args=("blog", "articlepage", blog)),
        reverse("wagtailadmin_pages:edit", args=[own]),
        reverse("wagtailadmin_pages:view_draft", args=[own]),
        reverse("wagtailadmin_pages:search") + "?q=concept",
        reverse("wagtailadmin_choose_page_child", args=[blog]),
        f"/{ADMIN}api/main/pages/?child_of={blog}&for_explorer=1",
        reverse("wagtailimages:index"),
        reverse("wagtailimages_chooser:choose"),
        reverse("own_author_profile:edit"),
        reverse("wagtailadmin_account"),
    ):
        assert as_ilse.get(url).status_code == 200, url
