"""The window: a fixed 1280x720 canvas shown letterboxed in any window or screen.

Scenes always draw on a 1280x720 logical canvas. A real window (any size from
800x600 up, or full screen) shows it scaled to fit, keeping its shape, with
bars where the shapes differ; the GPU (or SDL's software renderer) does the
scaling. Pointer positions are mapped back through the same letterbox.

Full screen is done in a way that also works on an X server with no window
manager (a kiosk under a bare X or a kiosk compositor): the window is made
borderless at the desktop's size at (0, 0) before it asks to be full screen,
since without a window manager nobody else would move or resize it.

On SDL's dummy driver (tests, ``--headless``) the canvas is the display
surface itself, drawn 1:1.
"""

from __future__ import annotations

import logging
import os

import pygame

from .input import LOGICAL_SIZE

log = logging.getLogger(__name__)
MIN_WINDOW = (480, 270)


def letterbox(window: tuple[int, int], logical: tuple[int, int] = LOGICAL_SIZE) -> pygame.Rect:
    """Where the canvas lands in a window of this size: as large as fits, centred."""
    ww, wh = window
    lw, lh = logical
    if ww <= 0 or wh <= 0:
        return pygame.Rect(0, 0, lw, lh)
    scale = min(ww / lw, wh / lh)
    w, h = max(1, round(lw * scale)), max(1, round(lh * scale))
    return pygame.Rect((ww - w) // 2, (wh - h) // 2, w, h)


def default_window_size(desktop: tuple[int, int] | None) -> tuple[int, int]:
    """1280x720 when it fits; on a smaller screen, the largest 16:9 window that fits."""
    lw, lh = LOGICAL_SIZE
    if not desktop or desktop[0] <= 0 or desktop[1] <= 0:
        return LOGICAL_SIZE
    dw, dh = desktop
    if dw >= lw + 40 and dh >= lh + 80:
        return LOGICAL_SIZE
    # Leave room for a title bar and a panel on a small desktop.
    scale = min((dw - 20) / lw, (dh - 60) / lh)
    return max(MIN_WINDOW[0], int(lw * scale)), max(MIN_WINDOW[1], int(lh * scale))


class Display:
    def __init__(self, headless: bool, fullscreen: bool, window_size: tuple[int, int] | None, title: str):
        self.headless = headless
        self.fullscreen = False
        self.window = None
        if headless:
            self.canvas = pygame.display.set_mode(LOGICAL_SIZE)
            return
        from pygame._sdl2.video import Renderer, Texture

        # Smooth scaling, so text stays readable at any size. SDL reads the hint
        # when a texture is made.
        os.environ.setdefault("SDL_RENDER_SCALE_QUALITY", "1")
        desktop = self._desktop()
        self.windowed_size = tuple(window_size) if window_size else default_window_size(desktop)
        # A hidden 1x1 display gives pygame its pixel format, so that pictures can
        # be converted (maps, tiles) while the visible window is drawn by a renderer.
        pygame.display.set_mode((1, 1), pygame.HIDDEN)
        self.window = pygame.Window(title, self.windowed_size, resizable=True)
        try:
            self.window.minimum_size = MIN_WINDOW
        except (AttributeError, pygame.error):
            pass
        self.renderer = Renderer(self.window)
        self.canvas = pygame.Surface(LOGICAL_SIZE)
        self.texture = Texture(self.renderer, LOGICAL_SIZE, streaming=True)
        if fullscreen:
            self.set_fullscreen(True)

    # -- size and place ----------------------------------------------------
    @staticmethod
    def _desktop() -> tuple[int, int] | None:
        try:
            sizes = pygame.display.get_desktop_sizes()
            return tuple(sizes[0]) if sizes else None
        except pygame.error:
            return None

    def window_size(self) -> tuple[int, int]:
        if self.window is None:
            try:
                return tuple(pygame.display.get_window_size())
            except pygame.error:
                return LOGICAL_SIZE
        return tuple(self.window.size)

    def viewport(self) -> pygame.Rect:
        return letterbox(self.window_size())

    def set_fullscreen(self, on: bool) -> bool:
        """Fill the screen (or go back to a window). Returns False if it could not."""
        if self.window is None:
            self.fullscreen = on
            return True
        try:
            if on:
                desktop = self._desktop() or self.window.size
                self.window.borderless = True
                self.window.size = desktop
                self.window.position = (0, 0)
                self.window.set_fullscreen(desktop=True)
            else:
                self.window.set_windowed()
                self.window.borderless = False
                self.window.size = self.windowed_size
                self.window.position = pygame.WINDOWPOS_CENTERED
        except pygame.error as exc:
            log.info("full screen unavailable: %s", exc)
            return False
        self.fullscreen = on
        return True

    def set_title(self, text: str) -> None:
        if self.window is None:
            pygame.display.set_caption(text)
        else:
            self.window.title = text

    # -- pointer -----------------------------------------------------------
    def to_logical(self, pos: tuple[float, float]) -> tuple[int, int]:
        """A window pixel to a canvas pixel (through the letterbox)."""
        if self.window is None:
            return int(pos[0]), int(pos[1])
        view = self.viewport()
        lw, lh = LOGICAL_SIZE
        return int((pos[0] - view.x) * lw / view.w), int((pos[1] - view.y) * lh / view.h)

    def finger_to_logical(self, x: float, y: float) -> tuple[int, int]:
        """Touches come normalised to the window (0..1)."""
        ww, wh = self.window_size()
        view = letterbox((ww, wh))
        lw, lh = LOGICAL_SIZE
        return int((x * ww - view.x) * lw / view.w), int((y * wh - view.y) * lh / view.h)

    # -- each frame --------------------------------------------------------
    def present(self) -> None:
        if self.window is None:
            pygame.display.flip()
            return
        self.texture.update(self.canvas)
        self.renderer.draw_color = (0, 0, 0, 255)
        self.renderer.clear()
        self.texture.draw(dstrect=self.viewport())
        self.renderer.present()

    def close(self) -> None:
        if self.window is not None:
            try:
                self.window.destroy()
            except pygame.error:
                pass
            self.window = None
