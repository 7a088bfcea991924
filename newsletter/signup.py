from django.urls import reverse

from core import conversions
from core.site_url import absolute_url

from .models import Subscriber
from .tasks import send_confirmation


def request_subscription(request, email, *, source, consent_text):
    """Sign an address up, to be confirmed through the link in a mail (double opt-in).

    Whether the address is new, waiting or confirmed already, nothing tells
    the difference to the person asking: a confirmation mail goes out only
    when the address waits for one, and at most once an hour.
    """
    subscriber, send = Subscriber.sign_up(email, source=source, consent_text=consent_text)
    conversions.announce(request, conversions.SIGNUP)
    if send:
        confirm_url = absolute_url(reverse("newsletter:confirm"))
        send_confirmation.enqueue(subscriber.pk, confirm_url)
    return subscriber
