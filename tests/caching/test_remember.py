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


def test_an_evicted_generation_does_not_bring_old_values_back(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_LOCAL_SECONDS = 0  # the shared cache alone, as another app server sees it

    compute = Counter()
    page_cache.remember("telling", compute, 60)
    cache.delete(page_cache.GENERATION_KEY)  # Redis evicted it under memory pressure
    assert page_cache.remember("telling", compute, 60) == [2]
    page_cache.invalidate()
    cache.delete(page_cache.GENERATION_KEY)
    page_cache.invalidate()  # with no generation to increment
    assert page_cache.remember("telling", compute, 60) == [3]


def test_a_change_through_this_process_is_seen_at_once():
    compute = Counter()
    page_cache.remember("telling", compute, 60)
    page_cache.invalidate()  # a publish in this process
    assert page_cache.remember("telling", compute, 60) == [2]


def test_another_servers_change_is_seen_within_the_local_seconds(settings, monkeypatch):
    """Each process keeps the generation it read for PAGE_CACHE_LOCAL_SECONDS,
    and what it read under it, so most lookups cost no round trip; a change
    through another app server reaches it after that, as for whole pages."""
    from django.core.cache import cache

    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
    compute = Counter()
    assert page_cache.remember("telling", compute, 60) == [1]
    cache.incr(page_cache.GENERATION_KEY)  # another server publishes
    now[0] += 0.5
    assert page_cache.remember("telling", compute, 60) == [1]
    now[0] += 0.6
    assert page_cache.remember("telling", compute, 60) == [2]


def test_kept_copies_are_not_shared_between_readers():
    value = page_cache.remember("lijst", lambda: {"namen": ["Ilse"]}, 60)
    value["namen"].append("Bram")  # one request changes what it was given
    assert page_cache.remember("lijst", lambda: None, 60) == {"namen": ["Ilse"]}


def test_the_local_copies_keep_the_most_recently_used(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_ENTRIES", 2)
    for name in ("een", "twee", "drie"):
        page_cache.remember(name, lambda name=name: name, 60)
    assert len(page_cache._local_entries) == 2
    assert "remember:een" not in page_cache._local_entries
