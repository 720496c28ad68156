"""The canvas letterboxed into any window: sizes from 800x600 up, pointer mapping."""

import pygame

from game.display import Display, default_window_size, letterbox


def test_letterbox_fits_and_centres():
    assert letterbox((1280, 720)) == pygame.Rect(0, 0, 1280, 720)
    assert letterbox((800, 600)) == pygame.Rect(0, 75, 800, 450)
    assert letterbox((1920, 1080)) == pygame.Rect(0, 0, 1920, 1080)
    assert letterbox((1024, 768)) == pygame.Rect(0, 96, 1024, 576)
    assert letterbox((2560, 1080)) == pygame.Rect(320, 0, 1920, 1080)


def test_default_window_fits_a_small_screen():
    assert default_window_size((1920, 1080)) == (1280, 720)
    w, h = default_window_size((800, 600))
    assert w <= 800 and h <= 600 - 40 and abs(w / h - 16 / 9) < 0.02
    assert default_window_size(None) == (1280, 720)


class FakeWindow:
    size = (800, 600)


def test_pointer_maps_through_the_letterbox():
    d = Display.__new__(Display)
    d.window = FakeWindow()
    assert d.to_logical((400, 300)) == (640, 360)
    assert d.to_logical((0, 75)) == (0, 0)
    assert d.to_logical((799, 524)) == (1278, 718)
    assert d.finger_to_logical(0.5, 0.5) == (640, 360)
    assert d.finger_to_logical(0.0, 75 / 600) == (0, 0)
