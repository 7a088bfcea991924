import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What is counted, by the name of its column: shown in this order everywhere.
FIGURES = ("views", "reads_to_end", "downloads", "stories", "signups")
# What a figure summed over days is called in a query (not its column's name,
# which Django does not allow for an annotation).
TOTALS = {figure: f"total_{figure}" for figure in FIGURES}


def _sums():
    return {total: Sum(figure) for figure, total in TOTALS.items()}


class ArticleTallyQuerySet(models.QuerySet):
    def since(self, day):
        return self.filter(day__gte=day)

    def totals(self):
        """{figure: its sum over these rows} (0 where there are none)."""
        sums = self.aggregate(**_sums())
        return {figure: sums[total] or 0 for figure, total in TOTALS.items()}

    def per_week(self):
        """The sum of each figure (see TOTALS) per ISO week, which starts on
        Monday (`week`), oldest first."""
        return (
            self.annotate(week=TruncWeek("day"))
            .values("week")
            .annotate(**_sums())
            .order_by("week")
        )

    def per_article(self):
        """The sum of each figure (see TOTALS) per article, the most viewed first."""
        return (
            self.values("article_id", "article__title")
            .annotate(**_sums())
            .order_by("-total_views", "-total_reads_to_end", "article__title")
        )


class ArticleTally(models.Model):
    """What happened with one article on one day, counted as it happened.

    No row per visit exists, nor anything about a reader: each event adds one
    to its day's row (one row per article and day, so counting locks no more
    than that row), and this is all that is stored.
    """

    article = models.ForeignKey(
        "blog.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="tallies",
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)
    reads_to_end = models.PositiveIntegerField(_("read to the end"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    stories = models.PositiveIntegerField(_("stories and pitches"), default=0)
    signups = models.PositiveIntegerField(_("newsletter signups"), default=0)

    objects = ArticleTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reading figures of a day")
        verbose_name_plural = _("reading figures")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="one_tally_per_article_day")
        ]
        # The dashboard and the overview add up every article's recent days.
        indexes = [models.Index(fields=["day"], name="article_tally_day")]

    def __str__(self):
        return f"{self.article_id} {self.day}"

    @classmethod
    def add_one(cls, article_id, figure, day=None):
        """Count one `figure` (see FIGURES) for the article today."""
        if figure not in FIGURES:
            raise ValueError(f"Not a figure: {figure!r}")
        day = day or timezone.localdate()
        rows = cls.objects.filter(article_id=article_id, day=day)
        if rows.update(**{figure: F(figure) + 1}):
            return
        try:
            with transaction.atomic():
                cls.objects.create(article_id=article_id, day=day, **{figure: 1})
        except IntegrityError:
            # Another request created today's row first.
            rows.update(**{figure: F(figure) + 1})


def week_start(day):
    """The Monday of the ISO week `day` falls in (as TruncWeek has it)."""
    return day - datetime.timedelta(days=day.weekday())
