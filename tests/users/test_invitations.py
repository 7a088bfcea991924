"""Inviting guest authors: who may, what is refused, the mail and its link."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from tests.admin_helpers import dutch, make_user, member_of
from users.roles import EDITORS, GUEST_AUTHORS

from .conftest import (
    NEW_PASSWORD,
    PAGE_URL,
    choose_password,
    dutch_plural,
    invite,
    invitees,
    links_in,
    set_password_link,
)

pytestmark = pytest.mark.django_db


class TestWhoMayInvite:
    @pytest.mark.parametrize("inviter", ["editor", "editor_member"])
    def test_a_superuser_and_an_editor_invite_a_guest_author(
        self, request, inviter, django_user_model
    ):
        client = request.getfixturevalue(inviter)
        page = client.get(PAGE_URL)
        assert page.status_code == 200
        assert 'name="email"' in page.content.decode()

        response = invite(client, name="  Marieke   de Boer ", email="Marieke@Example.NL")

        assert response.status_code == 302
        assert response["Location"] == PAGE_URL
        user = django_user_model.objects.get(email="marieke@example.nl")
        assert user.username == "marieke@example.nl"
        assert (user.first_name, user.last_name) == ("Marieke", "de Boer")
        assert user.is_active
        assert not user.is_staff
        assert not user.is_superuser
        assert not user.has_usable_password()
        assert user.last_login is None
        assert list(user.groups.values_list("name", flat=True)) == [GUEST_AUTHORS]
        assert [message.to for message in mail.outbox] == [["marieke@example.nl"]]

        listing = client.get(response["Location"]).content.decode()
        assert (
            dutch(_("%(name)s is invited: the email went to %(email)s."))
            % {
                "name": "Marieke de Boer",
                "email": "marieke@example.nl",
            }
            in listing
        )

    @pytest.mark.parametrize("group_name", [None, GUEST_AUTHORS])
    def test_others_with_admin_access_may_not(self, client, django_user_model, group_name):
        user = make_user(django_user_model, "beheerder")
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)

        for response in (client.get(PAGE_URL), invite(client)):
            assert response.status_code == 302
            assert response["Location"] == reverse("wagtailadmin_home")
        assert not django_user_model.objects.filter(email="marieke@example.nl").exists()
        assert mail.outbox == []
        assert PAGE_URL not in client.get(reverse("wagtailadmin_home")).content.decode()

    def test_the_menu_shows_the_page_to_those_who_may_invite(self, editor_member):
        assert PAGE_URL in editor_member.get(reverse("wagtailadmin_home")).content.decode()

    def test_anonymous_visitors_are_sent_to_the_login(self, client):
        response = client.get(PAGE_URL)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))

    def test_an_invitation_needs_the_csrf_token(self, admin_user, django_user_model):
        client = Client(enforce_csrf_checks=True)
        client.force_login(admin_user)
        assert invite(client).status_code == 403
        assert not django_user_model.objects.filter(email="marieke@example.nl").exists()


class TestWhatIsRefused:
    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"name": "", "email": "marieke@example.nl"}, "name"),
            ({"name": "   ", "email": "marieke@example.nl"}, "name"),
            ({"name": "Marieke de Boer", "email": ""}, "email"),
            ({"name": "Marieke de Boer", "email": "marieke@"}, "email"),
            ({"name": "Marieke de Boer", "email": "marieke at example.nl"}, "email"),
            ({"name": "<b>Marieke</b>", "email": "marieke@example.nl"}, "name"),
            ({"name": "Marieke <script>", "email": "marieke@example.nl"}, "name"),
            ({"name": "M" * 151, "email": "marieke@example.nl"}, "name"),
            ({"name": "Marieke de Boer", "email": "m" * 250 + "@example.nl"}, "email"),
            ({"name": "M" * 100_000, "email": "marieke@example.nl"}, "name"),
        ],
    )
    def test_bad_input_shows_errors_and_invites_nobody(
        self, editor, django_user_model, data, field
    ):
        users_before = django_user_model.objects.count()
        response = editor.post(PAGE_URL, data)

        assert response.status_code == 200
        assert field in response.context["form"].errors
        page = response.content.decode()
        for error in response.context["form"].errors[field]:
            assert escape(error) in page
        assert django_user_model.objects.count() == users_before
        assert mail.outbox == []

    def test_the_length_limit_is_said_in_words(self, editor):
        response = editor.post(PAGE_URL, {"name": "M" * 151, "email": "marieke@example.nl"})
        assert response.context["form"].errors["name"] == [
            dutch(_("Use at most %(limit_value)d characters (you used %(show_value)d)."))
            % {"limit_value": 150, "show_value": 151}
        ]

    def test_an_editors_address_is_refused(self, editor, django_user_model):
        colleague = member_of(django_user_model, EDITORS, "collega")
        response = invite(editor, email="Collega@Example.NL")

        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            dutch(_("An account with this email address already exists: it cannot be invited."))
        ]
        colleague.refresh_from_db()
        assert list(colleague.groups.values_list("name", flat=True)) == [EDITORS]
        assert colleague.has_usable_password()
        assert mail.outbox == []

    def test_a_username_like_the_address_is_refused(self, editor, django_user_model):
        django_user_model.objects.create_user("marieke@example.nl", "ander@example.nl", "x")
        assert "email" in invite(editor).context["form"].errors
        assert mail.outbox == []

    @pytest.mark.parametrize("state", ["set a password", "logged in", "also an editor"])
    def test_a_guest_author_who_accepted_is_not_invited_again(
        self, editor, django_user_model, state
    ):
        accepted = member_of(django_user_model, GUEST_AUTHORS, "marieke")
        if state != "set a password":
            accepted.set_unusable_password()
            accepted.save()
        if state == "logged in":
            Client().force_login(accepted)
        if state == "also an editor":
            accepted.groups.add(Group.objects.get(name=EDITORS))
        password_before = accepted.password

        response = invite(editor, email="marieke@example.nl")

        assert "email" in response.context["form"].errors
        accepted.refresh_from_db()
        assert accepted.password == password_before
        assert mail.outbox == []


class TestTheInvitation:
    def test_the_mail_says_what_a_guest_author_does_and_where_to_go(self, editor):
        invite(editor, name="Marieke de Boer", email="marieke@example.nl")

        (message,) = mail.outbox
        assert message.subject == dutch(_("Invitation: write for De Directeurskamer"))
        assert message.body.startswith(dutch(_("Hello %(name)s,")) % {"name": "Marieke"})
        assert dutch(_("First choose your password with this link:")) in message.body
        # Django's default PASSWORD_RESET_TIMEOUT: three days.
        assert (
            dutch_plural(
                "The link works for %(days)s day.", "The link works for %(days)s days.", 3
            )
            % {"days": 3}
            in message.body
        )
        assert "http://testserver/admin/login/" in links_in(message)
        assert "marieke@example.nl" in message.body
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert set_password_link(message).replace("&", "&amp;") in html

    def test_a_short_timeout_is_said_in_hours(self, editor, settings):
        settings.PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
        invite(editor)
        assert (
            dutch_plural(
                "The link works for %(hours)s hour.", "The link works for %(hours)s hours.", 2
            )
            % {"hours": 2}
            in mail.outbox[0].body
        )

    def test_the_link_lets_the_guest_author_choose_a_password_and_log_in(
        self, editor, django_user_model
    ):
        invite(editor)
        link = set_password_link(mail.outbox[0])
        assert link.startswith("http://testserver/admin/password_reset/confirm/")

        guest = Client()
        done = choose_password(guest, link)

        assert done.status_code == 302
        assert done["Location"] == reverse("wagtailadmin_password_reset_complete")
        user = django_user_model.objects.get(email="marieke@example.nl")
        assert user.has_usable_password()
        login = guest.post(
            reverse("wagtailadmin_login"),
            {"username": "marieke@example.nl", "password": NEW_PASSWORD},
        )
        assert login.status_code == 302
        assert login["Location"] == reverse("wagtailadmin_home")
        assert guest.get(reverse("wagtailadmin_home")).status_code == 200

        # Used once, the link works no more.
        assert 'name="new_password1"' not in Client().get(link, follow=True).content.decode()

    def test_inviting_an_open_invitation_again_sends_a_new_link(self, editor, django_user_model):
        invite(editor)
        first_link = set_password_link(mail.outbox[0])

        response = invite(editor, name="Marieke de Boer", email="MARIEKE@example.nl")

        assert response.status_code == 302
        assert invitees(django_user_model).count() == 1
        assert len(mail.outbox) == 2
        second_link = set_password_link(mail.outbox[1])
        assert second_link != first_link
        listing = editor.get(PAGE_URL).content.decode()
        assert (
            dutch(_("%(name)s was already invited: a new link went to %(email)s."))
            % {
                "name": "Marieke de Boer",
                "email": "marieke@example.nl",
            }
            in listing
        )
        # Only the newest link works.
        assert 'name="new_password1"' not in Client().get(first_link, follow=True).content.decode()
        assert choose_password(Client(), second_link).status_code == 302
