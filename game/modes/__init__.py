"""Modes: what kind of program the App runs (play, kiosk, ...). See base.py."""

from .base import MENU_ENTRIES, InputFilter, Launch, Mode, Service
from .play import PlayMode

__all__ = ["MENU_ENTRIES", "InputFilter", "Launch", "Mode", "PlayMode", "Service"]
