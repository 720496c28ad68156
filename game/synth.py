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


# Sounds made once per process: the loading card's thread makes a journey's
# ambient sound ahead, so the screen's first frame only starts playing it.
_MAKERS = {"wind": wind, "waves": waves}
_made: dict[tuple, np.ndarray] = {}


def made(kind: str, **kw) -> np.ndarray:
    """``wind`` or ``waves`` with these arguments, from the cache when made before."""
    key = (kind, tuple(sorted(kw.items())))
    samples = _made.get(key)
    if samples is None:
        samples = _MAKERS[kind](**kw)
        samples.flags.writeable = False  # shared between callers
        if len(_made) >= 8:
            _made.clear()
        _made[key] = samples
    return samples
