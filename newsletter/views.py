"""The public side of the newsletter: signing up, confirming (and choosing
what to receive), changing that choice, unsubscribing.

Pages that hold a personal link are never cached and never indexed.
"""

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core import rate_limit

from .forms import CONSENT_TEXT, PreferencesForm, SignupForm
from .models import Subscriber
from .sending import NewsletterMail
from .signup import request_subscription
from .tasks import send_preferences_link, send_welcome
from .tokens import CONFIRM, PREFERENCES, UNSUBSCRIBE

# Sign-ups an hour per inbox: enough to fix a typo, too few to flood it. Per
# visitor address: a school's whole team, behind one address, may sign up in
# one staff meeting (a primary school has some 20 to 40 staff), while a visitor
# mailing strangers is stopped after 30 mails.
SIGNUP_LIMITS = rate_limit.per_hour("newsletter-signup", per_mailbox=5, per_visitor=30)
# Fresh links to one's preferences, asked for on the page of an expired one.
PREFERENCES_LINK_LIMITS = rate_limit.per_hour(
    "newsletter-preferences-link", per_mailbox=3, per_visitor=30
)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.method != "POST":
        return page(request, "newsletter/signup.html", {"form": SignupForm()})
    form = SignupForm(request.POST)
    status = 400
    if form.is_valid():
        email = form.cleaned_data["email"]
        with SIGNUP_LIMITS.attempt(request, email) as refused:
            if refused is None:
                with transaction.atomic():  # the signup with its mail queued, or neither
                    request_subscription(
                        request,
                        email,
                        source=form.cleaned_data["source"],
                        consent_text=str(CONSENT_TEXT),
                    )
                # The same answer for a new, a waiting and a known address.
                return remember_address(redirect("newsletter:check_inbox"), email)
        form.add_error(None, refused.message or form.too_many_requests_message)
        status = 429
    return page(request, "newsletter/signup.html", {"form": form}, status=status)


def signup_csrf_failure(request):
    """The form came without a valid CSRF token (a cached page, a browser
    without JavaScript): offer it again, filled in, with a fresh token."""
    form = SignupForm(
        initial={
            "email": request.POST.get("email", "")[:254],
            "source": request.POST.get("source", "")[:20],
        }
    )
    return page(request, "newsletter/signup.html", {"form": form, "resubmit": True}, status=403)


signup.csrf_failure = signup_csrf_failure


@require_GET
@never_cache
def csrf_token(request):
    """A CSRF token for the sign-up forms on cached pages (see js/newsletter.js)."""
    return JsonResponse({"token": get_token(request)})


# "Almost done" shows the address the reader entered, from a signed cookie that
# only that page gets (not the URL, nor the session, nor a cached page), for a
# quarter of an hour.
ADDRESS_COOKIE = "nieuwsbrief_adres"
ADDRESS_COOKIE_SALT = "newsletter.check_inbox"
ADDRESS_COOKIE_SECONDS = 15 * 60


def remember_address(response, email):
    response.set_signed_cookie(
        ADDRESS_COOKIE,
        email,
        salt=ADDRESS_COOKIE_SALT,
        max_age=ADDRESS_COOKIE_SECONDS,
        path=reverse("newsletter:check_inbox"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def check_inbox(request):
    email = request.get_signed_cookie(
        ADDRESS_COOKIE, default="", salt=ADDRESS_COOKIE_SALT, max_age=ADDRESS_COOKIE_SECONDS
    )
    return personal_page(request, "newsletter/check_inbox.html", {"email": email[:254]}, 200)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request):
    """The link in the confirmation mail shows what one can receive, with a
    button; only pressing it confirms (with that choice), so a mail scanner
    that opens every link confirms nothing. Nothing chosen: every new article."""
    check = CONFIRM.check(request.GET.get("t", ""))
    subscriber = (
        Subscriber.objects.filter(pk=check.value).exclude(email="").first()
        if check.valid
        else None
    )
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        state, status = ("expired", 410) if check.expired else ("invalid", 400)
        context = {"state": state, "form": SignupForm()}
    elif request.method == "POST" and subscriber.status == Subscriber.Status.PENDING:
        form = PreferencesForm(request.POST)
        if not form.is_valid():
            context, status = {"state": "ask", "form": form}, 400
        else:
            with transaction.atomic():
                if subscriber.confirm():
                    form.save(subscriber)
                    subscriber_id = subscriber.pk
                    transaction.on_commit(lambda: send_welcome.enqueue(subscriber_id))
            context, status = confirmed_context(subscriber), 200
    elif subscriber.status == Subscriber.Status.CONFIRMED:
        context, status = confirmed_context(subscriber), 200
    else:
        context, status = {"state": "ask", "form": PreferencesForm()}, 200
    return personal_page(request, "newsletter/confirm.html", context, status)


def confirmed_context(subscriber):
    return {
        "state": "confirmed",
        "preferences_url": NewsletterMail().personal_context(subscriber)["preferences_url"],
    }


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    """What a subscriber receives, changed through the link in every mail,
    without logging in: the signed link is the authority. An expired link
    can ask for a fresh one, mailed to the subscriber's own address."""
    token = request.GET.get("t", "")
    check = PREFERENCES.check(token)
    if check.value is None:
        return preferences_page(request, {"state": "invalid"}, 400)
    subscriber = Subscriber.objects.confirmed().filter(pk=check.value).first()
    if subscriber is None:
        # Unsubscribed, erased on request, or not confirmed: nothing to choose.
        return preferences_page(request, {"state": "gone"}, 410)
    if check.expired:
        if request.method == "POST" and "new_link" in request.POST:
            return new_preferences_link(request, subscriber)
        return preferences_page(request, {"state": "expired"}, 410)
    if request.method == "POST":
        form = PreferencesForm(request.POST, subscriber=subscriber)
        if form.is_valid():
            form.save(subscriber)
            form = PreferencesForm(subscriber=subscriber)
            return preferences_page(request, {"state": "saved", "form": form}, 200, subscriber)
        return preferences_page(request, {"state": "form", "form": form}, 400, subscriber)
    form = PreferencesForm(subscriber=subscriber)
    return preferences_page(request, {"state": "form", "form": form}, 200, subscriber)


def new_preferences_link(request, subscriber):
    with PREFERENCES_LINK_LIMITS.attempt(request, subscriber.email) as refused:
        if refused is None:
            subscriber_id = subscriber.pk
            transaction.on_commit(lambda: send_preferences_link.enqueue(subscriber_id))
            return preferences_page(request, {"state": "link_sent"}, 200)
    context = {"state": "expired", "refused": refused.message or TOO_MANY_LINKS}
    return preferences_page(request, context, 429)


TOO_MANY_LINKS = _(
    "A new link was sent to this address several times in the last hour. Please look in "
    "your inbox (and spam folder), or try again in an hour."
)


def preferences_page(request, context, status, subscriber=None):
    if subscriber is not None:
        context["themes_gone"] = subscriber.chosen_themes_gone()
    return personal_page(request, "newsletter/preferences.html", context, status)


@csrf_exempt  # The signed link is the authority: mail clients post here without a session.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request):
    """Unsubscribing without logging in: the button on the page, or the
    one-click POST a mail client sends for the List-Unsubscribe header (RFC 8058).
    A GET alone changes nothing, for the same reason as confirming."""
    check = UNSUBSCRIBE.check(request.GET.get("t", ""))
    if not check.valid:
        return personal_page(request, "newsletter/unsubscribe.html", {"state": "invalid"}, 400)
    subscriber = Subscriber.objects.filter(pk=check.value).first()
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        state = "done"  # deleted on request, or gone already: nothing is sent to them
    elif request.method == "POST":
        subscriber.unsubscribe()
        state = "done"
    else:
        state = "ask"
    return personal_page(request, "newsletter/unsubscribe.html", {"state": state}, 200)


def page(request, template, context=None, status=200):
    # The footer's sign-up form would only repeat the one on these pages.
    return render(
        request, template, {**(context or {}), "hide_footer_signup": True}, status=status
    )


def personal_page(request, template, context, status):
    response = page(request, template, context, status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
