"""Pages keep answering when Redis refuses, hangs, answers slowly or restarts.

A Redis of the test's own sits behind a :class:`FaultyPort`; the cache's
timeout is 0.1 s here, so a failure costs little.
"""

import shutil
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from serving import redis_cache
from serving.redis_cache import cache_settings
from tests.factories import PracticeGuidePageFactory, TopicFactory
from tests.serving.faults import FaultyPort, RedisServer

TIMEOUT = 0.1

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (.ci/system-packages)",
)


class RedisFaultTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.redis = RedisServer().start()
        cls.addClassCleanup(cls.redis.close)
        cls.port = FaultyPort(("127.0.0.1", cls.redis.port))
        cls.addClassCleanup(cls.port.close)

    @classmethod
    def setUpTestData(cls):
        topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.guide = PracticeGuidePageFactory(
            title="Foster care for trafficked children", topics=[topic]
        )
        cls.pages = [
            "/en/",
            "/en/practices/",
            "/en/topics/",
            "/en/topics/foster-care/",
            "/en/search/?q=foster",
            "/feed/",
            cls.guide.url,
        ]

    def setUp(self):
        self.port.forward()
        if self.redis.process is None:
            self.redis.start()
        caches = {"default": cache_settings(self.url(), timeout=TIMEOUT)}
        self.enterContext(override_settings(CACHES=caches, PAGE_CACHE_SECONDS=300))
        cache.clear()

    def url(self, port=None):
        return f"redis://127.0.0.1:{port or self.port.port}/0"

    def answers(self):
        return {path: self.client.get(path).status_code for path in self.pages}

    def assert_every_page_answers(self):
        self.assertEqual(self.answers(), dict.fromkeys(self.pages, 200))

    def ready(self):
        response = self.client.get(reverse("health_ready"))
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_pages_come_from_redis_while_it_answers(self):
        self.assert_every_page_answers()
        self.assertEqual(self.client.get("/en/")["X-Cache"], "hit")
        self.assertEqual(self.ready()["cache"]["status"], "ok")

    def test_a_refusing_redis_costs_no_page(self):
        self.port.refuse()
        self.assert_every_page_answers()
        self.assertTrue(redis_cache.breaker.is_open)
        self.assertNotEqual(self.client.get("/en/").get("X-Cache"), "hit")
        ready = self.ready()
        self.assertEqual(ready["status"], "degraded")
        self.assertEqual(ready["cache"]["status"], "down")
        self.assertEqual(ready["database"]["status"], "ok")

    def test_a_hanging_redis_is_asked_once_per_interval(self):
        self.client.get("/en/")  # a connection in the pool, as in a worker
        self.port.hang()
        started = time.monotonic()
        self.assertEqual(self.client.get("/en/practices/").status_code, 200)
        # One timeout, not one per cache call (a page makes several).
        self.assertLess(time.monotonic() - started, 20 * TIMEOUT)
        self.assertTrue(redis_cache.breaker.is_open)
        asked = self.port.requests, self.port.connections
        self.assert_every_page_answers()
        self.assertEqual(self.ready()["cache"]["status"], "down")
        self.assertEqual((self.port.requests, self.port.connections), asked)

    def test_a_slow_redis_is_skipped_like_a_hanging_one(self):
        self.port.slow(3 * TIMEOUT)
        self.assert_every_page_answers()
        self.assertTrue(redis_cache.breaker.is_open)

    def test_an_answer_within_the_timeout_is_degraded_in_readiness(self):
        caches = {"default": cache_settings(self.url(), timeout=0.5)}
        with override_settings(CACHES=caches):
            self.port.slow(0.25)
            self.assertEqual(self.ready()["cache"]["status"], "degraded")
            self.assertFalse(redis_cache.breaker.is_open)

    def test_pages_use_redis_again_when_it_comes_back(self):
        self.port.refuse()
        self.assert_every_page_answers()
        self.port.forward()
        # Within the interval Redis is not asked, even though it is back.
        connections = self.port.connections
        for _ in range(2):
            self.assertNotEqual(self.client.get("/en/").get("X-Cache"), "hit")
        self.assertEqual(self.port.connections, connections)
        with (
            mock.patch.object(redis_cache.breaker, "open_seconds", 0),
            self.assertLogs("knowledge.breaker", "WARNING") as logs,
        ):
            self.assertEqual(self.ready()["cache"]["status"], "ok")
            self.assertEqual(self.client.get("/en/")["X-Cache"], "miss")
            self.assertEqual(self.client.get("/en/")["X-Cache"], "hit")
        self.assertEqual(
            logs.output, ["WARNING:knowledge.breaker:Cache (Redis) is back"]
        )

    def test_a_restarted_redis_costs_no_page(self):
        """The server itself stops and starts again, on its own port."""
        caches = {"default": cache_settings(self.url(self.redis.port), timeout=TIMEOUT)}
        with override_settings(CACHES=caches):
            self.assert_every_page_answers()
            self.redis.stop()
            self.assert_every_page_answers()
            self.redis.start()
            with mock.patch.object(redis_cache.breaker, "open_seconds", 0):
                self.client.get("/en/")
                self.assertEqual(self.client.get("/en/")["X-Cache"], "hit")

    def test_redis_going_down_is_logged_once(self):
        self.port.refuse()
        with self.assertLogs("knowledge.breaker", "WARNING") as logs:
            self.assert_every_page_answers()
            self.ready()
        self.assertEqual(len(logs.output), 1)
        self.assertIn("Cache (Redis) is down", logs.output[0])

    @override_settings(RATE_LIMITS_ENABLED=True, RATE_LIMITS={"search": (1, 60)})
    def test_rate_limits_let_readers_through_without_redis(self):
        search = reverse("search")
        self.assertEqual(self.client.get(search, {"q": "a"}).status_code, 200)
        self.assertEqual(self.client.get(search, {"q": "b"}).status_code, 429)
        cache.clear()
        self.port.refuse()
        for word in ("c", "d", "e"):
            self.assertEqual(self.client.get(search, {"q": word}).status_code, 200)
