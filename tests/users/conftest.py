"""What the tests of inviting guest authors share: the page, the mail, its link."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from tests.admin_helpers import member_of
from users.roles import EDITORS, GUEST_AUTHORS

PAGE_URL = reverse("guest_authors:index")
NEW_PASSWORD = "Schoolleider-2026!"
FAILING_MAIL = "tests.resources.failing_mail.FailingBackend"


def dutch_plural(singular, plural, number):
    with translation.override("nl"):
        return ngettext(singular, plural, number)


@pytest.fixture
def editor_member(client, django_user_model):
    """The test client, logged in as a member of Redactie."""
    client.force_login(member_of(django_user_model, EDITORS, "redacteur"))
    return client


def invite(client, name="Marieke de Boer", email="marieke@example.nl", **kwargs):
    return client.post(PAGE_URL, {"name": name, "email": email}, **kwargs)


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def set_password_link(message):
    return next(link for link in links_in(message) if "/password_reset/confirm/" in link)


def choose_password(client, link, password=NEW_PASSWORD):
    """What the guest author does with the link: open it, then set a password."""
    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert 'name="new_password1"' in form.content.decode()
    return client.post(
        form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )


def table_row(page, text):
    """The row of the guest authors' table that holds `text`."""
    table = page.split('id="guest-authors"', 1)[1].split("</table>", 1)[0]
    return next(row for row in table.split("<tr")[1:] if text in row)


def invitees(django_user_model):
    return django_user_model.objects.filter(groups__name=GUEST_AUTHORS)
