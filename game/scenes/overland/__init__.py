"""The long way round's play screen, split by job.

``actions`` (the player's controls as the model's action) and ``observation``
(what the screen shows, read from the model's state) are plain Python and load
without pygame; ``layout`` places the screen's parts for a canvas and a text
size; ``view`` draws an observation; ``scene`` is the thin screen that joins
them (input -> actions -> model step -> observation -> view).

Nothing is imported here, so ``game.scenes.overland.actions`` stays light.
"""
