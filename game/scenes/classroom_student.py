"""A student in a class: find the class, type its code, take a nickname,
wait for the teacher, play the journey the teacher set.

What the host says reaches these screens through ``StudentService``
(game/classroom/services.py), ticked by the App every frame.
"""

from __future__ import annotations

import threading

import pygame

from ..classroom.nicknames import CODE_ALPHABET, CODE_LENGTH, is_code
from ..classroom.protocol import DEFAULT_PORT
from ..classroom.services import StudentService, attach, detach, find_service, notice_text
from ..i18n import N_, _
from ..levels import load_by_id, screen_class
from ..ui import fonts
from ..ui.text import draw_text, text_block_height
from ..ui.widgets import Button, Label, Spacer
from .base import MenuScene, Scene, W, H
from .classroom_keys import TextEntryScene
from .intro import IntroScene

ADDRESS_KEYS = "0123456789.:abcdef"

REFUSALS = {
    "wrong-code": N_("That is not the code of this class. Look at the teacher's screen and try again."),
    "slow-down": N_("Too many wrong codes from this machine. Wait a minute, then try again."),
    "locked": N_("The teacher has closed the class to new students."),
    "full": N_("The class is full."),
    "ended": N_("This class has ended."),
    "removed": N_("The teacher has taken this nickname out of the class."),
    "bad-spec": N_("The teacher's machine asked for a journey this game does not have. Is it the same version of Crossings?"),
}


class JoinScene(MenuScene):
    """Which class (found on the network, or an address typed) and its code."""

    def __init__(self, app, code: str = "", address: str | None = None, port: int | None = None):
        self.code = code if is_code(code) else ""
        self.address = address or ""
        self.port = port or DEFAULT_PORT
        self.found: list[tuple[str, int]] = []
        self.looking = False
        self._found_lock = threading.Lock()
        super().__init__(app)
        if not self.address:
            self.look()
        elif self.code:
            self.connect()

    def heading(self) -> str:
        return _("Join a class")

    def build(self):
        service = find_service(self.app, StudentService)
        if service is not None and service.welcome is not None:
            return [
                Label(_("You are in the class as {name}.").format(name=service.nickname)),
                Button(_("Back to the class"), lambda: self.app.push(LobbyScene(self.app, service))),
                Button(_("Leave the class"), self.leave),
            ]
        widgets = [Label(_("Your teacher's screen shows a code of six characters and the machine's address."), dim=True)]
        if self.found:
            widgets.append(Label(_("Classes found on this network:"), role="large", bold=True))
            for address, port in self.found:
                chosen = (address, port) == (self.address, self.port)
                text = (_("Chosen: the class at {address}") if chosen else _("The class at {address}")).format(address=f"{address}:{port}")
                widgets.append(Button(text, lambda a=address, p=port: self.choose(a, p), role="body"))
        elif self.looking:
            widgets.append(Label(_("Looking for classes on this network...")))
        else:
            widgets.append(Label(_("No class found on this network by itself. Type the address from the teacher's screen.")))
        widgets += [
            Button(_("Look again"), self.look, enabled=not self.looking),
            Button(_("Type the address") + (f": {self.address}:{self.port}" if self.address else ""), self.type_address),
            Spacer(6),
            Button(_("Type the code") + (f": {self.code}" if self.code else ""), self.type_code),
            Button(_("Join"), self.connect, enabled=bool(self.address and self.code)),
            Button(_("Back"), self.app.pop),
        ]
        return widgets

    def look(self) -> None:
        if self.looking:
            return
        self.looking = True

        def work():
            from ..classroom.discovery import discover

            found = discover(3.0)
            with self._found_lock:
                self.found = found
                self.looking = False
                if len(found) == 1 and not self.address:
                    self.address, self.port = found[0]

        threading.Thread(target=work, name="classroom-discovery", daemon=True).start()
        self.relayout()

    def update(self, dt: float) -> None:
        # Discovery runs in its own thread; show what it found when it is done.
        with self._found_lock:
            now = (self.looking, tuple(self.found), self.address)
        if now != getattr(self, "_shown", None):
            self._shown = now
            self.relayout()

    def choose(self, address: str, port: int) -> None:
        self.address, self.port = address, port
        self.relayout()

    def type_address(self) -> None:
        def done(text: str) -> None:
            address, _sep, port = text.strip().rpartition(":") if text.count(":") == 1 else (text.strip(), "", "")
            self.address = address
            if port.isdigit() and 0 < int(port) < 65536:
                self.port = int(port)
            self.relayout()

        initial = f"{self.address}:{self.port}" if self.address else ""
        self.app.push(TextEntryScene(self.app, _("The teacher's address"), ADDRESS_KEYS, 60, done, initial,
                                     hint=_("As the teacher's screen shows it, e.g. 192.168.1.20:47310."), columns=9))

    def type_code(self) -> None:
        def done(text: str) -> None:
            self.code = text
            self.relayout()

        self.app.push(TextEntryScene(self.app, _("The class's code"), CODE_ALPHABET, CODE_LENGTH, done, self.code, upper=True,
                                     hint=_("Six characters, on the teacher's screen."), columns=9))

    def connect(self) -> None:
        if not (self.address and self.code):
            return
        old = find_service(self.app, StudentService)
        if old is not None:
            detach(self.app, old)
        attach(self.app, StudentService(self.address, self.port, self.code))
        self.app.push(ConnectingScene(self.app))

    def leave(self) -> None:
        service = find_service(self.app, StudentService)
        if service is not None:
            service.forget()
            detach(self.app, service)
        self.relayout()

    def on_enter(self) -> None:
        self.relayout()


class ConnectingScene(MenuScene):
    def heading(self) -> str:
        return _("Joining the class...")

    def build(self):
        return [Label(_("Asking the teacher's machine. If nothing happens, check the address and that this machine is on the school's network.")),
                Button(_("Back"), self.back)]

    def back(self) -> None:
        service = find_service(self.app, StudentService)
        if service is not None:
            detach(self.app, service)
        self.app.pop()

    def update(self, dt: float) -> None:
        service = find_service(self.app, StudentService)
        if service is not None and service.welcome is not None and self in self.app.scenes:
            self.app.scenes.remove(self)


class LobbyScene(MenuScene):
    """Who you are in the class, and what happens next."""

    def __init__(self, app, service: StudentService):
        self.service = service
        self._seen = None
        super().__init__(app)

    def heading(self) -> str:
        return _("You are {name}").format(name=self.service.nickname)

    def build(self):
        s = self.service
        widgets = []
        if s.group:
            widgets.append(Label(_("Group {name}").format(name=s.group), dim=True))
        if not s.connected:
            widgets.append(Label(_("Not in touch with the teacher's machine just now; trying again by itself."), color=self.theme.warning))
        if s.notice:
            widgets.append(Label(_("From the teacher: {text}").format(text=notice_text(s.notice)), role="large", bold=True))
        if s.result_sent:
            widgets.append(Label(_("Your journey is over and has reached the teacher. Look at the projector for the class's debrief.")))
        elif s.state == "lobby":
            widgets.append(Label(_("Wait for the teacher to start the journeys.")))
            others = [c for c in s.choices if c != s.nickname]
            if others:
                widgets.append(Label(_("Or take another name:"), role="large", bold=True))
                widgets += [Button(name, lambda n=name: s.pick(n), role="body") for name in others]
        elif s.state in ("playing", "paused"):
            widgets.append(Button(_("Begin your journey"), lambda: s.begin_journey(self.app)))
        return widgets

    def back(self) -> None:
        self.app.open_menu()

    def update(self, dt: float) -> None:
        s = self.service
        seen = (s.nickname, s.state, s.notice, s.connected, s.result_sent, tuple(s.choices))
        if seen != self._seen:
            self._seen = seen
            self.relayout()


class RefusedScene(MenuScene):
    def __init__(self, app, service: StudentService, code: str):
        self.service, self.code = service, code
        super().__init__(app)

    def heading(self) -> str:
        return _("Could not join the class")

    def build(self):
        text = _(REFUSALS[self.code]) if self.code in REFUSALS else _("The teacher's machine said no ({code}).").format(code=self.code)
        return [Label(text),
                Button(_("Back"), self.back)]

    def back(self) -> None:
        detach(self.app, self.service)
        while len(self.app.scenes) > 1 and not isinstance(self.app.top, JoinScene):
            self.app.pop()
        if not isinstance(self.app.top, JoinScene):
            self.app.push(JoinScene(self.app))


class PausedScene(Scene):
    """The teacher paused the class: the journey waits, the screen says why."""

    opaque = False
    shows_menu_button = False

    def __init__(self, app, service: StudentService):
        super().__init__(app)
        self.service = service

    def handle(self, intent) -> bool:
        return True  # nothing moves while the teacher talks

    def back(self) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        shade = pygame.Surface((W, H), pygame.SRCALPHA)
        shade.fill(self.theme.overlay)
        surface.blit(shade, (0, 0))
        f, fl = fonts.font("title", True), fonts.font("large")
        heading, notice = _("The teacher has paused the class."), notice_text(self.service.notice)
        # On a card of its own: drawn straight on the map, the words met the map's names.
        h = text_block_height(f, heading, W - 200) + (10 + text_block_height(fl, notice, W - 200) if notice else 0)
        y = H // 2 - 60
        card = self.card = pygame.Rect(70, y - 30, W - 140, h + 60)
        pygame.draw.rect(surface, self.theme.panel, card, border_radius=16)
        pygame.draw.rect(surface, self.theme.panel_edge, card, width=2, border_radius=16)
        y += draw_text(surface, f, heading, (100, y), self.theme.text, W - 200, "center") + 10
        if notice:
            draw_text(surface, fl, notice, (100, y), self.theme.text, W - 200, "center")


class ClassIntroScene(IntroScene):
    """The content note and briefing; the conditions are the teacher's."""

    def __init__(self, app, service: StudentService):
        self.service = service
        spec = service.spec or {}
        super().__init__(app, load_by_id(spec["scenario"]), spec["preset"])

    def build(self):
        widgets = super().build()
        if self.page != "briefing":
            # In a class there is no list of journeys to go back to: the way back leads to the class's screen.
            for w in widgets:
                if isinstance(w, Button) and w.text == _("Back to the journeys"):
                    w.text = _("Back to the class")
            return widgets
        # No choice of conditions in a class: say which ones the teacher set.
        from ..ui.widgets import Button as _B

        keep = [w for w in widgets if not (isinstance(w, _B) and w.role == "body")]
        p = self.scenario.presets.get(self.preset)
        note = Label(_("Your conditions, set by the teacher: {label}. {description}").format(
            label=_(p.label) if p else self.preset, description=_(p.description) if p else ""), bold=True)
        out = []
        for w in keep:
            if isinstance(w, Label) and w.text == _("Conditions: choose one, then Begin."):
                out.append(note)
                continue
            out.append(w)
        if note not in out:
            out.insert(len(out) - 3, note)
        if self._begin not in out:  # the top Begin offers a choice of conditions: the one below stays
            self._begin = next(w for w in out if isinstance(w, _B) and w.text == _("Begin"))
        return out

    def begin(self) -> None:
        spec = self.service.spec
        scene = screen_class(self.scenario)(self.app, self.scenario, spec["preset"], int(spec["seed"]), dict(spec.get("overrides") or {}))
        self.app.replace(scene)
