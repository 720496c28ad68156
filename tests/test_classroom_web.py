"""The read-only class page in a real browser (headless Chromium)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request

import pytest

from classhelp import SPLIT, connect, play_journey, stop_all, until
from game.classroom.server import Host, HostThread, new_session

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _host_with_students(tmp_path, n=6, finished=3):
    store = new_session(list(SPLIT), tmp_path, seed_base=5)
    thread = HostThread(Host(store, "127.0.0.1", 0))
    thread.start()
    host = thread.host

    async def students():
        pairs = [connect(host) for _ in range(n)]
        await until(lambda: all(c.status == "connected" for c, _t in pairs))
        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(host.start_journeys(thread.token), thread.loop))
        await asyncio.gather(*(play_journey(c) for c, _t in pairs[:finished]))
        await until(lambda: all(not c.pending for c, _t in pairs[:finished]))
        names = [c.nickname for c, _t in pairs]
        await stop_all(pairs)
        return names

    return thread, asyncio.run(students())


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_the_page_needs_the_code_and_hides_outcomes_until_revealed(tmp_path):
    thread, names = _host_with_students(tmp_path)
    host = thread.host
    try:
        status, body = _get(f"http://127.0.0.1:{host.port}/")
        assert status == 200 and "<form" in body and names[0] not in body
        status, body = _get(f"http://127.0.0.1:{host.port}/?code=AAAAAA")
        assert status == 403 and names[0] not in body
        status, body = _get(f"http://127.0.0.1:{host.port}/?code={host.code.lower()}")
        assert status == 200 and all(n in body for n in names)
        assert "finished (hidden)" in body and "landed" not in body.lower()
        thread.call(host.reveal, True)
        status, body = _get(f"http://127.0.0.1:{host.port}/?code={host.code}")
        assert "finished (hidden)" not in body and body.count("<svg") == 2
    finally:
        thread.stop()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium; .ci/run does)")
def test_headless_chromium_shows_the_roster_and_the_chart(tmp_path):
    thread, names = _host_with_students(tmp_path)
    host = thread.host
    try:
        thread.call(host.reveal, True)
        url = f"http://127.0.0.1:{host.port}/?code={host.code}"
        profile = tempfile.mkdtemp(prefix="crossings-chromium-")
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
               "--virtual-time-budget=3000"]
        dom = subprocess.run(cmd + ["--dump-dom", url], capture_output=True, text=True, timeout=60).stdout
        shot = tmp_path / "page.png"
        subprocess.run(cmd + ["--window-size=1200,1400", f"--screenshot={shot}", url], capture_output=True, timeout=60)
    finally:
        thread.stop()
    assert all(n in dom for n in names), dom[:500]
    assert dom.count("<svg") == 2 and "<rect" in dom
    assert "6 joined" in dom
    assert shot.stat().st_size > 10_000  # something was drawn
