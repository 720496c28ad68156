"""``crossings kiosk`` and ``crossings kiosk-report``."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from ..i18n import _


def register(sub) -> None:
    from ..cli import _frames

    k = sub.add_parser("kiosk", help=_("run as a museum kiosk (full screen, touch, no way out but the staff's)"),
                       description=_("Run as a museum kiosk. See docs/kiosk.md."))
    k.add_argument("--config", metavar="FILE", help=_("the kiosk's TOML config (see contrib/kiosk.toml)"))
    k.add_argument("--window", action="store_true", help=_("in a window, not full screen (to try it out)"))
    k.add_argument("--headless", action="store_true", help=argparse.SUPPRESS)
    k.add_argument("--frames", type=_frames, metavar="N", help=argparse.SUPPRESS)
    k.add_argument("--hash-pin", action="store_true", help=_("read a PIN and print the line to put in the config"))
    k.set_defaults(func=run_kiosk)
    r = sub.add_parser("kiosk-report", help=_("the kiosk's anonymous counts: a summary, a CSV, a chart"))
    r.add_argument("--days", type=_frames, default=7, metavar="N", help=_("the last N days (default 7)"))
    r.add_argument("--csv", metavar="FILE", help=_("write one row per visit"))
    r.add_argument("--png", metavar="FILE", help=_("draw visits per day and how far they got"))
    r.set_defaults(func=run_report)


def run_kiosk(args: argparse.Namespace) -> int:
    from .config import hash_pin, load

    if args.hash_pin:
        pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
        if not pin.isdigit() or not 4 <= len(pin) <= 12:
            sys.stderr.write("crossings kiosk: error: a PIN is 4 to 12 digits\n")
            return 2
        print(f'admin_pin_hash = "{hash_pin(pin)}"')
        return 0
    # The journal keeps the log (systemd reads stderr); nothing grows on disk.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = load(args.config)
    for problem in config.problems:
        sys.stderr.write(f"crossings kiosk: config refused: {problem}\n")
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    from ..app import App, Options
    from .mode import KioskMode

    options = Options(lang=config.default_language, fullscreen=not args.window, headless=args.headless, frames=args.frames or 0)
    return App(options, mode=KioskMode(config=config)).run()


def run_report(args: argparse.Namespace) -> int:
    from . import report

    return report.main(args.days, args.csv, args.png)
