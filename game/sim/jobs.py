"""Runs in the background, with progress and cancel: the debrief's replays,
and its model page's sensitivity and check against the record.

A screen starts a :class:`ReplayJob` and reads ``progress``, ``results``,
``done`` and ``error`` each frame; it never waits. ``cancel()`` stops the
runs at their next step. Tests call ``wait()`` rather than watching the clock.
No pygame.

A *sliced* job shares the interpreter politely: it starts held; the screen
calls ``release()`` when its drawing is done and ``hold()`` when its next
frame's work begins (the runs stop at their next step, a millisecond or two),
so the runs go on while the window waits for its next frame, not while it works. (A plain thread
competes for the interpreter lock with the window and made 4 frames in 10 late;
a worker process would pay for a second interpreter, its imports and its map,
in memory and in the time to the first result.) ``slice(seconds)`` gives the
runs time explicitly, for loops that never wait (headless).
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

    def __init__(self, tasks: list[Task], name: str = "crossings-replays", sliced: bool = False):
        self.tasks = list(tasks)
        self.progress = 0.0
        self.task_progress: dict[str, float] = {}  # each task's own share done, 0..1
        self.results: dict[str, Any] = {}
        self.error: str | None = None
        self.cancelled = False
        self.seconds: float | None = None
        self.sliced = sliced
        self._done = threading.Event()
        self._turn = threading.Condition()
        self._allowed = not sliced  # may the runs go on now? (a sliced job waits for its first turn)
        self._parked = False  # are they waiting for their turn?
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def start(self) -> "ReplayJob":
        self.thread.start()
        return self

    def cancel(self) -> None:
        self.cancelled = True
        self.release()  # a parked run wakes to stop

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job is done (tests, the command line); True if it is.
        A sliced job runs freely from here on."""
        self.sliced = False
        self.release()
        return self._done.wait(timeout)

    # -- taking turns with the window (sliced jobs) ------------------------
    def hold(self) -> None:
        """Stop the runs at their next step (within a millisecond or two). It
        does not wait for them: on a busy machine the runs' thread may not be
        given the processor for a while, and the frame must not wait for that."""
        if self.sliced:
            self._allowed = False

    def release(self) -> None:
        """Let the runs go on (until the next ``hold()``)."""
        with self._turn:
            self._allowed = True
            self._turn.notify_all()

    def slice(self, seconds: float) -> None:
        """Give the runs ``seconds`` now, then hold them again."""
        if not self.sliced or self._done.is_set():
            return
        self.release()
        self._done.wait(seconds)
        self.hold()
        with self._turn:  # and let them reach their step's end before the frame goes on
            self._turn.wait_for(lambda: self._parked or self._done.is_set(), seconds)

    def _checkpoint(self) -> bool:
        """Asked by the runs at every step: wait for a turn; True to stop."""
        if not self._allowed:
            with self._turn:
                self._parked = True
                self._turn.notify_all()
                self._turn.wait_for(lambda: self._allowed)
                self._parked = False
        return self.cancelled

    def _run(self) -> None:
        start = time.perf_counter()
        try:
            total = max(1, len(self.tasks))
            for i, (key, run) in enumerate(self.tasks):
                def progress(p: float, i: int = i, key: str = key) -> None:
                    self.task_progress[key] = p
                    self.progress = (i + p) / total

                if self._checkpoint():
                    raise Cancelled
                self.results[key] = run(progress, self._checkpoint)
                self.task_progress[key] = 1.0
        except Cancelled:
            pass
        except Exception as exc:  # a broken model must not take the window with it
            log.exception("background runs failed")
            self.error = str(exc) or type(exc).__name__
        finally:
            self.seconds = time.perf_counter() - start
            with self._turn:
                self._done.set()
                self._turn.notify_all()
