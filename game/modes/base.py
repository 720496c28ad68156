"""What kind of program the App is running: a Mode.

The App knows one loop; a ``Mode`` tells it which screen is the root, whether
a person may quit (the menu, window close, Escape on the root screen), what
F11 does, which entries the pause menu has, the idle timeout, and which
services and input filters run beside the scenes. Play at home is one mode;
the museum kiosk, the classroom host and the classroom student are others.

No pygame at import time: a mode is plain data plus a few factories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Protocol

if TYPE_CHECKING:
    from ..app import App
    from ..input import Intent

# The pause menu's possible entries, in the order they are shown.
MENU_ENTRIES = ("resume", "settings", "title", "quit")


class Service(Protocol):
    """Something that lives beside the scenes: the network, an idle watch, a watchdog.

    ``start`` runs once when the App starts, ``tick`` on every update (60 times
    a second of game time) and ``stop`` when the App ends."""

    def start(self, app: "App") -> None: ...

    def tick(self, app: "App", dt: float) -> None: ...

    def stop(self, app: "App") -> None: ...


# An input filter sees every intent before the scenes do and returns True to
# consume it (an admin gesture, an idle watch that only needs to see a touch).
InputFilter = Callable[["App", "Intent"], bool]


@dataclass
class Launch:
    """What the scenes are handed about how journeys run (never the command line itself).

    ``autoplay``: the automatic player makes the choices; ``seed``: a fixed
    seed for every journey (None: a fresh one each time); ``scenario`` and
    ``preset``: a journey to open at the start; ``time_scale``: game time per
    real second compared with normal play (a kiosk's short cut runs faster)."""

    autoplay: bool = False
    seed: int | None = None
    scenario: str | None = None
    preset: str | None = None
    time_scale: float = 1.0


@dataclass
class Mode:
    name: str = "play"
    quit_offered: bool = True  # a Quit entry, and Escape on the root screen asks to quit
    close_exits: bool = True  # the window's close button ends the program
    fullscreen_key: bool = True  # F11 toggles full screen
    menu_button: bool = True  # the menu button in the top-right corner
    menu_entries: tuple[str, ...] = MENU_ENTRIES
    idle_timeout: float | None = None  # seconds without input before the idle watch acts
    settings_offered: bool = True  # the settings screen is reachable from the menus
    saves_files: bool = True  # the debrief may save a chart and the choices to the data folder

    def root(self, app: "App") -> Any:
        """The screen everything returns to (the title, the attract loop)."""
        raise NotImplementedError

    def start(self, app: "App") -> None:
        """Put the first screens on the stack."""
        app.push(self.root(app))

    def choose_another(self, app: "App") -> None:
        """After a debrief: back to where journeys are chosen."""
        from ..scenes.picker import PickerScene

        app.reset_to_root()
        app.push(PickerScene(app))

    def debrief(self, app: "App", journey: Any, scenario: Any, world: Any) -> Any:
        """The screen that follows a journey: the full debrief."""
        from ..scenes.debrief import DebriefScene

        return DebriefScene(app, journey, scenario, world)

    def services(self, app: "App") -> list[Service]:
        return []

    def input_filters(self, app: "App") -> list[InputFilter]:
        return []

    def offers(self, entry: str) -> bool:
        if entry == "quit" and not self.quit_offered:
            return False
        if entry == "settings" and not self.settings_offered:
            return False
        return entry in self.menu_entries
