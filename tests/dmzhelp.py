"""What the fog and JSA scene tests both do: the two screens share one base
(game.scenes.dmz.scene.DmzPlayBase), so their panel, pad and settings are
checked the same way."""

from __future__ import annotations

import pygame

from apphelp import frames

PAD_A, PAD_B, PAD_X = 0, 1, 2


def pad(app, button: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.JOYBUTTONDOWN, button=button, joy=0, instance_id=0))
    frames(app)


def press_with_pad(app, scene, name: str) -> None:
    """Move to the panel button ``name`` with pad X and press it with A."""
    scene.focus = -1
    for _ in range(scene.order.index(name) + 1):
        pad(app, PAD_X)
    assert scene.order[scene.focus] == name
    pad(app, PAD_A)


def press_the_shared_buttons(app, scene, wait: str) -> None:
    """The paces, the wait button (named ``wait`` on this screen), time and zoom, by pad."""
    for pace in ("crawl", "run", "walk"):
        press_with_pad(app, scene, pace)
        assert scene.pace == pace
    press_with_pad(app, scene, wait)
    assert scene.waiting
    press_with_pad(app, scene, "speed")
    assert scene.speed_i == 1
    z0 = scene.zoom_i
    press_with_pad(app, scene, "zoom")
    assert scene.zoom_i == (z0 + 1) % 3


def check_buttons_and_settings(app, scene) -> None:
    """Every button is big enough and on the panel; the screen draws in high
    contrast, with reduced motion and without the felt-danger hint."""
    for b in scene.buttons.values():
        assert b.rect.height >= 48 and scene.panel.contains(b.rect), b.key
    for flag in ("high_contrast", "reduced_motion"):
        setattr(app.settings, flag, True)
        app.apply_settings()
        frames(app, 3)
    app.settings.felt_danger_hint = False
    frames(app, 3)
