"""The pages of a team conversation: starting one from a questionnaire, the
team's form, and the leader's links, answers and deletion.

None of them is public: every response is private and uncacheable (never
stored by the page cache or a CDN), asks search engines not to index it and
sends no Referer to other sites (the links hold their codes). No page asks
for a name or an address, and nothing about a visitor is stored: the limits
per visitor count a hash of their address in the cache for an hour
(core.rate_limit).
"""

import contextlib
import functools
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core import rate_limit
from core.site_url import absolute_url
from resources.choices import ResourceKind
from resources.models import ResourcePage

from . import links
from .forms import AnswerForm, StartForm
from .models import ANSWER_MAX_LENGTH, TeamAnswer, TeamConversation
from .questions import results, snapshot

logger = logging.getLogger(__name__)

# Conversations started an hour per visitor address: a school leader starts one
# or two; a training day for school leaders behind one network a few dozen.
START_LIMIT = rate_limit.Limit("conversation-start", 20, 60 * 60, rate_limit.TOO_MANY_FROM_NETWORK)
# Forms sent an hour per visitor address: a whole team (a primary school has
# some 20 to 40 staff) on the school's network, with room for a second team.
ANSWER_LIMIT = rate_limit.Limit(
    "conversation-answer", 100, 60 * 60, rate_limit.TOO_MANY_FROM_NETWORK
)
# Forms one conversation takes in all: several times a school's team, and a
# bound on what a shared link can be flooded with.
MAX_RESPONSES = 200

TOO_MANY_RESPONSES = _(
    "This team conversation has received %(count)d forms, the most it takes. "
    "Ask the person who started it to start a new one."
)
NOT_SAVED_TWICE = "dubbel"


def private(view):
    """For every page of a conversation: never cached or stored, never
    indexed, and no Referer to give a link's code away to another site.
    ("no-referrer" would do that too, but makes browsers send `Origin: null`
    with the forms, which Django's CSRF check then refuses.)"""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return made_private(view(request, *args, **kwargs))

    return wrapper


def made_private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def render(request, template, context=None, status=200):
    """A page of a conversation, with what every one of them may say."""
    context = {
        "days_kept": settings.PRIVACY_TEAM_CONVERSATION_DAYS,
        "answer_max_length": ANSWER_MAX_LENGTH,
        **(context or {}),
    }
    return render_page(request, template, context, status=status)


@contextlib.contextmanager
def limited(limit, request):
    """Yields None when the visitor may go ahead, else the limit that refused.
    An attempt whose block fails (the database out of reach) does not count."""
    visitor = rate_limit.visitor(request)
    if not limit.count(visitor):
        yield limit
        return
    try:
        yield None
    except Exception:
        limit.take_back(visitor)
        raise


def questionnaire_or_404(questionnaire_id):
    questionnaire = (
        ResourcePage.objects.live()
        .public()
        .filter(pk=questionnaire_id, kind=ResourceKind.QUESTIONNAIRE)
        .first()
    )
    if questionnaire is None or not questionnaire.is_questionnaire:
        raise Http404
    return questionnaire


def leader_url(code, name="results"):
    return reverse(f"conversations:{name}", args=[code])


def team_url(leader_code):
    return reverse("conversations:answer", args=[links.team_code(leader_code)])


# Starting


@private
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, questionnaire_id):
    questionnaire = questionnaire_or_404(questionnaire_id)
    if request.method != "POST":
        return start_page(request, questionnaire, StartForm())
    form = StartForm(request.POST)
    if not form.is_valid():
        return start_page(request, questionnaire, form, status=400)
    with limited(START_LIMIT, request) as refused:
        if refused is not None:
            form.add_error(None, refused.message)
            return start_page(request, questionnaire, form, status=429)
        leader_code = links.new_leader_code()
        TeamConversation.objects.create(
            questionnaire=questionnaire,
            questionnaire_title=questionnaire.title,
            questions=snapshot(questionnaire),
            title=form.cleaned_data["title"],
            team_key=links.key(links.team_code(leader_code)),
            leader_key=links.key(leader_code),
        )
    return redirect(leader_url(leader_code, "links"), permanent=False)


def start_page(request, questionnaire, form, status=200, **extra):
    context = {"questionnaire": questionnaire, "form": form, **extra}
    return render(request, "conversations/start.html", context, status=status)


def start_csrf_failure(request):
    """The form came without a valid CSRF token: offer it again, filled in."""
    questionnaire = questionnaire_or_404(request.resolver_match.kwargs["questionnaire_id"])
    form = StartForm(initial={"title": request.POST.get("title", "")[:120]})
    return made_private(start_page(request, questionnaire, form, status=403, resubmit=True))


start.csrf_failure = start_csrf_failure


# The link's conversation, or the page that says the link does not work


def found(key_field, code):
    """The conversation whose link this is; "gone" when there is none (a
    wrong or incomplete link, or one deleted), "expired" for one past its
    days, which is deleted now rather than at the next purge."""
    key = links.key(code)
    conversation = TeamConversation.objects.filter(**{key_field: key}).first() if key else None
    if conversation is None:
        return None, "gone"
    if conversation.is_expired():
        conversation.delete()
        logger.info("Team conversation deleted when its link was used after it expired")
        return None, "expired"
    return conversation, None


def link_problem(request, problem, *, leader):
    return render(
        request,
        "conversations/link_problem.html",
        {"problem": problem, "leader": leader},
        status=410 if problem == "expired" else 404,
    )


@private
def unknown_link(request, rest, leader):
    return link_problem(request, "gone", leader=leader)


def with_conversation(key_field):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, code, *args, **kwargs):
            conversation, problem = found(key_field, code)
            if problem:
                return link_problem(request, problem, leader=key_field == "leader_key")
            return view(request, conversation, code, *args, **kwargs)

        return wrapper

    return decorator


# The team's form


@private
@require_http_methods(["GET", "HEAD", "POST"])
@with_conversation("team_key")
def answer(request, conversation, code):
    if request.method != "POST":
        return answer_page(request, conversation, AnswerForm(conversation))
    form = AnswerForm(conversation, request.POST)
    if not form.is_valid():
        form.fresh_code()
        return answer_page(request, conversation, form, status=400)
    with limited(ANSWER_LIMIT, request) as refused:
        if refused is not None:
            form.add_error(None, refused.message)
            return answer_page(request, conversation, form, status=429)
        stored = store_answers(conversation, form)
    if stored is None:
        form.add_error(None, TOO_MANY_RESPONSES % {"count": MAX_RESPONSES})
        return answer_page(request, conversation, form, status=409)
    thanks = reverse("conversations:thanks")
    return redirect(thanks if stored else f"{thanks}?{NOT_SAVED_TWICE}=1")


def store_answers(conversation, form):
    """True when the answers are stored; False when this form was sent before
    (nothing is stored again); None when the conversation is full."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                conversation.sent_forms.create(code_key=form.code_key())
        except IntegrityError:
            return False
        counted = TeamConversation.objects.filter(
            pk=conversation.pk, response_count__lt=MAX_RESPONSES
        ).update(response_count=F("response_count") + 1)
        if not counted:
            transaction.set_rollback(True)
            return None
        TeamAnswer.objects.bulk_create(
            TeamAnswer(conversation=conversation, question=number, text=text, score=score)
            for number, text, score in form.answers()
        )
    return True


def answer_page(request, conversation, form, status=200, **extra):
    context = {"conversation": conversation, "form": form, **extra}
    return render(request, "conversations/answer.html", context, status=status)


def answer_csrf_failure(request):
    """The form came without a valid CSRF token (the browser blocks cookies,
    say): nothing is stored, and the form comes back filled in, to send again."""
    code = request.resolver_match.kwargs["code"]
    conversation, problem = found("team_key", code)
    if problem:
        return made_private(link_problem(request, problem, leader=False))
    form = AnswerForm(conversation, request.POST)
    form.is_valid()
    form.fresh_code()
    return made_private(answer_page(request, conversation, form, status=403, resubmit=True))


answer.csrf_failure = answer_csrf_failure


@private
@require_http_methods(["GET", "HEAD"])
def thanks(request):
    return render(
        request, "conversations/thanks.html", {"sent_before": NOT_SAVED_TWICE in request.GET}
    )


# The leader's pages


@private
@require_http_methods(["GET", "HEAD"])
@with_conversation("leader_key")
def leader_links(request, conversation, code):
    return render(
        request,
        "conversations/links.html",
        {"conversation": conversation, **leader_context(code)},
    )


@private
@require_http_methods(["GET", "HEAD"])
@with_conversation("leader_key")
def leader_results(request, conversation, code):
    return render(
        request,
        "conversations/results.html",
        {
            "conversation": conversation,
            "sections": results(conversation),
            "questionnaire_url": questionnaire_url(conversation),
            **leader_context(code),
        },
    )


@private
@require_http_methods(["GET", "HEAD", "POST"])
@with_conversation("leader_key")
def leader_delete(request, conversation, code):
    if request.method == "POST":
        conversation.delete()
        return redirect("conversations:deleted")
    return render(
        request,
        "conversations/delete.html",
        {"conversation": conversation, **leader_context(code)},
    )


@private
@require_http_methods(["GET", "HEAD"])
def deleted(request):
    return render(request, "conversations/deleted.html")


def leader_context(code):
    return {
        "leader_link": absolute_url(leader_url(code)),
        "team_link": absolute_url(team_url(code)),
        "results_url": leader_url(code),
        "links_url": leader_url(code, "links"),
        "delete_url": leader_url(code, "delete"),
    }


def questionnaire_url(conversation):
    questionnaire = conversation.questionnaire
    if questionnaire is None or not questionnaire.live:
        return ""
    return questionnaire.get_url()
