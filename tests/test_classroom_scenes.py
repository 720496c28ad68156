"""The classroom in the game's window: a student's machine (the real App in
the student mode, headless) joins a real host on the loopback, plays the
journey the teacher set, is paused, reads the message, and its record
arrives; the teacher's screens are driven by their buttons."""

from __future__ import annotations

import time

import pygame
import pytest

from apphelp import click, find_button, frames
from classhelp import SPLIT
from game.app import App, Options
from game.classroom.server import Host, HostThread, new_session
from game.classroom.services import StudentService, find_service
from game.classroom.store import Group
from game.modes.classroom import ClassroomHostMode, ClassroomStudentMode
from game.scenes.classroom_debrief import ClassDebriefScene
from game.scenes.classroom_host import HostScene, HostSetupScene
from game.scenes.classroom_keys import TextEntryScene
from game.scenes.classroom_student import ClassIntroScene, JoinScene, LobbyScene, PausedScene
from game.scenes.play_base import PlayBase


def run_until(app, check, limit_s=30.0, what="a condition"):
    end = time.monotonic() + limit_s
    while not check():
        assert time.monotonic() < end, f"timed out waiting for {what}; top is {type(app.top).__name__}"
        frames(app, 1)
        time.sleep(0.002)


def test_a_student_machine_joins_plays_is_paused_and_its_record_arrives(tmp_path):
    store = new_session([SPLIT[1]], tmp_path, seed_base=11)
    thread = HostThread(Host(store, "127.0.0.1", 0))
    thread.start()
    host = thread.host
    app = App(Options(headless=True, autoplay=True), mode=ClassroomStudentMode(code="", address="127.0.0.1", port=host.port))
    try:
        app.start()
        assert isinstance(app.top, JoinScene)
        # The code typed on the screen's keys, a look-alike refused by the alphabet.
        click(app, find_button(app.top, "Type the code"))
        assert isinstance(app.top, TextEntryScene)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="0" + host.code.lower()))
        frames(app, 2)
        assert app.top.text == host.code
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        frames(app, 2)
        click(app, find_button(app.top, "Join"))
        run_until(app, lambda: isinstance(app.top, LobbyScene), what="the lobby")
        service = find_service(app, StudentService)
        other = next(c for c in service.choices if c != service.nickname)
        click(app, find_button(app.top, other))
        run_until(app, lambda: service.nickname == other, what="the other nickname")
        assert thread.run(lambda: [r["nickname"] for r in host.roster()]) == [other]

        thread.call(host.start_journeys)
        run_until(app, lambda: isinstance(app.top, (ClassIntroScene, PlayBase)), what="the journey")
        run_until(app, lambda: isinstance(app.top, PlayBase), what="the play screen")
        play = app.top
        assert (play.preset, play.seed) == ("defector-summer", service.spec["seed"])
        run_until(app, lambda: thread.run(lambda: host.roster()[0]["phase"]) == "playing", what="progress on the host")

        thread.call(host.pause)
        run_until(app, lambda: isinstance(app.top, PausedScene), what="the pause")
        step = play.sim.step_index
        frames(app, 120)
        assert play.sim.step_index == step
        thread.call(host.send_notice, "5 minutes left")
        run_until(app, lambda: service.notice == "5 minutes left")
        assert any("5 minutes left" in text for text, _s in app.captions)
        thread.call(host.resume)
        run_until(app, lambda: not any(isinstance(s, PausedScene) for s in app.scenes), what="the resume")

        # The teacher ends the journeys: the automatic player finishes it, marked so.
        thread.call(host.end_for_all)
        run_until(app, lambda: thread.run(lambda: len(host.results)) == 1, what="the record on the host")
        record = thread.run(lambda: next(iter(host.results.values()))["record"])
        assert record["autoplayed"] is True and record["spec"]["preset"] == "defector-summer"
        assert record["outcome"] is not None
    finally:
        app.stop_services()
        thread.stop()
        pygame.quit()


def test_the_teacher_sets_up_a_split_class_and_leads_the_debrief(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    app = App(Options(headless=True), mode=ClassroomHostMode(address="127.0.0.1", port=0, broadcast=False))
    try:
        app.start()
        setup = app.top
        assert isinstance(setup, HostSetupScene)
        setup._set_scenario("sea")
        setup._set_groups(2)
        assert [g.preset for g in setup.groups()][0] != [g.preset for g in setup.groups()][1]
        setup._set_address("127.0.0.1")
        click(app, find_button(setup, "Open the class"))
        assert isinstance(app.top, HostScene)
        scene = app.top
        assert len(scene.host.groups) == 2 and scene.host.address == "127.0.0.1"
        click(app, find_button(scene, "Lock joining"))
        assert scene.host.locked
        click(app, find_button(scene, "Start the journeys"))
        assert scene.host.state == "playing"
        click(app, find_button(scene, "Class debrief"))
        debrief = app.top
        assert isinstance(debrief, ClassDebriefScene)
        debrief._work.join(30)
        frames(app, 2)
        pages = debrief.pages()
        assert pages[:3] == ["group:0", "group:1", "compare"] and pages[-1] == "questions"
        assert len([p for p in pages if p.startswith("record:")]) >= 2
        for _ in range(len(pages) - 1):
            debrief.turn(1)
            frames(app, 1)
        debrief.toggle_timer()
        frames(app, 60)
        assert debrief.timer_left < debrief.QUESTION_S
        click(app, next(r.center for r, label, _a in debrief.buttons if label == "Back to the class"))
        assert app.top is scene
        click(app, find_button(scene, "Export the results"))
        assert list(tmp_path.glob("classroom/*/report.html"))
    finally:
        app.stop_services()
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()
        pygame.quit()


def test_a_student_game_closed_mid_lesson_comes_back_as_the_same_student(tmp_path, monkeypatch):
    from game.classroom.records import autoplay_journey
    from game.classroom.store import Store

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    store = new_session([SPLIT[0]], tmp_path, seed_base=3)
    thread = HostThread(Host(store, "127.0.0.1", 0))
    thread.start()
    port, code = thread.host.port, thread.host.code
    thread.call(thread.host.start_journeys)

    def student_app():
        app = App(Options(headless=True), mode=ClassroomStudentMode(code=code, address="127.0.0.1", port=port))
        app.start()
        return app

    app = student_app()
    try:
        run_until(app, lambda: find_service(app, StudentService) and find_service(app, StudentService).welcome, what="the welcome")
        service = find_service(app, StudentService)
        student = service.welcome.student
        thread.stop()  # the teacher's machine goes away...
        store.close()
        run_until(app, lambda: not service.connected, what="offline")
        service.send_result(autoplay_journey(service.spec))  # ...while the journey ends
    finally:
        app.stop_services()  # and the student's game is closed
        pygame.quit()
    thread = HostThread(Host(Store.latest(tmp_path), "127.0.0.1", port))
    thread.start()
    app = student_app()
    try:
        run_until(app, lambda: thread.run(lambda: len(thread.host.results)) == 1, what="the kept result")
        again = find_service(app, StudentService)
        run_until(app, lambda: not again.pending, what="the ack")
        assert again.welcome.student == student
        assert thread.run(lambda: len(thread.host.students)) == 1
    finally:
        app.stop_services()
        thread.stop()
        pygame.quit()


@pytest.mark.parametrize("scenario,preset", [("fog", "clear-night"), ("jsa", "historical"), ("sea", "defector-winter"), ("overland", "mongolia-2017")])
def test_every_journey_played_in_a_class_is_accepted_by_the_host(tmp_path, scenario, preset):
    store = new_session([Group(1, "A", scenario, preset)], tmp_path, seed_base=21)
    thread = HostThread(Host(store, "127.0.0.1", 0, end_grace_s=60))
    thread.start()
    host = thread.host
    app = App(Options(headless=True, autoplay=True), mode=ClassroomStudentMode(code=host.code, address="127.0.0.1", port=host.port))
    try:
        app.start()
        run_until(app, lambda: isinstance(app.top, LobbyScene), what="the lobby")
        thread.call(host.start_journeys)
        run_until(app, lambda: isinstance(app.top, PlayBase) and app.top.sim.step_index > 0, what="the journey under way")
        play = app.top
        assert (play.scenario.id, play.preset) == (scenario, preset)
        thread.call(host.end_for_all)
        run_until(app, lambda: thread.run(lambda: len(host.results)) == 1, what="the record")
        record = thread.run(lambda: next(iter(host.results.values()))["record"])
        assert record["spec"]["scenario"] == scenario and record["autoplayed"] is True
        assert record["outcome"] == play.sim.outcome_of(0)  # the student's own journey, not one the host made up
        assert not [m for kind, m in list(find_service(app, StudentService).client.inbox.queue) if kind == "error"]
    finally:
        app.stop_services()
        thread.stop()
        pygame.quit()


def test_typing_a_code_on_the_screen_keys_with_a_pad(tmp_path):
    from game.classroom.nicknames import CODE_ALPHABET
    from game.input import Intent

    app = App(Options(headless=True), mode=ClassroomStudentMode(address="127.0.0.1", port=1))
    got = []
    try:
        app.start()
        entry = TextEntryScene(app, "code", CODE_ALPHABET, 6, got.append, upper=True)
        app.push(entry)
        for kind in ("right", "confirm", "down", "confirm"):  # C, then the key below it
            app.dispatch(Intent(kind))
        assert entry.text == "C" + CODE_ALPHABET[1 + entry.columns]
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="\b", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="w"))  # a letter, not "up"
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_w, mod=0, unicode="w", scancode=0))
        frames(app, 1)
        assert entry.text == "CW" and entry.focus == 1 + entry.columns
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        frames(app, 1)
        assert got == ["CW"] and app.top is not entry
    finally:
        pygame.quit()


def test_a_ready_message_reaches_each_student_in_their_own_language(tmp_path, monkeypatch):
    """A Korean teacher's "5 minutes left." is read in Japanese on a Japanese
    student's machine (it was sent in the teacher's language, so a class with
    another language read it untranslated); a typed message stays as typed."""
    from game import i18n
    from game.classroom import protocol as P

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    app = App(Options(headless=True, lang="ko"), mode=ClassroomHostMode(address="127.0.0.1", port=0, broadcast=False))
    try:
        app.start()
        i18n.set_language("ko")
        setup = app.top
        setup._set_scenario("sea")
        setup._set_address("127.0.0.1")
        click(app, find_button(setup, i18n._("Open the class")))
        scene = app.top
        click(app, find_button(scene, i18n._("Send a message")))
        click(app, find_button(app.top, "5분 남았습니다."))
        assert scene.thread.run(lambda: scene.host.notice) == "5 minutes left."

        i18n.set_language("ja")
        service = StudentService("127.0.0.1", 1, "ABCDEF", client=object())
        service._receive(app, "message", P.Notice(text="5 minutes left."))
        assert any("残り5分です。" in text for text, _s in app.captions)
        service._receive(app, "message", P.Notice(text="Room 12 at 3"))
        assert any(text.endswith("Room 12 at 3") for text, _s in app.captions)
        # A rename is said too: mid-journey the nickname shows nowhere else.
        service._receive(app, "message", P.Renamed(nickname="Kind Kite"))
        assert service.nickname == "Kind Kite" and any("Kind Kite" in text for text, _s in app.captions)
    finally:
        i18n.set_language("en")
        app.stop_services()
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()
        pygame.quit()


def test_the_students_list_shows_a_rename_or_a_removal_at_once(tmp_path, monkeypatch):
    """Back on the list after renaming a student, the list shows the new
    nickname (it showed the old one, and a removed student stayed on it)."""
    from game.scenes.classroom_host import StudentScene, StudentsScene

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    app = App(Options(headless=True), mode=ClassroomHostMode(address="127.0.0.1", port=0, broadcast=False))
    try:
        app.start()
        setup = app.top
        setup._set_scenario("sea")
        setup._set_address("127.0.0.1")
        click(app, find_button(setup, "Open the class"))
        scene = app.top
        a, b = scene.thread.run(lambda: [scene.host._new_student().nickname for _ in range(2)])
        scene.refresh()
        click(app, find_button(scene, "Students: rename or remove"))
        assert isinstance(app.top, StudentsScene)
        click(app, find_button(app.top, f"{a} (group A)"))
        assert isinstance(app.top, StudentScene)
        new = app.top.options[0]
        click(app, find_button(app.top, new))
        assert isinstance(app.top, StudentsScene)
        labels = [getattr(w, "text", "") for w in app.top.form.widgets]
        assert any(t.startswith(new + " (") for t in labels) and not any(t.startswith(a + " (") for t in labels)
        click(app, find_button(app.top, f"{b} (group A)"))
        click(app, find_button(app.top, "Remove from the class"))
        labels = [getattr(w, "text", "") for w in app.top.form.widgets]
        assert not any(t.startswith(b + " (") for t in labels)
    finally:
        app.stop_services()
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()
        pygame.quit()


def test_ending_the_journeys_leaves_the_focus_on_no_other_control(tmp_path, monkeypatch):
    """Enter on "End the journeys for all", then "Yes": Pause and End go, the
    buttons move up, and the focus must not land on "Lock joining"."""
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    app = App(Options(headless=True), mode=ClassroomHostMode(address="127.0.0.1", port=0, broadcast=False))
    try:
        app.start()
        setup = app.top
        setup._set_scenario("sea")
        setup._set_address("127.0.0.1")
        click(app, find_button(setup, "Open the class"))
        scene = app.top
        click(app, find_button(scene, "Start the journeys"))
        labels = [getattr(w, "text", "") for w in scene.form.widgets]
        scene.form.focus = labels.index("End the journeys for all")
        scene.confirm_end()
        click(app, find_button(app.top, "Yes, end them"))
        assert app.top is scene and scene.host.state == "ended"
        focused = scene.form.widgets[scene.form.focus].text
        assert focused == scene.form.widgets[0].text
        labels = [getattr(w, "text", "") for w in scene.form.widgets]
        scene.form.focus = labels.index("Reveal the outcomes")
        click(app, find_button(scene, "Reveal the outcomes"))
        assert scene.form.widgets[scene.form.focus].text == "Hide the outcomes"
    finally:
        app.stop_services()
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()
        pygame.quit()


def _debrief_of_a_class_without_journeys(app) -> ClassDebriefScene:
    """The class debrief, open, for a class of two groups whose students all left."""

    class EmptyHost:
        groups = list(SPLIT)

        def outcomes_by_group(self):
            return {g.id: [] for g in SPLIT}

    class Thread:
        host = EmptyHost()

        def run(self, fn):
            return fn()

    scene = ClassDebriefScene(app, Thread())
    scene._work.join(60)
    app.push(scene)
    return scene


def test_a_group_with_no_journeys_shows_no_share_and_no_interval(monkeypatch):
    """A group whose students all left (or never joined) has no outcomes: the
    class debrief said "class 0%" with a 0-100% line across every outcome."""
    from game.scenes import classroom_debrief as cd

    drawn: list[str] = []
    real = cd.draw_text

    def spy(surface, font, text, *a, **k):
        drawn.append(text)
        return real(surface, font, text, *a, **k)

    monkeypatch.setattr(cd, "draw_text", spy)
    app = App(Options(headless=True))
    try:
        app.start()
        scene = _debrief_of_a_class_without_journeys(app)
        for page in ("group:0", "compare"):
            scene.page = scene.pages().index(page)
            frames(app, 1)
        assert "class: no journeys" in drawn
        cells = [t for t in drawn if "model" in t and "·" in t]
        assert cells and all(t.startswith("no journeys") for t in cells)
    finally:
        pygame.quit()


def test_class_debrief_buttons_stay_on_screen_and_in_place_at_the_largest_text(monkeypatch):
    """At text size 1.75 (a projector) the questions page's five buttons ran off
    the screen, and "Back to the class" moved from page to page."""
    from game.ui import fonts

    app = App(Options(headless=True, text_scale=1.75))
    try:
        app.start()
        scene = _debrief_of_a_class_without_journeys(app)
        screen = pygame.Rect(0, 0, 1280, 720)
        places = {}
        for i, _page in enumerate(scene.pages()):
            scene.page = i
            frames(app, 1)
            for rect, label, _action in scene.buttons:
                assert screen.contains(rect), (label, rect)
                places.setdefault(label, set()).add(tuple(rect))
        assert all(len(places[label]) == 1 for label in ("Previous", "Next", "Back to the class"))
    finally:
        fonts.set_scale(1.0)
        pygame.quit()


def test_a_student_s_content_note_leads_back_to_the_class_not_to_a_list_of_journeys():
    class Service:
        spec = {"scenario": "sea", "preset": "fishing-2017", "seed": 1}

    app = App(Options(headless=True))
    try:
        app.start()
        scene = ClassIntroScene(app, Service())
        texts = [getattr(w, "text", "") for w in scene.form.widgets]
        assert "Back to the class" in texts and "Back to the journeys" not in texts
    finally:
        pygame.quit()


def test_the_pause_notice_stands_on_a_card(tmp_path):
    """"The teacher has paused the class." was drawn straight over the map's names."""
    class Service:
        notice = "5 minutes left."

    app = App(Options(headless=True))
    try:
        app.start()
        app.push(PausedScene(app, Service()))
        app.draw()
        probe = (80, 720 // 2 - 60)  # left of the words, inside the card
        assert tuple(app.screen.get_at(probe))[:3] == tuple(app.theme.panel)[:3]
    finally:
        pygame.quit()


def test_host_screen_at_the_largest_text_cuts_neither_heading_nor_column_names(tmp_path, monkeypatch):
    """At 1.75 "The class" was cut by the first button and the roster's headers
    read "…" ("Group" had 7% of the width whatever its language)."""
    from game.ui import fonts
    from game.ui.text import line_height

    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    app = App(Options(headless=True, text_scale=1.75), mode=ClassroomHostMode(address="127.0.0.1", port=0, broadcast=False))
    try:
        app.start()
        setup = app.top
        setup._set_scenario("sea")
        setup._set_address("127.0.0.1")
        click(app, find_button(setup, "Open the class"))
        scene = app.top
        assert scene.form.rect.top >= 24 + line_height(fonts.font("large", True))
        f = fonts.font("small")
        names = ["Nickname", "Group", "Where", "Time", "Online", "Outcome"]
        table = [["Thoughtful Sparrow", "A", "playing, day 12", "12:30", "yes", "Reached Japan's shore alive *"]]
        xs, widths = scene.roster_columns(f, names, table, 840)
        assert sum(widths) <= 840 and xs == sorted(xs)
        for k in (1, 3, 4):  # the short columns are never cut
            assert widths[k] >= max(f.size(names[k])[0], f.size(table[0][k])[0]) + 6
    finally:
        fonts.set_scale(1.0)
        app.stop_services()
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()
        pygame.quit()


def test_a_teacher_types_a_message_in_korean_or_japanese(tmp_path, monkeypatch):
    """Typed messages took only Latin letters: a Korean teacher's 안녕 was dropped."""
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path))
    app = App(Options(headless=True), mode=ClassroomHostMode(address="127.0.0.1", port=0, broadcast=False))
    try:
        app.start()
        setup = app.top
        setup._set_scenario("sea")
        setup._set_address("127.0.0.1")
        click(app, find_button(setup, "Open the class"))
        scene = app.top
        click(app, find_button(scene, "Send a message"))
        click(app, find_button(app.top, "Type a message"))
        assert isinstance(app.top, TextEntryScene)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="5분 남았어요, あと5分。"))
        frames(app, 2)
        assert app.top.text == "5분 남았어요, あと5分。"
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        frames(app, 2)
        assert scene.thread.run(lambda: scene.host.notice) == "5분 남았어요, あと5分。"
    finally:
        app.stop_services()
        running = getattr(app, "classroom_host", None)
        if running is not None:
            running.stop()
        pygame.quit()
