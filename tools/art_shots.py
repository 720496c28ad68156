"""Small before/after pictures of the four play screens for docs/art.md.

    python tools/art_shots.py TAG        (writes docs/art/play-<id>-<size>-<TAG>.png)

The game draws a 1280x720 picture that SDL scales to the window, so the
1920x1080 view is that picture scaled by 1.5. The fog map is also shot with its key open
(the key and the map beside it). To keep the repository small,
the 1280x720 shot is stored at 480x270 and the 1920x1080 one as a 1:1
crop of the map round its centre; both with colours rounded to 4 bits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from screenshots import frames, play_scene  # noqa: E402

from game.app import App, Options  # noqa: E402
from game.levels import load_all  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "art"
CROP = (480, 270)
HALF = (480, 270)


def posterize(surf: pygame.Surface, bits: int = 4) -> pygame.Surface:
    arr = pygame.surfarray.pixels3d(surf)
    mask = (0xFF << (8 - bits)) & 0xFF
    arr &= mask
    del arr
    return surf


def main() -> int:
    tag = sys.argv[1] if len(sys.argv) > 1 else "after"
    OUT.mkdir(parents=True, exist_ok=True)
    app = App(Options(headless=True, seed=1))
    app.start()
    for sc in load_all():
        app.reset_to_title()
        scene = play_scene(app, sc)
        shot = app.screen.copy()
        small = posterize(pygame.transform.smoothscale(shot, HALF))
        pygame.image.save(small, str(OUT / f"play-{sc.id}-1280-{tag}.png"))
        big = pygame.transform.smoothscale(shot, (1920, 1080))
        r = getattr(scene, "map_rect", pygame.Rect(0, 0, 1280, 720))
        cx, cy = round(r.centerx * 1.5), round(r.centery * 1.5)
        crop = pygame.Rect(0, 0, *CROP)
        crop.center = (cx, cy)
        crop.clamp_ip(pygame.Rect(0, 0, 1920, 1080))
        pygame.image.save(posterize(big.subsurface(crop).copy()), str(OUT / f"play-{sc.id}-1920-{tag}.png"))
        if sc.id == "fog" and hasattr(scene, "legend") and scene.legend.entries:
            # the whole screen with the map's key open, at full size: the map named from a picture
            scene.legend.open = True
            app.captions.clear()
            frames(app, 1)
            panel = scene.legend.panel_rect(scene.map_rect, scene.legend_focus())
            area = pygame.Rect(panel.x - 300, scene.map_rect.y, panel.right - panel.x + 300, panel.bottom + 10 - scene.map_rect.y)
            key_shot = app.screen.subsurface(area.clip(scene.map_rect)).copy()
            pygame.image.save(posterize(key_shot, 4), str(OUT / f"play-{sc.id}-key-{tag}.png"))
            scene.legend.open = False
        print(sc.id)
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
