"""The benchmark: start-up, frame times, memory, and the Monte Carlo runner.

    python -m game.bench [--frames N] [--quick]

Runs on SDL's dummy driver at 1280x720 and prints a table with the targets:
start <= 1.5 s to the first frame, p95 frame (update + draw) <= 8 ms,
peak RSS <= 200 MB, 1,000 replays <= 2 s and 10,000 <= 20 s on one core;
the classroom host with 40 and 200 students: p95 progress update <= 50 ms
(game/classroom/bench.py). Timing lives here, not in the tests, so a slow CI machine fails nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402

from .sim.model import RiskModel  # noqa: E402
from .journey import world_for  # noqa: E402
from .sim.montecarlo import MonteCarloResult, _result, check_trace, run_many  # noqa: E402
from .sim.runner import ChoiceTrace, Simulation, automatic, replaying, run_to_end  # noqa: E402

TARGET_START_S = 1.5
TARGET_P95_MS = 8.0
TARGET_RSS_MB = 200.0
TARGET_1K_S = 2.0
TARGET_10K_S = 20.0


def start_time(repeats: int = 3) -> float:
    """Seconds from launching the program to its first frame shown (and exit)."""
    main = Path(__file__).resolve().parent.parent / "main.py"
    cmd = [sys.executable, "-m", "game.cli"] if not main.exists() else [sys.executable, str(main)]
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(cmd + ["play", "--headless", "--frames", "1"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - t)
    return best


def game_peak_rss_mb(scenario_ids: list[str], frames: int = 2400) -> float:
    """Peak memory (RSS) of the game itself: a child process that plays each
    scenario with the automatic player, headless, into its debrief."""
    main = Path(__file__).resolve().parent.parent / "main.py"
    cmd = [sys.executable, str(main)] if main.exists() else [sys.executable, "-m", "game.cli"]
    for sid in scenario_ids:
        subprocess.run(cmd + ["play", "--scenario", sid, "--autoplay", "--headless", "--seed", "1", "--frames", str(frames)], check=True, capture_output=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def frame_times(scene_factory, frames: int) -> np.ndarray:
    """Milliseconds of update + draw for each frame of a scene."""
    import pygame

    from .app import STEP
    from .scenes.title import TitleScene  # noqa: F401

    app, scene = scene_factory()
    times = []
    for _ in range(frames):
        t = time.perf_counter()
        for event in pygame.event.get():
            app.handle_event(event)
        app.update(STEP)
        app.draw()
        times.append((time.perf_counter() - t) * 1000)
        app.present()
    return np.array(times[5:])  # the first frames build caches


def _app():
    from .app import App, Options

    app = App(Options(headless=True, seed=1, autoplay=True))
    app.start()
    return app


def _title():
    app = _app()
    return app, app.top


def _scenario(sid: str):
    def make():
        from .levels import load_by_id
        from .scenes.intro import play_scene_class

        app = _app()
        sc = load_by_id(sid)
        scene = play_scene_class(sc)(app, sc, sc.default_preset, 1)
        app.push(scene)
        return app, scene

    return make


# ---------------------------------------------------------------- the Monte Carlo runner


def _concat(results: list[MonteCarloResult], seed: int) -> MonteCarloResult:
    first = results[0]
    return MonteCarloResult(
        outcomes=first.outcomes,
        n=sum(r.n for r in results),
        seed=seed,
        steps=max(r.steps for r in results),
        step_hours=first.step_hours,
        codes=np.concatenate([r.codes for r in results]),
        hours=np.concatenate([r.hours for r in results]),
        end_x=np.concatenate([r.end_x for r in results]),
        end_y=np.concatenate([r.end_y for r in results]),
    )


def per_traveller_loop(
    model: RiskModel,
    n: int,
    seed: int,
    trace: ChoiceTrace | None = None,
) -> MonteCarloResult:
    """The slow way, for the benchmark: n single-traveller runs in a loop.

    Traveller i uses seed+i. One model instance serves all runs (state lives
    in State), so the timing compares stepping, not model set-up.
    """
    if n < 1:
        raise ValueError(f"need at least one traveller, got n={n}")
    if trace is not None:
        check_trace(model, trace)
    results = []
    for i in range(n):
        sim = Simulation(model, 1, seed + i)
        run_to_end(sim, replaying(model, trace) if trace is not None else automatic(model))
        results.append(_result(sim))
    return _concat(results, seed)


def _model(scenario_id: str, root: Path | None) -> RiskModel:
    """The scenario's model with its default values (set-up left out of the timings)."""
    from .levels import load_by_id, model_for

    scenario = load_by_id(scenario_id, root)
    return model_for(scenario, scenario.values(), world_for(scenario))


def time_runs(scenario_id: str, runs: int, seed: int, root: Path | None = None) -> float:
    """Seconds for one vectorised run of ``runs`` automatic travellers.

    Loading the scenario and map is left out: the benchmark measures the model.
    """
    model = _model(scenario_id, root)
    start = time.perf_counter()
    run_many(model, runs, seed)
    return time.perf_counter() - start


def speedup(scenario_id: str, n: int, seed: int = 1, root: Path | None = None) -> tuple[float, float]:
    """(vectorised seconds, per-traveller loop seconds) for n travellers."""
    model = _model(scenario_id, root)
    start = time.perf_counter()
    run_many(model, n, seed)
    vectorised = time.perf_counter() - start
    start = time.perf_counter()
    per_traveller_loop(model, n, seed)
    return vectorised, time.perf_counter() - start


def early_death_replays(runs: int = 1000) -> float:
    """Seconds for the debrief's replays after the fog's player walked straight
    south and died in the first minutes: the others carry on with the
    automatic player (they used to stand at a fence until the timeout)."""
    from .journey import Journey, JourneySpec, replay, setup_for
    from .sim.dmzgrid import WALK

    spec = JourneySpec("fog", "historical", {}, 5)
    setup = setup_for(spec)
    sim = Simulation(setup.model(), 1, spec.seed)
    while not sim.finished:
        sim.step({"dx": 0.0, "dy": 1.0, "pace": WALK, "climb": True})
    journey = Journey.from_simulation(sim, spec)
    start = time.perf_counter()
    replay(journey, runs, setup=setup)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.bench")
    parser.add_argument("--frames", type=int, default=400)
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-run and per-traveller timings")
    parser.add_argument("--soak", type=int, metavar="FRAMES", help="run the kiosk soak for FRAMES frames instead (a seeded monkey)")
    parser.add_argument("--seed", type=int, default=1, help="the soak's seed")
    args = parser.parse_args(argv)
    if args.soak:
        from .kiosk.soak import soak

        result = soak(args.soak, args.seed)
        for line in result.lines():
            print(line)
        for exc in result.exceptions[:3]:
            print(exc)
        return 1 if result.exceptions or not result.attract_returns else 0

    from .levels import load_all

    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, value: float, unit: str, target: float | None) -> None:
        ok = "" if target is None else ("ok" if value <= target else "OVER")
        rows.append((name, f"{value:.2f} {unit}", "" if target is None else f"<= {target:g} {unit}", ok))

    row("start to first frame", start_time(), "s", TARGET_START_S)
    row("peak memory of the game (RSS, each journey played)", game_peak_rss_mb([sc.id for sc in load_all()]), "MB", TARGET_RSS_MB)
    scenes = [("title screen", _title)] + [(f"play: {sc.id}", _scenario(sc.id)) for sc in load_all()]
    for name, factory in scenes:
        ms = frame_times(factory, args.frames)
        row(f"{name} frame p50", float(np.percentile(ms, 50)), "ms", None)
        row(f"{name} frame p95", float(np.percentile(ms, 95)), "ms", TARGET_P95_MS)
        row(f"{name} frame p99", float(np.percentile(ms, 99)), "ms", None)
    for sc in load_all():
        row(f"{sc.id}: 1,000 replays", time_runs(sc.id, 1000, 1), "s", TARGET_1K_S)
        if not args.quick:
            row(f"{sc.id}: 10,000 replays", time_runs(sc.id, 10000, 1), "s", TARGET_10K_S)
            vec, loop = speedup(sc.id, 200)
            rows.append((f"{sc.id}: vectorised vs per-traveller loop (200)", f"{loop / vec:.0f}x faster", f"{vec:.3f} s vs {loop:.2f} s", ""))
    row("fog: 1,000 replays after an early death (3 min in)", early_death_replays(), "s", TARGET_1K_S)
    # The classroom: a real host process, 40 and 200 students on the loopback.
    from .classroom.bench import rows as classroom_rows

    for name, value, unit, target in classroom_rows((40, 200)):
        row(name, value, unit, target)
    # The benchmark itself holds every scene and 10,000-traveller runs at once.
    row("peak memory of this benchmark", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB", None)

    widths = [max(len(r[i]) for r in rows + [("measure", "value", "target", "")]) for i in range(4)]
    header = ("measure", "value", "target", "")
    for r in [header] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
