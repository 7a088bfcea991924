"""The whole-page cache for anonymous readers, and other content kept until it changes.

Everything here is stored with a generation number. Any change that a page
may show (a page published, unpublished, moved or deleted; a theme, author,
image, snippet, setting or site saved or deleted) bumps the generation, so
every stored entry is stale at once and expires on its own. With a shared
cache (Redis) that works across all app servers.

A lookup reads the generation and the entry in one round trip to the cache.
What is stored carries the generation read before the work began, so a
change made while a page was being rendered leaves that page stale.

Pages are also stored per release (release()): a deploy with new static
files or a changed setting that pages show finds none from before it.

A cache that cannot be reached is a miss, never an error: the page is then
rendered as if there were no cache.
"""

import contextlib
import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"


def _start_generation():
    # From the clock, not 1: were the number evicted from the cache, entries
    # stored under an earlier one must not come back to life. add() so that
    # two servers starting at once agree on one number.
    cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    return cache.get(GENERATION_KEY)


# What this process read from the shared cache lately, so that most lookups of
# remembered values and pieces of pages (caching.fragments) cost no round trip
# to it: the generation, kept PAGE_CACHE_LOCAL_SECONDS, and entries stored
# under it (key -> (generation, value)), the least recently used let go past
# LOCAL_ENTRIES. A change made through this process empties it at once
# (invalidate()); one made through another app server reaches this one within
# PAGE_CACHE_LOCAL_SECONDS, as for whole pages (_recent below). Values other
# than text are kept pickled: every reader gets a copy of its own, as from Redis.
LOCAL_ENTRIES = 1000
_local_generation = (0.0, None)  # (read at, on the monotonic clock; generation)
_local_entries = OrderedDict()
_local_lock = threading.Lock()


def current_generation():
    """The generation now (starting one when there is none), as this process
    last read it if that was less than PAGE_CACHE_LOCAL_SECONDS ago."""
    global _local_generation
    read_at, generation = _local_generation
    now = time.monotonic()
    if generation is None or now - read_at >= settings.PAGE_CACHE_LOCAL_SECONDS:
        generation = cache.get(GENERATION_KEY) or _start_generation()
        if settings.PAGE_CACHE_LOCAL_SECONDS > 0:
            _local_generation = (now, generation)
    return generation


def forget_local():
    """Forget what this process read from the shared cache (pages, values, pieces)."""
    global _local_generation
    with _local_lock, _recent_lock:
        _local_generation = (0.0, None)
        _local_entries.clear()
        _recent.clear()


def get_current(keys, generation):
    """{key: value} of the keys stored under `generation`: from this process's
    copies where it has them, the others in one round trip to the cache."""
    found, asked = {}, []
    if settings.PAGE_CACHE_LOCAL_SECONDS > 0:
        with _local_lock:
            for key in keys:
                entry = _local_entries.get(key)
                if entry is not None and entry[0] == generation:
                    _local_entries.move_to_end(key)
                    found[key] = entry[1]
                else:
                    asked.append(key)
    else:
        asked = list(keys)
    if asked:
        fetched = {
            key: entry
            for key, entry in cache.get_many(asked).items()
            if isinstance(entry, tuple) and entry[0] == generation
        }
        _keep_local(fetched)
        found.update((key, entry[1]) for key, entry in fetched.items())
    return {key: _copy(value) for key, value in found.items()}


def set_current(values, generation, timeout):
    """Store {key: value} under `generation`, in the cache and this process's copies."""
    entries = {key: (generation, _pickled(value)) for key, value in values.items()}
    cache.set_many({key: (generation, value) for key, value in values.items()}, timeout)
    _keep_local(entries)


def _keep_local(entries):
    if settings.PAGE_CACHE_LOCAL_SECONDS <= 0 or not entries:
        return
    with _local_lock:
        for key, (generation, value) in entries.items():
            _local_entries[key] = (generation, _pickled(value))
            _local_entries.move_to_end(key)
        while len(_local_entries) > LOCAL_ENTRIES:
            _local_entries.popitem(last=False)


class _Pickled(bytes):
    """A value kept in this process's copies as pickled bytes."""


def _pickled(value):
    if isinstance(value, (str, _Pickled)):
        return value
    return _Pickled(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def _copy(value):
    return pickle.loads(value) if isinstance(value, _Pickled) else value


def lookup(key):
    """(the current generation, what is stored under key for it or None)."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = _start_generation()
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return current, entry[1]
    return current, None


def save(key, generation, value, timeout):
    cache.set(key, (generation, value), timeout)


def invalidate():
    """Make every cached page, remembered value and piece of a page stale."""
    forget_local()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): start a new one
        _start_generation()
    except Exception:
        # Unreachable cache: delete the generation instead. With Redis that delete
        # waits until it is back (caching/redis.py), and then every page stored
        # before is stale; with any other cache they expire after PAGE_CACHE_SECONDS.
        logger.warning("Could not invalidate the page cache", exc_info=True)
        with contextlib.suppress(Exception):
            cache.delete(GENERATION_KEY)


def remember(name, compute, timeout):
    """compute()'s result, kept in the cache until the content next changes.

    For what is costly to work out and the same for every reader, such as an
    article's related articles or the number of articles in a list. Only with
    a cache shared by all app servers (settings.CONTENT_CACHE): a cache per
    process would not hear of changes made through another. Otherwise, and
    when the cache cannot be reached, it is computed on every call.
    """
    if not settings.CONTENT_CACHE:
        return compute()
    key = f"remember:{name}"
    try:
        generation = current_generation()
        found = get_current([key], generation)
    except Exception:
        logger.warning("Cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if key in found:
        return found[key]
    value = compute()
    try:
        set_current({key: value}, generation, timeout)
    except Exception:
        logger.warning("Cache unavailable; %s not stored", name, exc_info=True)
    return value


def release():
    """What a stored page depends on besides the content: the version of the
    static files it links to (their hashed names) and the settings pages show
    (settings.PAGE_CACHE_SHOWN_SETTINGS). Both change only with a deploy."""
    shown = [getattr(settings, name, None) for name in settings.PAGE_CACHE_SHOWN_SETTINGS]
    return f"{getattr(staticfiles_storage, 'manifest_hash', '')}:{shown}"


def page_key(request):
    url = f"{release()}:{request.method}:{request.get_host()}:{request.get_full_path()}"
    return "pagecache:" + hashlib.sha256(url.encode()).hexdigest()


# Pages this process fetched from the shared cache lately: key -> (fetched at,
# generation, page). A popular page then costs no round trip to Redis for
# PAGE_CACHE_LOCAL_SECONDS; a change made through another app server reaches
# this one within that time (through this one: at once, see invalidate()).
_recent = {}
_recent_lock = threading.Lock()
RECENT_PAGES = 100


def get(request):
    """(generation, the stored page or None); (None, None) without a reachable cache."""
    key = page_key(request)
    recent = _recent.get(key)
    if recent is not None and time.monotonic() - recent[0] < settings.PAGE_CACHE_LOCAL_SECONDS:
        return recent[1], recent[2]
    try:
        generation, page = lookup(key)
    except Exception:
        logger.warning("Page cache unavailable; serving uncached", exc_info=True)
        return None, None
    if page is not None and settings.PAGE_CACHE_LOCAL_SECONDS > 0:
        with _recent_lock:  # threaded servers (runserver, gthread workers)
            if len(_recent) >= RECENT_PAGES:
                _recent.pop(next(iter(_recent)), None)  # the one fetched longest ago
            _recent.pop(key, None)
            _recent[key] = (time.monotonic(), generation, page)
    return generation, page


def store(request, generation, page):
    if generation is None:
        return
    try:
        save(page_key(request), generation, page, settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable; page not stored", exc_info=True)
