"""The classroom's benchmark: a real host process and N students on the loopback.

    python -m game.classroom.bench [--students 40 200] [--seconds 5]

(``python -m game.bench`` runs it too.) The host runs as ``crossings host
--console`` in its own process, so its CPU time and memory are its own. Each
student sends a progress update once a second, as the game does, followed by
a ping; the latency of an update is the time until the host's answer to that
ping comes back (the host handles a connection's messages in order, so the
update has been applied by then). At the end every student sends its journey
record. Target: p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

TARGET_P95_MS = 50.0


def _proc_stats(pid: int) -> tuple[float, float, float]:
    """(CPU seconds, current RSS MB, peak RSS MB) of a running process (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        rss = int(status["VmRSS"].split()[0]) / 1024
        peak = int(status.get("VmHWM", status["VmRSS"]).split()[0]) / 1024
        return cpu, rss, peak
    except (OSError, KeyError, IndexError, ValueError):
        return float("nan"), float("nan"), float("nan")


async def _run(students: int, seconds: float) -> dict[str, float]:
    import numpy as np

    from .client import Connection, ws_url
    from .records import autoplay_journey

    data = tempfile.mkdtemp(prefix="crossings-bench-")
    main = Path(__file__).resolve().parents[2] / "main.py"
    cmd = [sys.executable, str(main)] if main.exists() else [sys.executable, "-m", "game.cli"]
    env = dict(os.environ, CROSSINGS_DATA_DIR=data)
    proc = await asyncio.create_subprocess_exec(
        *cmd, "host", "--console", "--address", "127.0.0.1", "--port", "0", "--no-broadcast",
        "--max-students", str(students), "--group", "sea:fishing-2017", "--group", "sea:defector-summer",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL, env=env)
    port = code = None
    try:
        while port is None or code is None:
            line = (await asyncio.wait_for(proc.stdout.readline(), 60)).decode()
            if not line:
                raise RuntimeError("the host did not start")
            if line.startswith("PORT "):
                port = int(line.split()[1])
            elif line.startswith("JOIN CODE "):
                code = line.split()[2]
        idle_cpu, _rss, _peak = _proc_stats(proc.pid)
        conns = [Connection(ws_url("127.0.0.1", port), code) for _ in range(students)]
        tasks = [asyncio.create_task(c.run()) for c in conns]
        end = time.monotonic() + 60
        while not all(c.status == "connected" for c in conns):
            if time.monotonic() > end:
                raise RuntimeError("not every student could join")
            await asyncio.sleep(0.05)
        proc.stdin.write(b"start\n")
        await proc.stdin.drain()
        while not all(c.state == "playing" for c in conns):
            await asyncio.sleep(0.02)
        latencies: list[float] = []
        cpu0 = _proc_stats(proc.pid)[0]
        t0 = time.monotonic()

        async def student(c: Connection, offset: float) -> None:
            await asyncio.sleep(offset)  # spread over the second, as real machines are
            step = 0
            while time.monotonic() - t0 < seconds:
                tick = time.monotonic()
                await c.send_progress("playing", step, step * 0.5, tick - t0)
                latencies.append(await c.ping(10.0))
                step += 1
                await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))

        await asyncio.gather(*(student(c, i / students) for i, c in enumerate(conns)))
        cpu1 = _proc_stats(proc.pid)[0]
        elapsed = time.monotonic() - t0
        for c in conns:
            await c.send_result(autoplay_journey(c.welcome.spec))
        while any(c.pending for c in conns):
            await asyncio.sleep(0.05)
        _cpu, rss, peak = _proc_stats(proc.pid)
        for c in conns:
            c.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        ms = np.array(latencies) * 1000
        return {
            "students": students,
            "updates": len(latencies),
            "p50_ms": float(np.percentile(ms, 50)),
            "p95_ms": float(np.percentile(ms, 95)),
            "host_cpu_pct": 100 * (cpu1 - cpu0) / elapsed,
            "host_start_cpu_s": idle_cpu,
            "host_rss_mb": rss,
            "host_peak_rss_mb": peak,
        }
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


def host_load(students: int, seconds: float = 5.0) -> dict[str, float]:
    return asyncio.run(_run(students, seconds))


def rows(counts=(40, 200), seconds: float = 5.0) -> list[tuple[str, float, str, float | None]]:
    out = []
    for n in counts:
        r = host_load(n, seconds)
        out.append((f"classroom host, {n} students: progress update p50", r["p50_ms"], "ms", None))
        out.append((f"classroom host, {n} students: progress update p95", r["p95_ms"], "ms", TARGET_P95_MS))
        out.append((f"classroom host, {n} students: host CPU (one core)", r["host_cpu_pct"], "%", None))
        out.append((f"classroom host, {n} students: host peak memory (RSS)", r["host_peak_rss_mb"], "MB", None))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.classroom.bench")
    parser.add_argument("--students", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    for name, value, unit, target in rows(args.students, args.seconds):
        verdict = "" if target is None else ("ok" if value <= target else "OVER")
        print(f"{name:<62} {value:8.2f} {unit:<3} {'' if target is None else f'<= {target:g} {unit}':<10} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
