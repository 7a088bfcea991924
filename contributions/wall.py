"""The wall of recognition as other pages show it: a few approved sentences
under an article of the same themes, and the address of the wall itself.

Both are kept in the shared cache under a version of their own
(caching.versions), not the content generation: they depend on the stories
on the wall and on the *Herkenning* page alone, so an article page once shown
asks the database nothing for them, and right after a publish nothing either.
Whatever changes them (a sentence approved, edited, taken off, withdrawn or
deleted; the wall page published, moved or deleted) forgets them (kept) and
makes the cached pages stale (contributions.signals).
"""

from caching.versions import Versioned

from .models import RecognitionPage, Story, WallSentence

# Sentences under an article.
EXCERPT_SIZE = 3

kept = Versioned("recognition-wall")


def wall_url():
    """The address of the live, public *Herkenning* page, or None."""

    def find():
        page = RecognitionPage.objects.live().public().first()
        return page.get_url() if page else None

    return kept.remember("url", find)


def excerpt(theme_ids):
    """Up to EXCERPT_SIZE approved sentences (WallSentence, text only) with any
    of the themes, the newest approved first; and the wall's address when
    there are any. One query, the first time for a set of themes."""
    theme_ids = sorted({int(pk) for pk in theme_ids if pk is not None})
    if not theme_ids:
        return {"sentences": [], "wall_url": None}

    def load():
        stories = (Story.objects.wall_sentences().filter(wall_themes__in=theme_ids).distinct())[
            :EXCERPT_SIZE
        ]
        return [WallSentence(text=story.wall_text) for story in stories]

    sentences = kept.remember("excerpt:" + ",".join(map(str, theme_ids)), load)
    return {"sentences": sentences, "wall_url": wall_url() if sentences else None}
