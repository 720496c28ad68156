"""What the two DMZ play screens (fog and JSA) share.

``actions`` (pure Python, no pygame): the walker's control state and the
JSA's model action; ``layout``: the panel's and map's sizes; ``view``: the
drawing helpers (night grading, the ending card, the key hint); ``scene``:
``DmzPlayBase``, the screen both journeys are built on. Nothing heavy is
imported here, so ``game.scenes.dmz.actions`` loads without pygame.
"""
