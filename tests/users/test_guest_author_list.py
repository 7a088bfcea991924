"""Inviting guest authors: the list of who accepted, a failing mail server, the command."""

import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.admin_helpers import dutch, make_user, member_of
from users.roles import EDITORS, GUEST_AUTHORS

from .conftest import (
    FAILING_MAIL,
    NEW_PASSWORD,
    PAGE_URL,
    choose_password,
    invite,
    invitees,
    links_in,
    set_password_link,
    table_row,
)

pytestmark = pytest.mark.django_db


class TestTheListOfGuestAuthors:
    def test_it_shows_who_accepted_and_offers_to_invite_the_others_again(
        self, editor, django_user_model
    ):
        invite(editor, name="Open Uitnodiging", email="open@example.nl")
        invite(editor, name="Al Begonnen", email="begonnen@example.nl")
        choose_password(Client(), set_password_link(mail.outbox[1]))
        # Through the real login form: the login protection wants the request.
        Client().post(
            "/admin/login/", {"username": "begonnen@example.nl", "password": NEW_PASSWORD}
        )
        open_one = django_user_model.objects.get(email="open@example.nl")
        started = django_user_model.objects.get(email="begonnen@example.nl")

        page = editor.get(PAGE_URL).content.decode()
        waiting, accepted = (
            table_row(page, "open@example.nl"),
            table_row(page, "begonnen@example.nl"),
        )
        assert "Open Uitnodiging" in waiting
        assert f"<td>{dutch(_('No'))}</td>" in waiting
        assert dutch(_("Never")) in waiting
        assert reverse("guest_authors:invite_again", args=[open_one.pk]) in waiting
        assert "Al Begonnen" in accepted
        assert f"<td>{dutch(_('Yes'))}</td>" in accepted
        assert dutch(_("Never")) not in accepted
        assert reverse("guest_authors:invite_again", args=[started.pk]) not in page

    def test_invite_again_sends_a_new_link(self, editor, django_user_model):
        invite(editor)
        user = django_user_model.objects.get(email="marieke@example.nl")

        response = editor.post(reverse("guest_authors:invite_again", args=[user.pk]))

        assert response.status_code == 302
        assert response["Location"] == PAGE_URL
        assert [message.to for message in mail.outbox] == [["marieke@example.nl"]] * 2
        assert choose_password(Client(), set_password_link(mail.outbox[1])).status_code == 302

    def test_invite_again_sends_nothing_once_accepted(self, editor, django_user_model):
        accepted = member_of(
            django_user_model, GUEST_AUTHORS, "marieke", first_name="Marieke", last_name="Boer"
        )
        response = editor.post(
            reverse("guest_authors:invite_again", args=[accepted.pk]), follow=True
        )
        assert (
            dutch(_("%(name)s has no open invitation: nothing was sent."))
            % {"name": "Marieke Boer"}
            in response.content.decode()
        )
        assert mail.outbox == []

    def test_invite_again_is_only_for_guest_authors_and_only_by_post(
        self, editor, django_user_model
    ):
        colleague = member_of(django_user_model, EDITORS, "collega")
        url = reverse("guest_authors:invite_again", args=[colleague.pk])
        assert editor.post(url).status_code == 404
        invite(editor)
        user = django_user_model.objects.get(email="marieke@example.nl")
        assert editor.get(reverse("guest_authors:invite_again", args=[user.pk])).status_code == 405
        assert len(mail.outbox) == 1

    def test_invite_again_is_refused_without_the_permission(self, client, django_user_model):
        invited = member_of(django_user_model, GUEST_AUTHORS, "marieke")
        invited.set_unusable_password()
        invited.save()
        client.force_login(make_user(django_user_model, "beheerder"))
        response = client.post(reverse("guest_authors:invite_again", args=[invited.pk]))
        assert response["Location"] == reverse("wagtailadmin_home")
        assert mail.outbox == []


class TestAFailingMailServer:
    def test_the_account_stays_and_the_editor_is_told(self, editor, django_user_model, settings):
        settings.EMAIL_BACKEND = FAILING_MAIL

        response = invite(editor, follow=True)

        user = django_user_model.objects.get(email="marieke@example.nl")
        assert list(user.groups.values_list("name", flat=True)) == [GUEST_AUTHORS]
        assert (
            dutch(
                _(
                    "The account for %(email)s is ready, but the invitation could not be sent. "
                    "Try again later with “Invite again”."
                )
            )
            % {"email": "marieke@example.nl"}
            in response.content.decode()
        )
        assert reverse("guest_authors:invite_again", args=[user.pk]) in (response.content.decode())

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        editor.post(reverse("guest_authors:invite_again", args=[user.pk]))
        assert choose_password(Client(), set_password_link(mail.outbox[0])).status_code == 302


class TestTheCommand:
    def test_it_invites_with_links_to_the_configured_site(
        self, django_user_model, settings, capsys
    ):
        settings.WAGTAILADMIN_BASE_URL = "https://www.example.nl/"

        call_command("invite_guest_author", "Jan van der Berg", "Jan@Example.nl")

        user = django_user_model.objects.get(email="jan@example.nl")
        assert (user.first_name, user.last_name) == ("Jan", "van der Berg")
        assert list(user.groups.values_list("name", flat=True)) == [GUEST_AUTHORS]
        assert not user.has_usable_password()
        (message,) = mail.outbox
        link = set_password_link(message)
        assert link.startswith("https://www.example.nl/admin/password_reset/confirm/")
        assert "https://www.example.nl/admin/login/" in links_in(message)
        assert "jan@example.nl" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("name", "email"),
        [("Jan van der Berg", "geen-adres"), ("<i>Jan</i>", "jan@example.nl"), ("", "j@e.nl")],
    )
    def test_bad_input_is_an_error(self, django_user_model, name, email):
        users_before = django_user_model.objects.count()
        with pytest.raises(CommandError):
            call_command("invite_guest_author", name, email)
        assert django_user_model.objects.count() == users_before
        assert mail.outbox == []

    def test_an_existing_account_is_refused(self, django_user_model):
        member_of(django_user_model, EDITORS, "collega")
        with pytest.raises(
            CommandError,
            match=re.escape(
                dutch(
                    _("An account with this email address already exists: it cannot be invited.")
                )
            ),
        ):
            call_command("invite_guest_author", "Collega", "collega@example.nl")
        assert mail.outbox == []

    def test_a_failing_mail_server_is_an_error_but_the_account_stays(
        self, django_user_model, settings
    ):
        settings.EMAIL_BACKEND = FAILING_MAIL
        with pytest.raises(CommandError, match="could not be sent"):
            call_command("invite_guest_author", "Jan van der Berg", "jan@example.nl")
        assert invitees(django_user_model).filter(email="jan@example.nl").exists()

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        call_command("invite_guest_author", "Jan van der Berg", "jan@example.nl")
        assert invitees(django_user_model).count() == 1
        assert len(mail.outbox) == 1
