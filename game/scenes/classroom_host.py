"""The teacher's screens: set up a class and watch it (its debrief: classroom_debrief.py).

The host itself (game/classroom/server.py) runs in a background thread; these
screens call its teacher actions with the token that only this process holds
(``HostThread.call``) and read its roster twice a second.
"""

from __future__ import annotations


import pygame

from ..classroom import nicknames
from ..classroom.protocol import DEFAULT_PORT
from ..classroom.report import minutes, where_text
from ..classroom.services import HostService, attach, notice_text
from ..i18n import N_, _
from ..levels import load_all
from ..ui import fonts
from ..ui.text import draw_text, fit_text, line_height
from ..ui.widgets import Button, Choice, Form, Label, Spacer
from .base import ConfirmScene, MenuScene, Scene, W, H

MAX_GROUPS = 4
MESSAGES = (
    N_("5 minutes left."),
    N_("2 minutes left."),
    N_("Please finish your journey now."),
    N_("Look at the projector, please."),
    N_("Take your time: read what happens."),
)


def open_host_screen(app, thread=None, args=None) -> None:
    if thread is not None:
        start_hosting(app, thread, replace=False)
    else:
        app.push(HostSetupScene(app, getattr(args, "address", None), getattr(args, "port", None),
                                not getattr(args, "no_broadcast", False)))


def start_hosting(app, thread, replace: bool = True) -> None:
    attach(app, HostService(thread))
    app.classroom_host = thread
    scene = HostScene(app, thread)
    app.replace(scene) if replace else app.push(scene)


class HostSetupScene(MenuScene):
    """Choose the journey and its conditions: one for the class, or a few groups."""

    def __init__(self, app, address: str | None = None, port: int | None = None, broadcast: bool = True):
        from ..classroom.server import lan_address
        from ..classroom.store import Store, StoreError

        self.error = ""
        self.scenarios = [s for s in load_all() if app.settings.show_gunfire_scenarios or not s.depicts_gunfire]
        self.scenario = self.scenarios[0]
        self.group_count = 1
        self.presets = [self.scenario.default_preset] * MAX_GROUPS
        lan = lan_address()
        self.addresses = list(dict.fromkeys([address] if address else []) | dict.fromkeys([lan, "0.0.0.0", "127.0.0.1"]))
        self.address = self.addresses[0]
        self.port = DEFAULT_PORT if port is None else port
        # Another port if something else already listens on the usual one.
        self.ports = list(dict.fromkeys([self.port, DEFAULT_PORT, DEFAULT_PORT + 10, DEFAULT_PORT + 20, 0]))
        self.broadcast = broadcast
        try:
            previous = Store.latest()
        except StoreError as exc:
            previous, self.error = None, str(exc)
        self.resumable = previous.folder.name if previous is not None else ""
        if previous is not None:
            previous.close()
        super().__init__(app)

    def heading(self) -> str:
        return _("Teach a class")

    def _address_label(self, a: str) -> str:
        if a == "0.0.0.0":
            return _("all networks")
        if a == "127.0.0.1":
            return _("this machine")
        return a

    def build(self):
        sc = self.scenario
        presets = [(name, _(p.label)) for name, p in sc.presets.items()]
        widgets = [Label(_("Students join from their machines on this network with the code shown next. Nothing leaves the school's network; students appear by nickname only. Two or more groups play in different conditions, and the class debrief compares them. Listen on: the address students type if the class is not found by itself (this machine: only to try it out)."), dim=True)]
        if self.error:
            widgets.append(Label(self.error, color=self.theme.warning))
        widgets += [
            Choice(_("Journey"), [(s.id, _(s.title)) for s in self.scenarios], sc.id, self._set_scenario),
            Choice(_("The class"), [(n, _("one group") if n == 1 else _("{n} groups").format(n=n))
                                    for n in range(1, MAX_GROUPS + 1)], self.group_count, self._set_groups),
        ]
        for i in range(self.group_count):
            label = _("Conditions") if self.group_count == 1 else _("Group {name}").format(name="ABCD"[i])
            widgets.append(Choice(label, presets, self.presets[i], lambda v, i=i: self._set_preset(i, v)))
            chosen = sc.presets.get(self.presets[i])
            if chosen is not None:  # the Choice shows the start of a long name; here it is whole
                widgets.append(Label(_(chosen.label), dim=True))
        widgets += [
            Choice(_("Listen on"), [(a, self._address_label(a)) for a in self.addresses], self.address, self._set_address),
            Choice(_("Port"), [(p, str(p) if p else _("any free port")) for p in self.ports], self.port, self._set_port),
            Spacer(6),
            Button(_("Open the class"), self.open_class, detail=_("Students join; the journeys start when you say.")),
        ]
        if self.resumable:
            widgets.append(Button(_("Bring back the last class"), self.resume, detail=_("Same code, students and results, after the program was closed or crashed.")))
        widgets.append(Button(_("Back"), self.app.pop))
        return widgets

    def _set_scenario(self, sid: str) -> None:
        self.scenario = next(s for s in self.scenarios if s.id == sid)
        names = list(self.scenario.presets)
        # Groups start with different conditions, so a split class compares something.
        self.presets = [names[i % len(names)] for i in range(MAX_GROUPS)]
        self.presets[0] = self.scenario.default_preset
        self.relayout()

    def _set_groups(self, n: int) -> None:
        self.group_count = n
        if n > 1 and len(set(self.presets[:n])) == 1:
            self._set_scenario(self.scenario.id)
        self.relayout()

    def _set_preset(self, i: int, name: str) -> None:
        self.presets[i] = name
        self.relayout()

    def _set_address(self, address: str) -> None:
        self.address = address

    def _set_port(self, port: int) -> None:
        self.port = port

    def groups(self):
        from ..classroom.store import Group

        return [Group(i + 1, "ABCD"[i], self.scenario.id, self.presets[i]) for i in range(self.group_count)]

    def open_class(self) -> None:
        from ..classroom.server import new_session

        self._start(new_session(self.groups()), self.address, self.port)

    def resume(self) -> None:
        from ..classroom.store import Store, StoreError

        try:
            store = Store.latest()
        except StoreError as exc:
            self.error = str(exc)
            self.relayout()
            return
        if store is None:
            self.resumable = ""
            self.relayout()
            return
        listen = store.get("listen") or {}
        self._start(store, listen.get("address", self.address), listen.get("port", self.port))

    def _start(self, store, address: str, port: int) -> None:
        from ..classroom.discovery import DISCOVERY_PORT
        from ..classroom.server import Host, HostThread
        from ..classroom.store import delete_old_sessions

        delete_old_sessions()
        host = Host(store, address, port, announce_to=("255.255.255.255", DISCOVERY_PORT) if self.broadcast else None)
        thread = HostThread(host)
        try:
            thread.start()
        except OSError as exc:
            if not store.get("listen"):
                store.put("closed", True)  # it never opened: nothing to bring back
            self.error = _("Could not listen on {address} port {port}: {error}").format(address=address, port=port, error=exc.strerror or exc)
            self.relayout()
            return
        start_hosting(self.app, thread)


class HostScene(Scene):
    """The live class: the code, the roster, and the teacher's controls."""

    def __init__(self, app, thread):
        super().__init__(app)
        self.thread = thread
        self.host = thread.host
        self.roster: list[dict] = []
        self._clock = 1.0
        self.form: Form | None = None
        self._key = None
        self.exported = ""
        self.roster_top = 0  # first row shown, when the class is longer than the screen
        self.refresh()

    # -- the host's state, read on its own thread -------------------------------
    def refresh(self) -> None:
        h = self.host
        self.roster = self.thread.run(h.roster)
        key = (h.state, h.revealed, h.locked, len(self.roster), self.exported)
        if key != self._key:
            self._key = key
            self.relayout()

    def update(self, dt: float) -> None:
        self._clock += dt
        if self._clock >= 0.5:
            self._clock = 0.0
            self.refresh()

    def do(self, action, *args) -> None:
        self.thread.call(action, *args)
        self.refresh()

    # -- controls -----------------------------------------------------------------
    def build(self):
        h = self.host
        widgets = []
        if h.state == "lobby":
            widgets.append(Button(_("Start the journeys"), lambda: self.do(h.start_journeys), role="body"))
        elif h.state == "playing":
            widgets.append(Button(_("Pause everyone"), lambda: self.do(h.pause), role="body"))
        elif h.state == "paused":
            widgets.append(Button(_("Resume everyone"), lambda: self.do(h.resume), role="body"))
        widgets.append(Button(_("Send a message"), lambda: self.app.push(MessageScene(self.app, self)), role="body"))
        if h.state != "ended":
            widgets.append(Button(_("End the journeys for all"), self.confirm_end, role="body"))
        widgets.append(Button(_("Hide the outcomes") if h.revealed else _("Reveal the outcomes"), lambda: self.do(h.reveal, not h.revealed), role="body"))
        widgets.append(Button(_("Open joining again") if h.locked else _("Lock joining"), lambda: self.do(h.lock, not h.locked), role="body"))
        widgets.append(Button(_("Students: rename or remove"), lambda: self.app.push(StudentsScene(self.app, self)), role="body"))
        widgets.append(Button(_("Class debrief"), self.open_debrief, role="body"))
        widgets.append(Button(_("Export the results"), self.export, detail=self.exported, role="body"))
        widgets.append(Button(_("Stop hosting"), self.confirm_stop, role="body"))
        return widgets

    def relayout(self) -> None:
        old = self.form
        focus = old.focus if old else None
        label = getattr(old.widgets[focus], "text", None) if old and focus is not None and 0 <= focus < len(old.widgets) else None
        # Below "The class", however tall the text size makes it (it was cut at the largest).
        top = max(80, 24 + line_height(fonts.font("large", True)) + 6)
        rect = pygame.Rect(W - 380, top, 360, H - 20 - top)
        self.form = Form(self.build(), rect, gap=6)
        # The focus stays on the same control: when the journeys end, Pause and
        # End go and the buttons below move up, so the same place would now be
        # "Lock joining", one Enter away. A control that went hands it to the first.
        labels = [getattr(w, "text", None) for w in self.form.widgets]
        if label in labels:
            self.form.focus = labels.index(label)
        elif focus is not None and old is not None and len(old.widgets) == len(labels):
            self.form.focus = focus  # the same control under a new name (Pause -> Resume)
        elif focus is not None:
            self.form.focus = 0

    def handle(self, intent) -> bool:
        # The roster scrolls with the wheel over it, or Page Up / Page Down.
        if intent.kind in ("pointer_move", "pointer_down"):
            self._pointer_x = intent.pos[0]
        if intent.kind == "scroll" and getattr(self, "_pointer_x", W) < W - 400:
            self.roster_top = max(0, self.roster_top - intent.amount * 3)
            return True
        if intent.kind == "key" and intent.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.roster_top = max(0, self.roster_top + (10 if intent.key == pygame.K_PAGEDOWN else -10))
            return True
        return self.form.handle(intent)

    def back(self) -> None:
        self.app.open_menu()

    def open_debrief(self) -> None:
        from .classroom_debrief import ClassDebriefScene

        self.app.push(ClassDebriefScene(self.app, self.thread))

    def confirm_end(self) -> None:
        self.app.push(ConfirmScene(self.app, _("End the journeys for all?"), _("Yes, end them"), lambda: self.do(self.host.end_for_all),
                                   detail=_("Journeys not yet over are played to their end by the automatic player, and marked so.")))

    def confirm_stop(self) -> None:
        self.app.push(ConfirmScene(self.app, _("Stop hosting?"), _("Yes, stop"), self.stop,
                                   detail=_("Students' machines wait for the class to come back. 'Bring back the last class' reopens it with everything kept.")))

    def stop(self) -> None:
        from ..classroom.services import detach, find_service

        service = find_service(self.app, HostService)
        if service is not None:
            detach(self.app, service)
        self.app.classroom_host = None
        self.app.pop()

    def export(self) -> None:
        from ..classroom.export import export_from

        paths = export_from(self.thread)
        self.exported = _("Written to {folder}").format(folder=paths["report.html"].parent)
        self.refresh()

    # -- drawing ---------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t, h = self.theme, self.host
        surface.fill(t.background)
        x, width = 30, W - 440
        y = 16
        f_small, f_body = fonts.font("small"), fonts.font("body")
        y += draw_text(surface, f_body, _("Join code"), (x, y), t.text_dim, width)
        big = fonts.font("huge", True)
        surface.blit(big.render(" ".join(h.code), True, t.accent), (x, y))
        y += line_height(big) + 2
        where = _("Students join at {address} port {port}").format(address=h.address, port=h.port)
        if h.address == "0.0.0.0":
            where += " " + _("(every network of this machine)")
        y += draw_text(surface, f_body, where, (x, y), t.text, width)
        page = _("Read-only class page for a projector: {url}").format(url=f"http://{h.address}:{h.port}/?code={h.code}")
        y += draw_text(surface, f_small, page, (x, y), t.text_dim, width)
        joined = len(self.roster)
        counts = _("{joined} joined · {connected} connected · {finished} finished").format(
            joined=joined, connected=sum(r["connected"] for r in self.roster), finished=sum(r["finished"] for r in self.roster))
        state = {"lobby": _("waiting to start"), "playing": _("playing"), "paused": _("paused"), "ended": _("ended")}[h.state]
        extra = [state] + ([_("joining locked")] if h.locked else []) + ([_("outcomes shown")] if h.revealed else [_("outcomes hidden")])
        y += draw_text(surface, f_body, counts + " · " + " · ".join(extra), (x, y), t.text_dim, width) + 4
        if h.notice:
            y += draw_text(surface, f_body, _("Your message: {text}").format(text=notice_text(h.notice)), (x, y), t.warning, width) + 4
        self._draw_roster(surface, pygame.Rect(x, y + 4, width, H - y - 20))
        pygame.draw.line(surface, t.panel_edge, (W - 400, 16), (W - 400, H - 16), 2)
        draw_text(surface, fonts.font("large", True), _("The class"), (W - 380, 24), t.text, 300)
        self.form.draw(surface, t)

    def _draw_roster(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        t = self.theme
        f = fonts.font("small")
        lh = line_height(f) + 4
        names = [_("Nickname"), _("Group"), _("Where"), _("Time"), _("Online"), _("Outcome")]
        y = rect.y + lh
        rows = sorted(self.roster, key=lambda r: (r["group"], r["nickname"]))
        room = max(1, (rect.bottom - y) // lh - 1)
        self.roster_top = min(self.roster_top, max(0, len(rows) - room))
        labels = self._outcome_labels()
        table = []
        for r in rows[self.roster_top:self.roster_top + room]:
            if not r["finished"]:
                outcome = ""
            elif not self.host.revealed:
                outcome = _("finished")
            else:
                outcome = _(labels.get(r["outcome"], r["outcome"] or ""))
                if r["autoplayed"]:
                    outcome += " *"
            table.append([r["nickname"], r["group"], where_text(r), minutes(r["elapsed_s"]), _("yes") if r["connected"] else _("no"), outcome])
        xs, widths = self.roster_columns(f, names, table, rect.width)
        for name, cx, cw in zip(names, xs, widths):
            surface.blit(f.render(fit_text(f, name, cw - 6), True, t.text_dim), (rect.x + cx, rect.y))
        for cells in table:
            for cx, cw, cell in zip(xs, widths, cells):
                colour = t.text if cell != _("no") else t.warning
                surface.blit(f.render(fit_text(f, cell, cw - 6), True, colour), (rect.x + cx, y))
            y += lh
        if len(rows) > room:
            shown = _("Students {first}-{last} of {n}: scroll, or Page Up and Page Down, for the others.").format(
                first=self.roster_top + 1, last=min(len(rows), self.roster_top + room), n=len(rows))
            surface.blit(f.render(fit_text(f, shown, rect.width), True, t.text_dim), (rect.x, y))
        elif self.host.revealed and any(r["autoplayed"] for r in rows):
            surface.blit(f.render(_("* finished by the automatic player"), True, t.text_dim), (rect.x, y + 4))

    @staticmethod
    def roster_columns(font, names: list[str], table: list[list[str]], width: int) -> tuple[list[int], list[int]]:
        """Each column as wide as its widest entry (header or cell); when they do not all
        fit, the short columns (group, time, online) keep their width and the long ones
        (nickname, where, outcome) share what is left. Returns (x offsets, widths)."""
        need = [max([font.size(n)[0]] + [font.size(row[k])[0] for row in table]) + 12 for k, n in enumerate(names)]
        if sum(need) > width:
            flex = [0, 2, 5]
            fixed = sum(w for k, w in enumerate(need) if k not in flex)
            room = max(0, width - fixed)
            total = sum(need[k] for k in flex) or 1
            for k in flex:
                need[k] = max(40, need[k] * room // total)
        xs, acc = [], 0
        for w in need:
            xs.append(acc)
            acc += w
        return xs, need

    def _outcome_labels(self) -> dict[str, str]:
        # Read once: the groups of a class do not change while it runs.
        if getattr(self, "_labels", None) is None:
            from ..levels import load_by_id

            self._labels = {}
            for sid in {g.scenario for g in self.host.groups}:
                for oid, info in load_by_id(sid).outcomes.items():
                    self._labels[oid] = info.get("label", oid)
        return self._labels


class MessageScene(MenuScene):
    """A one-line message to every student: a ready one, or typed."""

    def __init__(self, app, host_scene: HostScene):
        self.host_scene = host_scene
        super().__init__(app)

    def heading(self) -> str:
        return _("A message to every student")

    def build(self):
        widgets = [Button(_(m), lambda m=m: self.send(m), role="body") for m in MESSAGES]
        widgets += [Button(_("Type a message"), self.type, role="body"), Button(_("Clear the message"), lambda: self.send(""), role="body"),
                    Button(_("Back"), self.app.pop)]
        return widgets

    def type(self) -> None:
        from .classroom_keys import TextEntryScene

        # Latin, and the scripts of the game's other languages (a Korean or Japanese teacher
        # types in them through the system's input method; the font has them all).
        ranges = ((32, 127), (0xA0, 0x250), (0x2010, 0x2030), (0x3000, 0x3040), (0x3040, 0x3100), (0x3130, 0x3190),
                  (0x4E00, 0xA000), (0xAC00, 0xD7A4), (0xFF00, 0xFFF0))
        letters = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi))
        self.app.push(TextEntryScene(self.app, _("Your message"), letters, 120, self.send, keys_shown=False,
                                     hint=_("One line, typed on the keyboard; Enter sends it.")))

    def send(self, text: str) -> None:
        self.host_scene.do(self.host_scene.host.send_notice, text)
        if self in self.app.scenes:
            self.app.scenes.remove(self)


class StudentsScene(MenuScene):
    def __init__(self, app, host_scene: HostScene):
        self.host_scene = host_scene
        super().__init__(app)

    def heading(self) -> str:
        return _("Students")

    def build(self):
        rows = sorted(self.host_scene.roster, key=lambda r: r["nickname"])
        widgets = [Label(_("Choose a student to give another nickname from the list, or to remove from the class."), dim=True)]
        widgets += [Button(f"{r['nickname']} ({_('group')} {r['group']})", lambda r=r: self.app.push(StudentScene(self.app, self.host_scene, r)), role="body") for r in rows]
        widgets.append(Button(_("Back"), self.app.pop))
        return widgets

    def on_enter(self) -> None:
        self.relayout()


class StudentScene(MenuScene):
    def __init__(self, app, host_scene: HostScene, row: dict):
        self.host_scene, self.row = host_scene, row
        self.options = nicknames.choices({r["nickname"] for r in host_scene.roster}, 4, host_scene.host.language)
        super().__init__(app)

    def heading(self) -> str:
        return self.row["nickname"]

    def build(self):
        h = self.host_scene.host
        widgets = [Label(_("Rename to:"), role="large", bold=True)]
        widgets += [Button(n, lambda n=n: self.act(h.rename, self.row["id"], n), role="body") for n in self.options]
        widgets += [Spacer(6), Button(_("Remove from the class"), lambda: self.act(h.remove, self.row["id"]), role="body"),
                    Button(_("Back"), self.app.pop)]
        return widgets

    def act(self, fn, *args) -> None:
        try:
            self.host_scene.do(fn, *args)
        except ValueError:
            pass  # taken meanwhile: the list shows the truth when reopened
        self.app.pop()
        self.host_scene.refresh()
        if isinstance(self.app.top, StudentsScene):
            self.app.top.relayout()  # the list shows the new name, or no longer the removed student
