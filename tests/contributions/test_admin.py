"""Editors in the admin: readers' stories and pitches, their status, export and deletion.

Only users with the models' permissions see any of it; a user who merely has
admin access (a guest author) sees none. Nobody adds a contribution or edits
the reader's words; editors change the status only.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from contributions.models import Pitch, SchoolType, Story
from resources.choices import ReaderRole
from tests.admin_helpers import csv_rows, dutch, make_user, xlsx_rows

pytestmark = pytest.mark.django_db

STORIES_URL = reverse("stories:index")
STORY_ADD_URL = reverse("stories:add")
PITCHES_URL = reverse("pitches:index")
PITCH_ADD_URL = reverse("pitches:add")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def story_url(action, story):
    return reverse(f"stories:{action}", args=[story.pk])


def pitch_url(action, pitch):
    return reverse(f"pitches:{action}", args=[pitch.pk])


def amsterdam(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def stories():
    return {
        "team": Story.objects.create(
            sentence="Het team of de leerling: ik kon niet allebei kiezen.",
            name="Ineke",
            email="ineke@deregenboog.nl",
            anonymous=True,
            consent_text="Ik geef toestemming.",
            created_at=amsterdam(2025, 3, 3, 9, 30),
        ),
        "ouders": Story.objects.create(
            sentence="De ouders wilden geen verwijzing naar het sbo.",
            anonymous=False,
            status=Story.Status.IN_PROGRESS,
            consent_text="Ik geef toestemming.",
            created_at=amsterdam(2025, 3, 12, 14, 0),
        ),
    }


@pytest.fixture
def pitches():
    return {
        "joris": Pitch.objects.create(
            name="Joris de Vries",
            email="joris@hetkompas.nl",
            role="school_leader",
            school_type="sbo",
            pitch="Over de schorsing die ik liever niet had gegeven.",
            consent_text="Ik geef toestemming.",
            created_at=amsterdam(2025, 4, 1, 10, 0),
        ),
        "fatima": Pitch.objects.create(
            name="Fatima Amrani",
            email="fatima@dezonnewijzer.nl",
            role="care_coordinator",
            school_type="regular",
            pitch="Over zorgpartners die elkaar niet kennen.",
            consent_text="Ik geef toestemming.",
            status=Pitch.Status.REJECTED,
            created_at=amsterdam(2025, 4, 2, 10, 0),
        ),
    }


def listing_text(response):
    return BeautifulSoup(response.content, "html.parser").find(id="listing-results").get_text()


def listed_stories(response, stories):
    text = listing_text(response)
    return {key for key, story in stories.items() if story.sentence in text}


class TestStoryListing:
    def test_editor_sees_every_story_with_its_status(self, editor, stories):
        response = editor.get(STORIES_URL)
        assert response.status_code == 200
        assert listed_stories(response, stories) == {"team", "ouders"}
        text = listing_text(response)
        assert dutch(Story.Status.NEW.label) in text
        assert dutch(Story.Status.IN_PROGRESS.label) in text
        # A row opens what the reader sent, not the status form.
        html = response.content.decode()
        assert story_url("inspect", stories["team"]) in html
        assert story_url("edit", stories["team"]) not in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"status": "in_progress"}, {"ouders"}),
            ({"anonymous": "true"}, {"team"}),
            ({"anonymous": "false"}, {"ouders"}),
            ({"created_at_from": "2025-03-10", "created_at_to": "2025-03-31"}, {"ouders"}),
            ({"q": "leerling"}, {"team"}),
            ({"q": "deregenboog"}, {"team"}),
        ],
    )
    def test_filters_and_search(self, editor, stories, query, expected):
        assert listed_stories(editor.get(STORIES_URL, query), stories) == expected

    def test_inspect_shows_what_the_reader_sent_and_escapes_markup(self, editor, stories):
        story = Story.objects.create(
            sentence="<script>alert(1)</script> Wat nu?", consent_text="Ja."
        )
        html = editor.get(story_url("inspect", story)).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Wat nu?" in html
        assert "<script>alert(1)" not in html
        html = editor.get(story_url("inspect", stories["team"])).content.decode()
        for shown in ("ineke@deregenboog.nl", "Ineke", "Ik geef toestemming."):
            assert shown in html
        assert story_url("delete", stories["team"]) in html

    def test_anonymous_reads_yes_or_no_in_words(self, editor, stories):
        for key, word in [("team", "Ja"), ("ouders", "Nee")]:
            for view in ("inspect", "edit"):
                soup = BeautifulSoup(
                    editor.get(story_url(view, stories[key])).content, "html.parser"
                )
                text = " ".join(soup.get_text(" ").split())
                assert f"Anoniem {word}" in text, (key, view)
                assert "True" not in text
                assert "False" not in text


class TestExport:
    def test_csv_has_the_filtered_stories_in_local_time(self, editor, stories):
        response = editor.get(STORIES_URL, {"export": "csv", "status": "new"})
        assert 'filename="stories-' in response["Content-Disposition"]
        heading, *rows = csv_rows(response)
        assert rows == [
            [
                "2025-03-03 09:30",
                dutch(Story.Status.NEW.label),
                "Het team of de leerling: ik kon niet allebei kiezen.",
                "Ja",
                "Ineke",
                "ineke@deregenboog.nl",
                "Ik geef toestemming.",
                "Nee",  # no consent for the wall, no wall text, not on it
                "",
                "",
                "Nee",
            ]
        ]

    def test_csv_never_turns_a_readers_text_into_a_formula(self, editor):
        Story.objects.create(
            sentence='=HYPERLINK("http://voorbeeld.nl","klik")',
            name="@SUM(1)",
            email="",
            consent_text="Ja.",
        )
        heading, row = csv_rows(editor.get(STORIES_URL, {"export": "csv"}))
        assert row[2] == """'=HYPERLINK("http://voorbeeld.nl","klik")"""
        assert row[4] == "'@SUM(1)"

    def test_pitches_as_a_workbook(self, editor, pitches):
        response = editor.get(PITCHES_URL, {"export": "xlsx", "q": "schorsing"})
        assert response["Content-Type"] == XLSX
        heading, *rows = xlsx_rows(response)
        assert rows == [
            [
                datetime.datetime(2025, 4, 1, 10, 0),
                dutch(Pitch.Status.NEW.label),
                "Joris de Vries",
                "joris@hetkompas.nl",
                dutch(ReaderRole.SCHOOL_LEADER.label),
                dutch(SchoolType.SBO.label),
                "Over de schorsing die ik liever niet had gegeven.",
                "Ik geef toestemming.",
            ]
        ]


class TestPitchListing:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"status": "rejected"}, {"Fatima Amrani"}),
            ({"school_type": "sbo"}, {"Joris de Vries"}),
            ({"role": "care_coordinator"}, {"Fatima Amrani"}),
            ({"q": "zorgpartners"}, {"Fatima Amrani"}),
            ({}, {"Joris de Vries", "Fatima Amrani"}),
        ],
    )
    def test_filters_and_search(self, editor, pitches, query, expected):
        text = listing_text(editor.get(PITCHES_URL, query))
        assert {name for name in ("Joris de Vries", "Fatima Amrani") if name in text} == expected


class TestOnlyTheStatusChanges:
    def test_the_edit_form_shows_the_words_but_holds_only_the_status(self, editor, stories):
        team = stories["team"]
        response = editor.get(story_url("edit", team))
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        form = soup.find("select", attrs={"name": "status"}).find_parent("form")
        fields = {tag["name"] for tag in form.find_all(["input", "select", "textarea"])}
        assert fields - {"csrfmiddlewaretoken"} == {"status"}
        assert team.sentence in response.content.decode()

    def test_posting_other_fields_changes_only_the_status(self, editor, stories):
        team = stories["team"]
        response = editor.post(
            story_url("edit", team),
            {
                "status": "rejected",
                "sentence": "Iets anders",
                "name": "Verzonnen",
                "anonymous": "",
                "consent_text": "Bedacht",
            },
        )
        assert response.status_code == 302
        team.refresh_from_db()
        assert team.status == Story.Status.REJECTED
        assert team.sentence == "Het team of de leerling: ik kon niet allebei kiezen."
        assert (team.name, team.anonymous, team.consent_text) == (
            "Ineke",
            True,
            "Ik geef toestemming.",
        )

    def test_a_pitch_too(self, editor, pitches):
        joris = pitches["joris"]
        editor.post(pitch_url("edit", joris), {"status": "in_progress", "pitch": "Anders"})
        joris.refresh_from_db()
        assert joris.status == Pitch.Status.IN_PROGRESS
        assert joris.pitch == "Over de schorsing die ik liever niet had gegeven."

    @pytest.mark.parametrize("url", [STORY_ADD_URL, PITCH_ADD_URL])
    def test_add_is_refused_even_for_a_superuser(self, editor, url):
        assert editor.get(url).url == reverse("wagtailadmin_home")
        response = editor.post(
            url, {"sentence": "Verzonnen", "name": "Verzonnen", "consent_text": "Ja"}
        )
        assert response.url == reverse("wagtailadmin_home")
        assert Story.objects.count() == Pitch.objects.count() == 0

    def test_no_add_or_copy_offered(self, editor, stories):
        html = editor.get(STORIES_URL).content.decode()
        assert STORY_ADD_URL not in html
        assert "/copy/" not in html

    def test_groups_are_offered_view_change_and_delete(self, editor):
        codenames = set(
            Permission.objects.filter(content_type__app_label="contributions").values_list(
                "codename", flat=True
            )
        )
        assert {"add_story", "add_pitch"} <= codenames  # Django makes them; none is offered
        from contributions.wagtail_hooks import PitchViewSet, StoryViewSet

        for viewset, model in ((StoryViewSet, "story"), (PitchViewSet, "pitch")):
            offered = set(
                viewset().get_permissions_to_register().values_list("codename", flat=True)
            )
            assert offered == {f"view_{model}", f"change_{model}", f"delete_{model}"}


class TestDeletion:
    def test_delete_removes_the_story(self, editor, stories):
        team = stories["team"]
        response = editor.post(story_url("delete", team))
        assert response.status_code == 302
        assert not Story.objects.filter(pk=team.pk).exists()
        assert listed_stories(editor.get(STORIES_URL), stories) == {"ouders"}

    def test_delete_removes_the_pitch(self, editor, pitches):
        editor.post(pitch_url("delete", pitches["joris"]))
        assert list(Pitch.objects.values_list("name", flat=True)) == ["Fatima Amrani"]


class TestOnlyEditors:
    def test_admin_access_alone_shows_nothing(self, guest, stories, pitches):
        team = stories["team"]
        for url in (
            STORIES_URL,
            PITCHES_URL,
            story_url("inspect", team),
            story_url("edit", team),
            story_url("delete", team),
            pitch_url("inspect", pitches["joris"]),
        ):
            response = guest.get(url)
            assert response.status_code in (302, 403), url
            assert team.sentence not in response.content.decode()
        guest.post(story_url("edit", team), {"status": "rejected"})
        guest.post(story_url("delete", team))
        team.refresh_from_db()
        assert team.status == Story.Status.NEW

    def test_the_menu_is_shown_to_editors_only(self, client, admin_user, django_user_model):
        client.force_login(admin_user)
        assert STORIES_URL in client.get(reverse("wagtailadmin_home")).content.decode()
        client.force_login(make_user(django_user_model, "gast"))
        assert STORIES_URL not in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_a_viewer_may_read_but_not_change(self, client, django_user_model, stories):
        client.force_login(make_user(django_user_model, "lezer", "contributions.view_story"))
        team = stories["team"]
        assert client.get(story_url("inspect", team)).status_code == 200
        client.post(story_url("edit", team), {"status": "rejected"})
        team.refresh_from_db()
        assert team.status == Story.Status.NEW
