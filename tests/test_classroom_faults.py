"""The host killed mid-lesson (kill -9, a real process) and brought back with
``crossings host --resume``: no result lost, every student's machine back."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

from classhelp import connect, until
from game.classroom.records import autoplay_journey

ROOT = Path(__file__).resolve().parent.parent


async def start_host(env, *args):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "main.py"), "host", "--console", "--address", "127.0.0.1", "--no-broadcast", *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env, cwd=ROOT,
    )
    info = {}
    while not {"port", "code", "folder"} <= set(info):
        line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        assert line, (await proc.stderr.read()).decode()
        if line.startswith("PORT "):
            info["port"] = int(line.split()[1])
        if line.startswith("JOIN CODE "):
            info["code"] = line.split()[2]
        if line.startswith("Session folder: "):
            info["folder"] = Path(line.split(": ", 1)[1].strip())
    return proc, info


async def command(proc, text):
    proc.stdin.write(text.encode() + b"\n")
    await proc.stdin.drain()
    while True:
        line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        if not line or line.strip() == "ok" or line.startswith("error"):
            return line.strip()


class FakeHost:
    def __init__(self, port, code):
        self.port, self.code = port, code


def test_kill_dash_nine_and_resume_loses_nothing(tmp_path):
    env = dict(os.environ, CROSSINGS_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))

    async def main():
        proc, info = await start_host(env, "--group", "sea:fishing-2017", "--group", "sea:defector-summer", "--port", "0", "--seed", "7")
        pairs = [connect(FakeHost(info["port"], info["code"])) for _ in range(10)]
        try:
            await until(lambda: all(c.status == "connected" for c, _t in pairs), what="10 joins")
            names = {c.student: c.nickname for c, _t in pairs}
            assert await command(proc, "start") == "ok"
            await until(lambda: all(c.state == "playing" for c, _t in pairs))
            first, second = pairs[:5], pairs[5:]
            for c, _t in first:
                await c.send_result(autoplay_journey(c.welcome.spec))
            await until(lambda: all(not c.pending for c, _t in first), what="the first five stored")
            for c, _t in pairs:
                await c.send_progress("playing", 4, 3.0, 30.0)
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            await until(lambda: all(c.status == "offline" for c, _t in pairs), what="everyone offline")
            # Journeys finished while the host is away wait on the students' machines.
            for c, _t in second:
                await c.send_result(autoplay_journey(c.welcome.spec))
            assert all(c.pending for c, _t in second)
            proc, info2 = await start_host(env, "--resume")
            assert (info2["port"], info2["code"]) == (info["port"], info["code"])
            await until(lambda: all(c.connects >= 2 and c.status == "connected" for c, _t in pairs), what="every client back")
            await until(lambda: all(not c.pending for c, _t in pairs), what="every result stored")
            assert {c.student: c.nickname for c, _t in pairs} == names
            assert await command(proc, "export") == "ok"
            await command(proc, "quit")
            assert await asyncio.wait_for(proc.wait(), 15) == 0
        finally:
            for c, _t in pairs:
                c.stop()
            await asyncio.gather(*(t for _c, t in pairs), return_exceptions=True)
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        return info["folder"]

    folder = asyncio.run(main())
    db = sqlite3.connect(folder / "session.sqlite")
    assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 10
    assert db.execute("SELECT COUNT(*) FROM students").fetchone()[0] == 10
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    csv_rows = (folder / "results.csv").read_text().strip().splitlines()
    assert len(csv_rows) == 11


def test_the_real_programs_a_host_and_a_student_machine(tmp_path):
    """`crossings host --console` and `crossings join CODE --address ...` as two
    processes: the student joins, the teacher starts and then ends the
    journeys, and the student's record arrives, finished by the automatic player."""
    host_env = dict(os.environ, CROSSINGS_DATA_DIR=str(tmp_path / "teacher"), PYTHONPATH=str(ROOT))
    student_env = dict(os.environ, CROSSINGS_DATA_DIR=str(tmp_path / "student"), PYTHONPATH=str(ROOT),
                       SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")

    async def roster(proc):
        proc.stdin.write(b"roster\n")
        await proc.stdin.drain()
        counts = ""
        while True:
            line = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode().strip()
            if " joined, " in line:
                counts = line
            if line == "ok" or not line:
                return counts

    async def main():
        proc, info = await start_host(host_env, "--scenario", "jsa", "--port", "0", "--end-grace", "30")
        student = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "main.py"), "join", info["code"], "--address", "127.0.0.1", "--port", str(info["port"]),
            "--headless", "--frames", "100000", env=student_env, cwd=ROOT,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        try:
            end = time.monotonic() + 60
            while (await roster(proc)) != "1 joined, 0 finished":
                assert time.monotonic() < end, "the student never joined"
                await asyncio.sleep(0.3)
            assert await command(proc, "start") == "ok"
            await asyncio.sleep(1.0)
            assert await command(proc, "end") == "ok"
            while (await roster(proc)) != "1 joined, 1 finished":
                assert time.monotonic() < end, "the student's record never arrived"
                await asyncio.sleep(0.3)
            assert await command(proc, "export") == "ok"
        finally:
            for p in (student, proc):
                if p.returncode is None:
                    p.kill()
                    await p.wait()
        return info["folder"]

    folder = asyncio.run(main())
    rows = (folder / "results.csv").read_text().strip().splitlines()
    assert len(rows) == 2 and ",jsa,historical," in rows[1] and ",yes," in rows[1]
