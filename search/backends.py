"""Wagtail's PostgreSQL search backend, made to stay quick with thousands of articles.

Wagtail's own query matches on the title and body vectors joined into one
(`title || body @@ query`), which no index can answer, and orders by a rank
that reads every matching body. For a word that most articles contain, that
is every article's full text on every search: hundreds of milliseconds at
10,000 articles.

Here the order is what a reader of a blog expects: articles with the words in
the title first, then the rest, each in the order of the searched queryset
(for articles: newest first). A page of results is two short lists that
PostgreSQL reads along an index on that order, and the number of matches
comes from the GIN indexes Wagtail keeps on both vectors. Everything else
(indexing, the query syntax, Dutch stemming, autocomplete, searching chosen
fields, scores) is Wagtail's.

Measured on 2026-12-02 with 10,009 articles on PostgreSQL 15 (the 2-core
machine), a page of ten results for a word found in nearly every article:
69-101 ms here against 346-411 ms with Wagtail's own backend (the same
matches; 10 searches each, three words, side by side).

It subclasses Wagtail's (modelsearch's) query compiler and uses its
build_tsquery(), get_config() and queryset internals: not a public API.
tests/search/test_wagtail_internals.py pins the versions it was checked
against and fails on an upgrade until it is checked again.

Settings: WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends" on PostgreSQL.
"""

from django.db.models import BooleanField, F, Func, Q, Value
from wagtail.search.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
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

    def matching(self, config):
        """Every match, in no particular order (for counting them)."""
        # The query as a subquery: its value is then unknown when PostgreSQL
        # plans, so it assumes a selective match and uses the GIN indexes. With
        # the value in view, a word found in most articles makes it read the
        # whole table and test every body, each decompressed in turn: tens of
        # milliseconds at 10,000 articles, where the indexes take a few.
        search_query = self.build_tsquery(self.query, config=config)
        planned_blind = Func(search_query, template="(SELECT %(expressions)s)")
        return self.queryset.filter(
            Q(matches(F("index_entries__title"), planned_blind))
            | Q(matches(F("index_entries__body"), planned_blind))
        )

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.handled_by_wagtail() or score_field is not None:
            # Scores (annotate_score()) are Wagtail's ranks, and so is the order then.
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        order = list(self.queryset.query.order_by) or ["-pk"]
        if not self.order_by_relevance:
            return self.matching(config).order_by(*order)[start:stop]

        # Two lists, each in the queryset's order, the title matches first. For
        # a common word PostgreSQL then walks an index on that order (for
        # articles: newest first) and stops after a page, where one list in
        # mixed order would have to sort every match.
        if stop is not None and stop <= (start or 0):
            return self.queryset.none()  # an empty slice, e.g. of no results
        search_query = self.build_tsquery(self.query, config=config)
        in_title = matches(F("index_entries__title"), search_query)
        in_body = matches(F("index_entries__body"), search_query)
        title_first = self.queryset.filter(in_title).annotate(title_match=Value(1))
        then_body = self.queryset.filter(in_body).exclude(in_title).annotate(title_match=Value(0))
        title_first, then_body = title_first.order_by(*order), then_body.order_by(*order)
        if stop is not None:
            title_first, then_body = title_first[:stop], then_body[:stop]
        both = title_first.union(then_body, all=True).order_by("-title_match", *order)
        return both[start:stop]


class IndexedSearchResults(PostgresSearchResults):
    def _do_count(self):
        compiler = self.query_compiler
        # The admin's page search autocompletes, with Wagtail's own compiler.
        if not isinstance(compiler, IndexedSearchQueryCompiler) or compiler.handled_by_wagtail():
            return super()._do_count()
        return compiler.matching(compiler.get_config(self.backend)).count()


class IndexedSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedSearchQueryCompiler
    results_class = IndexedSearchResults


SearchBackend = IndexedSearchBackend
