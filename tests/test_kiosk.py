"""The museum kiosk: no way out but the staff's, idle reset, admin gesture and
PIN, a bad config, the kiosk cut's length, the watchdog, the counts."""

from __future__ import annotations

import gc
import socket
import sqlite3

import pygame
import pytest

from game import i18n
from game.app import App, Options
from game.kiosk import config as kconfig
from game.kiosk.mode import KioskMode
from game.kiosk.scenes import AdminScene, AttractScene, JourneysScene, LanguageScene, PinScene, StillThereScene
from game.kiosk.services import ADMIN_WINDOW_S
from game.scenes.pause import PauseScene
from game.scenes.play_base import PlayBase

from apphelp import click, find_button, frames, key, tap


def kiosk(tmp_path, cfg=None, env=None) -> App:
    mode = KioskMode(config=cfg or kconfig.KioskConfig(), counts_path=tmp_path / "kiosk.sqlite3", watchdog_env=env or {})
    app = App(Options(headless=True), mode=mode)
    app.start()
    return app


def labels(scene):
    return [getattr(w, "text", "") for w in scene.form.widgets]


def wait(app, seconds: float) -> None:
    for _ in range(int(seconds * 60)):
        app.update(1 / 60)


def test_kiosk_never_exits_on_keys_close_or_gestures(tmp_path):
    app = kiosk(tmp_path)
    assert isinstance(app.top, AttractScene)
    fullscreen = app.settings.fullscreen
    for event in (pygame.QUIT, pygame.WINDOWCLOSE):
        pygame.event.post(pygame.event.Event(event))
        frames(app)
    for k in (pygame.K_ESCAPE, pygame.K_F11, pygame.K_q, pygame.K_F4, pygame.K_BACKSPACE, pygame.K_p, pygame.K_F10, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_ESCAPE):
        key(app, k)
    for _ in range(12):  # Escape and Back through every screen, many times over
        key(app, pygame.K_ESCAPE)
        tap(app, app.menu_button.center)
    assert app.running and app.scenes
    assert app.settings.fullscreen == fullscreen
    app.quit()
    app.request_quit()
    assert app.running
    # The pause menu has no Quit, the title screen no Settings.
    app.reset_to_root()
    tap(app, (640, 360))
    app.open_menu()
    assert isinstance(app.top, PauseScene)
    assert labels(app.top) == ["Resume", "Back to the title screen"]
    app.pop()
    app.pop()
    app.pop()
    app.pop()
    assert app.running and isinstance(app.top, AttractScene)


def start_a_journey(app) -> PlayBase:
    tap(app, (640, 360))
    assert isinstance(app.top, LanguageScene)
    tap(app, find_button(app.top, "한국어"))
    assert isinstance(app.top, JourneysScene)
    assert app.settings.language == "ko"
    app.top.build()[0].on_press()  # the first journey offered
    intro = app.top
    intro._to_briefing()
    intro.begin()
    assert isinstance(app.top, PlayBase)
    return app.top


def test_idle_countdown_and_reset_leave_nothing_of_the_visitor(tmp_path):
    cfg = kconfig.KioskConfig(idle_seconds=30, still_there_seconds=20)
    app = kiosk(tmp_path, cfg)
    play = start_a_journey(app)
    assert app.launch.time_scale == cfg.time_scale
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0))
    frames(app)  # a key held down when the visitor walks away
    app.caption("a caption of theirs", 100)
    wait(app, 29)
    assert not isinstance(app.top, StillThereScene)
    wait(app, 1.5)
    assert isinstance(app.top, StillThereScene)
    # The visitor chose Korean: the question is asked in it.
    assert i18n._("Yes, go on") != "Yes, go on"
    click(app, find_button(app.top, i18n._("Yes, go on")))  # someone is there: go on
    assert app.top is play
    wait(app, 31)
    assert isinstance(app.top, StillThereScene)
    wait(app, 18)
    starting_over = i18n._("Starting over in {seconds} s.").split("{seconds}")[0]
    assert isinstance(app.top, StillThereScene) and 0 < app.top.left < 3 and starting_over in labels(app.top)[0]
    wait(app, 2.5)
    # Reset: the attract loop, the default language, nothing of theirs.
    assert [type(s) for s in app.scenes] == [AttractScene]
    assert app.settings.language == "en" and app.settings.text_scale == 1.0
    assert app.launch == app.mode.fresh_launch()
    assert app.captions == [] and not app.input.held_keys and app.input.screen_pad == (0.0, 0.0)
    assert app.mode.visitor.visit is None
    del play
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, PlayBase)]
    rows = sqlite3.connect(tmp_path / "kiosk.sqlite3").execute("SELECT language, journey, furthest, ended_by FROM visits").fetchall()
    assert rows == [("ko", cfg.journeys[0], "play", "idle")]
    # The next visitor starts from the beginning.
    tap(app, (640, 360))
    assert isinstance(app.top, LanguageScene)


def test_no_idle_reset_on_the_attract_loop_and_never_under_30_s(tmp_path):
    app = kiosk(tmp_path)
    wait(app, 120)
    assert [type(s) for s in app.scenes] == [AttractScene]
    bad = tmp_path / "k.toml"
    bad.write_text("[kiosk]\nidle_seconds = 5\n")
    cfg = kconfig.load(bad)
    assert cfg.idle_seconds == 60 and "idle_seconds" in cfg.problems[0]


def five_taps(app, gap: float = 0.3) -> None:
    for _ in range(5):
        tap(app, (20, 20))
        wait(app, gap)


def test_admin_gesture_and_pin_with_throttling(tmp_path):
    cfg = kconfig.KioskConfig(admin_pin_hash=kconfig.hash_pin("7351", rounds=2000), idle_seconds=600)
    app = kiosk(tmp_path, cfg)
    five_taps(app, gap=ADMIN_WINDOW_S / 3)  # too slow: nothing
    assert not isinstance(app.top, PinScene)
    app.reset_to_root()
    five_taps(app)
    pin = app.top
    assert isinstance(pin, PinScene)

    def enter(code):
        for ch in code:
            pin.press(ch)
        pin.press("OK")

    for _ in range(3):
        enter("0000")
    assert "not the PIN" in pin.message or "Wait" in pin.message
    enter("7351")  # right, but locked out after three wrong tries
    assert isinstance(app.top, PinScene) and "Wait" in pin.message
    wait(app, 31)
    enter("1111")  # a fourth wrong try doubles the wait
    wait(app, 31)
    enter("7351")
    assert isinstance(app.top, PinScene)
    wait(app, 31)
    enter("7351")
    assert isinstance(app.top, AdminScene)
    assert "Exit to the desktop" in labels(app.top)
    click(app, find_button(app.top, "Exit to the desktop"))
    assert not app.running and app.exit_code == KioskMode.EXIT_TO_DESKTOP


def test_pin_is_stored_hashed():
    h = kconfig.hash_pin("2580", rounds=2000)
    assert "2580" not in h and kconfig.check_pin("2580", h) and not kconfig.check_pin("2581", h)
    assert not kconfig.check_pin("2580", "garbage")


def test_bad_config_is_refused_with_file_field_reason_and_the_kiosk_still_starts(tmp_path, capsys):
    from game.cli import main

    bad = tmp_path / "kiosk.toml"
    bad.write_text('[kiosk]\nlanguages = ["en", "xx"]\nidle_seconds = "soon"\nadmin_pin_hash = "1234"\nvolume_cap = 300\njourneys = ["fog", "moon"]\n')
    cfg = kconfig.load(bad)
    text = "\n".join(cfg.problems)
    for field in ("languages", "idle_seconds", "admin_pin_hash", "volume_cap", "journeys"):
        assert f"{bad}: field '{field}'" in text
    assert cfg.languages == kconfig.KioskConfig().languages and cfg.idle_seconds == 60
    broken = tmp_path / "broken.toml"
    broken.write_bytes(b"[kiosk\n\xe9")
    assert str(broken) in kconfig.load(broken).problems[0]
    app = kiosk(tmp_path, cfg)
    assert isinstance(app.top, AttractScene)
    app.push(AdminScene(app))
    assert any("idle_seconds" in t for t in labels(app.top))
    assert main(["kiosk", "--config", str(bad), "--headless", "--frames", "3"]) == 0
    assert "field 'idle_seconds'" in capsys.readouterr().err


@pytest.mark.parametrize("sid", kconfig.DEFAULT_JOURNEYS)
def test_a_kiosk_cut_completes_in_under_5_minutes_with_the_automatic_player(tmp_path, sid):
    from game.levels import load_by_id
    from game.scenes.intro import play_scene_class

    app = kiosk(tmp_path)
    app.launch.autoplay = True
    sc = load_by_id(sid)
    scene = play_scene_class(sc)(app, sc, sc.default_preset, 5)
    app.push(scene)
    limit = 5 * 60 * 60
    for n in range(limit):
        app.update(1 / 60)
        if scene.end_timer is not None:
            break
        while app.top is not scene:  # a chooser the automatic player answers
            app.top.update(1 / 60)
    assert scene.end_timer is not None, f"{sid} still going after 5 minutes"
    assert n / 60 < 300


def test_watchdog_pings_through_notify_socket(tmp_path):
    import threading

    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(60.0)  # a bound, not a pause: the reader stops at STOPPING=1, which run() always sends
    got: list[str] = []

    def read():  # what systemd does: read every message as it comes
        try:
            while not got or got[-1] != "STOPPING=1":
                got.append(sock.recv(256).decode())
        except OSError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    env = {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "1000000"}  # a ping every 0.5 s
    mode = KioskMode(counts_path=tmp_path / "k.sqlite3", watchdog_env=env)
    # The watchdog's clock goes by the frames (1/60 s each), not by the machine's:
    # 240 frames give 7 or 8 pings however loaded the machine, and with READY and
    # STOPPING they fit the socket's queue (10 datagrams) even if the reader is slow.
    ticks = iter(range(10**6))
    mode.watchdog.clock = lambda: next(ticks) / 60
    app = App(Options(headless=True, frames=240), mode=mode)
    assert app.run() == 0
    reader.join(60)
    sock.close()
    assert got[0].startswith("READY=1")
    assert 6 <= got.count("WATCHDOG=1") == mode.watchdog.pings <= 8
    assert got[-1] == "STOPPING=1"


def test_a_full_notify_socket_never_blocks_the_loop(tmp_path):
    from game.kiosk.watchdog import notify

    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))  # nobody reads
    sent = [notify("WATCHDOG=1", {"NOTIFY_SOCKET": str(path)}) for _ in range(500)]
    sock.close()
    assert sent[0] and not all(sent)


def test_counts_and_kiosk_report(tmp_path, monkeypatch, capsys):
    from game.cli import main

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path / "data"))
    app = kiosk(tmp_path)
    app.mode.visitor.counts.path = None  # the data folder, as the real kiosk
    for lang in ("ja", "en"):
        tap(app, (640, 360))
        tap(app, find_button(app.top, {"ja": "日本語", "en": "English"}[lang]))
        wait(app, 2)
        app.reset_to_root()
    assert main(["kiosk-report", "--days", "3", "--csv", str(tmp_path / "v.csv"), "--png", str(tmp_path / "v.png")]) == 0
    out = capsys.readouterr().out
    assert "2 visits" in out and "ja 1" in out and "en 1" in out
    rows = (tmp_path / "v.csv").read_text().splitlines()
    assert rows[0].startswith("started,language") and len(rows) == 3
    assert pygame.image.load(str(tmp_path / "v.png")).get_width() == 1000


def test_hash_pin_from_the_command_line(monkeypatch, capsys):
    import io

    from game.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("4321\n"))
    assert main(["kiosk", "--hash-pin"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith('admin_pin_hash = "pbkdf2_sha256$') and "4321" not in line
    assert kconfig.check_pin("4321", line.split('"')[1])


def test_attract_loop_lives_by_itself_and_moves(tmp_path):
    app = kiosk(tmp_path)
    attract = app.top
    names = []
    for _ in range(4):
        names.append(attract.slide.name)
        app.draw()
        before = pygame.image.tobytes(app.screen, "RGB")
        wait(app, 2)
        app.draw()
        assert pygame.image.tobytes(app.screen, "RGB") != before  # nothing static
        assert app.scenes == [attract]  # no chooser pushed by a journey playing itself
        attract.slide_clock = 10_000
        wait(app, 1 / 60)
    assert {"sea", "fog", "overland"} <= set(names)
    assert attract.slide is not None and attract.problem == ""


def test_another_journey_keeps_the_visitor(tmp_path):
    app = kiosk(tmp_path)
    play = start_a_journey(app)
    app.mode.choose_another(app)
    assert isinstance(app.top, JourneysScene) and app.settings.language == "ko"
    assert app.mode.visitor.visit is not None


def test_sigterm_stops_the_kiosk_though_close_does_not(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    # Wait on the kiosk, not on the clock: it tells systemd's notify socket when
    # it is up (READY=1) and then pings from its loop (WATCHDOG=1, every 10 ms here).
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(120.0)  # a bound, not a pause: a loaded machine may take long to start it
    env = dict(os.environ, CROSSINGS_DATA_DIR=str(tmp_path), NOTIFY_SOCKET=str(path), WATCHDOG_USEC="20000")
    main_py = str(__import__("pathlib").Path(__file__).resolve().parents[1] / "main.py")
    proc = subprocess.Popen([sys.executable, main_py, "kiosk", "--headless"], env=env, stderr=subprocess.DEVNULL)
    try:
        got = [sock.recv(256).decode()]
        while got.count("WATCHDOG=1") < 3:  # the loop is running frames
            got.append(sock.recv(256).decode())
        assert got[0].startswith("READY=1") and proc.poll() is None
        proc.send_signal(signal.SIGTERM)  # what systemctl stop sends
        assert proc.wait(60) == 0
    finally:
        sock.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def finish_journey(app, play) -> None:
    app.launch.autoplay = True
    play.autoplay = True
    for _n in range(5 * 60 * 60):
        app.mode.idle.idle = 0.0  # the visitor is watching
        app.update(1 / 60)
        if play.end_timer is not None:
            break
    assert play.end_timer is not None and app.top is play
    play.to_debrief()


def test_short_debrief_one_screen_then_start_again_drops_the_visitor(tmp_path):
    from game.kiosk.debrief import KioskDebriefScene, first_sentences

    app = kiosk(tmp_path)
    play = start_a_journey(app)
    sc = play.scenario
    finish_journey(app, play)
    deb = app.top
    assert isinstance(deb, KioskDebriefScene)
    for _n in range(3000):
        app.mode.idle.idle = 0.0
        app.update(1 / 60)
        app.top.draw(app.screen)
        if deb.complete:
            break
    assert deb.complete and deb.chart.ready
    assert [s.label for s in deb.chart.series] == [i18n._("Your choices")]  # the visitor's own, 1,000 times
    assert deb.results["main"].n == 1000 if hasattr(deb.results["main"], "n") else True
    texts = [getattr(w, "text", "") for w in deb.text_form.widgets]
    assert i18n._(sc.questions[0]) in texts
    case = sc.record["cases"][0]
    assert first_sentences(i18n._(case["text"])) in texts
    assert any(t.startswith(i18n._("Sources: {list}").split("{")[0]) for t in texts)
    assert deb.again_rect.height >= 41 and deb.again_rect.width >= 41
    app.launch.autoplay = False
    deb.back()
    assert app.top is deb  # no way back into the journey
    tap(app, deb.again_rect.center)
    assert isinstance(app.top, AttractScene)
    assert len(app.scenes) == 1
    assert app.mode.visitor.visit is None and app.settings.language == app.mode.config.default_language


def test_first_sentences():
    from game.kiosk.debrief import first_sentences

    assert first_sentences("One at 08:04. Two, 20 m. Three. Four.") == "One at 08:04. Two, 20 m. Three."
    assert first_sentences("一。二。三。四。") == "一。二。三。"
    assert first_sentences("No stop") == "No stop"


@pytest.mark.parametrize("sid", ["sea", "overland"])
def test_kiosk_cut_asks_fewer_questions_with_the_same_model(tmp_path, sid):
    from game.levels import load_by_id
    from game.scenes.intro import IntroScene
    from game.scenes.overland.scene import ProfileScene

    app = kiosk(tmp_path)
    sc = load_by_id(sid)
    intro = IntroScene(app, sc)
    app.push(intro)
    intro._to_briefing()
    intro.begin()
    for _n in range(3):
        app.update(1 / 60)
    play = next(s for s in app.scenes if isinstance(s, PlayBase))
    assert app.top is play and not any(isinstance(s, ProfileScene) for s in app.scenes)
    if sid == "sea":
        assert not play.paused and play.departed and play.values == sc.values(play.preset, {})  # the preset's values, unchanged
    else:
        assert play.profile == play.suggested
        assert play.values == sc.values(play.preset, dict(play.profiles[play.suggested].get("set", {})))
    # At home the same screens still ask.
    home = App(Options(headless=True))
    home.start()
    home_intro = IntroScene(home, sc)
    home.push(home_intro)
    home_intro._to_briefing()
    home_intro.begin()
    home.update(1 / 60)
    home_play = next(s for s in home.scenes if isinstance(s, PlayBase))
    if sid == "sea":
        assert home_play.departed is False
    else:
        assert isinstance(home.top, ProfileScene)


def test_attract_loop_words_change_language_together(tmp_path, monkeypatch):
    """While "Touch to begin" is in Korean, the fleet's line under it is too
    (it stayed in the kiosk's start language: English beside Japanese)."""
    from game.kiosk import scenes as kscenes

    drawn: list[str] = []
    real = kscenes.draw_text

    def spy(surface, font, text, *a, **k):
        drawn.append(text)
        return real(surface, font, text, *a, **k)

    monkeypatch.setattr(kscenes, "draw_text", spy)
    app = kiosk(tmp_path, kconfig.KioskConfig(languages=["en", "ko", "ja"]))
    attract = app.top
    while attract.slide.name != "sea":
        attract.slide_clock = 10_000
        wait(app, 1 / 60)
    attract.clock = kscenes.WORDS_S * 1 + 0.1  # the second language: Korean
    drawn.clear()
    app.draw()
    assert any(t.startswith("배 천 척, 모델 하나") for t in drawn), drawn
    assert not any(t.startswith("A thousand boats") for t in drawn)


def test_still_there_stands_on_a_card_of_its_own(tmp_path):
    """"Still there?" was drawn straight over the journey's own words and buttons."""
    app = kiosk(tmp_path)
    try:
        start_a_journey(app)
        app.push(StillThereScene(app, 20))
        app.draw()
        panel = app.top.panel_rect()
        for probe in ((panel.x - 18, panel.y + 40), (panel.right + 18, panel.y + 100)):  # beside the words, on the card
            assert tuple(app.screen.get_at(probe))[:3] == tuple(app.theme.panel)[:3], probe
    finally:
        i18n.set_language("en")


def test_admin_counts_are_in_words_not_codes():
    """The admin screen said "Today: 1 visits, 1 minutes", "Languages: ko 1",
    "Journeys: sea 1", "Outcomes: - 1": codes the staff cannot read."""
    from game.kiosk.scenes import count_lines

    s = {"visits": 1, "seconds": 65, "language": {"ko": 1}, "journey": {"sea": 1}, "furthest": {"play": 1},
         "outcome": {"-": 1}, "ended_by": {"idle": 1}}
    text = "\n".join(count_lines(s, ["fog", "sea", "overland"]))
    assert "Today: 1 visit, 1 minute in all." in text
    for word in ("한국어 1", "Across the sea 1", "played 1", "no ending: left on the way 1", "nobody touched the screen 1"):
        assert word in text, text
    s.update(visits=3, seconds=600, outcome={"rescued_at_sea": 2, "-": 1})
    text = "\n".join(count_lines(s, ["sea"]))
    assert "3 visits, 10 minutes" in text and "Rescued at sea 2" in text


def test_kiosk_report_says_one_visit_not_one_visits():
    from game.kiosk.report import text

    s = {"since": "2026-11-30", "visits": 1, "seconds": 60, "per_day": {}, "language": {}, "journey": {}, "furthest": {},
         "outcome": {}, "ended_by": {}, "screen_seconds": {}}
    assert text(s, 1).startswith("Kiosk visits today, since 2026-11-30: 1 visit, 1 minute in all.")
    s.update(visits=2, seconds=600, outcome={"-": 2})
    assert "over the last 7 days" in text(s, 7) and "2 visits, 10 minutes" in text(s, 7)
    assert "outcome: none (left on the way) 2" in text(s, 7)


def test_a_config_not_in_utf8_or_missing_is_named_plainly(tmp_path):
    latin = tmp_path / "kiosk.toml"
    latin.write_bytes("[kiosk]\n# Musée\n".encode("latin-1"))
    problems = kconfig.load(latin).problems
    assert problems == [f"{latin}: not UTF-8 text (byte 0xe9 at position 13); save it as UTF-8; using the safe defaults"]
    assert kconfig.load(tmp_path / "nothing.toml").problems == [f"{tmp_path / 'nothing.toml'}: no such file; using the safe defaults"]


def test_the_kiosk_content_note_names_no_key_a_visitor_lacks(tmp_path):
    from game.levels import load_by_id
    from game.scenes.intro import IntroScene

    app = kiosk(tmp_path)
    app.push(IntroScene(app, load_by_id("sea")))
    texts = [getattr(w, "text", "") for w in app.top.form.widgets]
    assert "You can pause or leave at any moment with the menu button." in texts
    assert not any("Escape" in t for t in texts)
