"""The host's guards: failed joins throttled per address, messages rate-limited."""

from __future__ import annotations

import time
from collections import OrderedDict

FREE_FAILURES = 5  # typing mistakes a student may make before waiting
MAX_WAIT_S = 60.0
FORGET_AFTER_S = 600.0
MAX_ADDRESSES = 10_000


class JoinThrottle:
    """After a few wrong codes from one address, each further try waits longer
    (1, 2, 4 ... up to 60 s); a right code does not help while waiting."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.failures: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def wait_s(self, address: str) -> float:
        count, last = self.failures.get(address, (0, 0.0))
        now = self.clock()
        if count and now - last > FORGET_AFTER_S:
            del self.failures[address]
            return 0.0
        if count < FREE_FAILURES:
            return 0.0
        return max(0.0, last + min(MAX_WAIT_S, 2.0 ** (count - FREE_FAILURES)) - now)

    def fail(self, address: str) -> None:
        count, _ = self.failures.pop(address, (0, 0.0))
        self.failures[address] = (count + 1, self.clock())
        while len(self.failures) > MAX_ADDRESSES:
            self.failures.popitem(last=False)

    def succeed(self, address: str) -> None:
        self.failures.pop(address, None)


class RateLimit:
    """A token bucket: ``burst`` messages at once, ``per_s`` a second after."""

    def __init__(self, per_s: float = 10.0, burst: float = 30.0, clock=time.monotonic):
        self.per_s, self.burst, self.clock = per_s, burst, clock
        self.tokens, self.last = burst, clock()

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.per_s)
        self.last = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
