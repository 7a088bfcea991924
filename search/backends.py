"""Wagtail's PostgreSQL search backend, made to stay quick with thousands of articles.

Wagtail's own query matches on the title and body vectors joined into one
(`title || body @@ query`), which no index can answer, and orders by a rank
that reads every matching body. For a word that most articles contain, that
is every article's full text on every search: hundreds of milliseconds at
10,000 articles.

Here the match is on each vector (`title @@ query OR body @@ query`), which
PostgreSQL answers from the GIN indexes Wagtail keeps on both, and the order
is what a reader of a blog expects: articles with the words in the title
first, then the order of the searched queryset (for articles: newest first).
Only titles are ranked, and they are short. Everything else (indexing, the
query syntax, Dutch stemming, autocomplete, searching chosen fields) is
Wagtail's.

Settings: WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends" on PostgreSQL.
"""

from django.contrib.postgres.search import SearchRank
from django.db.models import BooleanField, F, Func, Q
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.search.query import Fuzzy, MatchAll, Not


def matches(vector, query):
    return Func(
        vector, query, arg_joiner=" @@ ", template="(%(expressions)s)", output_field=BooleanField()
    )


class IndexedSearchQueryCompiler(PostgresSearchQueryCompiler):
    def handled_by_wagtail(self):
        query = self.query
        return (
            self.fields is not None
            or isinstance(query, (MatchAll, Fuzzy))
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
        )

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.handled_by_wagtail():
            return super().search(config, start, stop, score_field=score_field, backend=backend)

        search_query = self.build_tsquery(self.query, config=config)
        # The query as a subquery: its value is then unknown when PostgreSQL
        # plans, so it assumes a selective match and uses the GIN indexes. With
        # the value in view, a word found in most articles makes it read the
        # whole table and test every body, each decompressed in turn: tens of
        # milliseconds at 10,000 articles, where the indexes take a few.
        planned_blind = Func(search_query, template="(SELECT %(expressions)s)")
        queryset = self.queryset.filter(
            Q(matches(F("index_entries__title"), planned_blind))
            | Q(matches(F("index_entries__body"), planned_blind))
        )
        title_rank = SearchRank(F("index_entries__title"), search_query)
        if self.order_by_relevance:
            then = self.queryset.query.order_by or ["-pk"]
            queryset = queryset.order_by(title_rank.desc(), *then)
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: title_rank})
        return queryset[start:stop]


class IndexedSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedSearchQueryCompiler


SearchBackend = IndexedSearchBackend
