"""The benchmark: what a player and a teacher feel, measured from outside.

    python -m game.bench [--quick] [--repeats N] [--cases fog:clear-night,sea] [--parts journeys,simulate]

Everything runs the real program: every scenario and preset is played from
the title screen, through the briefing and a whole journey (the automatic
player), to the end of its debrief, each in a child process of its own
(``--journey-child``), in a real window when a display is there (else SDL's
dummy driver). The `simulate` command is timed as a user runs it: a
subprocess, imports and map included. Times are medians of several runs,
never the best; a frame's work (events, update, draw) is reported apart from
its flip. Targets are printed beside the figures; timing lives here, not in
the tests, so a slow CI machine fails nothing.

The classroom host with 40 and 200 students (p95 progress update <= 50 ms,
game/classroom/bench.py) and, with ``--soak FRAMES``, the kiosk soak.

``--cases`` and ``--parts`` measure only some of it (to check one figure
without running the whole table); ``--parts simulate,100k`` is every
scenario and preset at 1,000, 10,000 and 100,000 runs (a few minutes). The game's bytecode is compiled first, as an
installed game has it (pip compiles it; Python writes it on a first run), so
that a setting such as PYTHONDONTWRITEBYTECODE does not make every child
process compile the sources again. The machine's load average is printed
with the table: single frames move with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FRAME_S = 1.0 / 60.0

TARGET_START_S = 1.5
TARGET_FIRST_FRAME_MS = 100.0
TARGET_DEBRIEF_FRAME_MS = 16.7
TARGET_READY_S = 1.0
TARGET_P95_MS = 8.0
TARGET_RSS_MB = 200.0
TARGET_SIM_S = {1_000: 1.0, 10_000: 3.0, 100_000: 30.0}
TARGET_SIM_100K_MB = 300.0


PARTS = ("start", "journeys", "thread", "simulate", "100k", "classroom")


def compile_bytecode() -> None:
    """The game's modules compiled to bytecode, as an installed game has them."""
    import compileall

    compileall.compile_dir(str(ROOT / "game"), quiet=2)


def _command() -> list[str]:
    main = ROOT / "main.py"
    return [sys.executable, str(main)] if main.exists() else [sys.executable, "-m", "game.cli"]


def _env(window: bool) -> dict[str, str]:
    env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1", SDL_AUDIODRIVER="dummy")
    if not window:
        env["SDL_VIDEODRIVER"] = "dummy"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
        and os.environ.get("SDL_VIDEODRIVER") != "dummy"


_last_cpu = [0.0]  # the last measured child's CPU seconds (user and system), from wait4


def _run_measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, the child's own peak RSS in MB from wait4, its output)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    # Read the output in a thread-free way: the outputs here are small.
    out = proc.stdout.read()
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    _last_cpu[0] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode(errors='replace')[-800:]}")
    return wall, usage.ru_maxrss / 1024, out.decode()


# ---------------------------------------------------------------- from outside


def start_time(repeats: int, window: bool) -> float:
    """Median seconds from launching the program to its first frame shown (and exit)."""
    cmd = _command() + ["play", "--frames", "1"] + ([] if window else ["--headless"])
    return statistics.median(_run_measured(cmd, _env(window))[0] for _ in range(repeats))


def simulate(sid: str, preset: str, runs: int, repeats: int) -> tuple[float, float, float]:
    """(median seconds, largest peak MB, median CPU seconds) of `crossings simulate` as a user runs it."""
    cmd = _command() + ["simulate", sid, "--preset", preset, "--runs", str(runs), "--seed", "1"]
    walls, peaks, cpus = [], [], []
    for _ in range(repeats):
        wall, peak, _out = _run_measured(cmd, _env(False))
        walls.append(wall)
        peaks.append(peak)
        cpus.append(_last_cpu[0])
    return statistics.median(walls), max(peaks), statistics.median(cpus)


def journey(sid: str, preset: str, window: bool, mode: str = "sliced", repeats: int = 1) -> dict:
    """Whole journeys in child processes (see :func:`journey_child`): each
    figure is the median of ``repeats`` journeys, the peak memory the largest."""
    cmd = [sys.executable, "-m", "game.bench", "--journey-child", sid, preset, "--replay-mode", mode]
    if window:
        cmd.append("--window")
    runs = []
    for _ in range(repeats):
        _wall, peak, out = _run_measured(cmd, _env(window))
        data = json.loads(out.strip().splitlines()[-1])
        data["peak_mb_outside"] = peak
        runs.append(data)
    merged = dict(runs[0])
    for key, value in runs[0].items():
        values = [r[key] for r in runs]
        if key.startswith("peak"):
            merged[key] = max(values)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and None not in values:
            merged[key] = statistics.median(values)
    return merged


# ---------------------------------------------------------------- inside the child


def _p95(ms: list[float]) -> float | None:
    """The 95th percentile, the first frames (caches filling) left out when there are enough."""
    ms = ms[5:] if len(ms) > 20 else ms
    return float(np.percentile(ms, 95)) if ms else None


def journey_child(sid: str, preset: str, window: bool, mode: str) -> dict:
    """Title -> briefing -> Begin -> the journey (the automatic player) -> the
    debrief until its replays are in and every page was shown. The play and the
    debrief are paced as a window is (60 frames a second); each frame's work
    (events, update, draw) and its flip are timed apart."""
    import pygame

    from .app import STEP, App, Options
    from .scenes import loading
    from .scenes.debrief import DebriefScene
    from .scenes.intro import start_scenario_by_id
    from .scenes.play_base import PlayBase

    # A window builds behind the loading card; so does the dummy driver here,
    # since it stands for a window (headless runs build at once, for tests).
    loading.at_once = lambda app: False
    app = App(Options(headless=not window, seed=1, autoplay=True))
    app.start()
    flips: list[float] = []
    cpu: list[float] = []  # each frame's work in CPU time of the window's thread: what the game asks of the machine

    def frame(update_dt: float = STEP, pace: bool = True, before=None) -> float:
        t = time.perf_counter()
        c = time.thread_time()
        if before is not None:
            before()
        for event in pygame.event.get():
            app.handle_event(event)
        app.update(update_dt)
        app.draw()
        work = (time.perf_counter() - t) * 1000
        cpu.append((time.thread_time() - c) * 1000)
        f = time.perf_counter()
        app.present()
        flips.append((time.perf_counter() - f) * 1000)
        if pace:
            left = FRAME_S - (time.perf_counter() - t)
            if left > 0:
                time.sleep(left)
        return work

    for _ in range(3):
        frame()
    start_scenario_by_id(app, sid, preset)
    intro = app.top
    frame()
    intro._to_briefing()
    for _ in range(3):
        frame()
    # Begin, and the frames until the play screen has drawn once.
    begin = time.perf_counter()
    at = len(cpu)
    loading_frames = [frame(before=intro.begin)]
    def play_scene():
        return next((s for s in app.scenes if isinstance(s, PlayBase)), None)

    while play_scene() is None:  # (its own set-up page may then sit on top of it)
        loading_frames.append(frame())
        if time.perf_counter() - begin > 60:
            raise RuntimeError("the journey did not start")
    play = play_scene()
    loading_cpu = cpu[at:]
    first_play = frame()
    ready_after_begin = (time.perf_counter() - begin) * 1000
    while app.top is not play and time.perf_counter() - begin < 60:  # a set-up page (the automatic player chooses)
        frame()
    def going() -> bool:
        return app.top is play and play.end_timer is None

    # The journey at 1x, then at the fastest speed the screen offers (a
    # journey may end sooner: the clear day's first step can be its last).
    play_1x = [frame() for _ in range(240) if going()]
    speeds = getattr(play, "SPEEDS", (1.0,))
    if going() and hasattr(play, "_set_speed"):
        play._set_speed(len(speeds) - 1)
    elif going() and hasattr(play, "speed_i"):
        play.speed_i = int(np.argmax(speeds))
    at = len(cpu)
    play_fast = [frame() for _ in range(240) if going()]
    play_fast_cpu = cpu[at:]
    # The rest of the journey, quickly (a long journey at 60 frames a second would take minutes).
    guard = 0
    while going() and guard < 50_000:
        frame(update_dt=0.5, pace=False)
        guard += 1
    opened = time.perf_counter()
    tap_frame = None
    if app.top is play:  # the frame of the player's tap on the ending: the debrief is built in it
        tap_frame = frame(before=play.to_debrief)
    debrief_frames: list[float] = []
    debrief = app.top
    assert isinstance(debrief, DebriefScene)
    if mode == "thread":  # the old way, for comparison: a free-running thread
        debrief.job.sliced = False
        debrief.job.release()
    ready_s, complete_s = None, None
    arrivals: list[int] = []  # results in after each frame (to see what a long frame was doing)
    while time.perf_counter() - opened < 120:
        debrief_frames.append(frame())
        arrivals.append(len(debrief.results))
        now = time.perf_counter() - opened
        if ready_s is None and debrief.ready:
            ready_s = now
        if debrief.complete:
            complete_s = now
            break
    for page in range(5):  # to the end of the debrief: every page drawn
        debrief.show(page)
        for _ in range(3):
            frame()
    return {
        "scenario": sid,
        "preset": preset,
        "window": window,
        "mode": mode,
        "first_frame_ms": loading_frames[0],
        "first_frame_cpu_ms": loading_cpu[0],
        "longest_loading_frame_ms": max(loading_frames),
        "longest_loading_frame_cpu_ms": max(loading_cpu),
        "play_ready_ms": ready_after_begin,
        "first_play_frame_ms": first_play,
        "play_frames": len(play_1x) + len(play_fast),
        "play_1x_p95_ms": _p95(play_1x),
        "play_fast_p95_ms": _p95(play_fast),
        "play_fast_p95_cpu_ms": _p95(play_fast_cpu),
        "debrief_open_ms": tap_frame,
        "debrief_frames": len(debrief_frames),
        "debrief_max_ms": max(debrief_frames),
        "debrief_p95_ms": float(np.percentile(debrief_frames, 95)),
        "debrief_over_16_7": int(sum(1 for w in debrief_frames if w > TARGET_DEBRIEF_FRAME_MS)),
        "replays_ready_s": ready_s,
        "replays_complete_s": complete_s,
        "flip_p50_ms": float(np.percentile(flips, 50)),
        "flip_p95_ms": float(np.percentile(flips, 95)),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "loading_frames_ms": [round(w, 2) for w in loading_frames],
        "debrief_frames_ms": [(round(w, 2), k) for w, k in zip(debrief_frames, arrivals)],
    }


# ---------------------------------------------------------------- a reference


def per_traveller_loop(model, n: int, seed: int, trace=None):
    """n single-traveller runs in a loop, traveller i with seed+i: what the
    vectorised runner must agree with (tests/test_montecarlo.py)."""
    from .sim.montecarlo import MonteCarloResult, _result, check_trace
    from .sim.runner import Simulation, automatic, replaying, run_to_end

    if n < 1:
        raise ValueError(f"need at least one traveller, got n={n}")
    if trace is not None:
        check_trace(model, trace)
    results = []
    for i in range(n):
        sim = Simulation(model, 1, seed + i)
        run_to_end(sim, replaying(model, trace) if trace is not None else automatic(model))
        results.append(_result(sim))
    first = results[0]
    return MonteCarloResult(
        outcomes=first.outcomes, n=n, seed=seed, steps=max(r.steps for r in results), step_hours=first.step_hours,
        codes=np.concatenate([r.codes for r in results]), hours=np.concatenate([r.hours for r in results]),
        end_x=np.concatenate([r.end_x for r in results]), end_y=np.concatenate([r.end_y for r in results]),
    )


# ---------------------------------------------------------------- the table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.bench")
    parser.add_argument("--quick", action="store_true", help="default presets only; no 10,000 and 100,000 runs")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timing (the median is shown)")
    parser.add_argument("--journey-child", nargs=2, metavar=("SCENARIO", "PRESET"), help=argparse.SUPPRESS)
    parser.add_argument("--replay-mode", default="sliced", choices=("sliced", "thread"), help=argparse.SUPPRESS)
    parser.add_argument("--window", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--soak", type=int, metavar="FRAMES", help="run the kiosk soak for FRAMES frames instead (a seeded monkey)")
    parser.add_argument("--seed", type=int, default=1, help="the soak's seed")
    parser.add_argument("--cases", help="only these scenarios or scenario:preset, comma-separated (e.g. fog:clear-night,sea)")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"only these parts, comma-separated (of {', '.join(PARTS)})")
    args = parser.parse_args(argv)
    if args.soak:
        from .kiosk.soak import soak

        result = soak(args.soak, args.seed, progress=lambda line: print(line, file=sys.stderr, flush=True), progress_every=50_000)
        for line in result.lines():
            print(line)
        for exc in result.exceptions[:3]:
            print(exc)
        return 1 if result.exceptions or not result.attract_returns else 0

    if args.journey_child:
        if not args.window:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        print(json.dumps(journey_child(*args.journey_child, args.window, args.replay_mode)))
        return 0

    from .levels import load_all

    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"--parts: unknown {', '.join(sorted(unknown))} (known: {', '.join(PARTS)})")
    compile_bytecode()
    window = has_display()
    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, value: float | None, unit: str, target: float | None, fmt: str = "{:.2f}") -> None:
        if value is None:
            rows.append((name, "not reached", "" if target is None else f"<= {target:g} {unit}", "OVER"))
            return
        ok = "" if target is None else ("ok" if value <= target else "OVER")
        rows.append((name, f"{fmt.format(value)} {unit}", "" if target is None else f"<= {target:g} {unit}", ok))

    loads: list[float] = []

    def note(text: str) -> None:
        loads.append(os.getloadavg()[0])  # before each piece: the table says what the machine was doing
        print(text, file=sys.stderr, flush=True)

    where = "a real window" if window else "SDL's dummy driver"
    rows.append((f"(frames in {where}; every figure the median of {args.repeats} runs, memory the largest)", "", "", ""))
    loads.append(os.getloadavg()[0])
    if "start" in parts:
        row("start to first frame", start_time(max(3, args.repeats), window), "s", TARGET_START_S)
    scenarios = load_all()
    cases = [(sc.id, p) for sc in scenarios for p in (sc.presets if not args.quick else [sc.default_preset])]
    if args.cases:
        wanted = [c.strip().split(":", 1) for c in args.cases.split(",") if c.strip()]
        known = {sid for sid, _p in cases}
        for w in wanted:
            if w[0] not in known or (len(w) == 2 and (w[0], w[1]) not in cases):
                parser.error(f"--cases: no scenario or preset '{':'.join(w)}'")
        cases = [(sid, p) for sid, p in cases if any(w[0] == sid and (len(w) == 1 or w[1] == p) for w in wanted)]
        scenarios = [sc for sc in scenarios if any(sid == sc.id for sid, _p in cases)]

    peak = 0.0
    for sid, preset in (cases if "journeys" in parts else []):
        note(f"journey {sid} {preset}")
        j = journey(sid, preset, window, repeats=args.repeats)
        name = f"{sid} {preset}"
        row(f"{name}: first frame after Begin (work)", j["first_frame_ms"], "ms", TARGET_FIRST_FRAME_MS)
        row(f"{name}: first frame after Begin, CPU of the window's thread", j["first_frame_cpu_ms"], "ms", None)
        row(f"{name}: longest frame until the journey shows", j["longest_loading_frame_ms"], "ms", TARGET_FIRST_FRAME_MS)
        row(f"{name}: longest frame until the journey shows, CPU", j["longest_loading_frame_cpu_ms"], "ms", None)
        row(f"{name}: Begin to the journey's first frame", j["play_ready_ms"], "ms", None)
        row(f"{name}: play frame p95 at 1x ({j['play_frames']} frames in all)", j["play_1x_p95_ms"], "ms", TARGET_P95_MS)
        if j["play_fast_p95_ms"] is not None:  # else the journey ended before
            row(f"{name}: play frame p95 at the fastest speed", j["play_fast_p95_ms"], "ms", TARGET_P95_MS)
            row(f"{name}: play frame p95 at the fastest speed, CPU", j["play_fast_p95_cpu_ms"], "ms", None)
        if j["debrief_open_ms"] is not None:
            row(f"{name}: the frame that opens the debrief (the tap)", j["debrief_open_ms"], "ms", None)
        row(f"{name}: debrief's longest frame while replays run", j["debrief_max_ms"], "ms", TARGET_DEBRIEF_FRAME_MS)
        rows.append((f"{name}: debrief frames over 16.7 ms of work", f"{j['debrief_over_16_7']:g} of {j['debrief_frames']:g}", "0", "ok" if j["debrief_over_16_7"] == 0 else "OVER"))
        row(f"{name}: replays ready after the debrief opens", j["replays_ready_s"], "s", TARGET_READY_S)
        row(f"{name}: replays and what-if complete", j["replays_complete_s"], "s", None)
        row(f"{name}: flip p95 (apart from the work)", j["flip_p95_ms"], "ms", None)
        row(f"{name}: peak memory, title to end of debrief", j["peak_mb_outside"], "MB", TARGET_RSS_MB)
        peak = max(peak, j["peak_mb_outside"])
    if "journeys" in parts:
        row("peak memory, title to end of debrief, worst journey", peak, "MB", TARGET_RSS_MB)
        loads.append(os.getloadavg()[0])
    for sc in (scenarios if "thread" in parts else []):  # the old way, for comparison: a free-running thread
        note(f"journey {sc.id} (thread)")
        j = journey(sc.id, sc.default_preset, window, mode="thread", repeats=args.repeats)
        rows.append((f"{sc.id} {sc.default_preset}: debrief with a free-running thread instead: frames over 16.7 ms",
                     f"{j['debrief_over_16_7']:g} of {j['debrief_frames']:g}, longest {j['debrief_max_ms']:.1f} ms, "
                     f"ready {j['replays_ready_s']:.2f} s", "", ""))

    sizes = [1_000] if args.quick else [1_000, 10_000]
    for sid, preset in (cases if "simulate" in parts else []):
        for runs in sizes:
            note(f"simulate {sid} {preset} {runs}")
            wall, _mb, cpu = simulate(sid, preset, runs, args.repeats)
            row(f"simulate {sid} --preset {preset} --runs {runs:,} (whole command)", wall, "s", TARGET_SIM_S[runs])
            row(f"simulate {sid} --preset {preset} --runs {runs:,}, CPU (user and system)", cpu, "s", None)
    if not args.quick and "100k" in parts:
        for sid, preset in cases:  # every scenario and preset, as the 1,000 and 10,000
            note(f"simulate {sid} {preset} 100000")
            wall, mb, cpu = simulate(sid, preset, 100_000, 1)
            row(f"simulate {sid} --preset {preset} --runs 100,000 (whole command, one run)", wall, "s", TARGET_SIM_S[100_000])
            row(f"simulate {sid} --preset {preset} --runs 100,000, CPU (user and system)", cpu, "s", None)
            row(f"simulate {sid} --preset {preset} --runs 100,000 peak memory", mb, "MB", TARGET_SIM_100K_MB)
    # The classroom: a real host process, 40 and 200 students on the loopback.
    if "classroom" in parts:
        from .classroom.bench import rows as classroom_rows

        note("classroom host")
        for name, value, unit, target in classroom_rows((40, 200)):
            row(name, value, unit, target)
    loads.append(os.getloadavg()[0])
    rows.append((f"(the machine's load average, 1 minute, during the run: {min(loads):.1f} to {max(loads):.1f} "
                 f"on {os.cpu_count()} cores)", "", "", ""))

    header = ("measure", "value", "target", "")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]
    for r in [header] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
