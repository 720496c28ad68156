"""The classroom in the game's window: services the App ticks every frame.

``StudentService`` owns the student's network thread (game/classroom/client.py)
and is the only place where what the host says reaches the scenes: it starts
the journey when the teacher does, pauses and resumes it, shows the teacher's
message, finishes the journey with the automatic player when the teacher ends
it, sends the journey's record once it is over, and tells the host where the
student is once a second. ``HostService`` keeps the host's thread alive while
the window is open and stops it when the program ends.
"""

from __future__ import annotations

import time
from typing import Any

from ..i18n import _
from . import protocol as P
from .client import ClientThread

PROGRESS_EVERY_S = 1.0


def notice_text(text: str) -> str:
    """The teacher's message in this machine's language: a ready message is
    sent as its English original (its catalogue key) and read here in the
    student's own language; a typed one is shown as typed."""
    return _(text) if text else ""


def attach(app, service) -> None:
    """Add a service to a running App (the title's "Join a class" / "Teach a class")."""
    if service not in app.services:
        app.services.append(service)
        service.start(app)


def detach(app, service) -> None:
    if service in app.services:
        app.services.remove(service)
        service.stop(app)


def find_service(app, cls):
    return next((s for s in getattr(app, "services", []) if isinstance(s, cls)), None)


def _memory_path():
    from ..settings import data_dir

    return data_dir() / "classroom" / "student.json"


def remembered(address: str, port: int, code: str) -> dict[str, Any]:
    """What this machine kept of a class it was in (its student id, results
    not yet acknowledged), if it is this class; else {}."""
    import json

    try:
        data = json.loads(_memory_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or [data.get("address"), data.get("port"), data.get("code")] != [address, port, code]:
        return {}
    pending = data.get("pending")
    return {"student": data.get("student") if isinstance(data.get("student"), str) else None,
            "pending": pending if isinstance(pending, dict) else {}}


class StudentService:
    def __init__(self, address: str, port: int, code: str, client: Any = None):
        self.address, self.port, self.code = address, port, code
        # After the game was closed mid-lesson: the same student, and what the host has not yet got.
        memory = remembered(address, port, code) if client is None else {}
        self.pending: dict[str, dict[str, Any]] = dict(memory.get("pending") or {})
        self.client = client or ClientThread(address, port, code, memory.get("student"), self.pending)
        self.welcome: P.Welcome | None = None
        self.nickname = ""
        self.choices: list[str] = []
        self.group = ""
        self.spec: dict[str, Any] | None = None
        self.state = "lobby"
        self.notice = ""
        self.refusal: str | None = None
        self.connected = False
        self.result_sent = bool(self.pending)
        self.autoplayed_by_end = False
        self.play = None
        self._clock = 0.0
        self._started = time.monotonic()

    # -- the Service contract ---------------------------------------------------------
    def start(self, app) -> None:
        self.client.start()

    def stop(self, app) -> None:
        self.client.stop()

    def tick(self, app, dt: float) -> None:
        for kind, msg in self.client.messages():
            self._receive(app, kind, msg)
        self._follow_play(app)
        self._clock += dt
        if self._clock >= PROGRESS_EVERY_S and self.welcome is not None:
            self._clock = 0.0
            phase, step, hours = self.where(app)
            self.client.progress(phase, step, hours, time.monotonic() - self._started)

    # -- where the student is -----------------------------------------------------------
    def where(self, app) -> tuple[str, int, float]:
        from ..scenes.debrief import DebriefScene
        from ..scenes.intro import IntroScene

        if any(isinstance(s, DebriefScene) for s in app.scenes):
            return "debrief", 0, 0.0
        if self.play is not None and self.play in app.scenes:
            sim = self.play.sim
            phase = "ended" if sim.finished else "playing"
            return phase, int(sim.step_index), float(sim.step_index * sim.model.step_hours)
        if any(isinstance(s, IntroScene) for s in app.scenes):
            return "briefing", 0, 0.0
        return ("ended" if self.result_sent else "lobby"), 0, 0.0

    def _follow_play(self, app) -> None:
        from ..scenes.play_base import PlayBase

        play = next((s for s in reversed(app.scenes) if isinstance(s, PlayBase) and self._is_class_journey(s)), None)
        if play is not None and play is not self.play:
            self.play = play
            if getattr(play, "departed", True) is False and hasattr(play, "set_out"):
                # The teacher set the conditions: the sea's own set-up is skipped.
                play.set_out()
        if self.play is None or self.play not in app.scenes:
            return
        if self.state == "paused" and not self.play.sim.finished:
            self.play.paused = True
        if self.play.sim.finished and not self.result_sent:
            self.result_sent = True
            record = self.play.journey_record()
            if self.autoplayed_by_end:
                record.autoplayed = True
            self.send_result(record.to_dict())

    def _is_class_journey(self, play) -> bool:
        """The journey the teacher set (not one played from the title meanwhile)."""
        spec = self.spec or {}
        return (play.scenario.id, play.preset, play.seed) == (spec.get("scenario"), spec.get("preset"), spec.get("seed"))

    # -- what the host said -----------------------------------------------------------
    def _receive(self, app, kind: str, msg: Any) -> None:
        if kind == "welcome":
            from .records import RecordError, check_spec

            try:
                spec = check_spec(msg.spec)
            except RecordError:
                # A host of another version, or not a Crossings host at all.
                self.client.stop()
                from ..scenes.classroom_student import RefusedScene

                app.push(RefusedScene(app, self, "bad-spec"))
                return
            first = self.welcome is None
            self.welcome, self.nickname, self.choices = msg, msg.nickname, list(msg.choices)
            self.group, self.spec, self.connected = msg.group, spec, True
            if msg.stored:
                self.result_sent = True
            if msg.notice and first:
                self.notice = msg.notice
            for rid in msg.stored:
                self.pending.pop(rid, None)
            self.remember()
            if first:
                from ..scenes.classroom_student import LobbyScene

                app.push(LobbyScene(app, self))
            else:
                app.caption(_("Back in touch with the teacher's machine."))
            self._set_state(app, msg.state)
        elif kind == "status" and msg == "offline":
            if self.connected:
                app.caption(_("The teacher's machine cannot be reached. Your journey goes on; what you do is sent when it is back."), 6.0)
            self.connected = False
        elif kind == "ack":
            self.pending.pop(msg.result_id, None)
            self.remember()
        elif kind == "refused":
            self.refusal = msg.code
            self.forget()
            from ..scenes.classroom_student import RefusedScene

            app.push(RefusedScene(app, self, msg.code))
        elif kind == "message":
            if isinstance(msg, P.State):
                self._set_state(app, msg.state)
            elif isinstance(msg, P.Notice):
                self.notice = msg.text
                if msg.text:
                    app.caption(_("From the teacher: {text}").format(text=notice_text(msg.text)), 8.0)
            elif isinstance(msg, P.Renamed):
                self.nickname = msg.nickname
                # Said on screen: mid-journey the nickname shows nowhere, and the teacher calls them by it.
                app.caption(_("The teacher gave you another nickname: {nickname}.").format(nickname=msg.nickname), 8.0)

    def _set_state(self, app, state: str) -> None:
        old, self.state = self.state, state
        from ..scenes.classroom_student import PausedScene

        if state == "playing" and self.play is None and not self.result_sent:
            self.begin_journey(app)
        if state == "paused" and old != "paused":
            app.push(PausedScene(app, self))
        if state != "paused":
            for scene in [s for s in app.scenes if isinstance(s, PausedScene)]:
                app.scenes.remove(scene)
            if self.play is not None and old == "paused" and not self.play.sim.finished:
                self.play.paused = False
        if state == "ended":
            self.finish_for_the_teacher(app)

    def begin_journey(self, app) -> None:
        from ..scenes.classroom_student import ClassIntroScene, LobbyScene

        if self.spec is None or any(isinstance(s, ClassIntroScene) for s in app.scenes):
            return
        while app.scenes and not isinstance(app.top, LobbyScene) and len(app.scenes) > 1:
            app.pop()
        app.push(ClassIntroScene(app, self))

    def finish_for_the_teacher(self, app) -> None:
        """The teacher ended the journeys: the automatic player plays on to the end."""
        if self.result_sent:
            return
        from ..sim.runner import automatic, run_to_end

        self.autoplayed_by_end = True
        if self.play is not None and self.play in app.scenes:
            play = self.play
            play.autoplay = True
            if not play.sim.finished:
                run_to_end(play.sim, automatic(play.model), record=True)
                play.end_timer = 0.0
                play.on_finished()
            app.caption(_("The teacher ended the journeys: the automatic player finished yours."), 8.0)
        elif self.spec is not None:
            from ..scenes.classroom_student import ClassIntroScene
            from .records import autoplay_journey

            self.result_sent = True
            self.send_result(autoplay_journey(self.spec))
            for scene in [s for s in app.scenes if isinstance(s, ClassIntroScene)]:
                app.scenes.remove(scene)  # no journey left to begin
            app.caption(_("The teacher ended the journeys: the automatic player played yours."), 8.0)

    def send_result(self, journey: dict[str, Any]) -> None:
        self.pending[self.client.result(journey)] = journey
        self.remember()

    def remember(self) -> None:
        """Keep the student id and unacknowledged results on disk (atomically)."""
        import json

        from ..settings import write_atomic

        if self.welcome is None and not self.pending:
            return
        path = _memory_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps({"address": self.address, "port": self.port, "code": self.code,
                                           "student": self.welcome.student if self.welcome else None,
                                           "pending": self.pending}))
        except OSError:
            pass  # the class goes on; only a restart of the game would lose the id

    def forget(self) -> None:
        try:
            _memory_path().unlink()
        except OSError:
            pass

    def pick(self, nickname: str) -> None:
        if nickname in self.choices:
            self.client.pick(nickname)


class HostService:
    """The host's thread, alive as long as the window that shows it."""

    def __init__(self, thread):
        self.thread = thread

    def start(self, app) -> None:
        if not self.thread.thread.is_alive():
            self.thread.start()

    def tick(self, app, dt: float) -> None:
        pass

    def stop(self, app) -> None:
        self.thread.stop()
