"""Invite a guest author from the command line, as the editors do in the admin
(see users.invitations); the links in the mail start with WAGTAILADMIN_BASE_URL."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from users.forms import GuestAuthorInvitationForm
from users.invitations import InvitationRefused, invite_guest_author


class Command(BaseCommand):
    help = (
        "Invite a guest author: an account in Gastauteurs without a password, and an "
        "email with a link to choose one. An open invitation gets a new link."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help='First name and surname, e.g. "Jan de Vries".')
        parser.add_argument("email", help="The guest author's email address.")

    def handle(self, *args, name, email, **options):
        form = GuestAuthorInvitationForm({"name": name, "email": email})
        if not form.is_valid():
            raise CommandError(
                " ".join(
                    f"{field}: {error}"
                    for field, errors in form.errors.items()
                    for error in errors
                )
            )
        try:
            invitation = invite_guest_author(
                form.cleaned_data["name"],
                form.cleaned_data["email"],
                base_url=settings.WAGTAILADMIN_BASE_URL,
            )
        except InvitationRefused as refused:
            raise CommandError(str(refused)) from None

        user = invitation.user
        if invitation.created:
            self.stdout.write(f"Created the guest author {user.get_full_name()} <{user.email}>.")
        else:
            self.stdout.write(f"{user.email} was already invited: this is a new link.")
        if not invitation.sent:
            raise CommandError(
                f"The account for {user.email} is ready, but the invitation could not be "
                "sent. Run this command again to send it."
            )
        self.stdout.write(self.style.SUCCESS(f"Invitation sent to {user.email}."))
