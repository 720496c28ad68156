"""The kiosk Mode: no way out but the staff's, a visitor at a time.

No Quit anywhere; the window's close button, Escape and F11 do nothing; the
pause menu offers only Resume and the way back to the start. The root screen
is the attract loop. Services: the visitor's counts, the idle watch, the
systemd watchdog, the daily restart. Input filters: the idle watch (sees
every touch) and the admin gesture (five taps in the top-left corner).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..modes.base import Launch, Mode
from .config import KioskConfig
from .counts import Counts
from .services import AdminGesture, DailyRestart, IdleWatch, KioskCut, Visitor
from .watchdog import Watchdog


@dataclass
class PinLock:
    """Wrong PINs are throttled: after three, a wait that doubles each time (30 s .. 10 min)."""

    wrong: int = 0
    until: float = 0.0
    FREE_TRIES = 3

    def wait(self, now: float) -> float:
        return max(0.0, self.until - now)

    def attempt(self, pin: str, stored: str, now: float) -> bool:
        from .config import check_pin

        if self.wait(now) > 0:
            return False
        if check_pin(pin, stored):
            self.wrong, self.until = 0, 0.0
            return True
        self.wrong += 1
        if self.wrong >= self.FREE_TRIES:
            self.until = now + min(600.0, 30.0 * 2 ** (self.wrong - self.FREE_TRIES))
        return False


@dataclass
class KioskMode(Mode):
    name: str = "kiosk"
    quit_offered: bool = False
    close_exits: bool = False
    fullscreen_key: bool = False
    menu_button: bool = True
    menu_entries: tuple[str, ...] = ("resume", "title")
    settings_offered: bool = False
    saves_files: bool = False
    config: KioskConfig = field(default_factory=KioskConfig)
    counts_path: object = None  # a Path for tests; None: the data folder
    watchdog_env: dict | None = None

    RESTART_EXIT = 75  # systemd's Restart=always starts it again
    EXIT_TO_DESKTOP = 64  # the unit's RestartPreventExitStatus: stays stopped

    def __post_init__(self) -> None:
        self.idle_timeout = self.config.idle_seconds
        self.visitor = Visitor(Counts(self.counts_path))
        self.idle = IdleWatch(self.config)
        self.pin_lock = PinLock()
        self.gesture = AdminGesture(self.visitor)
        self.watchdog = Watchdog(self.watchdog_env)

    def fresh_launch(self) -> Launch:
        return Launch(autoplay=False, seed=None, time_scale=self.config.time_scale)

    def root(self, app):
        from .scenes import AttractScene

        return AttractScene(app)

    def start(self, app) -> None:
        from .memory import tune_allocator

        tune_allocator()  # weeks of visitors: big buffers given back, never pinned in the heap
        app.launch = self.fresh_launch()
        app.settings.show_gunfire_scenarios = self.config.show_gunfire
        app.settings.volume = min(self.config.volume, self.config.volume_cap)
        app.audio.set_volume(app.settings.volume)
        app.push(self.root(app))

    def choose_another(self, app) -> None:
        """The same visitor, another journey: back to the kiosk's journeys, their
        language and visit kept."""
        from .scenes import JourneysScene

        if not any(isinstance(s, JourneysScene) for s in app.scenes):
            app.reset_to_root()
            return
        while not isinstance(app.top, JourneysScene):
            app.scenes.pop().on_exit()

    def debrief(self, app, journey, scenario, world):
        """A visitor's journey ends on the short debrief: one screen, then Start again."""
        from .debrief import KioskDebriefScene

        return KioskDebriefScene(app, journey, scenario, world)

    def services(self, app):
        return [self.visitor, self.idle, self.watchdog, DailyRestart(self.config), KioskCut()]

    def input_filters(self, app):
        return [self.idle, self.gesture]

    # -- the visitor --------------------------------------------------------
    def welcome(self, app, language: str) -> None:
        """A visitor chose their language: their visit begins."""
        self.visitor.begin(language)
        app.settings.language = language
        app.apply_settings()

    def let_go(self, app, ended_by: str) -> None:
        """The visitor has gone: write their counts and drop everything of theirs
        (language, text size, the launch, held keys, captions, the screens)."""
        self.visitor.end(ended_by)
        app.launch = self.fresh_launch()
        app.captions = []
        app.input.held_keys.clear()
        app.input.held_pad.clear()
        app.input.screen_pad = (0.0, 0.0)
        s = app.settings
        changed = s.language != self.config.default_language or s.text_scale != 1.0
        s.language, s.text_scale = self.config.default_language, 1.0
        s.show_gunfire_scenarios = self.config.show_gunfire
        self.idle.idle = 0.0
        # Their journey's map picture (tens of MB) goes too: the next slide or
        # visitor draws the one it needs.
        from ..world.render import forget_picture

        forget_picture()
        if changed:
            app.apply_settings()
