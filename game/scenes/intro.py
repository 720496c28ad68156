"""Before a scenario: the content note first, then the briefing.

The content note is never skipped and never a surprise: it comes before
anything of the scenario is shown.
"""

from __future__ import annotations

from ..i18n import _
from ..levels import LevelError, Scenario, load_by_id, screen_class
from ..ui import fonts
from ..ui.text import line_height, wrap
from ..ui.widgets import PAD, Button, Label, Spacer
from .base import MenuScene

AUTO_ADVANCE_S = 2.0  # the automatic player reads for this long


def play_scene_class(scenario: Scenario):
    """The play screen the scenario names (game.levels.SCREENS)."""
    return screen_class(scenario)


def start_scenario_by_id(app, sid: str, preset: str | None = None) -> None:
    scenario = load_by_id(sid)
    if preset and preset not in scenario.presets:
        raise LevelError(f"no preset named '{preset}' for scenario '{sid}' (has: {', '.join(scenario.presets)})")
    app.push(IntroScene(app, scenario, preset))


class SteadyButton(Button):
    """A button as tall as its tallest other detail: when the detail changes, nothing below moves."""

    def __init__(self, text: str, on_press, detail: str = "", role: str = "large", others: tuple[str, ...] = ()):
        super().__init__(text, on_press, detail=detail, role=role)
        self.others = others

    def measure(self, width: int) -> int:
        fd = fonts.font("body")

        def lines(text: str) -> int:
            return len(wrap(fd, text, width - 2 * PAD)) if text else 0

        most = max((lines(d) for d in self.others), default=0)
        return super().measure(width) + max(0, most - lines(self.detail)) * line_height(fd)


class IntroScene(MenuScene):
    def __init__(self, app, scenario: Scenario, preset: str | None = None):
        self.scenario = scenario
        self.page = "note"
        self.preset = preset or scenario.default_preset
        self.clock = 0.0
        super().__init__(app)

    def heading(self) -> str:
        return _("Before you begin") if self.page == "note" else _(self.scenario.title)

    def build(self):
        sc = self.scenario
        if self.page == "note":
            return [
                Label(_("Content note"), role="large", bold=True, color=self.theme.warning),
                Label(_(sc.content_note)),
                Label(_("You can pause or leave at any moment with the menu button.") if self.app.mode.name == "kiosk"
                      else _("You can pause or leave at any moment with the menu button or the Escape key."), dim=True),  # a kiosk has no keys
                Spacer(6),
                Button(_("Continue to the briefing"), self._to_briefing),
                Button(_("Back to the journeys"), self.app.pop),
            ]
        widgets = [Label(" · ".join(x for x in (_(sc.place), _(sc.date)) if x), dim=True)]
        begin = Button(_("Begin"), self.begin)
        if len(sc.presets) > 1:
            # Begin at the top too, in sight on arrival, with the conditions it starts in.
            details = {name: _("Conditions: {label} (choose others below)").format(label=_(p.label))
                       for name, p in sc.presets.items()}
            widgets.append(SteadyButton(_("Begin"), self.begin, detail=details.get(self.preset, ""), role="body",
                                        others=tuple(details.values())))
            self._begin = widgets[-1]
        else:
            self._begin = begin
        widgets += [Label(_(p)) for p in sc.briefing]
        if len(sc.presets) > 1:
            # One button a preset, the chosen one marked in words, so that long
            # names and their descriptions are read whole, at any text size.
            widgets.append(Label(_("Conditions: choose one, then Begin."), role="large", bold=True))
            for name, p in sc.presets.items():
                chosen = name == self.preset
                title = (_("Chosen: {label}") if chosen else "{label}").format(label=_(p.label))
                widgets.append(Button(title, lambda name=name: self._set_preset(name), detail=_(p.description), role="body"))
        widgets += [Spacer(6), begin, Button(_("Back"), self._to_note)]
        return widgets

    def _set_preset(self, name: str) -> None:
        # The page stays where it is: the chosen button under the finger does not move.
        scroll = self.form.scroll if self.form else 0
        self.preset = name
        self.relayout()
        self.form.scroll = min(scroll, self.form.max_scroll)

    def relayout(self) -> None:
        first = self.form is None
        super().relayout()
        # On arrival the focus waits on Begin, so Enter starts the journey
        # and never changes the conditions by surprise.
        if first and self.page == "briefing":
            self.form.focus = self.form.widgets.index(self._begin)

    def _to_briefing(self) -> None:
        self.page = "briefing"
        self.clock = 0.0
        self.form = None
        self.relayout()

    def _to_note(self) -> None:
        self.page = "note"
        self.form = None
        self.relayout()

    def back(self) -> None:
        if self.page == "briefing":
            self._to_note()
        else:
            self.app.pop()

    def begin(self) -> None:
        from .loading import start_journey

        seed = self.app.launch.seed if self.app.launch.seed is not None else self.app.new_seed()
        # The map and model are made ready behind a loading card (at once when headless).
        start_journey(self.app, self.scenario, self.preset, seed, self._could_not_start)

    def _could_not_start(self, exc: Exception) -> None:
        """A LevelError or MapError: a broken file, named in the message."""
        from .base import ConfirmScene

        self.app.stop_autoplay()  # nothing to play: stop advancing
        self.app.push(ConfirmScene(self.app, _("This journey could not start"), _("Back to the journeys"), self.app.pop, no=_("Stay here"), detail=str(exc)))

    def update(self, dt: float) -> None:
        if not self.app.launch.autoplay:
            return
        self.clock += dt
        if self.clock >= AUTO_ADVANCE_S:
            if self.page == "note":
                self._to_briefing()
            else:
                self.begin()
