"""What the kiosk runs beside its screens: the visitor (with their counts),
the idle watch, the admin gesture, and the daily restart.

``KioskMode`` builds these and hands them to the App as services (ticked every
update) and input filters (shown every intent first)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from .counts import Counts, Visit

if TYPE_CHECKING:
    from ..app import App
    from .config import KioskConfig

ADMIN_TAPS = 5
ADMIN_WINDOW_S = 3.0
ADMIN_CORNER = pygame.Rect(0, 0, 110, 110)  # top-left; the menu button's corner is the other one


class Visitor:
    """The one person at the screen: their visit's counts, until they leave.

    A service: it keeps the seconds per screen and how far the visit got."""

    def __init__(self, counts: Counts):
        self.counts = counts
        self.visit: Visit | None = None
        self.clock = 0.0  # seconds of game time since the kiosk started

    def begin(self, language: str) -> None:
        self.end("finished")
        self.visit = Visit(language=language)

    def end(self, ended_by: str) -> None:
        if self.visit is not None:
            self.counts.write(self.visit, ended_by)
        self.visit = None

    def start(self, app) -> None:
        pass

    def tick(self, app, dt: float) -> None:
        self.clock += dt
        v = self.visit
        if v is None:
            return
        top = app.top
        stage = getattr(top, "kiosk_stage", None) or _stage_of(top)
        if stage:
            v.reached(stage)
            v.screens[stage] = v.screens.get(stage, 0.0) + dt
        outcome = getattr(top, "outcome", None)
        if stage == "play" and isinstance(outcome, str):
            v.outcome = outcome
        journey = getattr(getattr(top, "scenario", None), "id", None)
        if journey and v.journey is None:
            v.journey = journey

    def stop(self, app) -> None:
        self.end("admin")
        self.counts.close()


def _stage_of(scene) -> str | None:
    from ..scenes.debrief import DebriefScene
    from ..scenes.intro import IntroScene
    from ..scenes.play_base import PlayBase

    if isinstance(scene, PlayBase):
        return "play"
    if isinstance(scene, DebriefScene):
        return "debrief"
    if isinstance(scene, IntroScene):
        return "note"
    return None


class IdleWatch:
    """After ``idle_seconds`` without a touch away from the attract loop: "Still
    there?" with a countdown; at its end the visitor is let go. A service and
    an input filter (it only watches; it never consumes)."""

    def __init__(self, config: "KioskConfig"):
        self.config = config
        self.idle = 0.0

    def __call__(self, app, intent) -> bool:
        if intent.kind != "pointer_move" or not intent.hover:
            self.idle = 0.0
        return False

    def start(self, app) -> None:
        self.idle = 0.0

    def tick(self, app, dt: float) -> None:
        from .scenes import AttractScene, StillThereScene

        if isinstance(app.top, (AttractScene, StillThereScene)) or getattr(app.top, "autoplay", False):
            self.idle = 0.0  # nobody to let go (the automatic player plays), or already asking
            return
        self.idle += dt
        if self.idle >= self.config.idle_seconds:
            self.idle = 0.0
            app.push(StillThereScene(app, self.config.still_there_seconds))

    def stop(self, app) -> None:
        pass


class AdminGesture:
    """Five taps in the top-left corner within three seconds open the PIN pad.
    An input filter: the fifth tap is consumed, the others pass on."""

    def __init__(self, visitor: Visitor):
        self.visitor = visitor
        self.taps: list[float] = []

    def __call__(self, app, intent) -> bool:
        if intent.kind != "pointer_down" or not ADMIN_CORNER.collidepoint(intent.pos):
            return False
        from .scenes import AdminScene, PinScene

        if isinstance(app.top, (PinScene, AdminScene)):
            return False
        now = self.visitor.clock
        self.taps = [t for t in self.taps if now - t <= ADMIN_WINDOW_S] + [now]
        if len(self.taps) >= ADMIN_TAPS:
            self.taps = []
            app.push(PinScene(app))
            return True
        return False


class DailyRestart:
    """Once a day at the configured hour, while nobody is at the screen, end the
    program with a status that systemd restarts: a fresh process every day."""

    EXIT_CODE = 75  # "try again": the unit's Restart=always starts it again

    def __init__(self, config: "KioskConfig", clock=time.time, started: float | None = None):
        self.config, self.clock = config, clock
        self.started = started if started is not None else clock()

    def start(self, app) -> None:
        pass

    def tick(self, app, dt: float) -> None:
        if self.config.restart_hour < 0 or app.frame % 600:
            return
        now = self.clock()
        from .scenes import AttractScene

        if now - self.started > 3600 and time.localtime(now).tm_hour == self.config.restart_hour and isinstance(app.top, AttractScene):
            app.shutdown(self.EXIT_CODE)

    def stop(self, app) -> None:
        pass


class KioskCut:
    """Fewer decisions for a visitor, the same model: the sea's set-up screen is
    skipped with the preset's values (as a class's student does), and on the
    overland road the profile the preset suggests is chosen for them. Nothing
    here touches a model or its values: only which screens ask."""

    def start(self, app) -> None:
        pass

    def tick(self, app, dt: float) -> None:
        from ..scenes.overland.scene import ProfileScene
        from ..scenes.play_base import PlayBase

        top = app.top
        if isinstance(top, ProfileScene) and top.play.suggested:
            top.choose(top.play.suggested)
        elif isinstance(top, PlayBase) and getattr(top, "departed", True) is False and hasattr(top, "set_out"):
            top.set_out(ask=False)

    def stop(self, app) -> None:
        pass
