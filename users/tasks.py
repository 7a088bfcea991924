from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from core.mail import send_or_retry

# Wagtail's own mail for a forgotten password (wagtail.admin.views.account).
RESET_SUBJECT = "wagtailadmin/account/password_reset/email_subject.txt"
RESET_BODY = "wagtailadmin/account/password_reset/email.txt"


@task()
def send_password_reset(user_pk, protocol, domain, attempt=1):
    """Mail a user the link to set a new password (users.password_reset).

    The task holds the account's id, not its address or the link: the link is
    made when the mail is, so the queue and its results hold nothing that
    opens the account. An account closed meanwhile gets no mail.
    """
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(RESET_SUBJECT, context).split())
        body = render_to_string(RESET_BODY, context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[user.email])
    send_or_retry(message, send_password_reset, user_pk, protocol, domain, attempt=attempt)
