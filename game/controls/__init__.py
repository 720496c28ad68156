"""The player's controls turned into the model's actions, for each journey.

Pure Python, no pygame: a play screen keeps what the player has chosen (the
control state: a pace, a heading, a toggle) and asks these functions for the
action the model steps with. So what a control does is tested in
milliseconds, without a window (tests/test_controls.py).
"""
