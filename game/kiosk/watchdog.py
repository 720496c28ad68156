"""systemd's notify protocol, written out: one datagram to $NOTIFY_SOCKET.

"READY=1" at start, "WATCHDOG=1" while the loop is alive (every half of
$WATCHDOG_USEC), "STOPPING=1" at the end. A loop that freezes stops pinging
and systemd kills and restarts it. No pygame.
"""

from __future__ import annotations

import logging
import os
import socket
import time

log = logging.getLogger(__name__)


def notify(message: str, env: dict | None = None) -> bool:
    """Send one state line; False (and nothing else) when not under systemd."""
    addr = (env or os.environ).get("NOTIFY_SOCKET")
    if not addr:
        return False
    if addr.startswith("@"):  # an abstract socket
        addr = "\0" + addr[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
            # Never block the game's loop: a reader that does not keep up loses a ping.
            s.setblocking(False)
            s.connect(addr)
            s.send(message.encode("utf-8"))
        return True
    except BlockingIOError:
        log.warning("systemd's notify socket is full; a ping was dropped")
        return False
    except OSError as exc:
        log.warning("could not notify systemd: %s", exc)
        return False


class Watchdog:
    """A service: pings from the App's update, so a frozen loop stops the pings."""

    def __init__(self, env: dict | None = None, clock=time.monotonic):
        self.env = env if env is not None else os.environ
        self.clock = clock
        usec = self.env.get("WATCHDOG_USEC", "")
        self.interval = int(usec) / 2e6 if usec.isdigit() and int(usec) > 0 else 10.0
        self.last = 0.0
        self.pings = 0

    def start(self, app) -> None:
        notify("READY=1\nSTATUS=On the attract loop", self.env)
        self.last = self.clock()

    def tick(self, app, dt: float) -> None:
        now = self.clock()
        if now - self.last >= self.interval:
            self.last = now
            if notify("WATCHDOG=1", self.env):
                self.pings += 1

    def stop(self, app) -> None:
        notify("STOPPING=1", self.env)
