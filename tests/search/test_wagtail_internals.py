"""Code of ours that leans on Wagtail internals, pinned to the versions it was
checked against: an upgrade fails here, loudly, until someone checks again.

search/backends.py subclasses the PostgreSQL backend's query compiler (a page
of results in 69-101 ms instead of 346-411 ms at 10,000 articles). After an
upgrade: run tests/search/ on PostgreSQL (DATABASE_URL=postgres://...), compare
the timings as the module's docstring describes, and raise the versions here.
"""

import wagtail
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

from blog.models import ArticlePage
from search.backends import IndexedSearchQueryCompiler

CHECKED_WAGTAIL = (8, 0)
CHECKED_MODELSEARCH = (1, 3)


def test_wagtail_is_the_version_the_search_backend_was_checked_against():
    import modelsearch

    assert wagtail.VERSION[:2] == CHECKED_WAGTAIL, (
        f"Wagtail {wagtail.__version__}: check search/backends.py against it (see this module)."
    )
    assert modelsearch.VERSION[:2] == CHECKED_MODELSEARCH, (
        f"modelsearch {modelsearch.__version__}: check search/backends.py against it."
    )


def test_the_compiler_internals_it_calls_are_still_there():
    assert issubclass(IndexedSearchQueryCompiler, PostgresSearchQueryCompiler)
    for method in ("build_tsquery", "get_config", "search"):
        assert callable(getattr(PostgresSearchQueryCompiler, method, None)), method
    # What __init__ sets, on a compiler over an empty queryset.
    compiler = PostgresSearchQueryCompiler(ArticlePage.objects.none(), "woord")
    for name in ("queryset", "query", "fields", "order_by_relevance"):
        assert hasattr(compiler, name), name
