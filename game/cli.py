"""The command line: ``python main.py`` and ``crossings`` run this.

``play`` is the default command. A mistake in the arguments gives one line
on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .argcheck import MAX_SEED, one_line, whole_number
from .i18n import LANGUAGES, _

COMMANDS = ("play", "facts", "simulate", "calibrate", "host", "join", "kiosk", "kiosk-report")


class OneLineParser(argparse.ArgumentParser):
    """argparse, but an error is one line (with the program's name) and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {one_line(message)}\n")
        raise SystemExit(2)


def _seed(text: str) -> int:
    try:
        return whole_number(text, "--seed", 0, MAX_SEED)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _frames(text: str) -> int:
    try:
        return whole_number(text, "--frames", 1, 10**9)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _name(option: str):
    """A scenario id or preset name: not empty, and no path (ids are folder names)."""

    def check(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(_("{option} needs a name, not an empty text").format(option=option))
        if text in (".", "..") or any(c in text for c in "/\\\0"):
            raise argparse.ArgumentTypeError(
                _("'{text}' is a path; {option} takes a name such as fog").format(text=text, option=option))
        return text

    return check


def _window(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x720") from None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"'{text}' is outside 320x240..7680x4320")
    return w, h


def _text_scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0.75 <= value <= 2.0:
        raise argparse.ArgumentTypeError(f"'{text}' is outside 0.75..2.0")
    return value


def _lang(text: str) -> str:
    if text not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"'{text}' is not a language the game has (has: {', '.join(LANGUAGES)})")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="crossings",
        description=_("Crossings: an educational simulation of the routes out of North Korea, with every figure sourced."),
    )
    parser.add_argument("--version", action="version", version=f"crossings {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    play = sub.add_parser("play", help=_("play the game (the default)"), description=_("Open the game's window."))
    play.add_argument("--scenario", type=_name("--scenario"), metavar="ID", help=_("go straight to a scenario (its content note first)"))
    play.add_argument("--preset", type=_name("--preset"), metavar="NAME", help=_("with --scenario: the conditions to start in"))
    play.add_argument("--seed", type=_seed, metavar="N", help=_("random seed, to repeat a run"))
    play.add_argument("--lang", type=_lang, metavar="CODE", help=_("language: {codes}").format(codes=", ".join(LANGUAGES)))
    play.add_argument("--fullscreen", action="store_true", help=_("start in full screen"))
    play.add_argument("--window", type=_window, metavar="WxH", help=_("window size, e.g. 1600x900"))
    play.add_argument("--text-scale", type=_text_scale, metavar="X", help=_("text size, 0.75 to 2.0"))
    play.add_argument("--headless", action="store_true", help=_("run without a window (SDL's dummy driver), for tests"))
    play.add_argument("--frames", type=_frames, metavar="N", help=_("stop after N frames"))
    play.add_argument("--autoplay", action="store_true", help=_("let the automatic player make the choices"))
    play.add_argument("--levels", metavar="DIR", help=_("use the scenarios in another levels folder (an edited copy)"))
    play.add_argument("--screenshot", metavar="FILE.png", help=argparse.SUPPRESS)
    play.set_defaults(func=run_play)

    from . import calibrate, facts_cmd, simulate_cmd

    facts_cmd.register(sub)
    simulate_cmd.register(sub)
    calibrate.register(sub)
    from .classroom import commands as classroom_cmd
    from .kiosk import cli as kiosk_cli

    classroom_cmd.register(sub)
    kiosk_cli.register(sub)
    return parser


def run_play(args: argparse.Namespace) -> int:
    from .levels import LevelError, load_by_id

    if args.preset and not args.scenario:
        sys.stderr.write("crossings play: error: --preset needs --scenario\n")
        return 2
    if args.levels:
        from .levels import scenario_folders
        from .paths import use_levels

        folder = Path(args.levels)
        if not folder.is_dir() or not scenario_folders(folder):
            sys.stderr.write(f"crossings play: error: no scenarios in a levels folder at '{folder}'\n")
            return 2
        use_levels(folder)
    if args.scenario:
        try:
            scenario = load_by_id(args.scenario)
        except LevelError as exc:
            sys.stderr.write(f"crossings play: error: {one_line(exc)}\n")
            return 2
        if args.preset and args.preset not in scenario.presets:
            sys.stderr.write(one_line(f"crossings play: error: no preset named '{args.preset}' for scenario '{args.scenario}' (has: {', '.join(scenario.presets)})") + "\n")
            return 2
    if args.screenshot:
        problem = _screenshot_problem(args.screenshot)
        if problem:
            sys.stderr.write(f"crossings play: error: --screenshot: {one_line(problem)}\n")
            return 2
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    from .app import App, Options

    options = Options(
        scenario=args.scenario,
        preset=args.preset,
        seed=args.seed,
        lang=args.lang,
        fullscreen=args.fullscreen,
        window=args.window,
        text_scale=args.text_scale,
        headless=args.headless,
        frames=args.frames or 0,
        autoplay=args.autoplay,
        screenshot=args.screenshot,
    )
    return App(options).run()


def _screenshot_problem(file: str) -> str:
    """Why the screenshot could not be saved there ("" if it can), checked before
    the run rather than after it; a missing folder is made."""
    from pathlib import Path

    path = Path(file)
    if path.suffix.lower() not in (".png", ".bmp", ".tga", ".jpg", ".jpeg"):
        return _("'{file}' needs to end in .png").format(file=file)
    if path.is_dir():
        return _("'{file}' is a folder").format(file=file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _("cannot make the folder {folder}: {error}").format(folder=path.parent, error=exc.strerror or exc)
    if not os.access(path.parent, os.W_OK):
        return _("cannot write into the folder {folder}").format(folder=path.parent)
    return ""


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    # `play` is the default: `crossings --seed 3` means `crossings play --seed 3`.
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "play")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: nothing more to say.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
