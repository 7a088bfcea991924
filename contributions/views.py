"""The public forms for readers' contributions: a story in one sentence, a guest-blog pitch;
and the page of the link that takes a sentence off the wall of recognition.

A form page is never served from the page cache: its CSRF token makes it personal.
"""

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from core import conversions, rate_limit
from core.site_url import absolute_url

from .forms import PitchForm, StoryForm
from .models import Story
from .tasks import notify_editors, send_story_receipt
from .tokens import WITHDRAW
from .wall import wall_url

# Posts an hour per form, per email address (or, without one, per visitor
# address), and per visitor address whatever the email: every post is a mail
# to the editors. Several colleagues behind one school address may share a
# story after a team meeting about the blog; a guest blog is pitched by a
# school leader, seldom by more than one at a school in an hour.
POST_LIMITS = {
    "story": rate_limit.per_hour("contributions-story", per_mailbox=5, per_visitor=10),
    "pitch": rate_limit.per_hour("contributions-pitch", per_mailbox=5, per_visitor=5),
}


def contribution_view(form_class, template, thanks_url_name):
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request):
        if request.method != "POST":
            return render(request, template, {"form": form_class()})
        form = form_class(request.POST)
        status = 400
        if form.is_valid():
            limits = POST_LIMITS[form._meta.model._meta.model_name]
            with limits.attempt(request, form.sender_address()) as refused:
                if refused is None:
                    # Stored with the editors' notice queued, or (the database
                    # failing) neither, and the reader gets the 503 page that says so.
                    with transaction.atomic():
                        contribution = form.save()
                        conversions.announce(request, conversions.STORY)
                        notify_editors.enqueue(
                            contribution._meta.model_name, admin_url(request, contribution)
                        )
                        if getattr(contribution, "has_withdrawal_link", False):
                            send_story_receipt.enqueue(contribution.pk)
                    return redirect(thanks_url_name)
            form.add_error(None, refused.message or form.too_many_requests_message)
            status = 429
        return render(request, template, {"form": form}, status=status)

    def csrf_failure(request):
        """The form came without a valid CSRF token (e.g. it lay open too long):
        offer it again, filled in, with a fresh token."""
        form = form_class(initial=form_class.initial_from(request.POST))
        return render(request, template, {"form": form, "resubmit": True}, status=403)

    view.csrf_failure = csrf_failure
    return view


def admin_url(request, contribution):
    viewset = {"story": "stories", "pitch": "pitches"}[contribution._meta.model_name]
    return absolute_url(reverse(f"{viewset}:inspect", args=[contribution.pk]))


def thanks_view(kind):
    def view(request):
        return render(request, "contributions/thanks.html", {"kind": kind})

    return view


share_story = contribution_view(
    StoryForm, "contributions/story.html", "contributions:story_thanks"
)
pitch_guest_blog = contribution_view(
    PitchForm, "contributions/pitch.html", "contributions:pitch_thanks"
)
story_thanks = thanks_view("story")
pitch_thanks = thanks_view("pitch")


@csrf_exempt  # The signed link is the authority, as for the newsletter's unsubscribe link.
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request):
    """The link in a story's confirmation mail: take the sentence off the wall,
    or delete the story. The link alone changes nothing (a mail scanner opens
    every link); pressing a button on the page does."""
    check = WITHDRAW.check(request.GET.get("t", ""))
    if not check.valid:
        return personal_page(request, {"state": "invalid"}, 400)
    story = Story.objects.filter(pk=check.value).first()
    if story is None:
        return personal_page(request, {"state": "gone"}, 200)
    state = "ask"
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "withdraw" and story.wall_consent:
            with transaction.atomic():
                story.withdraw_from_wall()
                log(instance=story, action="contributions.wall_withdrawn")
            state = "withdrawn"
        elif action == "delete" and may_delete(story):
            with transaction.atomic():
                log(instance=story, action="wagtail.delete")
                story.delete()
            return personal_page(request, {"state": "deleted"}, 200)
    context = {
        "state": state,
        "story": story,
        "may_withdraw": story.wall_consent,
        "may_delete": may_delete(story),
        "wall_url": wall_url(),
    }
    return personal_page(request, context, 200)


def may_delete(story):
    """A reader deletes their story themselves, unless an editor started a draft
    article from it: what becomes of the draft is the editors' choice (a
    privacy request, privacy.records)."""
    return story.article_id is None and story.status != Story.Status.USED


def personal_page(request, context, status):
    response = render(request, "contributions/withdraw.html", context, status=status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
