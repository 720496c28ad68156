"""The classroom: a teacher's machine hosts a class, students join with a code.

No pygame in this package except in the scenes that use it (game/scenes/);
the host, the store, the protocol and the client run without a display.
"""
