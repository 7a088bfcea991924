from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The site's user account: editors and guest authors.

    Custom from the first migration so that later fields (and guest-author
    behaviour) need no swap of the user model.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [("invite_guest_author", "Can invite guest authors")]
