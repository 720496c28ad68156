"""The kiosk soak: a seeded monkey taps, drags, waits and walks away, through
the real kiosk on SDL's dummy driver, for as many frames as asked.

It reports exceptions (there must be none), how often the attract loop was
reached again (it must be, every so often: never stuck on a screen), and the
growth of resident memory per 100,000 frames (the goal: under 5 MB).
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class SoakResult:
    frames: int
    seconds: float
    exceptions: list[str] = field(default_factory=list)
    attract_returns: int = 0
    longest_away_frames: int = 0
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    screens: dict[str, int] = field(default_factory=dict)
    rss_samples: list[tuple[int, float]] = field(default_factory=list)
    frames_measured: int = 0

    @property
    def growth_per_100k_mb(self) -> float:
        # The two thirds' middles sit two thirds of the measured span apart.
        span = max(1, int(self.frames_measured * 2 / 3))
        return (self.rss_end_mb - self.rss_start_mb) * 100_000 / span

    def lines(self) -> list[str]:
        return [
            f"soak: {self.frames:,} frames in {self.seconds:.0f} s ({self.frames / max(self.seconds, 1e-9):.0f} frames/s)",
            f"exceptions: {len(self.exceptions)}",
            f"attract loop reached again: {self.attract_returns} times; longest away: {self.longest_away_frames:,} frames ({self.longest_away_frames / 3600:.1f} min of game time)",
            f"resident memory between visitors (the lowest sample of the first and of the last third): {self.rss_start_mb:.1f} MB, then {self.rss_end_mb:.1f} MB: {self.growth_per_100k_mb:+.2f} MB per 100,000 frames",
            "resident memory along the way (frame: MB): " + ", ".join(f"{n:,}: {mb:.0f}" for n, mb in self.rss_samples[:: max(1, len(self.rss_samples) // 10)]),
            "screens seen (frames): " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.screens.items(), key=lambda kv: -kv[1])),
        ]


def _floors(result: SoakResult, frames: int) -> None:
    """A journey on screen holds its maps and runs (100-200 MB more, given back
    after it); what must stay flat is the floor between visitors: the lowest
    sample of the first third against the lowest of the last third."""
    mbs = [mb for _n, mb in result.rss_samples] or [rss_mb()]
    third = max(1, len(mbs) // 3)
    result.rss_start_mb = min(mbs[:third])
    result.rss_end_mb = min(mbs[-third:])
    result.frames_measured = (result.rss_samples[-1][0] - result.rss_samples[0][0]) if len(result.rss_samples) > 1 else frames


def soak(frames: int, seed: int = 1, idle_seconds: float = 30.0, on_return=None, progress=None,
         progress_every: int = 100_000) -> SoakResult:
    """``on_return(app, n)`` is called each time the attract loop is reached again
    (to look at memory between visitors); ``progress(line)`` every
    ``progress_every`` frames with the figures so far (a long run that is cut
    short still tells what it saw)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("CROSSINGS_CONFIG_DIR", tempfile.mkdtemp(prefix="crossings-soak-config-"))
    import pygame

    from ..app import App, Options
    from .config import KioskConfig
    from .mode import KioskMode
    from .scenes import AttractScene

    rng = random.Random(seed)
    db = Path(tempfile.mkdtemp(prefix="crossings-soak-")) / "kiosk.sqlite3"
    mode = KioskMode(config=KioskConfig(idle_seconds=idle_seconds, still_there_seconds=10), counts_path=db, watchdog_env={})
    app = App(Options(headless=True), mode=mode)
    app.start()
    result = SoakResult(frames=frames, seconds=0.0)
    t0 = time.perf_counter()
    away = 0
    was_home = True
    quiet = 0  # frames left of a visitor standing still (or gone)
    pos = (640, 360)
    warm = min(frames // 10, 20_000)
    every = max(1, min(500, frames // 40))
    for n in range(frames):
        if n % every == 0 and n >= warm:
            result.rss_samples.append((n, rss_mb()))
        if progress is not None and n and n % progress_every == 0 and len(result.rss_samples) > 2:
            _floors(result, n)
            result.seconds = time.perf_counter() - t0
            progress(f"after {n:,} frames ({result.seconds:.0f} s): {len(result.exceptions)} exceptions, attract loop reached again "
                     f"{result.attract_returns} times, floor {result.rss_start_mb:.1f} -> {result.rss_end_mb:.1f} MB: "
                     f"{result.growth_per_100k_mb:+.2f} MB per 100,000 frames")
        try:
            if quiet > 0:
                quiet -= 1
            else:
                r = rng.random()
                if r < 0.0015:
                    quiet = rng.randint(60 * 45, 60 * 120)  # walks away: the idle reset must come
                elif r < 0.02:
                    quiet = rng.randint(30, 600)  # reads a while
                elif r < 0.10:
                    pos = (rng.randint(0, 1279), rng.randint(0, 719))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
                elif r < 0.12:  # a drag
                    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
                    for _ in range(5):
                        pos = (min(1279, max(0, pos[0] + rng.randint(-80, 80))), min(719, max(0, pos[1] + rng.randint(-80, 80))))
                        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0), touch=False))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
                elif r < 0.13:  # Enter on what has the focus (a visitor going on), keys a visitor should not have
                    k = rng.choice([pygame.K_RETURN] * 6 + [pygame.K_ESCAPE, pygame.K_F11, pygame.K_p, pygame.K_TAB])
                    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
                    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
                elif r < 0.1302:
                    pygame.event.post(pygame.event.Event(pygame.QUIT))
            for event in pygame.event.get():
                app.handle_event(event)
            app.update(1 / 60)
            app.draw()
        except Exception:  # noqa: BLE001 - the soak's job is to count them
            result.exceptions.append(traceback.format_exc())
            if len(result.exceptions) > 20:
                break
            app.reset_to_root()
        if not app.running:
            result.exceptions.append(f"the kiosk stopped at frame {n}")
            break
        top = app.top
        name = type(top).__name__
        result.screens[name] = result.screens.get(name, 0) + 1
        home = isinstance(top, AttractScene)
        if home and not was_home:
            result.attract_returns += 1
            if on_return is not None:
                on_return(app, n)
        away = 0 if home else away + 1
        result.longest_away_frames = max(result.longest_away_frames, away)
        was_home = home

    _floors(result, frames)
    result.seconds = time.perf_counter() - t0
    mode.visitor.stop(app)
    return result
