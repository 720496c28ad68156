"""The program: a window, a stack of scenes, and a fixed-timestep loop.

Scenes update at a fixed rate (so the same seed and choices give the same
run whatever the frame rate) and draw at the display's rate. The canvas is
always 1280x720 logical pixels, letterboxed into any window or screen (display.py).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from typing import Any

import pygame

from . import i18n, settings as settings_mod
from .audio import Audio
from .i18n import _
from .input import LOGICAL_SIZE, Input, Intent
from .modes import Mode
from .ui import fonts
from .ui.text import draw_text, wrap, line_height
from .ui.theme import theme_for

log = logging.getLogger(__name__)
UPDATE_HZ = 60
STEP = 1.0 / UPDATE_HZ


@dataclass
class Options:
    scenario: str | None = None
    preset: str | None = None
    seed: int | None = None
    lang: str | None = None
    fullscreen: bool = False
    window: tuple[int, int] | None = None
    text_scale: float | None = None
    headless: bool = False
    frames: int = 0
    autoplay: bool = False
    screenshot: str | None = None  # save the last frame as PNG (for docs and checks)


class App:
    """The window, the scene stack and the loop, run in one ``Mode``.

    ``options`` is the command line; scenes never read it. They read
    ``app.launch`` (autoplay, seed, the journey to open), ``app.mode`` (what the
    menus offer) and the settings."""

    def __init__(self, options: Options | None = None, mode: Mode | None = None):
        from .modes import Launch, PlayMode

        self.options = options or Options()
        self.mode = mode or PlayMode()
        self.launch = Launch(
            autoplay=self.options.autoplay,
            seed=self.options.seed,
            scenario=self.options.scenario,
            preset=self.options.preset,
        )
        if self.options.headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ["SDL_AUDIODRIVER"] = "dummy"
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        pygame.init()
        fonts.clear_stale()
        self.settings, warning = settings_mod.load()
        self.warnings: list[str] = [warning] if warning else []
        if self.options.lang:
            self.settings.language = self.options.lang
        if self.options.text_scale:
            self.settings.text_scale = self.options.text_scale
        if self.options.fullscreen:
            self.settings.fullscreen = True
        i18n.set_language(self.settings.language)
        # The settings' warning was written before their language was chosen.
        self.warnings = [getattr(w, "translated", lambda w=w: w)() for w in self.warnings]
        fonts.set_scale(self.settings.text_scale)
        self.theme = theme_for(self.settings.high_contrast)
        self.screen = self._open_display()
        self.input = Input()
        self.input.to_logical = self.display.to_logical
        self.input.finger_to_logical = self.display.finger_to_logical
        self.input.open_pads()
        self.audio = Audio()
        self.audio.set_volume(self.settings.volume)
        self.scenes: list[Any] = []
        self.captions: list[tuple[str, float]] = []
        self.running = True
        self.exit_code = 0
        self.frame = 0
        self.clock = pygame.time.Clock()
        self.menu_button = pygame.Rect(LOGICAL_SIZE[0] - 64, 8, 56, 56)
        self.services: list = list(self.mode.services(self))
        self.input_filters: list = list(self.mode.input_filters(self))
        self._services_started = False

    # -- display ---------------------------------------------------------
    def _open_display(self) -> pygame.Surface:
        """The canvas scenes draw on; the Display letterboxes it into the window."""
        from .display import Display

        self.display = Display(self.options.headless, self.settings.fullscreen, self.options.window, _("Crossings"))
        return self.display.canvas

    def toggle_fullscreen(self) -> None:
        if not self.mode.fullscreen_key:
            return
        self.set_fullscreen(not self.settings.fullscreen)

    def set_fullscreen(self, on: bool) -> None:
        if self.display.set_fullscreen(on):
            self.settings.fullscreen = on
            self.save_settings()

    def present(self) -> None:
        """Show the drawn canvas in the window."""
        self.display.present()

    # -- settings --------------------------------------------------------
    def apply_settings(self) -> None:
        """Make a changed setting take effect on every open screen."""
        i18n.set_language(self.settings.language)
        fonts.set_scale(self.settings.text_scale)
        self.theme = theme_for(self.settings.high_contrast)
        self.audio.set_volume(self.settings.volume)
        self.display.set_title(_("Crossings"))
        for scene in self.scenes:
            scene.relayout()

    def save_settings(self) -> None:
        try:
            settings_mod.save(self.settings)
        except OSError as exc:
            message = _("Could not save the settings: {error}").format(error=exc.strerror or exc)
            if message not in self.warnings:  # once, not once per change (a read-only kiosk)
                self.warnings.append(message)

    # -- scenes ----------------------------------------------------------
    @property
    def top(self):
        return self.scenes[-1] if self.scenes else None

    def push(self, scene) -> None:
        self.scenes.append(scene)
        scene.on_enter()

    def pop(self) -> None:
        if self.scenes:
            self.scenes.pop().on_exit()
        if not self.scenes:
            if self.mode.quit_offered:
                self.running = False
            else:  # a kiosk never runs out of screens
                self.push(self.mode.root(self))

    def replace(self, scene) -> None:
        if self.scenes:
            self.scenes.pop().on_exit()
        self.push(scene)

    def reset_to_root(self) -> None:
        """Leave every screen and go back to the mode's root (the title screen)."""
        while self.scenes:
            self.scenes.pop().on_exit()
        self.audio.stop()
        self.captions = []
        self.push(self.mode.root(self))

    reset_to_title = reset_to_root

    def stop_autoplay(self) -> None:
        """The automatic player stops advancing (nothing left it could play)."""
        self.launch.autoplay = False

    def new_seed(self) -> int:
        """A fresh seed for a new play; shown in the debrief so a run can be repeated."""
        return int.from_bytes(os.urandom(4), "little") % 1_000_000

    def caption(self, text: str, seconds: float = 3.0) -> None:
        """Show in words what a sound says, for those who cannot hear it."""
        self.captions = [(t, s) for t, s in self.captions if t != text][-2:]
        self.captions.append((text, seconds))

    def open_menu(self) -> None:
        """Open the pause menu; if it is already open somewhere on the stack (a
        settings screen or a question above it), go back to it instead of
        stacking another, so the stack stays bounded however often it is asked."""
        from .scenes.pause import PauseScene

        for i in range(len(self.scenes) - 1, -1, -1):
            if isinstance(self.scenes[i], PauseScene):
                while len(self.scenes) > i + 1:
                    self.scenes.pop().on_exit()
                return
        below = self.top
        self.push(PauseScene(self, below))

    def request_quit(self) -> None:
        from .scenes.base import ConfirmScene

        if not self.mode.quit_offered:
            return
        self.push(ConfirmScene(self, _("Quit Crossings?"), _("Yes, quit"), self.quit))

    def quit(self) -> None:
        """End the program. Modes without Quit (a kiosk) end only through their
        own way out (the admin screen calls ``shutdown``)."""
        if self.mode.quit_offered:
            self.running = False

    def shutdown(self, exit_code: int = 0) -> None:
        """End the program whatever the mode (a kiosk's admin exit, its daily restart)."""
        self.exit_code = exit_code
        self.running = False

    # -- the loop --------------------------------------------------------
    def _handle_signals(self) -> None:
        """SIGTERM (systemd's stop) and SIGINT end the program in every mode.

        SDL would turn them into a QUIT event, which a kiosk ignores (it is
        also what a window's close button sends); Python's own handlers,
        installed after SDL's, tell the two apart."""
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            return
        for sig, code in ((signal.SIGTERM, 0), (signal.SIGINT, 130)):
            try:
                signal.signal(sig, lambda _s, _f, code=code: self.shutdown(code))
            except (ValueError, OSError):
                pass

    def start(self) -> None:
        if not self._services_started:
            self._services_started = True
            for service in self.services:
                service.start(self)
        self.mode.start(self)

    def stop_services(self) -> None:
        if self._services_started:
            self._services_started = False
            for service in reversed(self.services):
                try:
                    service.stop(self)
                except Exception:  # one failing service must not keep the others running
                    log.exception("a service failed to stop")

    def dispatch(self, intent: Intent) -> None:
        # The mode's filters see every intent first (an admin gesture, an idle watch).
        for flt in list(self.input_filters):
            if flt(self, intent):
                return
        if intent.kind == "fullscreen":
            self.toggle_fullscreen()
            return
        if intent.kind == "pointer_down" and self.menu_button.collidepoint(intent.pos) and self._menu_button_shown():
            self.open_menu()
            return
        if intent.kind == "menu":
            self.open_menu()
            return
        top = self.top
        if top is None:
            return
        if top.handle(intent):
            return
        if intent.kind == "back":
            top.back()

    def _menu_button_shown(self) -> bool:
        from .scenes.pause import PauseScene

        return self.mode.menu_button and not isinstance(self.top, PauseScene) and getattr(self.top, "shows_menu_button", True)

    def handle_event(self, event: pygame.event.Event) -> None:
        # With the hidden display beside the window, closing the window comes as
        # WINDOWCLOSE, not QUIT.
        if event.type == pygame.QUIT or event.type == pygame.WINDOWCLOSE:
            if self.mode.close_exits:
                self.running = False
            return
        for intent in self.input.translate(event):
            self.dispatch(intent)
            if not self.running:
                return

    def update(self, dt: float) -> None:
        for service in list(self.services):
            service.tick(self, dt)
        if self.top is not None:
            self.top.update(dt)
        if self._captions_shown():  # under a menu they wait, as the journey does
            self.captions = [(t, s - dt) for t, s in self.captions if s - dt > 0]

    def draw(self) -> None:
        # Draw from the last opaque scene up, so overlays show what they cover.
        start = 0
        for i in range(len(self.scenes) - 1, -1, -1):
            if self.scenes[i].opaque:
                start = i
                break
        for scene in self.scenes[start:]:
            scene.draw(self.screen)
        self._draw_chrome()

    def _captions_shown(self) -> bool:
        """Captions belong to the screen they were said on: an overlay over it (the
        pause menu, a question) hides them; drawn on top, they covered its buttons."""
        top = self.top
        return top is None or getattr(top, "opaque", True) or getattr(top, "caption_area", None) is not None

    def _draw_chrome(self) -> None:
        theme, s = self.theme, self.screen
        if self._menu_button_shown():
            r = self.menu_button
            pygame.draw.rect(s, theme.button, r, border_radius=8)
            pygame.draw.rect(s, theme.panel_edge, r, width=2, border_radius=8)
            for k in (-12, 0, 12):
                pygame.draw.line(s, theme.button_text, (r.centerx - 14, r.centery + k), (r.centerx + 14, r.centery + k), 4)
        # Captions sit at the bottom of the area the scene keeps for them (its
        # map, say), so they never cover the scene's own text.
        area = getattr(self.top, "caption_area", None) or pygame.Rect(0, 0, *LOGICAL_SIZE)
        width = min(900, area.width - 40)
        y = area.bottom - 12
        font = fonts.font("body")
        for text, _left in reversed(self.captions if self._captions_shown() else []):
            lines = wrap(font, text, width)
            h = len(lines) * line_height(font) + 12
            y -= h
            box = pygame.Rect(area.centerx - (width + 40) // 2, y, width + 40, h)
            pygame.draw.rect(s, (0, 0, 0), box, border_radius=6)
            pygame.draw.rect(s, theme.panel_edge, box, width=1, border_radius=6)
            draw_text(s, font, text, (box.x + 20, box.y + 6), (255, 255, 255), width, "center")
            y -= 6

    def run(self) -> int:
        try:
            return self._run()
        finally:
            self.stop_services()

    def _run(self) -> int:
        self._handle_signals()
        self.start()
        acc = 0.0
        limit = self.options.frames
        while self.running:
            if self.options.headless:
                dt = STEP  # as fast as possible, same simulated time per frame
                self.clock.tick()
            else:
                dt = min(0.25, self.clock.tick(60) / 1000.0)
            for event in pygame.event.get():
                self.handle_event(event)
            acc += dt
            while acc >= STEP - 1e-9 and self.running:
                self.update(STEP)
                acc -= STEP
            if not self.running:
                break
            self.draw()
            self.present()
            self.frame += 1
            if limit and self.frame >= limit:
                break
        status = 0
        if self.options.screenshot:
            try:
                pygame.image.save(self.screen, self.options.screenshot)
            except (pygame.error, OSError) as exc:
                # The run itself went well; say what failed, in one line.
                log.error("could not save the screenshot %s: %s", self.options.screenshot, exc)
                print(_("crossings play: could not save the screenshot {file}: {error}").format(
                    file=self.options.screenshot, error=exc), file=sys.stderr)
                status = 1
        fonts.clear_cache()
        self.display.close()
        pygame.quit()
        return status or self.exit_code
