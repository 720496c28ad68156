"""Between the briefing and the journey: the map and the model are made ready
in a background thread while the window keeps drawing a card with progress.

Reading a map, growing its route or distance fields (the first time; they are
cached on disk after that) and drawing its picture take a few tenths of a
second: in the window's thread that would be one frozen frame. The thread only
does the data (map, model, the map's picture); the play screen itself is then
built in the window's thread, from caches, in a few milliseconds.

Headless runs (tests, screenshots, ``--frames``) build at once, as before, so
that a given number of frames always reaches the same point.
"""

from __future__ import annotations

import _thread
import logging
import sys
import threading
from typing import Callable

import numpy as np
import pygame

from ..i18n import _, warm as warm_language
from ..journey import world_for
from ..levels import Scenario, model_for
from ..ui import fonts
from ..ui.text import draw_text
from .base import Scene, W, H

log = logging.getLogger(__name__)

SHOW_AFTER_S = 0.1  # a card that would flash for a frame or two is not shown
# While the card's thread works, the window's thread waits at most this long
# for Python's interpreter lock when it wants to draw (5 ms by default; under
# load each wait grows). The thread's own long pygame calls are cut into short
# pieces (game.world.render.bands).
SWITCH_S = 0.0005


def prepare(scenario: Scenario, preset: str, progress: Callable[[float], None] = lambda p: None,
            app=None, seed: int | None = None) -> None:
    """Fill the caches the play screen will read: its code, the map, the model
    (its fields grown or read from the cache), the map's picture, its sounds."""
    from .intro import play_scene_class
    from .play_base import put_prepared

    screen = play_scene_class(scenario)  # imports the screen's module
    world = world_for(scenario)
    progress(0.3)
    values = scenario.values(preset)
    put_prepared(scenario, values, model_for(scenario, values, world))
    progress(0.7)
    if world is not None and pygame.display.get_init() and pygame.display.get_surface() is not None:
        from ..world.render import map_picture

        map_picture(world)
        progress(0.85)
        if app is not None:
            screen.prepare_assets(world, app)
    if world is not None and scenario.map_file:
        from ..ui.legend import LegendError, load_entries, tileset_image

        # The map's key reads these when the screen first draws (its errors are told there).
        tileset_image(scenario.map_file)
        try:
            load_entries(scenario.folder / "legend.toml")
        except LegendError:
            pass
    warm_language()  # Babel's number and month data, which the screen's panel shows
    # numpy loads numpy.ma on the first np.unique (a percentile in the sea's
    # forecast): tens of milliseconds of imports, here rather than in a frame.
    np.percentile(np.unique(np.arange(3.0)), 50)
    if seed is not None:
        screen.prepare_sounds(seed)  # numpy only: a frame's worth of work kept off the window's thread
    progress(1.0)


def at_once(app) -> bool:
    """Build without the card: headless runs step a fixed number of frames."""
    return bool(app.display.headless)


def start_journey(app, scenario: Scenario, preset: str, seed: int,
                  failed: Callable[[Exception], None]) -> None:
    """Replace the current screen (the briefing) with the scenario's play screen.

    ``failed`` gets a LevelError or MapError (a broken file) with the briefing
    still on top, so it can say so there."""
    from .intro import play_scene_class

    def build():
        return play_scene_class(scenario)(app, scenario, preset, seed)

    if at_once(app):
        try:
            scene = build()
        except ValueError as exc:
            failed(exc)
            return
        app.replace(scene)
        return
    app.push(LoadingScene(app, scenario, preset, build, failed, seed))


class _Joinable:
    """The card's thread, as far as a caller may wait for it (tests)."""

    def __init__(self, done: threading.Event):
        self._done = done

    def join(self, timeout: float | None = None) -> None:
        self._done.wait(timeout)

    def is_alive(self) -> bool:
        return not self._done.is_set()


class LoadingScene(Scene):
    """A card over the briefing while the journey is made ready."""

    def __init__(self, app, scenario: Scenario, preset: str, build: Callable[[], Scene],
                 failed: Callable[[Exception], None], seed: int | None = None):
        super().__init__(app)
        self.scenario = scenario
        self.build = build
        self.failed = failed
        self.progress = 0.0
        self.error: Exception | None = None
        self.clock = 0.0
        self._drawn: tuple | None = None
        self._scene: Scene | None = None
        self._done = threading.Event()
        self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_S))
        # Not threading.Thread.start(): it waits until the new thread has run, and
        # on a busy machine that wait (tens of milliseconds) would be this frame's.
        _thread.start_new_thread(self._prepare, (scenario, preset, seed))
        self.thread = _Joinable(self._done)

    def _prepare(self, scenario: Scenario, preset: str, seed: int | None) -> None:
        try:
            prepare(scenario, preset, self._progress, self.app, seed)
        except ValueError as exc:  # LevelError, MapError: named in the message
            self.error = exc
        except Exception as exc:  # anything else: the same path, so the window lives on
            log.exception("preparing the journey failed")
            self.error = exc
        finally:
            self._done.set()

    def _progress(self, p: float) -> None:
        self.progress = p

    def handle(self, intent) -> bool:
        return True  # nothing to press while it loads

    def on_exit(self) -> None:
        sys.setswitchinterval(self._switch)  # also when the card is dropped early (a kiosk's reset)

    def back(self) -> None:
        pass  # the thread cannot be stopped halfway; it is short

    def update(self, dt: float) -> None:
        # Two frames, each a share of the work: the screen is built in one (the
        # card still shown), shown and first drawn in the next.
        self.clock += dt
        if self._scene is not None:
            self.app.pop()  # the card; the briefing is on top again
            self.app.replace(self._scene)
            return
        if not self._done.is_set():
            return
        sys.setswitchinterval(self._switch)
        if self.error is None:
            try:
                self._scene = self.build()  # from warm caches: milliseconds
                return
            except ValueError as exc:
                self.error = exc
        self.app.pop()
        self.failed(self.error)

    def draw(self, surface: pygame.Surface) -> None:
        # Redrawn only when what it shows changes; until then the frame stays as it was.
        shown = self.clock >= SHOW_AFTER_S
        key = (shown, round(self.progress, 1), self.theme)
        if self._drawn == key and shown:
            return
        self._drawn = key
        surface.fill(self.theme.background)
        if not shown:
            return
        ft = fonts.font("large", True)
        width = min(W - 120, 700)
        x = (W - width) // 2
        y = H // 2 - 60
        y += draw_text(surface, ft, _(self.scenario.title), (x, y), self.theme.text, width, "center") + 16
        draw_text(surface, fonts.font("body"), _("Preparing the map"), (x, y), self.theme.text_dim, width, "center")
        bar = pygame.Rect(x + width // 6, y + 60, width * 2 // 3, 14)
        pygame.draw.rect(surface, self.theme.panel, bar, border_radius=6)
        fill = bar.copy()
        fill.width = round(bar.width * max(0.0, min(1.0, self.progress)))
        pygame.draw.rect(surface, self.theme.good, fill, border_radius=6)
        pygame.draw.rect(surface, self.theme.panel_edge, bar, width=2, border_radius=6)
