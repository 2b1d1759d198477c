"""Oldest request first: CPU slots for the embedding engine, shared fairly by concurrent sessions.

Almost all of an answer's time is spent embedding its queries (one to six of them).
When ten sessions ask at once and the engine calls are served in arrival order, every
answer advances at the same pace and the long ones (a counter-argument embeds six
queries) finish last, several times later than alone. Serving the calls of the request
that started first lets it finish, then the next: the average is the same, the worst
cases are much shorter.
"""

from __future__ import annotations

import contextvars
import heapq
import itertools
import threading
import time
from contextlib import contextmanager
from typing import Iterator

# When the current request (an answer) started; unset outside a request (warm-up, ingestion): the call's own time.
request_started: contextvars.ContextVar[float | None] = contextvars.ContextVar("aict_request_started", default=None)


@contextmanager
def request() -> Iterator[None]:
    """Mark the calls made inside as belonging to one request, started now (nested requests keep the outer time)."""
    token = request_started.set(request_started.get() or time.monotonic())
    try:
        yield
    finally:
        request_started.reset(token)


class FairSlots:
    """At most `size` holders at once; waiters are admitted by their request's start time, oldest first."""

    def __init__(self, size: int) -> None:
        self._free = max(1, size)
        self._waiting: list[tuple[float, int]] = []  # heap of (request start, arrival number)
        self._arrivals = itertools.count()
        self._cond = threading.Condition()

    @contextmanager
    def slot(self) -> Iterator[None]:
        ticket = (request_started.get() or time.monotonic(), next(self._arrivals))
        with self._cond:
            heapq.heappush(self._waiting, ticket)
            try:
                while not (self._free and self._waiting[0] == ticket):
                    self._cond.wait()
            except BaseException:  # interrupted while waiting: leave the queue, or the next in line waits for ever
                self._waiting.remove(ticket)
                heapq.heapify(self._waiting)
                self._cond.notify_all()
                raise
            heapq.heappop(self._waiting)
            self._free -= 1
            self._cond.notify_all()  # the next oldest may take another free slot
        try:
            yield
        finally:
            with self._cond:
                self._free += 1
                self._cond.notify_all()
