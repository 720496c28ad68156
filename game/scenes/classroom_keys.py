"""Typing a join code, an address or a message: the keyboard, or keys on the
screen (touch, mouse, a gamepad's d-pad), for machines without a keyboard."""

from __future__ import annotations

from typing import Callable

import pygame

from ..i18n import _
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height
from .base import Scene, W

DELETE, DONE, CANCEL = "\b", "\n", "\x1b"
TYPED_KEYS = (pygame.K_w, pygame.K_a, pygame.K_s, pygame.K_d, pygame.K_p, pygame.K_SPACE)


def _letters_not_menu(app, intent) -> bool:
    """While typing, P is a letter, not the pause menu's key."""
    return intent.kind == "menu" and intent.key == pygame.K_p and isinstance(app.top, TextEntryScene)


class TextEntryScene(Scene):
    """A line of text from a fixed set of characters; ``on_done(text)``."""

    def __init__(self, app, title: str, alphabet: str, max_len: int, on_done: Callable[[str], None],
                 initial: str = "", upper: bool = False, hint: str = "", columns: int = 10, keys_shown: bool = True):
        super().__init__(app)
        self.title, self.alphabet, self.max_len = title, alphabet, max_len
        self.on_done, self.upper, self.hint = on_done, upper, hint
        self.text = initial[:max_len]
        self.columns = columns
        # A long alphabet (a message) is typed on a keyboard; a short one also has keys on screen.
        self.keys = (list(alphabet) if keys_shown else []) + [DELETE, CANCEL, DONE]
        self.focus = len(self.keys) - 1 if (self.text or not keys_shown) else 0
        self._rects: list[pygame.Rect] = []

    def on_enter(self) -> None:
        filters = getattr(self.app, "input_filters", None)
        if filters is not None and _letters_not_menu not in filters:
            filters.insert(0, _letters_not_menu)
        pygame.key.start_text_input()

    def _label(self, key: str) -> str:
        return {DELETE: _("Delete"), DONE: _("Done"), CANCEL: _("Cancel")}.get(key, _("Space") if key == " " else key)

    def press(self, key: str) -> None:
        if key == DELETE:
            self.text = self.text[:-1]
        elif key == CANCEL:
            self.app.pop()
        elif key == DONE:
            self.app.pop()
            self.on_done(self.text)
        elif len(self.text) < self.max_len and key in self.alphabet:
            self.text += key

    def handle(self, intent) -> bool:
        kind = intent.kind
        if kind == "text":
            for ch in intent.text:
                ch = ch.upper() if self.upper else ch
                if ch in self.alphabet:
                    self.press(ch)
            return True
        if kind == "key":
            return True
        if intent.key in TYPED_KEYS and kind != "back":
            return True  # a letter arrives as text; its game meaning (w = up) does not apply here
        if kind == "back" and intent.key == pygame.K_BACKSPACE:
            self.press(DELETE)
            return True
        if kind in ("left", "right", "up", "down"):
            step = {"left": -1, "right": 1, "up": -self.columns, "down": self.columns}[kind]
            self.focus = max(0, min(len(self.keys) - 1, self.focus + step))
            return True
        if kind == "confirm":
            # Enter on a keyboard finishes; a pad's A or a tap presses the key in focus.
            self.press(DONE if intent.key in (pygame.K_RETURN, pygame.K_KP_ENTER) else self.keys[self.focus])
            return True
        if kind == "pointer_up":
            for i, r in enumerate(self._rects):
                if r.collidepoint(intent.pos):
                    self.focus = i
                    self.press(self.keys[i])
                    return True
        return kind in ("pointer_down", "pointer_move")

    def back(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        surface.fill(t.background)
        x, y, width = 80, 50, W - 160
        y += draw_text(surface, fonts.font("title", True), self.title, (x, y), t.text, width) + 8
        if self.hint:
            y += draw_text(surface, fonts.font("body"), self.hint, (x, y), t.text_dim, width) + 8
        big = fonts.font("huge", True)
        box = pygame.Rect(x, y, width, line_height(big) + 20)
        pygame.draw.rect(surface, t.panel, box, border_radius=8)
        pygame.draw.rect(surface, t.accent, box, width=3, border_radius=8)
        shown = fit_text(big, self.text, width - 60)
        img = big.render(shown, True, t.text)
        surface.blit(img, (box.x + 20, box.y + 10))
        # The cursor: a bar after the text (the font has no cursor glyph).
        pygame.draw.rect(surface, t.accent, (box.x + 24 + img.get_width(), box.y + 14, 4, box.height - 28))
        y = box.bottom + 24
        f = fonts.font("large", True)
        kh = max(56, line_height(f) + 16)
        letters = [k for k in self.keys if k not in (DELETE, DONE, CANCEL)]
        kw = (width - (self.columns - 1) * 8) // self.columns
        self._rects = []
        for i, key in enumerate(letters):
            r = pygame.Rect(x + (i % self.columns) * (kw + 8), y + (i // self.columns) * (kh + 8), kw, kh)
            self._rects.append(r)
        rows = (len(letters) + self.columns - 1) // self.columns
        y2 = y + rows * (kh + 8) + 8
        bw = (width - 16) // 3
        for j in range(3):
            self._rects.append(pygame.Rect(x + j * (bw + 8), y2, bw, kh))
        for i, (key, r) in enumerate(zip(self.keys, self._rects)):
            focused = i == self.focus
            pygame.draw.rect(surface, t.button, r, border_radius=8)
            pygame.draw.rect(surface, t.accent if focused else t.panel_edge, r, width=4 if focused else 2, border_radius=8)
            label = fit_text(f, self._label(key), r.width - 12)
            img = f.render(label, True, t.button_text)
            surface.blit(img, img.get_rect(center=r.center))
