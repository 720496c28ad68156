"""``crossings host`` and ``crossings join``: the classroom on the command line.

``host`` opens the game's window on the "Teach a class" screen, or with
``--console`` runs the host in the terminal (commands typed on stdin), which
is also what the fault tests start and kill. ``join`` opens the game on the
"Join a class" screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading

from ..i18n import _

GROUP_NAMES = "ABCDEFGH"


def register(sub) -> None:
    from .protocol import DEFAULT_PORT, MAX_STUDENTS

    host = sub.add_parser("host", help=_("teach a class: host a session on this network"),
                          description=_("Host a class: students on the same network join with the code this shows."))
    host.add_argument("--resume", action="store_true", help=_("bring back the last session (after a crash): same code, roster and results"))
    host.add_argument("--port", type=_port, default=None, help=_("port to listen on (default {port}; 0 picks a free one)").format(port=DEFAULT_PORT))
    host.add_argument("--address", metavar="ADDR", help=_("address to listen on (default: this machine's address on its network; 0.0.0.0 for all)"))
    host.add_argument("--scenario", metavar="ID", help=_("the whole class plays this journey"))
    host.add_argument("--preset", metavar="NAME", help=_("with --scenario: its conditions"))
    host.add_argument("--group", action="append", default=[], metavar="SCENARIO:PRESET[:NAME=VALUE,...]",
                      help=_("split the class into groups with different conditions (repeat, one per group)"))
    host.add_argument("--max-students", type=_between(1, 250), default=MAX_STUDENTS, metavar="N", help=_("how many may join (at most 250)"))
    host.add_argument("--keep-days", type=_between(1, 3650), default=30, metavar="N", help=_("delete sessions older than N days (default 30)"))
    host.add_argument("--console", action="store_true", help=_("no window: run the host in this terminal"))
    host.add_argument("--no-broadcast", action="store_true", help=_("do not announce the class on the network (students type the address)"))
    host.add_argument("--seed", type=int, metavar="N", help=argparse.SUPPRESS)
    host.add_argument("--end-grace", type=float, default=None, help=argparse.SUPPRESS)
    host.add_argument("--headless", action="store_true", help=argparse.SUPPRESS)
    host.add_argument("--frames", type=int, default=0, help=argparse.SUPPRESS)
    host.add_argument("--screenshot", help=argparse.SUPPRESS)
    host.set_defaults(func=run_host)

    join = sub.add_parser("join", help=_("join a class with the teacher's code"), description=_("Join a class hosted by the teacher's machine."))
    join.add_argument("code", nargs="?", default="", help=_("the join code on the teacher's screen"))
    join.add_argument("--address", metavar="ADDR", help=_("the teacher's address, if the class is not found by itself"))
    join.add_argument("--port", type=_port, default=None, help=_("the teacher's port (default {port})").format(port=DEFAULT_PORT))
    join.add_argument("--headless", action="store_true", help=argparse.SUPPRESS)
    join.add_argument("--frames", type=int, default=0, help=argparse.SUPPRESS)
    join.add_argument("--screenshot", help=argparse.SUPPRESS)
    join.add_argument("--autoplay", action="store_true", help=argparse.SUPPRESS)
    join.set_defaults(func=run_join)


def _between(lo: int, hi: int):
    """An argparse type: a whole number in lo..hi (game.argcheck says why not)."""
    from ..argcheck import whole_number

    def check(text: str) -> int:
        try:
            value = whole_number(text, _("the value"), lo, hi)  # argparse names the option
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        return value

    return check


_port = _between(0, 65535)


def parse_groups(scenario: str | None, preset: str | None, groups: list[str]):
    """The class's groups from --scenario/--preset or --group; LevelError says what is wrong."""
    from ..levels import LevelError, load_by_id
    from .store import Group

    if scenario and groups:
        raise LevelError("give --scenario or --group, not both")
    if preset and not scenario:
        raise LevelError("--preset needs --scenario")
    wanted = [f"{scenario}:{preset or ''}"] if scenario else list(groups)
    if len(wanted) > len(GROUP_NAMES):
        raise LevelError(f"at most {len(GROUP_NAMES)} groups")
    out = []
    for i, text in enumerate(wanted):
        parts = text.split(":")
        if len(parts) not in (2, 3) or not parts[0]:
            raise LevelError(f"group '{text}' should look like sea:fishing-2017 or fog:historical:visibility_m=400")
        sc = load_by_id(parts[0])
        name = parts[1] or sc.default_preset
        if name not in sc.presets:
            raise LevelError(f"no preset named '{name}' for scenario '{sc.id}' (has: {', '.join(sc.presets)})")
        overrides = {}
        for item in filter(None, (parts[2].split(",") if len(parts) == 3 else [])):
            key, _eq, value = item.partition("=")
            if key not in sc.parameters:
                raise LevelError(f"scenario '{sc.id}' has no parameter named '{key}'")
            overrides[key] = sc.check_value(key, value)
        out.append(Group(i + 1, GROUP_NAMES[i], sc.id, name, overrides))
    return out


def open_host(args):
    """(Host, HostThread, problem) for the command's options: a new session or the resumed one."""
    from .server import DEFAULT_PORT, Host, HostThread, lan_address, new_session
    from .store import Store, delete_old_sessions

    delete_old_sessions(args.keep_days)
    if args.resume:
        store = Store.latest()
        if store is None:
            return None, "no session to resume"
        listen = store.get("listen") or {}
        address = args.address or listen.get("address") or lan_address()
        port = args.port if args.port is not None else listen.get("port", DEFAULT_PORT)
    else:
        groups = parse_groups(args.scenario, args.preset, args.group)
        if not groups:
            return None, "choose the journey: --scenario ID [--preset NAME] or --group SCENARIO:PRESET (repeat)"
        from ..settings import load as load_settings

        # the class's nicknames are in the teacher's language, as this machine's settings hold it
        store = new_session(groups, seed_base=args.seed, language=load_settings()[0].language)
        address = args.address or lan_address()
        port = args.port if args.port is not None else DEFAULT_PORT
    from .discovery import DISCOVERY_PORT

    kwargs = {} if args.end_grace is None else {"end_grace_s": args.end_grace}
    host = Host(store, address, port, max_students=args.max_students,
                announce_to=None if args.no_broadcast else ("255.255.255.255", DISCOVERY_PORT), **kwargs)
    thread = HostThread(host)
    return thread, None


def run_host(args) -> int:
    from ..levels import LevelError

    if not args.console and not args.resume and not (args.scenario or args.group):
        return _host_window(args)
    from .store import StoreError

    try:
        thread, problem = open_host(args)
    except (LevelError, StoreError) as exc:
        sys.stderr.write(f"crossings host: error: {exc}\n")
        return 2
    if thread is None:
        sys.stderr.write(f"crossings host: error: {problem}\n")
        return 2
    try:
        thread.start()
    except OSError as exc:
        if not args.resume:
            thread.host.store.put("closed", True)  # a class that never opened is not one to resume
        sys.stderr.write(f"crossings host: error: cannot listen on {thread.host.address}:{thread.host.port}: {exc.strerror or exc}\n")
        return 2
    if not args.console:
        return _host_window(args, thread)
    return console(thread)


def _host_window(args, thread=None) -> int:
    from ..app import App, Options
    from ..modes.classroom import ClassroomHostMode

    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    mode = ClassroomHostMode(thread=thread, address=args.address, port=args.port, broadcast=not args.no_broadcast)
    app = App(Options(headless=args.headless, frames=args.frames, screenshot=args.screenshot), mode=mode)
    try:
        return app.run()
    finally:
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()


def run_join(args) -> int:
    from ..app import App, Options
    from ..modes.classroom import ClassroomStudentMode
    from .nicknames import normalise_code

    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"
    mode = ClassroomStudentMode(code=normalise_code(args.code), address=args.address, port=args.port)
    return App(Options(headless=args.headless, frames=args.frames, autoplay=args.autoplay, screenshot=args.screenshot), mode=mode).run()


def say(text: str) -> None:
    print(text, flush=True)


HELP = """commands:
  start                 the journeys begin on every student's machine
  pause / resume        pause or resume everyone
  msg TEXT              a one-line message to every student
  end                   end for all (unfinished journeys are finished by the automatic player)
  reveal / hide         show or hide the outcomes (on this screen and the class page)
  lock / unlock         close or open joining
  roster                the class, numbered
  rename N ADJ NOUN     give student N another nickname from the list
  remove N              remove student N
  export                write results.csv, journeys.json and report.html
  quit                  stop hosting (`crossings host --resume` brings the session back)
  close                 stop hosting and close the session for good"""


def _print_roster(thread) -> list[dict]:
    from .report import minutes, where_text

    host = thread.host
    rows = thread.run(host.roster)
    for i, r in enumerate(rows, 1):
        outcome = (r["outcome"] or "") if host.revealed else (_("finished") if r["finished"] else "")
        if outcome and r["autoplayed"] and host.revealed:
            outcome += " " + _("(automatic player)")
        online = _("connected") if r["connected"] else _("away")
        say(f"{i:3}  {r['nickname']:<22} {r['group']:<3} {where_text(r):<20} {minutes(r['elapsed_s']):>6}  {online:<10} {outcome}")
    say(_("{joined} joined, {finished} finished").format(joined=len(rows), finished=sum(r["finished"] for r in rows)))
    return rows


def console(thread) -> int:
    """The teacher's console: one command a line, until quit (or Ctrl-C)."""
    from .export import export_from

    host = thread.host
    say(_("Crossings class: listening on {address} port {port} (the address chosen for this class)").format(address=host.address, port=host.port))
    if host.address in ("0.0.0.0", "::"):
        say(_("  (that is every network this machine is on)"))
    # These two lines stay as they are in every language: scripts read them.
    say(f"JOIN CODE {host.code}")
    say(f"PORT {host.port}")
    say(_("Class page (read-only): {url}").format(url=f"http://{host.address}:{host.port}/?code={host.code}"))
    say(f"Session folder: {host.store.folder}")
    say(_("Type help for the commands."))
    stop = threading.Event()
    try:
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            cmd, rest = words[0].lower(), words[1:]
            try:
                if cmd == "help":
                    say(_(HELP))
                elif cmd == "start":
                    thread.call(host.start_journeys)
                elif cmd == "pause":
                    thread.call(host.pause)
                elif cmd == "resume":
                    thread.call(host.resume)
                elif cmd == "msg":
                    thread.call(host.send_notice, " ".join(rest))
                elif cmd == "end":
                    thread.call(host.end_for_all)
                elif cmd in ("reveal", "hide"):
                    thread.call(host.reveal, cmd == "reveal")
                elif cmd in ("lock", "unlock"):
                    thread.call(host.lock, cmd == "lock")
                elif cmd == "roster":
                    _print_roster(thread)
                elif cmd in ("rename", "remove"):
                    rows = thread.run(host.roster)
                    n = int(rest[0]) - 1
                    if not 0 <= n < len(rows):
                        raise ValueError(_("no student with that number (see roster)"))
                    if cmd == "rename":
                        thread.call(host.rename, rows[n]["id"], " ".join(rest[1:3]))
                    else:
                        thread.call(host.remove, rows[n]["id"])
                elif cmd == "export":
                    paths = export_from(thread)
                    for p in paths.values():
                        say(_("wrote {path}").format(path=p))
                elif cmd == "close":
                    thread.call(host.close_session)
                    break
                elif cmd == "quit":
                    break
                else:
                    say(_("unknown command '{command}' (type help)").format(command=cmd))
                    continue
                say("ok")
            except (ValueError, IndexError, KeyError) as exc:
                say(f"error: {exc}")
        else:
            # stdin closed (started in the background): keep serving until stopped.
            stop.wait()
    except KeyboardInterrupt:
        pass
    thread.stop()
    return 0
