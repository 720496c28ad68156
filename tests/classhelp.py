"""Shared pieces of the classroom tests: a real host on 127.0.0.1 (port 0) and
students whose journeys the automatic player plays. Every wait is bounded."""

from __future__ import annotations

import asyncio
import contextlib
import time

from game.classroom.client import Connection, ws_url
from game.classroom.records import autoplay_journey
from game.classroom.server import Host, new_session
from game.classroom.store import Group

SPLIT = [Group(1, "A", "sea", "fishing-2017"), Group(2, "B", "sea", "defector-summer")]


@contextlib.asynccontextmanager
async def running_host(tmp_path, groups=SPLIT, seed_base=100, **kwargs):
    store = new_session(list(groups), tmp_path, seed_base=seed_base)
    host = Host(store, "127.0.0.1", 0, **kwargs)
    await host.start()
    host.token = host.teacher_token()
    try:
        yield host
    finally:
        await host.stop()
        store.close()


async def until(check, timeout=20.0, what="a condition"):
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def connect(host, code=None, **kwargs) -> tuple[Connection, asyncio.Task]:
    conn = Connection(ws_url("127.0.0.1", host.port), code or host.code, backoff=(0.05, 0.3), **kwargs)
    return conn, asyncio.create_task(conn.run())


async def play_journey(conn: Connection, progress_updates: int = 3) -> str:
    """A student's journey: progress while playing, then the record."""
    await until(lambda: conn.state == "playing", what="the start")
    for i in range(progress_updates):
        await conn.send_progress("playing", i * 2, i * 1.5, i * 10.0)
    journey = autoplay_journey(conn.welcome.spec)
    await conn.send_progress("debrief", journey["steps"], journey["hours"], 60.0)
    return await conn.send_result(journey)


async def stop_all(pairs) -> None:
    for conn, task in pairs:
        conn.stop()
    await asyncio.wait_for(asyncio.gather(*(t for _c, t in pairs), return_exceptions=True), 10)
