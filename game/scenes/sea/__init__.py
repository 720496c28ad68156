"""Across the sea: the play screen, split by job.

``actions`` (the crew's choices -> the model's action) and ``observation``
(what the screen shows, built from the model's state) are pure Python;
``layout`` (rects from the canvas and the text size), ``view`` (drawing an
observation) and ``scene`` (input -> actions -> model step -> observation ->
view) use pygame. Nothing is imported here, so the pure parts import
without pygame.
"""
