"""Fog on the line: the play screen, split by job.

``actions`` (the player's controls as the model's action) and
``observation`` (what the screen shows, built from the model's state) are
pure Python; ``layout`` gives sizes, ``view`` draws an observation, and
``scene`` is the thin pygame scene that joins them. Nothing heavy is
imported here, so the pure parts load without pygame.
"""
