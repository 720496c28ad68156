"""The JSA dash's play screen, split by job.

``actions`` (pure Python, no pygame): the player's decisions and the model's
action; ``observation``: what the screen shows, built from the model's state;
``layout``: the buttons' rows and the question card's size; ``view``: the
drawing; ``scene``: thin, input -> action -> model step -> observation -> view.
Nothing heavy is imported here, so ``game.scenes.jsa.actions`` loads without pygame.
"""
