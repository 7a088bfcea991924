"""What one version of an article says about itself, for the editors' lists.

An article's own rows (its title, authors and themes in the database) hold
the version last published, or the first draft of one never published; a
newer draft or a version scheduled to go live exists only as a revision. So
a list that is about a draft or a scheduled version reads its title,
authors, anonymity, themes and date from that revision's content.

`read_versions` does that for a whole list at once: the revisions' few
fields (not their bodies) in one query, their authors and themes in one
query each, and the relations of the articles read as they are in two: the
number of queries does not grow with the number of articles.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, prefetch_related_objects
from wagtail.models import Revision

from authors.models import Author
from themes.models import Theme

from .models import ArticlePageAuthor, TaggedArticle


@dataclass
class Version:
    title: str
    authors: list = field(default_factory=list)
    anonymous: bool = False
    themes: list = field(default_factory=list)
    publication_date: datetime.date | None = None


# The parts of a revision's content a list shows; the body stays in the database.
REVISION_FIELDS = {
    "title": "content__title",
    "publication_date": "content__publication_date",
    "anonymous": "content__publish_anonymously",
    "authors": "content__article_authors",
    "themes": "content__tagged_items",
}


def read_versions(articles, revision_ids):
    """{article pk: Version} for `articles`: read from the revision named in
    `revision_ids` ({article pk: revision id}), else from the article's rows."""
    as_they_are = [article for article in articles if article.pk not in revision_ids]
    prefetch_related_objects(
        as_they_are,
        Prefetch(
            "article_authors",
            queryset=ArticlePageAuthor.objects.select_related("author").order_by("sort_order"),
        ),
        Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
    )
    versions = {
        article.pk: Version(
            title=article.title,
            authors=[link.author for link in article.article_authors.all()],
            anonymous=article.publish_anonymously,
            themes=sorted((item.tag for item in article.tagged_items.all()), key=_by_name),
            publication_date=article.publication_date,
        )
        for article in as_they_are
    }
    versions.update(_from_revisions(revision_ids))
    return versions


def latest_versions(articles):
    """{article pk: Version} of each article's newest version: its latest
    revision when that is not what is live, else the article as it is."""
    drafts = {
        article.pk: article.latest_revision_id
        for article in articles
        if article.latest_revision_id and (article.has_unpublished_changes or not article.live)
    }
    return read_versions(articles, drafts)


def _from_revisions(revision_ids):
    if not revision_ids:
        return {}
    contents = {
        row["pk"]: row
        for row in Revision.objects.filter(pk__in=revision_ids.values()).values(
            "pk", **{name: F(lookup) for name, lookup in REVISION_FIELDS.items()}
        )
    }
    author_ids, theme_ids = set(), set()
    for content in contents.values():
        author_ids.update(_author_ids(content))
        theme_ids.update(_theme_ids(content))
    authors = Author.objects.in_bulk(author_ids) if author_ids else {}
    themes = Theme.objects.in_bulk(theme_ids) if theme_ids else {}

    versions = {}
    for article_pk, revision_id in revision_ids.items():
        content = contents.get(revision_id)
        if content is None:
            continue
        date = content["publication_date"]
        versions[article_pk] = Version(
            title=content["title"] or "",
            authors=[authors[pk] for pk in _author_ids(content) if pk in authors],
            anonymous=bool(content["anonymous"]),
            themes=sorted(
                (themes[pk] for pk in _theme_ids(content) if pk in themes), key=_by_name
            ),
            publication_date=datetime.date.fromisoformat(date) if date else None,
        )
    return versions


def _author_ids(content):
    links = content["authors"] or []
    return [link["author"] for link in sorted(links, key=lambda link: link.get("sort_order") or 0)]


def _theme_ids(content):
    return [item["tag"] for item in content["themes"] or []]


def _by_name(theme):
    return theme.name.lower()
