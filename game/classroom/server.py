"""The teacher's host: an asyncio server on aiohttp (HTTP and WebSocket).

Students' machines connect to ``/ws`` and speak game/classroom/protocol.py;
``/`` serves the read-only class page (roster and chart), opened with the join
code. Teacher actions are methods of ``Host`` that need the teacher token: the
token is made here with ``secrets`` and handed only to the code that started
the host in this process (the host screen or the console); no HTTP route or
message accepts it, so nothing on the network can act as the teacher.
No pygame.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import WSMsgType, web

from ..i18n import _, current_language
from . import nicknames, protocol as P
from .limits import JoinThrottle, RateLimit
from .records import RecordError, autoplay_journey, check_journey, make_spec
from .store import Group, Store, Student

log = logging.getLogger(__name__)

DEFAULT_PORT = P.DEFAULT_PORT
MAX_STUDENTS = P.MAX_STUDENTS
HARD_MAX_STUDENTS = 250
HELLO_TIMEOUT_S = 10.0
END_GRACE_S = 15.0  # after "end for all", how long students' own machines get to finish
PROGRESS_FLUSH_S = 2.0
MAX_REFUSED = 200  # refused messages on one connection before it is closed
MAX_GREETING = 64  # connections open at once that have not yet said hello


class TeacherOnly(PermissionError):
    pass


def lan_address() -> str:
    """The address this machine uses on its network (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"


@dataclass
class Live:
    """A student's connection and what is only kept in memory."""

    ws: web.WebSocketResponse | None = None
    offered: list[str] = field(default_factory=list)
    last_seen: float = 0.0


class Host:
    def __init__(self, store: Store, address: str = "127.0.0.1", port: int = DEFAULT_PORT, max_students: int = MAX_STUDENTS, end_grace_s: float = END_GRACE_S,
                 announce_to: tuple[str, int] | None = None, announce_every_s: float | None = None):
        self.store = store
        self.address, self.port = address, port
        self.max_students = min(max(1, max_students), HARD_MAX_STUDENTS)
        self.end_grace_s = end_grace_s
        self.announce_to = announce_to  # where discovery broadcasts go (None: no broadcast)
        self.announce_every_s = announce_every_s  # None: discovery's own beat
        self.code: str = store.get("code")
        self.groups: list[Group] = store.groups()
        self.students: dict[str, Student] = {s.id: s for s in store.students()}
        self.results: dict[str, dict[str, Any]] = store.results()
        self.live: dict[str, Live] = {}
        self.state: str = store.get("state", "lobby")
        self.locked: bool = store.get("locked", False)
        self.revealed: bool = store.get("revealed", False)
        self.notice: str = store.get("notice", "")
        self.ended_at: float | None = store.get("ended_at")
        self.seed_base: int = store.get("settings", {}).get("seed_base") or secrets.randbelow(1_000_000)
        # the class's language, fixed when it was made: the nicknames offered are in it
        self.language: str = str(store.get("settings", {}).get("language") or "en")
        self._token = secrets.token_hex(32)
        self.throttle = JoinThrottle()
        self.refused = 0
        self._greeting = 0
        # One worker checks arriving records, one at a time: a burst of results
        # at the end of a lesson takes one core, not all of them.
        self._checker = ThreadPoolExecutor(1, thread_name_prefix="classroom-check")
        self._dirty: set[str] = set()
        self._tasks: list[asyncio.Task] = []
        self._runner: web.AppRunner | None = None
        self.listeners: list[Callable[[], None]] = []  # told when the roster changes (any thread)
        self.changes = 0

    # -- the token: given once, to the code that made the host ---------------
    def teacher_token(self) -> str:
        if getattr(self, "_token_given", False):
            raise TeacherOnly("the teacher token has already been handed out")
        self._token_given = True
        return self._token

    def _check(self, token: str) -> None:
        if not secrets.compare_digest(str(token), self._token):
            raise TeacherOnly("only the teacher's screen can do this")

    # -- serving ----------------------------------------------------------------
    async def start(self) -> None:
        from .web import routes

        app = web.Application(client_max_size=P.MAX_MESSAGE_BYTES)
        app.router.add_get("/ws", self._ws)
        routes(app, self)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.address, self.port, reuse_address=True)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        # --resume listens where the students' machines knew the class.
        self.store.put("listen", {"address": self.address, "port": self.port})
        self._tasks.append(asyncio.create_task(self._flush_loop()))
        if self.announce_to is not None:
            from .discovery import EVERY_S, announce

            every = EVERY_S if self.announce_every_s is None else self.announce_every_s
            self._tasks.append(asyncio.create_task(announce(self.port, self.announce_to, every)))
        if self.state == "ended" and self.ended_at is not None:
            self._tasks.append(asyncio.create_task(self._finish_after_grace()))

    async def stop(self) -> None:
        for t in self._tasks:
            t.cancel()
        for live in list(self.live.values()):
            if live.ws is not None and not live.ws.closed:
                await live.ws.close(code=1001, message=b"host stopping")
        self._flush()
        if self._runner is not None:
            await self._runner.cleanup()
        self._checker.shutdown(wait=False)

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}/"

    def _changed(self) -> None:
        self.changes += 1
        for fn in list(self.listeners):
            try:
                fn()
            except Exception:  # a listener's bug must not stop the class
                log.exception("roster listener failed")

    async def _flush_loop(self) -> None:
        while True:
            await asyncio.sleep(PROGRESS_FLUSH_S)
            self._flush()

    def _flush(self) -> None:
        if self._dirty:
            dirty = [self.students[i] for i in self._dirty if i in self.students]
            self._dirty.clear()
            self.store.save_progress(dirty)

    # -- a student's connection ---------------------------------------------------
    async def _send(self, ws: web.WebSocketResponse, msg: P.Message) -> None:
        if not ws.closed:
            try:
                await ws.send_str(msg.to_json())
            except (ConnectionError, RuntimeError):
                pass

    async def _refuse(self, ws: web.WebSocketResponse, code: str, detail: str) -> None:
        self.refused += 1
        await self._send(ws, P.Error(code=code, detail=detail[:300]))

    async def _ws(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=P.MAX_MESSAGE_BYTES, heartbeat=20.0)
        open_now = sum(1 for lv in self.live.values() if lv.ws is not None and not lv.ws.closed)
        if open_now >= self.max_students + 20 or self._greeting >= MAX_GREETING:
            raise web.HTTPServiceUnavailable(text="the class is full")
        await ws.prepare(request)
        address = request.remote or "?"
        student_id: str | None = None
        try:
            self._greeting += 1
            try:
                student_id = await self._hello(ws, address)
            finally:
                self._greeting -= 1
            if student_id is None:
                return ws
            await self._serve(ws, student_id)
        finally:
            if student_id is not None:
                live = self.live.get(student_id)
                if live is not None and live.ws is ws:
                    live.ws = None
                    self._changed()
            if not ws.closed:
                await ws.close()
        return ws

    async def _hello(self, ws: web.WebSocketResponse, address: str) -> str | None:
        try:
            frame = await ws.receive(timeout=HELLO_TIMEOUT_S)
        except asyncio.TimeoutError:
            await self._refuse(ws, "timeout", "say hello first")
            return None
        if frame.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
            if frame.type == WSMsgType.ERROR:
                self.refused += 1  # e.g. a first frame over the size limit
            return None
        try:
            msg, _seq = P.parse(frame.data, P.FROM_STUDENT)
        except P.ProtocolError as exc:
            await self._refuse(ws, exc.code, exc.detail)
            return None
        if not isinstance(msg, P.Hello):
            await self._refuse(ws, "out-of-order", "the first message must be hello")
            return None
        wait = self.throttle.wait_s(address)
        if wait > 0:
            await self._refuse(ws, "slow-down", f"too many wrong codes; wait {wait:.0f} s")
            return None
        if nicknames.normalise_code(msg.code) != self.code:
            self.throttle.fail(address)
            await self._refuse(ws, "wrong-code", "that is not this class's code")
            return None
        self.throttle.succeed(address)
        student = self.students.get(msg.student) if msg.student else None
        if student is not None and student.removed:
            await self._refuse(ws, "removed", "the teacher removed this nickname")
            return None
        if student is None:
            problem = self._cannot_join()
            if problem:
                await self._refuse(ws, problem[0], problem[1])
                return None
            student = self._new_student()
        live = self.live.setdefault(student.id, Live())
        if live.ws is not None and not live.ws.closed and live.ws is not ws:
            await live.ws.close(code=4000, message=b"connected again elsewhere")
        live.ws, live.last_seen = ws, time.monotonic()
        if not live.offered:
            live.offered = [student.nickname] + nicknames.choices(self._reserved(but=student.id) | {student.nickname}, 3, self.language)
        await self._send(ws, self._welcome(student, live))
        self._changed()
        return student.id

    def _cannot_join(self) -> tuple[str, str] | None:
        if self.locked:
            return ("locked", "the teacher has closed joining")
        if self.state == "ended":
            return ("ended", "this class has ended")
        if sum(1 for s in self.students.values() if not s.removed) >= self.max_students:
            return ("full", f"the class is full ({self.max_students} students)")
        if len(self._taken()) >= nicknames.capacity(self.language):
            return ("full", "no nicknames left")
        return None

    def _taken(self) -> set[str]:
        return {s.nickname for s in self.students.values()}

    def _reserved(self, but: str | None = None) -> set[str]:
        """Nicknames in use and those offered to students who may still pick one,
        so that two students are not offered the same name (the second pick would fail)."""
        out = self._taken()
        for sid, live in self.live.items():
            student = self.students.get(sid)
            if sid != but and sid not in self.results and student is not None and not student.removed:
                out.update(live.offered)
        return out

    def _new_student(self) -> Student:
        counts = {g.id: 0 for g in self.groups}
        for s in self.students.values():
            if not s.removed and s.group_id in counts:
                counts[s.group_id] += 1
        group = min(self.groups, key=lambda g: (counts[g.id], g.id))
        # Offered names are held back while any are free; a full list falls back to the unused ones.
        nickname = (nicknames.choices(self._reserved(), 1, self.language)
                    or nicknames.choices(self._taken(), 1, self.language))[0]
        student = Student(
            id=secrets.token_urlsafe(16),
            nickname=nickname,
            group_id=group.id,
            seed=(self.seed_base + len(self.students)) % 1_000_000,
            joined=time.time(),
        )
        self.store.add_student(student)
        self.students[student.id] = student
        return student

    def spec_of(self, student: Student) -> dict[str, Any]:
        g = self.group(student.group_id)
        return make_spec(g.scenario, g.preset, g.overrides, student.seed)

    def group(self, gid: int) -> Group:
        return next(g for g in self.groups if g.id == gid)

    def _welcome(self, student: Student, live: Live) -> P.Welcome:
        return P.Welcome(
            student=student.id,
            nickname=student.nickname,
            choices=list(live.offered),
            group=self.group(student.group_id).name,
            spec=self.spec_of(student),
            state=self.state,
            notice=self.notice,
            stored=[r["result_id"] for sid, r in self.results.items() if sid == student.id],
        )

    async def _serve(self, ws: web.WebSocketResponse, sid: str) -> None:
        limit = RateLimit()
        last_seq = -1
        refused = 0
        async for frame in ws:
            if frame.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                break
            live = self.live.get(sid)
            if live is None or live.ws is not ws:
                break  # replaced by a newer connection, or removed
            live.last_seen = time.monotonic()
            if not limit.allow():
                refused += 1
                await self._refuse(ws, "too-fast", "slow down")
            else:
                try:
                    msg, seq = P.parse(frame.data, P.FROM_STUDENT)
                    if seq <= last_seq:
                        raise P.ProtocolError("out-of-order", f"seq {seq} after {last_seq}")
                    last_seq = seq
                    await self._handle(ws, sid, msg)
                except P.ProtocolError as exc:
                    refused += 1
                    await self._refuse(ws, exc.code, exc.detail)
            if refused > MAX_REFUSED:
                await ws.close(code=1008, message=b"too many refused messages")
                break
        if ws.exception() is not None:
            self.refused += 1  # e.g. a frame over the size limit

    async def _handle(self, ws: web.WebSocketResponse, sid: str, msg: P.Message) -> None:
        student = self.students[sid]
        if isinstance(msg, P.Ping):
            await self._send(ws, P.Pong())
        elif isinstance(msg, P.Progress):
            student.phase, student.step, student.hours, student.elapsed = msg.phase, msg.step, msg.hours, msg.elapsed_s
            self._dirty.add(sid)
            self._changed()
        elif isinstance(msg, P.Pick):
            live = self.live[sid]
            if sid in self.results:
                raise P.ProtocolError("out-of-order", "the journey is over")
            if msg.nickname not in live.offered or not nicknames.is_nickname(msg.nickname, self.language):
                raise P.ProtocolError("bad-field", "pick one of the nicknames offered")
            if msg.nickname != student.nickname:
                if msg.nickname in self._taken():
                    raise P.ProtocolError("taken", "someone has that nickname now")
                self._rename(student, msg.nickname)
            await self._send(ws, P.Renamed(nickname=student.nickname))
        elif isinstance(msg, P.Result):
            await self._result(ws, student, msg)
        elif isinstance(msg, P.Hello):
            raise P.ProtocolError("out-of-order", "already said hello")

    async def _result(self, ws: web.WebSocketResponse, student: Student, msg: P.Result) -> None:
        had = self.results.get(student.id)
        if had is not None:
            # The same result again (a resend), or a second one: stored once either way.
            await self._send(ws, P.Ack(result_id=msg.result_id, stored=had["result_id"] == msg.result_id))
            return
        if self.state == "lobby":
            raise P.ProtocolError("out-of-order", "the journeys have not started")
        # The check builds a model and reads the record: off the loop, so the
        # other students' updates are not held up while 40 results arrive at once.
        loop = asyncio.get_running_loop()
        try:
            record = await loop.run_in_executor(self._checker, check_journey, msg.journey, self.spec_of(student))
        except RecordError as exc:
            raise P.ProtocolError("bad-result", str(exc)) from None
        had = self.results.get(student.id)  # a resend may have been stored meanwhile
        if had is None:
            self._store_result(student, msg.result_id, record)
        await self._send(ws, P.Ack(result_id=msg.result_id, stored=had is None or had["result_id"] == msg.result_id))

    def _store_result(self, student: Student, result_id: str, record: dict[str, Any]) -> None:
        if self.store.add_result(result_id, student.id, record):
            self.results[student.id] = {"result_id": result_id, "received": time.time(), "record": record}
        student.phase = "debrief"
        self._dirty.add(student.id)
        self._changed()

    def _rename(self, student: Student, nickname: str) -> None:
        self.store.set_nickname(student.id, nickname)
        student.nickname = nickname
        self._changed()

    async def _broadcast(self, msg: P.Message) -> None:
        await asyncio.gather(*(self._send(lv.ws, msg) for lv in self.live.values() if lv.ws is not None))

    # -- what the teacher does (token needed) ---------------------------------------
    async def start_journeys(self, token: str) -> None:
        self._check(token)
        await self._set_state("playing")

    async def pause(self, token: str) -> None:
        self._check(token)
        if self.state == "playing":
            await self._set_state("paused")

    async def resume(self, token: str) -> None:
        self._check(token)
        if self.state == "paused":
            await self._set_state("playing")

    async def send_notice(self, token: str, text: str) -> None:
        self._check(token)
        text = " ".join(str(text).split())[:200]
        self.notice = text
        self.store.put("notice", text)
        await self._broadcast(P.Notice(text=text))
        self._changed()

    async def lock(self, token: str, locked: bool = True) -> None:
        self._check(token)
        self.locked = bool(locked)
        self.store.put("locked", self.locked)
        self._changed()

    async def reveal(self, token: str, revealed: bool = True) -> None:
        self._check(token)
        self.revealed = bool(revealed)
        self.store.put("revealed", self.revealed)
        self._changed()

    async def rename(self, token: str, student_id: str, nickname: str) -> None:
        self._check(token)
        student = self.students[student_id]
        if not nicknames.is_nickname(nickname, self.language):
            raise ValueError(_("a nickname must come from the list"))
        if nickname in self._taken() - {student.nickname}:
            raise ValueError(_("that nickname is taken"))
        self._rename(student, nickname)
        live = self.live.get(student_id)
        if live is not None and live.ws is not None:
            live.offered = [nickname]
            await self._send(live.ws, P.Renamed(nickname=nickname))

    async def remove(self, token: str, student_id: str) -> None:
        self._check(token)
        student = self.students[student_id]
        student.removed = True
        self.store.remove_student(student_id)
        live = self.live.pop(student_id, None)
        if live is not None and live.ws is not None:
            await self._send(live.ws, P.Removed())
            await live.ws.close(code=4001, message=b"removed")
        self._changed()

    async def end_for_all(self, token: str) -> None:
        """Every journey ends: students' machines finish theirs with the
        automatic player; after a grace period the host finishes any still missing."""
        self._check(token)
        if self.state == "ended":
            return
        self.ended_at = time.time()
        self.store.put("ended_at", self.ended_at)
        await self._set_state("ended")
        self._tasks.append(asyncio.create_task(self._finish_after_grace()))

    async def _finish_after_grace(self) -> None:
        left = max(0.0, (self.ended_at or 0) + self.end_grace_s - time.time())
        await asyncio.sleep(left)
        await self.finish_missing()

    async def finish_missing(self) -> int:
        """Run the automatic player for every student without a result."""
        missing = [s for s in self.students.values() if not s.removed and s.id not in self.results]
        loop = asyncio.get_running_loop()
        for s in missing:
            record = await loop.run_in_executor(None, autoplay_journey, self.spec_of(s))
            record["duration_s"] = float(s.elapsed)
            if s.id not in self.results:  # the student's own may have come meanwhile
                self._store_result(s, f"host-{s.id}", record)
        return len(missing)

    async def close_session(self, token: str) -> None:
        self._check(token)
        self.store.put("closed", True)

    async def _set_state(self, state: str) -> None:
        self.state = state
        self.store.put("state", state)
        await self._broadcast(P.State(state=state))
        self._changed()

    # -- what the screens show ---------------------------------------------------------
    def roster(self) -> list[dict[str, Any]]:
        rows = []
        for s in self.students.values():
            if s.removed:
                continue
            live = self.live.get(s.id)
            result = self.results.get(s.id)
            rows.append({
                "id": s.id,
                "nickname": s.nickname,
                "group": self.group(s.group_id).name,
                "group_id": s.group_id,
                "scenario": self.group(s.group_id).scenario,
                "phase": s.phase,
                "step": s.step,
                "hours": s.hours,
                "elapsed_s": s.elapsed,
                "connected": bool(live and live.ws is not None and not live.ws.closed),
                "finished": result is not None,
                "outcome": result["record"]["outcome"] if result else None,
                "autoplayed": bool(result and result["record"].get("autoplayed")),
            })
        return rows

    def outcomes_by_group(self) -> dict[int, list[tuple[str | None, bool]]]:
        out: dict[int, list[tuple[str | None, bool]]] = {g.id: [] for g in self.groups}
        for sid, r in self.results.items():
            s = self.students.get(sid)
            if s is not None and not s.removed:
                out.setdefault(s.group_id, []).append((r["record"]["outcome"], bool(r["record"].get("autoplayed"))))
        return out


def new_session(groups: list[Group], root=None, seed_base: int | None = None, language: str | None = None) -> Store:
    """A new class; ``language`` (the teacher's, by default the game's now) is the language of its nicknames."""
    if not groups:
        raise ValueError("a class needs at least one group")
    settings = {"seed_base": seed_base if seed_base is not None else secrets.randbelow(1_000_000),
                "language": language or current_language()}
    return Store.create(nicknames.new_code(), groups, settings, root)


class HostThread:
    """The host's event loop in a background thread, for the game's window and
    the console: ``call(coro_fn, ...)`` runs a teacher action and waits for it."""

    def __init__(self, host: Host):
        self.host = host
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="classroom-host", daemon=True)
        self._started = threading.Event()
        self.error: BaseException | None = None
        self.token = host.teacher_token()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.host.start())
        except BaseException as exc:  # e.g. the port is taken: tell the caller
            self.error = exc
            self._started.set()
            return
        self._started.set()
        self.loop.run_forever()

    def start(self, timeout: float = 10.0) -> None:
        self.thread.start()
        self._started.wait(timeout)
        if self.error is not None:
            raise self.error

    def call(self, fn, *args, timeout: float = 30.0):
        """Run ``fn(token, *args)`` (a teacher action) on the host's loop."""
        return asyncio.run_coroutine_threadsafe(fn(self.token, *args), self.loop).result(timeout)

    def run(self, fn, *args, timeout: float = 30.0):
        """Run any plain function on the host's loop (reads without races)."""

        async def wrapper():
            return fn(*args)

        return asyncio.run_coroutine_threadsafe(wrapper(), self.loop).result(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        if self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self.host.stop(), self.loop).result(timeout)
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout)
