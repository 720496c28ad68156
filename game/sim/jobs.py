"""Runs in the background, with progress and cancel: the debrief's replays.

A screen starts a :class:`ReplayJob` and reads ``progress``, ``results``,
``done`` and ``error`` each frame; it never waits. ``cancel()`` stops the
runs at their next step boundary (every 16 steps). Tests call ``wait()``
rather than watching the clock. numpy lets go of the interpreter for much of
its work, so the window keeps drawing. No pygame.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

from .runner import Cancelled

log = logging.getLogger(__name__)

# A task: (key, run) where run(progress, cancelled) returns the result.
Task = tuple[str, Callable[[Callable[[float], None], Callable[[], bool]], Any]]


class ReplayJob:
    """Tasks run one after another in a background thread."""

    def __init__(self, tasks: list[Task], name: str = "crossings-replays"):
        self.tasks = list(tasks)
        self.progress = 0.0
        self.results: dict[str, Any] = {}
        self.error: str | None = None
        self.cancelled = False
        self.seconds: float | None = None
        self._done = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def start(self) -> "ReplayJob":
        self.thread.start()
        return self

    def cancel(self) -> None:
        self.cancelled = True

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job is done (tests, the command line); True if it is."""
        return self._done.wait(timeout)

    def _is_cancelled(self) -> bool:
        return self.cancelled

    def _run(self) -> None:
        start = time.perf_counter()
        try:
            total = max(1, len(self.tasks))
            for i, (key, run) in enumerate(self.tasks):
                def progress(p: float, i: int = i) -> None:
                    self.progress = (i + p) / total

                if self.cancelled:
                    raise Cancelled
                self.results[key] = run(progress, self._is_cancelled)
        except Cancelled:
            pass
        except Exception as exc:  # a broken model must not take the window with it
            log.exception("background runs failed")
            self.error = str(exc) or type(exc).__name__
        finally:
            self.seconds = time.perf_counter() - start
            self._done.set()
