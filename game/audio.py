"""Playing the synthesised sounds at the player's volume.

Sound is never needed to play: anything a sound tells also appears as a
caption (see App.caption). If there is no audio device the game stays silent.
"""

from __future__ import annotations

import logging

import numpy as np
import pygame

from .synth import RATE

log = logging.getLogger(__name__)


class Audio:
    def __init__(self) -> None:
        self.ok = False
        self.volume = 0.7
        self._loops: dict[str, tuple[pygame.mixer.Sound, pygame.mixer.Channel | None, float]] = {}
        try:
            pygame.mixer.init(frequency=RATE, size=-16, channels=2)
            self.ok = pygame.mixer.get_init() is not None
        except pygame.error as exc:
            log.info("no audio device (%s); playing silently", exc)

    def _sound(self, samples: np.ndarray) -> pygame.mixer.Sound:
        pcm = (np.clip(samples, -1, 1) * 32000).astype(np.int16)
        stereo = np.ascontiguousarray(np.column_stack([pcm, pcm]))
        return pygame.sndarray.make_sound(stereo)

    def set_volume(self, percent: int) -> None:
        self.volume = max(0, min(100, percent)) / 100
        for sound, _channel, level in self._loops.values():
            sound.set_volume(self.volume * level)

    def loop(self, key: str, samples: np.ndarray, level: float = 1.0) -> None:
        """Start (or keep) a looping ambient sound under a name."""
        if not self.ok or key in self._loops:
            return
        sound = self._sound(samples)
        sound.set_volume(self.volume * level)
        channel = sound.play(loops=-1, fade_ms=800)
        self._loops[key] = (sound, channel, level)

    def set_level(self, key: str, level: float) -> None:
        if key in self._loops:
            sound, channel, _old = self._loops[key]
            sound.set_volume(self.volume * max(0.0, min(1.0, level)))
            self._loops[key] = (sound, channel, level)

    def stop(self, key: str | None = None) -> None:
        keys = [key] if key else list(self._loops)
        for k in keys:
            if k in self._loops:
                self._loops.pop(k)[0].fadeout(600)

    def once(self, samples: np.ndarray, level: float = 1.0) -> None:
        if self.ok:
            sound = self._sound(samples)
            sound.set_volume(self.volume * level)
            sound.play()
