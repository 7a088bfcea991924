"""The editors' planning: where every article stands that is not simply live,
and what went live lately (shown by blog.admin_planning under Blog › Planning).

- Draft: never published, taken offline, or live with newer changes; not in
  review now, and not only the version scheduled to go live.
- In review: waiting in a task of a workflow (the review of guest posts):
  which task, who reviews it (the groups or people it is assigned to) and
  since when.
- Scheduled: a version approved to go live at a set time.
- Recently published: first live in the last RECENT_DAYS days, newest first.

Each row is about one version: a draft's latest revision, the revision under
review, the revision that will go live, or what is live (blog.versions reads
them all in a fixed number of queries). Only the editors see this: it names
the authors of anonymous articles.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Revision, Task, WorkflowState

from .byline import may_see_every_author
from .models import ArticlePage
from .versions import Version, read_versions

RECENT_DAYS = 30
# Rows per section; a longer section says how many more there are.
SHOWN = 50


def may_see_planning(user):
    """The editors (Redactie) and administrators: it names every author."""
    return may_see_every_author(user)


class Standing:
    """Where a draft stands."""

    NEVER_PUBLISHED = gettext_lazy("Never published")
    OFFLINE = gettext_lazy("Taken offline")
    NEWER_CHANGES = gettext_lazy("Live, with newer changes")
    CHANGES_REQUESTED = gettext_lazy("Changes requested")


@dataclass
class Row:
    article: ArticlePage
    version: Version
    moment: datetime.datetime | None
    standing: str = ""
    task: str = ""
    reviewers: list = field(default_factory=list)

    @property
    def relative_moment(self):
        return relative_time(self.moment) if self.moment else ""


@dataclass
class Section:
    key: str
    rows: list
    more: int = 0  # rows left out beyond SHOWN


def relative_time(moment, now=None):
    """How long ago or ahead, in its largest unit: "3 dagen geleden", "over 2 weken"."""
    now = now or timezone.now()
    if moment > now:
        return _("in %(time_period)s") % {"time_period": timeuntil(moment, now, depth=1)}
    period = timesince(moment, now, depth=1)
    if period == timesince(now, now, depth=1):  # "0 minutes"
        return _("just now")
    return _("%(time_period)s ago") % {"time_period": period}


def _article_type():
    return ContentType.objects.get_for_model(ArticlePage)


def _first(rows):
    """The first SHOWN of a queryset, and how many more there are."""
    shown = list(rows[: SHOWN + 1])
    if len(shown) <= SHOWN:
        return shown, 0
    return shown[:SHOWN], rows.count() - SHOWN


def reviewers_by_task(task_ids):
    """{task id: (task name, names of the groups or people assigned to it)}.

    Wagtail's review task is assigned to groups; a task of another kind may
    name users. Each kind of task costs a query, not each article.
    """
    tasks = list(Task.objects.filter(pk__in=task_ids).specific())
    with_groups = [task for task in tasks if hasattr(task, "groups")]
    with_users = [task for task in tasks if hasattr(task, "users")]
    prefetch_related_objects(with_groups, "groups")
    prefetch_related_objects(with_users, "users")
    found = {}
    for task in tasks:
        names = []
        if task in with_groups:
            names += sorted(group.name for group in task.groups.all())
        if task in with_users:
            names += sorted(
                user.get_full_name() or user.get_username() for user in task.users.all()
            )
        found[task.pk] = (task.name, names)
    return found


def drafts():
    """Articles with a version not live, not in review and not (only) scheduled;
    last edited first."""
    states = dict(
        WorkflowState.objects.active()
        .filter(content_type=_article_type())
        .values_list("object_id", "status")
    )
    in_review = [
        int(pk) for pk, status in states.items() if status == WorkflowState.STATUS_IN_PROGRESS
    ]
    articles, more = _first(
        ArticlePage.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(pk__in=in_review)
        # Its newest version is the one scheduled: it waits to go live.
        .exclude(latest_revision__approved_go_live_at__isnull=False)
        .defer_streamfields()
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )
    versions = read_versions(
        articles,
        {
            article.pk: article.latest_revision_id
            for article in articles
            if article.latest_revision_id
        },
    )
    rows = [
        Row(
            article,
            versions[article.pk],
            article.latest_revision_created_at,
            standing=_standing(article, states.get(str(article.pk))),
        )
        for article in articles
    ]
    return Section("drafts", rows, more)


def in_review():
    """Articles waiting in a task of a workflow, longest waiting first."""
    states, more = _first(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, content_type=_article_type()
        )
        .exclude(current_task_state=None)
        .select_related("current_task_state")
        .order_by("current_task_state__started_at", "pk")
    )
    under_review = {int(state.object_id): state.current_task_state for state in states}
    articles = ArticlePage.objects.filter(pk__in=under_review).defer_streamfields().in_bulk()
    versions = read_versions(
        articles.values(),
        {
            pk: task_state.revision_id
            for pk, task_state in under_review.items()
            if task_state.revision_id
        },
    )
    tasks = reviewers_by_task({task_state.task_id for task_state in under_review.values()})
    rows = []
    for pk, task_state in under_review.items():
        if pk not in articles:
            continue
        task_name, reviewers = tasks.get(task_state.task_id, ("", []))
        rows.append(
            Row(
                articles[pk],
                versions[pk],
                task_state.started_at,
                task=task_name,
                reviewers=reviewers,
            )
        )
    return Section("in_review", rows, more)


def scheduled():
    """The versions of articles approved to go live at a set time, soonest first."""
    revisions, more = _first(
        Revision.objects.filter(content_type=_article_type(), approved_go_live_at__isnull=False)
        .only("pk", "object_id", "approved_go_live_at")
        .order_by("approved_go_live_at", "pk")
    )
    revision_ids = {int(revision.object_id): revision.pk for revision in revisions}
    articles = ArticlePage.objects.filter(pk__in=revision_ids).defer_streamfields().in_bulk()
    versions = read_versions(articles.values(), revision_ids)
    rows = [
        Row(articles[pk], versions[pk], revision.approved_go_live_at)
        for revision in revisions
        if (pk := int(revision.object_id)) in articles
    ]
    return Section("scheduled", rows, more)


def recently_published():
    """Articles first live in the last RECENT_DAYS days, as they are live; newest first."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    articles, more = _first(
        ArticlePage.objects.live()
        .filter(first_published_at__gte=since)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )
    versions = read_versions(articles, {})
    rows = [Row(article, versions[article.pk], article.first_published_at) for article in articles]
    return Section("recently_published", rows, more)


def planning():
    """The four sections, in the order the editors read them."""
    return [drafts(), in_review(), scheduled(), recently_published()]


def _standing(article, workflow_status):
    if workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
        return Standing.CHANGES_REQUESTED
    if article.live:
        return Standing.NEWER_CHANGES
    if article.first_published_at is None:
        return Standing.NEVER_PUBLISHED
    return Standing.OFFLINE
