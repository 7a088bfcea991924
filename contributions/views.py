"""The public forms for readers' contributions: a story in one sentence, a guest-blog pitch.

A form page is never served from the page cache: its CSRF token makes it personal.
"""

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core import conversions, rate_limit
from core.site_url import absolute_url

from .forms import PitchForm, StoryForm
from .tasks import notify_editors

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
