from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """An outgoing mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unavailable")
