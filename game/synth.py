"""Quiet ambient sound, made by the project with numpy (no recordings).

Each function returns mono float32 samples in -1..1 that loop without a
click. Deterministic: the same seed gives the same sound. No pygame.
"""

from __future__ import annotations

import numpy as np

RATE = 22050


def _loopable(x: np.ndarray, fade: int) -> np.ndarray:
    """Cross-fade the end into the start so the loop has no seam."""
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
    head = x[:fade].copy()
    x[:fade] = head * ramp + x[-fade:] * (1 - ramp)
    return x[:-fade]


def _normalise(x: np.ndarray, peak: float) -> np.ndarray:
    m = float(np.max(np.abs(x))) or 1.0
    return (x / m * peak).astype(np.float32)


def wind(seconds: float = 8.0, seed: int = 0, gust_hz: float = 0.15, peak: float = 0.5) -> np.ndarray:
    """Low, gusting wind: low-passed noise whose loudness swells slowly."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = rng.standard_normal(n + RATE).astype(np.float32)
    # A one-pole low-pass via an exponential kernel, done with FFT for speed.
    spectrum = np.fft.rfft(noise)
    freqs = np.fft.rfftfreq(noise.size, 1 / RATE)
    spectrum *= 1.0 / (1.0 + (freqs / 400.0) ** 2)
    low = np.fft.irfft(spectrum, noise.size)[: n + RATE // 2]
    t = np.arange(low.size) / RATE
    swell = 0.55 + 0.45 * np.sin(2 * np.pi * gust_hz * t + rng.uniform(0, 6.3)) * np.sin(2 * np.pi * gust_hz * 0.37 * t + 1.0)
    return _normalise(_loopable(low * swell, RATE // 2), peak)


def waves(seconds: float = 10.0, seed: int = 0, period_s: float = 5.0, peak: float = 0.5) -> np.ndarray:
    """Sea against a hull: band-passed noise rising and falling with each wave."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = rng.standard_normal(n + RATE).astype(np.float32)
    spectrum = np.fft.rfft(noise)
    freqs = np.fft.rfftfreq(noise.size, 1 / RATE)
    spectrum *= np.exp(-(((freqs - 500.0) / 600.0) ** 2))
    band = np.fft.irfft(spectrum, noise.size)[: n + RATE // 2]
    t = np.arange(band.size) / RATE
    surge = np.clip(np.sin(2 * np.pi * t / period_s), 0, None) ** 2 + 0.15
    return _normalise(_loopable(band * surge, RATE // 2), peak)


def tone(freq: float, seconds: float = 0.4, peak: float = 0.3) -> np.ndarray:
    """A soft sine with a gentle fade in and out: a quiet interface cue."""
    t = np.arange(int(seconds * RATE)) / RATE
    env = np.minimum(1.0, t / 0.03) * np.minimum(1.0, (seconds - t) / 0.15)
    return (np.sin(2 * np.pi * freq * t) * env * peak).astype(np.float32)


def steps(seed: int = 0, count: int = 4, gap_s: float = 0.55, peak: float = 0.25) -> np.ndarray:
    """Footsteps on frozen ground, far off: short low crunches of noise, a little
    uneven in time and loudness, fading at the end (heard, not a loop)."""
    rng = np.random.default_rng(seed)
    step_n = int(0.09 * RATE)
    total = int((count * gap_s + 0.3) * RATE)
    out = np.zeros(total, np.float32)
    env = np.exp(-np.arange(step_n) / (0.025 * RATE)) * np.minimum(1.0, np.arange(step_n) / (0.004 * RATE))
    for k in range(count):
        noise = rng.standard_normal(step_n)
        spectrum = np.fft.rfft(noise)
        freqs = np.fft.rfftfreq(step_n, 1 / RATE)
        spectrum *= 1.0 / (1.0 + (freqs / 900.0) ** 2)  # far away: the high part of the crunch is lost
        crunch = np.fft.irfft(spectrum, step_n) * env * rng.uniform(0.6, 1.0) * (1.0 - 0.15 * k)
        at = int((k * gap_s + rng.uniform(0.0, 0.06)) * RATE)
        out[at:at + step_n] += crunch[: max(0, min(step_n, total - at))]
    return _normalise(out, peak)


# Sounds made once per process: the loading card's thread makes a journey's
# ambient sound ahead, so the screen's first frame only starts playing it.
_MAKERS = {"wind": wind, "waves": waves, "steps": steps}
_made: dict[tuple, np.ndarray] = {}


def made(kind: str, **kw) -> np.ndarray:
    """``wind``, ``waves`` or ``steps`` with these arguments, from the cache when made before."""
    key = (kind, tuple(sorted(kw.items())))
    samples = _made.get(key)
    if samples is None:
        samples = _MAKERS[kind](**kw)
        samples.flags.writeable = False  # shared between callers
        if len(_made) >= 8:
            _made.clear()
        _made[key] = samples
    return samples
