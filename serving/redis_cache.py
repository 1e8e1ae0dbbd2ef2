"""Django's Redis cache backend, as an optimisation the site can lose.

* One Redis client per connection pool: Django's backend builds a new
  ``redis.Redis`` client for every cache call, which costs more than the round
  trip itself on a page-cache hit. A client only wraps its pool and is safe to
  share.
* Short connect and read timeouts and no retries (:func:`cache_settings`), and a
  circuit breaker: when Redis refuses, errors or does not answer in time, reads
  are misses and writes are dropped, so every page is computed instead; for
  ``open_seconds`` no call asks Redis at all. ``incr`` and ``decr`` raise
  :class:`CacheUnavailable` instead, since no count can stand in for theirs
  (the rate limiter lets requests through then).
* Why not django-redis with ``IGNORE_EXCEPTIONS``: it would still ask a hanging
  Redis on every call, one timeout each; the breaker is the one the search
  server and mail use (``knowledge.breaker``).
* ``clear`` is left out on purpose: whoever empties the cache (after a restore)
  must hear that it failed.
"""

import functools

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from knowledge.breaker import CircuitBreaker

# At most this long for a connection or an answer.
TIMEOUT_SECONDS = 0.5
# How long a failed Redis is skipped before one call tries it again.
OPEN_SECONDS = 10

breaker = CircuitBreaker("Cache (Redis)", OPEN_SECONDS)


class CacheUnavailable(Exception):
    """Redis failed, or the breaker skips it: there is no answer to compute."""


def cache_settings(url: str, timeout: float = TIMEOUT_SECONDS) -> dict:
    """``CACHES["default"]`` for a Redis URL such as redis://127.0.0.1:6379/1."""
    return {
        "BACKEND": "serving.redis_cache.ReusedClientRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": timeout, "socket_timeout": timeout},
    }


def available() -> bool:
    """Ask Redis directly (``PING``), through the breaker: ``False`` while it
    skips Redis or when Redis fails; a success closes the breaker."""
    from django.core.cache import caches

    cache = caches["default"]
    if not isinstance(cache, ReusedClientRedisCache):
        return True
    return cache.ping()


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


def _unless_failing(fallback):
    """Through the breaker: ``fallback(*args, **kwargs)`` answers instead of
    Redis while it is skipped or when it fails."""

    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            if not breaker.allows():
                return fallback(*args, **kwargs)
            try:
                answer = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                breaker.trip(error)
                return fallback(*args, **kwargs)
            breaker.reset()
            return answer

        return guarded

    return decorate


def _unavailable(*args, **kwargs):
    raise CacheUnavailable


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def ping(self) -> bool:
        return self._ping()

    @_unless_failing(lambda: False)
    def _ping(self):
        return bool(self._cache.get_client().ping())

    get = _unless_failing(lambda key, default=None, version=None: default)(
        RedisCache.get
    )
    get_many = _unless_failing(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _unless_failing(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = _unless_failing(lambda *args, **kwargs: False)(RedisCache.add)
    set = _unless_failing(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _unless_failing(lambda data, *args, **kwargs: list(data))(
        RedisCache.set_many
    )
    touch = _unless_failing(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _unless_failing(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _unless_failing(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _unless_failing(_unavailable)(RedisCache.incr)
