from django import template
from django.urls import reverse

from newsletter.forms import SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html")
def newsletter_form(source, *, label_id=""):
    """The sign-up form for a place on the site (`source`, e.g. "footer").

    It holds no CSRF token, so that the page around it can be cached:
    js/newsletter.js fetches one when the form is sent (and without
    JavaScript the sign-up page offers the filled-in form again).
    """
    return {
        "form": SignupForm(initial={"source": source}, auto_id=f"newsletter-{source}-%s"),
        "label_id": label_id,
        "token_url": reverse("newsletter:csrf_token"),
    }
