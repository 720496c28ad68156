"""Keyboard, mouse, touch and gamepad, turned into the same intents.

Scenes never read raw events: they get ``Intent``s, so everything that can
be done with a mouse can be done with keys, a pad or a finger. Movement in
the play scenes reads ``Input.direction()``, which merges held keys, the
pad's stick and hat, and any on-screen pad a scene feeds in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

LOGICAL_SIZE = (1280, 720)

KEYS = {
    pygame.K_UP: "up", pygame.K_w: "up",
    pygame.K_DOWN: "down", pygame.K_s: "down",
    pygame.K_LEFT: "left", pygame.K_a: "left",
    pygame.K_RIGHT: "right", pygame.K_d: "right",
    pygame.K_RETURN: "confirm", pygame.K_KP_ENTER: "confirm", pygame.K_SPACE: "confirm",
    pygame.K_ESCAPE: "back", pygame.K_BACKSPACE: "back",
    pygame.K_TAB: "next", pygame.K_F10: "menu", pygame.K_p: "menu",
    pygame.K_F11: "fullscreen",
}
DIRECTION_KEYS = {
    pygame.K_UP: (0, -1), pygame.K_w: (0, -1),
    pygame.K_DOWN: (0, 1), pygame.K_s: (0, 1),
    pygame.K_LEFT: (-1, 0), pygame.K_a: (-1, 0),
    pygame.K_RIGHT: (1, 0), pygame.K_d: (1, 0),
}
# SDL game-controller layout: A confirms, B goes back, Start opens the menu.
# X or Y moves to the next control, as Tab does on a keyboard.
PAD_BUTTONS = {0: "confirm", 1: "back", 2: "next", 3: "next", 6: "menu", 7: "menu", 11: "up", 12: "down", 13: "left", 14: "right"}
PAD_DIRECTIONS = {11: (0, -1), 12: (0, 1), 13: (-1, 0), 14: (1, 0)}  # d-pads that report as buttons
STICK_DEADZONE = 0.45


@dataclass
class Intent:
    kind: str  # up down left right confirm back menu next fullscreen pointer_down pointer_move pointer_up scroll key text
    pos: tuple[int, int] = (0, 0)
    amount: int = 0
    key: int = 0
    text: str = ""
    touch: bool = False
    hover: bool = False  # a mouse moving with no button down


def finger_to_logical(x: float, y: float) -> tuple[int, int]:
    """Touch events come normalised to the window; map them through the
    letterboxing of the SCALED display onto the logical 1280x720 canvas."""
    try:
        ww, wh = pygame.display.get_window_size()
    except pygame.error:
        ww, wh = LOGICAL_SIZE
    lw, lh = LOGICAL_SIZE
    if ww <= 0 or wh <= 0:
        return int(x * lw), int(y * lh)
    scale = min(ww / lw, wh / lh)
    ox, oy = (ww - lw * scale) / 2, (wh - lh * scale) / 2
    return int((x * ww - ox) / scale), int((y * wh - oy) / scale)


class Input:
    def __init__(self) -> None:
        self.held_keys: set[int] = set()
        self.held_pad: set[int] = set()
        self.stick = [0.0, 0.0]
        self.hat = (0, 0)
        self.screen_pad = (0.0, 0.0)  # set by a scene's on-screen pad
        self._stick_dir: dict[int, str | None] = {0: None, 1: None}
        self.pads: list = []
        # Window pixels and normalised touches to the logical canvas; the App
        # hands in its display's letterbox (identity on the dummy driver).
        self.to_logical = lambda pos: (int(pos[0]), int(pos[1]))
        self.finger_to_logical = finger_to_logical

    def open_pads(self) -> None:
        try:
            pygame.joystick.init()
            self.pads = [pygame.joystick.Joystick(i) for i in range(pygame.joystick.get_count())]
        except pygame.error:
            self.pads = []

    def direction(self) -> tuple[float, float]:
        dx = dy = 0.0
        for key in self.held_keys:
            if key in DIRECTION_KEYS:
                ddx, ddy = DIRECTION_KEYS[key]
                dx += ddx
                dy += ddy
        for button in self.held_pad:
            ddx, ddy = PAD_DIRECTIONS[button]
            dx += ddx
            dy += ddy
        dx += self.hat[0] + (self.stick[0] if abs(self.stick[0]) > STICK_DEADZONE else 0)
        dy += -self.hat[1] + (self.stick[1] if abs(self.stick[1]) > STICK_DEADZONE else 0)
        dx += self.screen_pad[0]
        dy += self.screen_pad[1]
        return max(-1.0, min(1.0, dx)), max(-1.0, min(1.0, dy))

    def translate(self, event: pygame.event.Event) -> list[Intent]:
        t = event.type
        if t == pygame.KEYDOWN:
            self.held_keys.add(event.key)
            out = [Intent("key", key=event.key)]
            if event.key in KEYS:
                out.append(Intent(KEYS[event.key], key=event.key))
            return out
        if t == pygame.KEYUP:
            self.held_keys.discard(event.key)
            return []
        if t == pygame.TEXTINPUT:
            return [Intent("text", text=event.text)]
        # SDL also sends mouse events made up from touches; the FINGER
        # events are handled instead, so drop those copies.
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION) and getattr(event, "touch", False):
            return []
        if t == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            return [Intent("pointer_down", pos=self.to_logical(event.pos))]
        if t == pygame.MOUSEBUTTONUP and event.button in (1, 3):
            return [Intent("pointer_up", pos=self.to_logical(event.pos))]
        if t == pygame.MOUSEMOTION:
            return [Intent("pointer_move", pos=self.to_logical(event.pos), hover=not any(event.buttons))]
        if t == pygame.MOUSEWHEEL:
            return [Intent("scroll", amount=int(event.y))]
        if t == pygame.FINGERDOWN:
            return [Intent("pointer_down", pos=self.finger_to_logical(event.x, event.y), touch=True)]
        if t == pygame.FINGERUP:
            return [Intent("pointer_up", pos=self.finger_to_logical(event.x, event.y), touch=True)]
        if t == pygame.FINGERMOTION:
            return [Intent("pointer_move", pos=self.finger_to_logical(event.x, event.y), touch=True)]
        if t == pygame.JOYBUTTONDOWN and event.button in PAD_DIRECTIONS:
            self.held_pad.add(event.button)
        if t == pygame.JOYBUTTONUP:
            self.held_pad.discard(event.button)
            return []
        if t == pygame.JOYBUTTONDOWN and event.button in PAD_BUTTONS:
            return [Intent(PAD_BUTTONS[event.button])]
        if t == pygame.JOYHATMOTION:
            self.hat = tuple(event.value)
            hx, hy = event.value
            if hy:
                return [Intent("up" if hy > 0 else "down")]
            if hx:
                return [Intent("left" if hx < 0 else "right")]
            return []
        if t == pygame.JOYAXISMOTION and event.axis in (0, 1):
            self.stick[event.axis] = float(event.value)
            # A stick pushed past the dead zone acts once as an arrow key.
            v = event.value
            name = None
            if v > STICK_DEADZONE:
                name = "right" if event.axis == 0 else "down"
            elif v < -STICK_DEADZONE:
                name = "left" if event.axis == 0 else "up"
            if name != self._stick_dir[event.axis]:
                self._stick_dir[event.axis] = name
                if name:
                    return [Intent(name)]
            return []
        if t == pygame.JOYDEVICEADDED:
            self.open_pads()
        return []
