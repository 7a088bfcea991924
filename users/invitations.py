"""Inviting a guest author: an account in the Gastauteurs group without a
usable password, and a mail with a link to choose one.

The link is Django's password-reset link (its token generator and Wagtail's
confirm view): it expires after PASSWORD_RESET_TIMEOUT and stops working once
a password is set. Wagtail's "forgot password" form skips accounts without a
usable password, so an invitee who lost the mail gets a fresh one from the
editors; that is the only case in which an existing address is invited again.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from core.mail import templated_email

from .roles import GUEST_AUTHORS, ensure_guest_authors_group

logger = logging.getLogger(__name__)

INVITE_PERMISSION = "users.invite_guest_author"
DAY = 24 * 60 * 60
HOUR = 60 * 60


class InvitationRefused(Exception):
    """The address belongs to an account that is not an open invitation."""

    def __init__(self):
        super().__init__(
            _("An account with this email address already exists: it cannot be invited.")
        )


@dataclass
class Invitation:
    user: object
    created: bool  # False: a fresh link for an invitation that was still open
    sent: bool  # False: the mail server failed; the account is there, send it again


def guest_authors():
    """Every member of Gastauteurs, newest first, with their groups at hand
    for is_open_invitation()."""
    return (
        get_user_model()
        .objects.filter(groups__name=GUEST_AUTHORS)
        .prefetch_related("groups")
        .order_by("-date_joined", "pk")
    )


def is_open_invitation(user):
    """A guest author who never logged in nor chose a password: inviting them
    again only sends a new link. Anyone else, such as an editor or a guest
    author who already accepted, is not invited over."""
    groups = {group.name for group in user.groups.all()}
    return (
        groups == {GUEST_AUTHORS}
        and user.is_active
        and not user.is_staff
        and not user.is_superuser
        and user.last_login is None
        and not user.has_usable_password()
    )


def invite_guest_author(name, email, *, base_url):
    """Invite `name` at `email` (both as GuestAuthorInvitationForm cleaned them),
    or send an open invitation for that address again. Links start with
    `base_url`, e.g. "https://www.example.nl".

    Raises InvitationRefused if the address belongs to any other account.
    """
    address = email.strip().lower()
    User = get_user_model()
    try:
        user, created = _open_account(User, name, address)
    except IntegrityError:  # the same address, invited at the same moment
        raise InvitationRefused from None
    return Invitation(user=user, created=created, sent=send_invitation(user, base_url=base_url))


def _open_account(User, name, address):
    """The new account, or the open invitation's, ready for a new link."""
    with transaction.atomic():
        existing = list(
            User.objects.select_for_update()
            .filter(Q(email__iexact=address) | Q(username__iexact=address))
            .prefetch_related("groups")
        )
        if existing:
            if len(existing) > 1 or not is_open_invitation(existing[0]):
                raise InvitationRefused
            user = existing[0]
            # A new unusable password makes the links sent before stop working.
            user.set_unusable_password()
            user.save(update_fields=["password"])
            return user, False
        first_name, _space, last_name = " ".join(name.split()).partition(" ")
        user = User(
            username=address,
            email=address,
            first_name=first_name,
            last_name=last_name,
            is_active=True,
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(ensure_guest_authors_group())
        return user, True


def invite_again(user, *, base_url):
    """Send a new link to an open invitation (the editors' "invite again")."""
    return invite_guest_author(user.get_full_name(), user.email, base_url=base_url)


def set_password_url(user, *, base_url):
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return base_url.rstrip("/") + path


def send_invitation(user, *, base_url):
    """Mail the invitation; False if the mail server failed (it is logged)."""
    timeout = settings.PASSWORD_RESET_TIMEOUT
    context = {
        "name": user.get_short_name() or user.get_full_name(),
        "username": user.get_username(),
        "set_password_url": set_password_url(user, base_url=base_url),
        "login_url": base_url.rstrip("/") + reverse("wagtailadmin_login"),
        # Whole days, or hours if it is less than one: never more than it is.
        "valid_days": timeout // DAY,
        "valid_hours": max(timeout // HOUR, 1),
    }
    message = templated_email("users/emails/invitation", context, to=[user.email])
    try:
        message.send()
    except OSError:  # smtplib's errors, refused and broken connections
        logger.exception("The invitation to guest author %s could not be sent", user.pk)
        return False
    return True
