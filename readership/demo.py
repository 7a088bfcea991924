"""Reading figures for the demo articles (demo's load_demo_content), so that the
dashboard and the reports have something to show after `make run`.

Made up, but the same every time (each article's numbers come from a seed of
its own): school leaders read on weekdays more than at weekends, the newer
articles more than the older ones, about half of the readers reach the end,
and a few of them download, sign up or send a story.
"""

import datetime
import random

from django.utils import timezone

from .models import ArticleTally

DAYS = 70  # ten weeks, up to yesterday

# How much a day of the week is read, Monday first: between meetings, and on
# Sunday evening.
WEEKDAYS = (1.15, 1.2, 1.1, 1.05, 0.9, 0.45, 0.7)

# Of every view: read to the end (a range), a download, a story, a signup.
READ_TO_END = (0.38, 0.62)
DOWNLOAD = 0.035
STORY = 0.004
SIGNUP = 0.012


def load_reading_figures(articles, today=None):
    """Ten weeks of daily figures for each article that has none in that
    time; the number of days written. Loading again writes nothing (nor
    touches an article that real readers have read meanwhile)."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=DAYS)
    counted = set(
        ArticleTally.objects.filter(article__in=articles, day__gte=first, day__lt=today)
        .values_list("article_id", flat=True)
        .distinct()
    )
    newest_first = sorted(
        articles, key=lambda article: (article.publication_date or datetime.date.min, article.pk)
    )[::-1]
    rows = []
    for rank, article in enumerate(newest_first):
        if article.pk not in counted:
            rows += days_of(article, rank, today)
    ArticleTally.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def days_of(article, rank, today):
    numbers = random.Random(f"readership-demo:{article.slug}")
    # The newest article some 60 views on a weekday, the oldest about 12.
    usual = 60 / (1 + 0.6 * rank) + numbers.uniform(0, 6)
    for days_ago in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=days_ago)
        # Slowly less read as it ages, by a quarter over the ten weeks.
        fading = 0.75 + 0.25 * days_ago / DAYS
        views = round(usual * WEEKDAYS[day.weekday()] * fading * numbers.uniform(0.7, 1.3))
        yield ArticleTally(
            article=article,
            day=day,
            views=views,
            reads_to_end=round(views * numbers.uniform(*READ_TO_END)),
            downloads=chance(numbers, views, DOWNLOAD),
            stories=chance(numbers, views, STORY),
            signups=chance(numbers, views, SIGNUP),
        )


def chance(numbers, tries, probability):
    """How many of `tries` readers did something each does with `probability`."""
    return sum(numbers.random() < probability for _ in range(tries))
