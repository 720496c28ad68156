"""What every scenario's play screen shares.

A play scene owns one ``Simulation`` of the scenario's model with a single
traveller (the player), steps it at a fixed rate, and records the player's
choices; the debrief replays those choices for a thousand travellers. With
``--autoplay`` the model's automatic player makes the choices instead.

Subclasses set ``steps_per_second`` and implement ``player_action()`` and
``draw_play()``; they may add controls through ``handle_play()``.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pygame

from ..i18n import _
from ..journey import Journey, spec_for, world_for
from ..levels import Scenario, model_for
from ..sim.runner import Simulation
from ..ui import fonts
from ..ui.text import draw_text, line_height, wrap
from .base import Scene, W, H

log = logging.getLogger(__name__)

END_PAUSE_S = 2.5  # a moment of stillness before the debrief


# A model made ready by the loading card's thread, taken once by the screen it was made for.
_prepared: dict[tuple, Any] = {}


def _prepared_key(scenario: Scenario, values: dict[str, float]) -> tuple:
    return (str(scenario.folder), tuple(sorted(values.items())))


def put_prepared(scenario: Scenario, values: dict[str, float], model) -> None:
    _prepared.clear()
    _prepared[_prepared_key(scenario, values)] = model


def take_prepared(scenario: Scenario, values: dict[str, float], world):
    model = _prepared.pop(_prepared_key(scenario, values), None)
    return model if model is not None and model.world is world else None


class PlayBase(Scene):
    steps_per_second = 4.0

    @classmethod
    def prepare_assets(cls, world, app) -> None:
        """In the loading card's thread: make ready what the first frame would
        draw slowly (surfaces only; no fonts, no display calls)."""

    @classmethod
    def ambient(cls, seed: int) -> list[tuple[str, Any, float]]:
        """The looping sounds the screen plays: (name, samples, level). Made
        with ``synth.made``, so the loading card's thread makes them ahead."""
        return []

    @classmethod
    def prepare_sounds(cls, seed: int) -> None:
        cls.ambient(seed)

    def play_ambient(self) -> None:
        for name, samples, level in self.ambient(self.seed):
            self.app.audio.loop(name, samples, level)

    def __init__(self, app, scenario: Scenario, preset: str, seed: int, overrides: dict[str, float] | None = None):
        super().__init__(app)
        self.scenario = scenario
        self.preset = preset
        self.seed = seed
        self.values = scenario.values(preset, overrides)
        self.world = world_for(scenario)
        self.model = take_prepared(scenario, self.values, self.world) or model_for(scenario, self.values, self.world)
        self.sim = Simulation(self.model, 1, seed)
        self.autoplay = bool(app.launch.autoplay)
        self.speed = 1.0
        self.paused = False
        self._acc = 0.0
        self.end_timer: float | None = None
        self._started = time.monotonic()
        self._heavy = 0  # heavy pieces of work done in this frame (see heavy_turn)
        self._waited: dict[str, int] = {}

    # -- for subclasses ----------------------------------------------------
    def player_action(self) -> dict[str, Any]:
        """The player's current choice, as the model's action fields."""
        return dict(self.model.default_action)

    def handle_play(self, intent) -> bool:
        return False

    def draw_play(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)

    def on_step(self) -> None:
        """Called after each simulation step (captions, sounds)."""

    # -- shared ------------------------------------------------------------
    @property
    def state(self):
        return self.sim.state

    @property
    def outcome(self) -> str | None:
        return self.sim.outcome_of(0)

    # -- the map's key and scale bar (game.ui.legend) --------------------------
    @property
    def legend(self):
        if getattr(self, "_legend", None) is None:
            from ..ui.legend import Legend, LegendError

            try:
                self._legend = Legend(self.scenario.folder, self.scenario.map_file)
            except LegendError as exc:  # the journey goes on without its key; the log names the file
                log.error("%s", exc)
                self._legend = Legend(self.scenario.folder, None, entries=[])
        return self._legend

    def legend_focus(self) -> tuple[int, int] | None:
        """Where the player is on the screen: the key opens away from it."""
        return None

    def metres_per_px(self) -> float | None:
        """The map's scale on the screen now, for the scale bar (None: no bar)."""
        return None

    def handle(self, intent) -> bool:
        if self.end_timer is None and hasattr(self, "map_rect") and self.legend.handle(intent, self.map_rect):
            return True
        if self.end_timer is not None:
            if intent.kind in ("confirm", "pointer_up") and self.end_timer > 0.6:
                self.to_debrief()
            return intent.kind != "back"
        return self.handle_play(intent)

    def back(self) -> None:
        self.app.open_menu()

    def step_once(self) -> None:
        action = self.model.auto_action(self.sim.state) if self.autoplay else self.player_action()
        self.sim.step(action)
        self._heavy += 1
        self.on_step()

    def heavy_turn(self, what: str) -> bool:
        """May this frame redo ``what``, a heavy picture that a step made stale
        (the fog's veil, the panel)? Yes if nothing heavy was done in this frame
        yet, or if ``what`` has already waited two frames. A step and what it
        changes on screen are so spread over a few frames (each a frame or two
        late: 17-33 ms) instead of all falling on one."""
        waited = self._waited.get(what, 0)
        if self._heavy and waited < 2:
            self._waited[what] = waited + 1
            return False
        self._heavy += 1
        self._waited[what] = 0
        return True

    def remake_now(self, key: tuple, drawn: tuple | None, what: str) -> bool:
        """Should a cached picture drawn for ``drawn`` be made again for ``key``?
        Keys start with the step: when only the step moved on, it may wait its
        turn (heavy_turn); any other change (a zoom, a size, a setting) remakes it now."""
        if key == drawn:
            return False
        if drawn is None or key[1:] != drawn[1:]:
            return True
        return self.heavy_turn(what)

    def update(self, dt: float) -> None:
        self._heavy = 0  # a new frame
        if self.end_timer is not None:
            self.end_timer += dt
            # The player moves on when ready; the automatic player after a pause.
            if self.autoplay and self.end_timer >= END_PAUSE_S:
                self.to_debrief()
            return
        if self.paused:
            return
        self._acc += dt * self.steps_per_second * self.speed * self.app.launch.time_scale
        while self._acc >= 1.0:
            self._acc -= 1.0
            self.step_once()
            if self.sim.finished:
                self.end_timer = 0.0
                self.on_finished()
                break

    def on_finished(self) -> None:
        """The journey ended: say so in words, then the debrief."""

    def journey_record(self) -> Journey:
        """The record of this journey: what the debrief, a save or a network gets."""
        spec = spec_for(self.scenario, self.preset, self.values, self.seed)
        return Journey.from_simulation(self.sim, spec, time.monotonic() - self._started, self.autoplay)

    def to_debrief(self) -> None:
        app, scenario, world = self.app, self.scenario, self.world
        journey = self.journey_record()
        app.audio.stop()
        if app.top is self:
            # Leave the stack (as replace would) before the debrief is built, and
            # let go of everything: the scene's widgets hold its bound methods, a
            # cycle that would keep its arrays and surfaces until a full collection.
            app.scenes.pop().on_exit()
            self.release()
            app.push(app.mode.debrief(app, journey, scenario, world))
        else:
            app.replace(app.mode.debrief(app, journey, scenario, world))

    def release(self) -> None:
        """Break the reference cycles through this finished scene (widgets and
        callbacks that hold its methods): its arrays are freed at once, by
        reference counting, instead of surviving while the debrief builds."""
        # What is kept is small and holds nothing of the scene's (the record of
        # one traveller, the shared map data); the rest goes.
        keep = {"app", "scenario", "preset", "seed", "values", "world", "sim", "autoplay", "end_timer"}
        for name in [n for n in vars(self) if n not in keep]:
            delattr(self, name)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_play(surface)
        if hasattr(self, "map_rect"):
            self.legend.draw(surface, self.map_rect, self.legend_focus(), self.metres_per_px(), self.app.settings.high_contrast)
        if self.end_timer is not None:
            self.draw_ending(surface)

    def draw_ending(self, surface: pygame.Surface) -> None:
        outcome = self.outcome or ""
        info = self.scenario.outcomes.get(outcome, {})
        title = _(info.get("label", outcome))
        text = _(info.get("text", ""))
        shade = pygame.Surface((W, H), pygame.SRCALPHA)
        shade.fill(self.theme.overlay)
        surface.blit(shade, (0, 0))
        width = min(W - 120, round(760 * max(1.0, fonts.get_scale() * 0.9)))
        x = (W - width) // 2
        ft, fb = fonts.font("title", True), fonts.font("body")
        h = len(wrap(ft, title, width)) * line_height(ft) + len(wrap(fb, text, width)) * line_height(fb) + 3 * line_height(fb)
        y = max(20, (H - h) // 2)
        y += draw_text(surface, ft, title, (x, y), self.theme.text, width, "center") + 12
        y += draw_text(surface, fb, text, (x, y), self.theme.text, width, "center") + 18
        if self.end_timer and self.end_timer > 0.6:
            draw_text(surface, fonts.font("small"), _("Tap, click or press Enter for the debrief."), (x, y), self.theme.text_dim, width, "center")
