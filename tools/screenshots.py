"""Screenshots of the game's screens, made by driving the real scenes.

    python tools/screenshots.py [OUT_DIR] [--scale 1.0 1.5 ...]

Used for the README's picture and for looking at every screen at every text
size. Runs on SDL's dummy driver unless a display is set (e.g. under Xvfb).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.app import App, Options  # noqa: E402


def frames(app: App, n: int = 3) -> None:
    for _ in range(n):
        for event in pygame.event.get():
            app.handle_event(event)
        app.update(1 / 60)
        app.draw()
        pygame.display.flip()


def save(app: App, out: Path, name: str) -> None:
    frames(app)
    pygame.image.save(app.screen, str(out / f"{name}.png"))
    print(out / f"{name}.png")


def screens(app: App):
    """(name, how to get there) for each screen worth looking at."""
    from game.levels import load_all
    from game.scenes.facts_view import FactsScene
    from game.scenes.intro import IntroScene
    from game.scenes.picker import PickerScene
    from game.scenes.settings_view import SettingsScene

    yield "title", lambda: None
    yield "picker", lambda: app.push(PickerScene(app))
    yield "settings", lambda: app.push(SettingsScene(app))
    yield "facts", lambda: app.push(FactsScene(app))
    for sc in load_all():
        def intro(sc=sc):
            app.push(IntroScene(app, sc))
        yield f"note-{sc.id}", intro

        def briefing(sc=sc):
            scene = IntroScene(app, sc)
            app.push(scene)
            scene._to_briefing()
        yield f"briefing-{sc.id}", briefing

        def play(sc=sc):
            play_scene(app, sc)
        yield f"play-{sc.id}", play

        for page in range(5):
            def debrief(sc=sc, page=page):
                scene = debrief_scene(app, sc)
                scene.show(page)
            yield f"debrief-{sc.id}-{page + 1}", debrief


def play_scene(app: App, scenario, seconds: float = 12.0):
    """The play screen a few seconds into the automatic player's journey."""
    from game.scenes.intro import play_scene_class

    app.options.autoplay = True  # scenes and their choosers read it
    scene = play_scene_class(scenario)(app, scenario, scenario.default_preset, 1)
    app.push(scene)
    for _ in range(int(seconds * 60)):
        frames(app, 1)
        if scene.end_timer is not None or scene not in app.scenes:
            break
    app.options.autoplay = False
    return scene


def debrief_scene(app: App, scenario):
    """The debrief after the automatic player's journey, its runs finished."""
    import time

    from game.levels import model_for
    from game.scenes.debrief import DebriefScene
    from game.sim.runner import Simulation
    from game.world.mapdata import load_map

    world = load_map(scenario.map_file) if scenario.map_file else None
    values = scenario.values()
    sim = Simulation(model_for(scenario, values, world), 1, 1)
    sim.autoplay()
    scene = DebriefScene(app, scenario, scenario.default_preset, values, 1, sim)
    app.push(scene)
    end = time.monotonic() + 60
    while not scene.complete and time.monotonic() < end:
        frames(app, 1)
        time.sleep(0.01)
    return scene


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--scale", type=float, nargs="*", default=[1.0])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--montage", metavar="FILE", help="also tile the shots taken into one picture (2 columns, half size)")
    args = parser.parse_args()
    taken: list[Path] = []
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for scale in args.scale:
        app = App(Options(headless=not os.environ.get("DISPLAY"), text_scale=scale, seed=1))
        app.start()
        for name, go in screens(app):
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            app.reset_to_title()
            go()
            save(app, out, f"{name}@{scale:g}")
            taken.append(out / f"{name}@{scale:g}.png")
        if args.montage:
            montage(taken, Path(args.montage))
        pygame.quit()
    return 0


def montage(files: list[Path], target: Path, columns: int = 2) -> None:
    tiles = [pygame.transform.smoothscale_by(pygame.image.load(str(f)), 0.5) for f in files]
    w, h = tiles[0].get_size()
    rows = (len(tiles) + columns - 1) // columns
    sheet = pygame.Surface((w * columns + 8 * (columns - 1), h * rows + 8 * (rows - 1)))
    sheet.fill((0, 0, 0))
    for i, tile in enumerate(tiles):
        sheet.blit(tile, ((i % columns) * (w + 8), (i // columns) * (h + 8)))
    pygame.image.save(sheet, str(target))
    print(target)


if __name__ == "__main__":
    sys.exit(main())
