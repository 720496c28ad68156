"""Driving the real app in tests: inject events, step frames."""

from __future__ import annotations

import pygame

from game.app import App, Options


def make_app(**kw) -> App:
    kw.setdefault("headless", True)
    kw.setdefault("seed", 3)
    app = App(Options(**kw))
    app.start()
    return app


def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        for event in pygame.event.get():
            app.handle_event(event)
        app.update(1 / 60)
        if app.running:
            app.draw()


def key(app: App, k: int, n_frames: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
    frames(app, n_frames)


def number_key(n: int) -> int:
    """The key of the digit ``n`` (a question's answer by number)."""
    return pygame.K_0 + n


def click(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    frames(app)


def tap(app: App, pos: tuple[int, int]) -> None:
    """A finger tap at a logical position (FINGER events are normalised)."""
    x, y = pos[0] / 1280, pos[1] / 720
    common = dict(touch_id=1, finger_id=0, dx=0.0, dy=0.0, pressure=1.0)
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=x, y=y, **common))
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=x, y=y, **common))
    frames(app)


def find_button(scene, text: str) -> tuple[int, int]:
    """Screen centre of the first focusable widget whose text contains ``text``,
    scrolling the form until it is visible."""
    form = scene.form
    for i, w in enumerate(form.widgets):
        label = getattr(w, "text", None) or getattr(w, "label", "")
        if text in label:
            form._scroll_into_view(i)
            return form.screen_rect(i).center
    raise AssertionError(f"no widget with text {text!r}; have {[getattr(w, 'text', getattr(w, 'label', '')) for w in form.widgets]}")


def sea_ashore_as_is(app: App, scene) -> None:
    """The sea's questions ashore before a crossing leaves, each answered by 2: as it is."""
    while scene.decision and scene.decision.startswith("prep_"):
        key(app, pygame.K_2)
