"""Play at home or at school: the game as it has always run.

The title screen is the root; quitting is offered; the window's close button
and Escape on the title screen end the game (Escape asks first); F11 toggles
full screen; no idle timeout. ``--scenario`` opens a journey above the title.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import Mode


@dataclass
class PlayMode(Mode):
    name: str = "play"

    def root(self, app):
        from ..scenes.title import TitleScene

        return TitleScene(app)

    def start(self, app) -> None:
        app.push(self.root(app))
        if app.launch.scenario:
            from ..scenes.intro import start_scenario_by_id

            start_scenario_by_id(app, app.launch.scenario, app.launch.preset)
