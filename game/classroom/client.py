"""A student's connection to the class: reconnects by itself and resends.

``Connection`` is the asyncio core (the tests and the benchmark run many of
them in one loop); ``ClientThread`` runs one in a background thread for the
game, whose scenes read what arrived from ``inbox`` (through the classroom
service, once a frame) and never wait on the network. A finished journey is
kept until the host acknowledges it, and sent again after every reconnect
under the same result id, so the host stores it once. No pygame.
"""

from __future__ import annotations

import asyncio
import queue
import random
import secrets
import threading
import time
from typing import Any

import aiohttp

from .. import __version__
from . import protocol as P

FINAL_ERRORS = {"wrong-code", "locked", "full", "ended", "removed", "slow-down"}


def ws_url(address: str, port: int) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}/ws"


class Connection:
    def __init__(self, url: str, code: str, student: str | None = None, inbox: "queue.Queue | None" = None,
                 backoff: tuple[float, float] = (0.2, 5.0), local_addr: tuple[str, int] | None = None):
        self.url, self.code, self.student = url, code, student
        self.inbox: queue.Queue = inbox if inbox is not None else queue.Queue()
        self.backoff = backoff
        self.local_addr = local_addr
        self.status = "connecting"  # connected, offline, refused, stopped
        self.refusal: str | None = None
        self.welcome: P.Welcome | None = None
        self.nickname = ""
        self.state = "lobby"
        self.pending: dict[str, dict[str, Any]] = {}  # result id -> journey, until acknowledged
        self.acked: dict[str, bool] = {}
        self.progress: P.Progress | None = None
        self.seq = 0
        self.connects = 0
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._stop = asyncio.Event()
        self._pongs: asyncio.Queue | None = None
        self.changed: asyncio.Event | None = None

    # -- what the game asks for ----------------------------------------------------------
    async def send(self, msg: P.Message) -> bool:
        ws = self._ws
        if ws is None or ws.closed:
            return False
        self.seq += 1
        try:
            await ws.send_str(msg.to_json(self.seq))
            return True
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            return False

    async def send_progress(self, phase: str, step: int = 0, hours: float = 0.0, elapsed_s: float = 0.0) -> None:
        self.progress = P.Progress(phase=phase, step=int(step), hours=float(hours), elapsed_s=float(min(elapsed_s, 86_400)))
        await self.send(self.progress)

    async def send_result(self, journey: dict[str, Any], result_id: str | None = None) -> str:
        result_id = result_id or secrets.token_hex(16)
        self.pending[result_id] = journey
        await self.send(P.Result(result_id=result_id, journey=journey))
        return result_id

    async def pick(self, nickname: str) -> None:
        await self.send(P.Pick(nickname=nickname))

    async def ping(self, timeout: float = 5.0) -> float:
        """Seconds for a ping to come back (messages before it are handled first)."""
        if self._pongs is None:
            self._pongs = asyncio.Queue()
        t = time.perf_counter()
        if not await self.send(P.Ping()):
            raise ConnectionError("not connected")
        await asyncio.wait_for(self._pongs.get(), timeout)
        return time.perf_counter() - t

    def stop(self) -> None:
        self._stop.set()
        if self._ws is not None and not self._ws.closed:
            asyncio.ensure_future(self._ws.close())

    async def close_now(self) -> None:
        """Drop the connection as a network cut would (it comes back by itself)."""
        if self._ws is not None:
            await self._ws.close()

    # -- the loop ------------------------------------------------------------------------
    def _tell(self, kind: str, payload: Any = None) -> None:
        self.inbox.put((kind, payload))
        if self.changed is not None:
            self.changed.set()

    async def run(self) -> None:
        delay = self.backoff[0]
        connector = aiohttp.TCPConnector(local_addr=self.local_addr) if self.local_addr else None
        # A teacher's machine that is off answers nothing: give up on a try after 5 s.
        timeout = aiohttp.ClientTimeout(total=None, connect=5.0, sock_connect=5.0)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            while not self._stop.is_set():
                try:
                    async with session.ws_connect(self.url, heartbeat=20.0, max_msg_size=P.MAX_MESSAGE_BYTES, timeout=aiohttp.ClientWSTimeout(ws_close=2.0)) as ws:
                        self._ws = ws
                        await self.send(P.Hello(code=self.code, student=self.student, client=f"crossings {__version__}"))
                        final = await self._read(ws)
                        if final:
                            return
                        delay = self.backoff[0]
                except (aiohttp.ClientError, ConnectionError, OSError, asyncio.TimeoutError):
                    pass
                finally:
                    self._ws = None
                if self._stop.is_set():
                    break
                if self.status != "offline":
                    self.status = "offline"
                    self._tell("status", "offline")
                try:
                    await asyncio.wait_for(self._stop.wait(), delay * (0.75 + random.random() / 2))
                except asyncio.TimeoutError:
                    pass
                delay = min(self.backoff[1], delay * 2)
        self.status = "stopped"

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> bool:
        """Handle what the host says; True when the host refused us for good."""
        async for frame in ws:
            if frame.type != aiohttp.WSMsgType.TEXT:
                break
            try:
                msg, _seq = P.parse(frame.data, P.FROM_HOST)
            except P.ProtocolError:
                continue  # a newer host, perhaps: ignore what we do not understand
            if isinstance(msg, P.Welcome):
                self.welcome, self.student, self.nickname, self.state = msg, msg.student, msg.nickname, msg.state
                self.connects += 1
                self.status = "connected"
                for rid in msg.stored:
                    self.pending.pop(rid, None)
                    self.acked[rid] = True
                self._tell("welcome", msg)
                # Say again what the host may have missed while we were away.
                if self.progress is not None:
                    await self.send(self.progress)
                for rid, journey in list(self.pending.items()):
                    await self.send(P.Result(result_id=rid, journey=journey))
            elif isinstance(msg, P.Ack):
                self.pending.pop(msg.result_id, None)
                self.acked[msg.result_id] = msg.stored
                self._tell("ack", msg)
            elif isinstance(msg, P.Pong):
                if self._pongs is not None:
                    self._pongs.put_nowait(msg)
            elif isinstance(msg, P.Error):
                if msg.code in FINAL_ERRORS:
                    self.status, self.refusal = "refused", msg.code
                    self._tell("refused", msg)
                    return True
                self._tell("error", msg)
            else:
                if isinstance(msg, P.State):
                    self.state = msg.state
                elif isinstance(msg, P.Renamed):
                    self.nickname = msg.nickname
                elif isinstance(msg, P.Removed):
                    self.status, self.refusal = "refused", "removed"
                    self._tell("refused", P.Error(code="removed", detail=""))
                    return True
                self._tell("message", msg)
        return False


class ClientThread:
    """One Connection in a background thread; the game calls these methods
    from its own thread and reads ``inbox`` once a frame."""

    def __init__(self, address: str, port: int, code: str, student: str | None = None,
                 pending: dict[str, dict[str, Any]] | None = None):
        self.inbox: queue.Queue = queue.Queue()
        self.conn = Connection(ws_url(address, port), code, student, self.inbox)
        self.conn.pending.update(pending or {})  # results not yet acknowledged when the game last closed
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="classroom-client", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self.conn.run())

    def start(self) -> None:
        self.thread.start()

    def _do(self, coro_fn, *args) -> None:
        asyncio.run_coroutine_threadsafe(coro_fn(*args), self.loop)

    def progress(self, phase: str, step: int = 0, hours: float = 0.0, elapsed_s: float = 0.0) -> None:
        self._do(self.conn.send_progress, phase, step, hours, elapsed_s)

    def result(self, journey: dict[str, Any]) -> str:
        result_id = secrets.token_hex(16)
        self._do(self.conn.send_result, journey, result_id)
        return result_id

    def pick(self, nickname: str) -> None:
        self._do(self.conn.pick, nickname)

    @property
    def status(self) -> str:
        return self.conn.status

    def messages(self) -> list[tuple[str, Any]]:
        out = []
        while True:
            try:
                out.append(self.inbox.get_nowait())
            except queue.Empty:
                return out

    def stop(self, timeout: float = 3.0) -> None:
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.conn.stop)
        self.thread.join(timeout)
