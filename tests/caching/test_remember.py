"""Costly results kept in the cache until the content changes (page_cache.remember)."""

from django.core.cache.backends.redis import RedisCache

from caching import page_cache


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return [self.calls]


def test_computed_once_until_the_content_changes():
    compute = Counter()
    assert page_cache.remember("telling", compute, 60) == [1]
    assert page_cache.remember("telling", compute, 60) == [1]
    page_cache.invalidate()
    assert page_cache.remember("telling", compute, 60) == [2]
    assert compute.calls == 2


def test_names_are_kept_apart():
    assert page_cache.remember("een", lambda: "een", 60) == "een"
    assert page_cache.remember("twee", lambda: "twee", 60) == "twee"


def test_without_a_shared_cache_it_is_computed_every_time(settings):
    settings.CONTENT_CACHE = False
    compute = Counter()
    page_cache.remember("telling", compute, 60)
    page_cache.remember("telling", compute, 60)
    assert compute.calls == 2


def test_an_unreachable_cache_computes_instead(monkeypatch):
    monkeypatch.setattr(page_cache, "cache", RedisCache("redis://127.0.0.1:1/0", {}))
    compute = Counter()
    assert page_cache.remember("telling", compute, 60) == [1]
    assert page_cache.remember("telling", compute, 60) == [2]


def test_an_evicted_generation_does_not_bring_old_values_back():
    from django.core.cache import cache

    compute = Counter()
    page_cache.remember("telling", compute, 60)
    cache.delete(page_cache.GENERATION_KEY)  # Redis evicted it under memory pressure
    assert page_cache.remember("telling", compute, 60) == [2]
    page_cache.invalidate()
    cache.delete(page_cache.GENERATION_KEY)
    page_cache.invalidate()  # with no generation to increment
    assert page_cache.remember("telling", compute, 60) == [3]
