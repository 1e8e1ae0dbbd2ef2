"""The circuit breaker the cache, the search server and mail share."""

import threading
from unittest import mock

from knowledge.breaker import CircuitBreaker


def test_opens_on_failure_and_closes_on_success():
    breaker = CircuitBreaker("Service", open_seconds=60)
    assert not breaker.is_open and breaker.allows()
    breaker.trip(OSError("refused"))
    assert breaker.is_open and not breaker.allows()
    breaker.reset()
    assert not breaker.is_open and breaker.allows()


def test_after_the_interval_one_caller_tries_while_the_others_skip():
    breaker = CircuitBreaker("Service", open_seconds=30)
    with mock.patch("knowledge.breaker.time.monotonic", return_value=1000.0):
        breaker.trip()
    with mock.patch("knowledge.breaker.time.monotonic", return_value=1031.0):
        assert not breaker.is_open
        answers = [breaker.allows() for _ in range(5)]
    assert answers == [True, False, False, False, False]
    # The trial failed: skipped again for a whole interval.
    with mock.patch("knowledge.breaker.time.monotonic", return_value=1032.0):
        breaker.trip()
    with mock.patch("knowledge.breaker.time.monotonic", return_value=1061.0):
        assert not breaker.allows()


def test_threads_get_one_trial_between_them():
    breaker = CircuitBreaker("Service", open_seconds=0.0)
    breaker.trip()
    breaker.open_seconds = 60
    with mock.patch("knowledge.breaker.time.monotonic", return_value=10**9):
        granted = []
        threads = [
            threading.Thread(target=lambda: granted.append(breaker.allows()))
            for _ in range(20)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(granted) == [False] * 19 + [True]


def test_logs_going_down_and_coming_back_once(caplog):
    breaker = CircuitBreaker("Cache", open_seconds=60)
    with caplog.at_level("WARNING", logger="knowledge.breaker"):
        for _ in range(3):
            breaker.trip(OSError("Connection refused"))
        for _ in range(3):
            breaker.reset()
    assert [record.getMessage() for record in caplog.records] == [
        "Cache is down: Connection refused",
        "Cache is back",
    ]
