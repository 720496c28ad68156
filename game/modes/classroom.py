"""The classroom's two modes: the teacher's machine and a student's.

``crossings host`` runs the App in ``ClassroomHostMode`` (the root screen is
the class set-up, or the live class when the command line already opened
one); ``crossings join`` runs it in ``ClassroomStudentMode`` (the root is the
join screen). The title screen's "Teach a class" and "Join a class" reach the
same screens inside the play mode; the services are attached there instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .base import Mode


@dataclass
class ClassroomHostMode(Mode):
    name: str = "classroom-host"
    menu_entries: tuple[str, ...] = ("resume", "settings", "quit")
    thread: Any = None  # a HostThread already started by the command line
    address: str | None = None
    port: int | None = None
    broadcast: bool = True

    def root(self, app):
        from ..scenes.classroom_host import HostScene, HostSetupScene

        running = getattr(app, "classroom_host", None)
        if running is not None:
            return HostScene(app, running)
        return HostSetupScene(app, self.address, self.port, self.broadcast)

    def start(self, app) -> None:
        if self.thread is not None:
            from ..scenes.classroom_host import open_host_screen

            open_host_screen(app, self.thread)
        else:
            app.push(self.root(app))


@dataclass
class ClassroomStudentMode(Mode):
    name: str = "classroom-student"
    menu_entries: tuple[str, ...] = ("resume", "settings", "quit")
    code: str = ""
    address: str | None = None
    port: int | None = None
    extra: dict = field(default_factory=dict)

    def root(self, app):
        from ..scenes.classroom_student import JoinScene

        return JoinScene(app, self.code, self.address, self.port)

    def choose_another(self, app) -> None:
        """After the debrief: back to the class, not to other journeys."""
        from ..classroom.services import StudentService, find_service
        from ..scenes.classroom_student import LobbyScene

        app.reset_to_root()
        service = find_service(app, StudentService)
        if service is not None and service.welcome is not None:
            app.push(LobbyScene(app, service))
