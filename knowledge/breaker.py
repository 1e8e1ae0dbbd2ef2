"""A circuit breaker for the services the site can serve without: the cache, the
search server, the mail server.

After a failure the breaker opens: callers skip the service (and compute the
answer, ask the database, keep the mail) for ``open_seconds``. Then one caller
may try again (``allows``) while the others keep skipping; its success closes
the breaker, its failure opens it for another interval. A dead service so costs
each process one bounded attempt per interval, not one per request.

One breaker per service and process, shared by its threads. It logs one warning
when the service goes down and one when it comes back, never one per request.
The settings import modules that hold breakers, so this imports nothing of Django.
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name: str, open_seconds: float):
        self.name = name
        self.open_seconds = open_seconds
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether callers skip the service now (asks nothing, grants no trial)."""
        with self._lock:
            return self._opened_at is not None and not self._interval_over()

    def allows(self) -> bool:
        """Whether this caller may use the service: always while closed; once the
        interval is over, to one caller, whose outcome decides the next state."""
        with self._lock:
            if self._opened_at is None:
                return True
            if self._interval_over():
                self._opened_at = time.monotonic()
                return True
            return False

    def trip(self, error: BaseException | None = None) -> None:
        """The service failed: skip it for ``open_seconds`` from now."""
        with self._lock:
            was_closed = self._opened_at is None
            self._opened_at = time.monotonic()
        if was_closed:
            logger.warning("%s is down: %s", self.name, error or "unavailable")

    def reset(self) -> None:
        """The service answered: use it again."""
        with self._lock:
            was_open = self._opened_at is not None
            self._opened_at = None
        if was_open:
            logger.warning("%s is back", self.name)

    def _interval_over(self) -> bool:
        return time.monotonic() - self._opened_at >= self.open_seconds
