from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from caching import fragments
from newsletter.forms import SignupForm

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_form(context, source, *, label_id=""):
    """The sign-up form for a place on the site (`source`, e.g. "footer").

    It holds no CSRF token, so that the page around it can be cached:
    js/newsletter.js fetches one when the form is sent (and without
    JavaScript the sign-up page offers the filled-in form again). So it is
    the same for every visitor, and rendered once per content generation
    (caching.fragments): its consent text links to the privacy statement.
    """
    request = context.get("request")

    def render():
        form_context = {
            "form": SignupForm(initial={"source": source}, auto_id=f"newsletter-{source}-%s"),
            "label_id": label_id,
            "token_url": reverse("newsletter:csrf_token"),
        }
        return render_to_string("newsletter/includes/signup_form.html", form_context, request)

    return fragments.render_one(request, "newsletter-form", [source, label_id], render)
