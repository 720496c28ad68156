"""Widgets, fonts, theme and layout for the game's screens."""
