"""The debrief: reached and navigated by keys, mouse and touch alone; the
1,000 runs in the background; assumptions changed and run again; the chart
saved; every page drawn at the smallest and largest text sizes."""

from __future__ import annotations

import json
import time

import numpy as np
import pygame
import pytest

import debrief_toy
from toy_scenario import install

from game.app import App, Options
from game.journey import Journey, JourneySpec, risk_moments, spec_for
from game.levels import load_by_id, model_for
from game.scenes import debrief as debrief_mod
from game.scenes.debrief import (
    JOURNEY, MODEL, PANELS, RECORD, REPLAYS, RUNS, TALK, DebriefScene, clock_text,
)
from game.scenes.base import MENU_CORNER
from game.sim.montecarlo import run_many
from game.sim.runner import Snapshot
from game.ui import chart as charts
from game.ui import fonts
from game.ui.widgets import Button, Stepper
from game.world.mapdata import load_map

SEED = 3


@pytest.fixture
def levels(tmp_path, monkeypatch):
    install(monkeypatch)
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(tmp_path / "data"))
    return debrief_toy.make_levels(tmp_path / "levels", with_map=True)


@pytest.fixture
def scenario(levels):
    return load_by_id("toy", levels)


def start(scenario, scale: float = 1.0, sim_and_values=None, replays: int | None = None):
    app = App(Options(headless=True, seed=SEED, text_scale=scale))
    app.start()
    if replays is not None:
        app.settings.replays = replays
    world = load_map(scenario.map_file) if scenario.map_file else None
    sim, values = sim_and_values or debrief_toy.finished_sim(scenario, SEED, world)
    journey = Journey.from_simulation(sim, spec_for(scenario, scenario.default_preset, values, SEED))
    scene = DebriefScene(app, journey, scenario, world)
    app.push(scene)
    return app, scene


@pytest.fixture
def debrief(scenario):
    app, scene = start(scenario)
    yield app, scene
    scene.on_exit()
    pass  # pygame stays initialised: fonts are cached across tests


def frames(app, n: int = 1) -> None:
    for _ in range(n):
        for event in pygame.event.get():
            app.handle_event(event)
        app.update(1 / 60)
        app.draw()


def wait_ready(app, scene, limit: float = 60.0) -> None:
    """Wait on the job (not the clock), then let the scene take its results."""
    assert scene.job.wait(limit), "the runs did not finish"
    assert scene.job.error is None, scene.job.error
    end = time.monotonic() + limit  # the map's picture is drawn in its own thread
    while scene._map_state == "waiting":
        assert time.monotonic() < end, "the map was never drawn"
        time.sleep(0.005)
    frames(app)
    assert scene.complete


def key(app, k: int, n: int = 1) -> None:
    for _ in range(n):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
        frames(app)


def click(app, pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False))
    frames(app)


def finger(kind, pos, fid: int = 0):
    return pygame.event.Event(kind, x=pos[0] / 1280, y=pos[1] / 720, dx=0, dy=0, finger_id=fid, touch_id=0, pressure=1.0)


def tap(app, pos) -> None:
    pygame.event.post(finger(pygame.FINGERDOWN, pos))
    pygame.event.post(finger(pygame.FINGERUP, pos))
    frames(app)


def widget_center(scene, widget) -> tuple[int, int]:
    """Scroll a page's widget into view and give its centre on the screen."""
    form = scene.form
    i = form.widgets.index(widget)
    form._scroll_into_view(i)
    return form.screen_rect(i).center


# ---------------------------------------------------------------- opening


def test_opens_at_once_and_the_chart_arrives(scenario):
    app, scene = start(scenario)
    frames(app)
    try:
        assert scene.panel == JOURNEY and app.top is scene
        wait_ready(app, scene)
        assert scene.progress == 1.0 and scene.chart.complete
        assert set(scene.results) == {"main", "cf"}
        assert scene.results["main"].n == RUNS
    finally:
        scene.on_exit()
        pass  # pygame stays initialised: fonts are cached across tests


def test_window_keeps_drawing_while_the_runs_go_on(scenario, monkeypatch):
    # Make the runs slow on purpose: frames must still come quickly meanwhile.
    real = debrief_mod.replay

    def slow(*args, progress=None, **kw):
        def tick(p):
            time.sleep(0.15)  # the toy calls this a few times a run
            if progress:
                progress(p)
        return real(*args, progress=tick, **kw)

    monkeypatch.setattr(debrief_mod, "replay", slow)
    app, scene = start(scenario)
    try:
        times, seen = [], set()
        scene.show(REPLAYS)
        give_up = time.monotonic() + 120  # a safety net, not a speed target
        while not scene.complete:
            t = time.perf_counter()
            frames(app)
            times.append(time.perf_counter() - t)
            seen.add(round(scene.progress, 1))
            assert time.monotonic() < give_up, "the runs never finished"
            time.sleep(0.001)
        # Frames went on while the (slowed) runs did: the window never froze.
        assert len(times) > 3
        assert len(seen) > 1  # the progress bar moved
    finally:
        scene.on_exit()
        pass  # pygame stays initialised: fonts are cached across tests


def test_chart_shares_equal_run_many_for_the_same_seed_and_trace(debrief, scenario):
    app, scene = debrief
    wait_ready(app, scene)
    values = scenario.values("calm")
    trace, until = scene.journey.trace(), scene.journey.until
    direct = run_many(model_for(scenario, values, scene.world), RUNS, SEED, trace=trace, until=until)
    assert np.array_equal(direct.codes, scene.results["main"].codes)
    main = scene.chart.series[0]
    assert main.shares == tuple(direct.share(o) for o in scene.order)
    assert main.ci == tuple(direct.ci95(o) for o in scene.order)
    cf_values = {**values, "hazard": 0.01}
    cf = run_many(model_for(scenario, cf_values, scene.world), RUNS, SEED, trace=trace, until=until)
    assert scene.chart.series[1].shares == tuple(cf.share(o) for o in scene.order)
    assert scene.chart.mine == scene.order.index(scene.journey.outcome)


def test_a_trace_that_does_not_fit_falls_back_to_the_automatic_player(scenario):
    world = load_map(scenario.map_file)
    sim, values = debrief_toy.finished_sim(scenario, SEED, world)
    sim.trace.scenario, sim.trace.entries = "sea", [{"step": 0, "action": {"sail": 1.0}}]
    app, scene = start(scenario, sim_and_values=(sim, values))
    try:
        assert scene.trace is None and "sail" in scene.trace_problem
        wait_ready(app, scene)
        auto = run_many(model_for(scenario, values, world), RUNS, SEED)
        assert np.array_equal(auto.codes, scene.results["main"].codes)
        texts = [getattr(w, "text", "") for w in scene.page_form(REPLAYS).widgets]
        assert any("automatic player" in t for t in texts)
    finally:
        scene.on_exit()
        pass  # pygame stays initialised: fonts are cached across tests


# ---------------------------------------------------------------- navigation


def test_keys_alone(debrief):
    app, scene = debrief
    wait_ready(app, scene)
    for k, panel in ((pygame.K_2, REPLAYS), (pygame.K_5, TALK), (pygame.K_1, JOURNEY)):
        key(app, k)
        assert scene.panel == panel
    key(app, pygame.K_RIGHT)
    assert scene.panel == REPLAYS
    key(app, pygame.K_TAB)
    assert scene.panel == RECORD
    key(app, pygame.K_LEFT, 2)
    assert scene.panel == JOURNEY
    # Up/down scroll a page, reach the buttons below it, and come back.
    key(app, pygame.K_3)
    form = scene.form
    assert form.max_scroll > 0
    key(app, pygame.K_DOWN)
    assert form.scroll > 0
    key(app, pygame.K_END)
    assert form.scroll == form.max_scroll
    key(app, pygame.K_DOWN)
    assert scene.zone == "bar"
    key(app, pygame.K_RIGHT, 2)
    assert scene.bar_focus == 2 and scene.panel == RECORD  # left/right move along the buttons
    key(app, pygame.K_RETURN)  # Save chart
    assert list((scene.saved[0].parent).glob("*.png")) == [scene.saved[0]]
    key(app, pygame.K_UP)
    assert scene.zone == "content"
    key(app, pygame.K_HOME)
    key(app, pygame.K_UP)
    assert scene.zone == "tabs"
    key(app, pygame.K_RIGHT)
    assert scene.panel == MODEL
    key(app, pygame.K_DOWN)
    assert scene.zone == "content"
    # Escape opens the app's menu, not a way out by accident.
    key(app, pygame.K_ESCAPE)
    assert type(app.top).__name__ == "PauseScene"
    key(app, pygame.K_ESCAPE)
    assert app.top is scene
    # Play again, by keys: down to the buttons, Enter.
    key(app, pygame.K_5)
    for _ in range(30):
        if scene.zone == "bar":
            break
        key(app, pygame.K_DOWN)
    key(app, pygame.K_LEFT, 3)
    assert scene.bar_focus == 0
    key(app, pygame.K_RETURN)
    assert type(app.top).__name__ == "IntroScene" and app.top.scenario is scene.scenario


def test_mouse_alone(debrief):
    app, scene = debrief
    wait_ready(app, scene)
    for i in (TALK, RECORD, MODEL, REPLAYS, JOURNEY):
        click(app, scene.tab_rects[i].center)
        assert scene.panel == i
    click(app, scene.tab_rects[RECORD].center)
    form = scene.form
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False, precise_x=0.0, precise_y=-2.0, touch=False))
    frames(app)
    assert form.scroll > 0
    click(app, scene.bar_rects[2].center)  # Save chart
    assert scene.saved and scene.saved[0].is_file()
    click(app, scene.bar_rects[1].center)  # Choose another journey
    assert type(app.top).__name__ == "PickerScene"
    assert [type(s).__name__ for s in app.scenes] == ["TitleScene", "PickerScene"]


def test_touch_alone(debrief):
    app, scene = debrief
    wait_ready(app, scene)
    for i in (REPLAYS, TALK, RECORD, MODEL, JOURNEY):
        tap(app, scene.tab_rects[i].center)
        assert scene.panel == i
    # A finger drag scrolls a page.
    tap(app, scene.tab_rects[RECORD].center)
    form = scene.form
    x, y = form.rect.centerx, form.rect.bottom - 20
    pygame.event.post(finger(pygame.FINGERDOWN, (x, y)))
    for k in range(1, 9):
        pygame.event.post(finger(pygame.FINGERMOTION, (x, y - 30 * k)))
    pygame.event.post(finger(pygame.FINGERUP, (x, y - 240)))
    frames(app)
    assert form.scroll > 0 and form.scroll >= min(100, form.max_scroll)
    assert scene.panel == RECORD  # the drag pressed nothing
    # Change an assumption with the + button, then re-run, all by finger.
    tap(app, scene.tab_rects[MODEL].center)
    stepper = next(w for w in scene.form.widgets if isinstance(w, Stepper))
    before = stepper.value
    form = scene.form
    i = form.widgets.index(stepper)
    form._scroll_into_view(i)
    _left, _value, plus = stepper._rects(form.screen_rect(i))
    tap(app, plus.center)
    assert scene.values["hazard"] > before
    rerun = next(w for w in scene.form.widgets if isinstance(w, Button) and "Re-run" in w.text)
    tap(app, widget_center(scene, rerun))
    assert scene.run_values["hazard"] == scene.values["hazard"]
    wait_ready(app, scene)
    tap(app, scene.bar_rects[0].center)  # Play again
    assert type(app.top).__name__ == "IntroScene"


def test_the_menu_corner_stays_free(debrief):
    app, scene = debrief
    for scale in (1.0, 1.25, 1.5, 1.75):
        app.settings.text_scale = scale
        app.apply_settings()
        for r in scene.tab_rects + scene.bar_rects + [scene.content]:
            assert not r.colliderect(MENU_CORNER)
            assert pygame.Rect(0, 0, 1280, 720).contains(r)
        for r in scene.tab_rects + scene.bar_rects:
            assert r.height >= 48 and r.width >= 48
        assert scene.content.height > 300


# ---------------------------------------------------------------- the model page


def test_change_an_assumption_rerun_and_reset(debrief):
    app, scene = debrief
    wait_ready(app, scene)
    first = scene.results["main"].shares.copy()
    key(app, pygame.K_4)
    # Re-run is reached at once: the page's first button (issue 11 item 4).
    first_focus = scene.form.widgets[scene.form.focus]
    assert isinstance(first_focus, Button) and "Re-run" in first_focus.text
    while not isinstance(scene.form.widgets[scene.form.focus], Stepper):
        key(app, pygame.K_DOWN)
    stepper = scene.form.widgets[scene.form.focus]
    assert stepper.label == "Chance of being stopped per step"
    key(app, pygame.K_RIGHT, 3)  # on a stepper, left/right change its value
    assert scene.panel == MODEL
    assert scene.values["hazard"] > 0.02 and scene.run_values["hazard"] == 0.02
    assert any("Re-run" in getattr(w, "text", "") for w in scene.form.widgets if not isinstance(w, Button))
    # Down to the Re-run button, Enter.
    while not (isinstance(scene.form.widgets[scene.form.focus], Button) and "Re-run" in scene.form.widgets[scene.form.focus].text):
        key(app, pygame.K_UP)
    key(app, pygame.K_RETURN)
    assert not scene.ready or scene.run_values["hazard"] == scene.values["hazard"]
    wait_ready(app, scene)
    changed = scene.results["main"]
    assert changed.share("stopped") > first[scene.order.index("stopped")]
    assert "Changed from your journey" in scene.chart.note and "0.02 →" in scene.chart.note
    assert scene.chart.series[0].label == "Your choices, with the values you changed"
    # Facts are shown but cannot be changed.
    steppers = [w.label for w in scene.form.widgets if isinstance(w, Stepper)]
    assert "Tiles walked per step" not in steppers and "Distance to the goal" in steppers
    texts = " ".join(getattr(w, "text", "") for w in scene.form.widgets)
    assert "A walker on the toy road" in texts and "The Toy Times" in texts
    # Reset restores the journey's values and runs them again.
    reset = next(w for w in scene.form.widgets if isinstance(w, Button) and w.text.startswith("Reset"))
    reset.activate()
    wait_ready(app, scene)
    assert scene.values == scene.journey_values
    assert np.array_equal(scene.results["main"].shares, first)


def test_pages_tell_what_they_should(debrief):
    app, scene = debrief
    wait_ready(app, scene)

    def texts(panel):
        return " ".join(getattr(w, "text", "") + " " + getattr(w, "title", "") for w in scene.page_form(panel).widgets)

    journey = texts(JOURNEY)
    assert "How it ended" in journey and "Moving in the open." in journey and "risk this step" in journey
    assert len(scene.moments) == 3
    replays = texts(REPLAYS)
    assert f"Seed {SEED}" in replays and "--seed 3" in replays
    assert "Had you hidden all the way," in replays and "would have ended that way" in replays
    record = texts(RECORD)
    assert "A walk on a toy day, 2017" in record and "Sources disagree" in record
    assert "Toy Agency says: 120 people" in record and "Toy Watch says: 180 people" in record
    talk = texts(TALK)
    for q in scene.scenario.questions:
        assert q in talk
    for word in ("score", "points", "rank"):
        assert word not in " ".join(scene.chart.outcome_labels).lower()


# ---------------------------------------------------------------- saving


def test_save_chart_writes_png_and_choices_atomically(debrief, tmp_path):
    app, scene = debrief
    assert scene.save_chart() is None  # not ready yet (or at once ready): never a half chart
    wait_ready(app, scene)
    path = scene.save_chart()
    folder = tmp_path / "data"
    assert path is not None and path.parent == folder and path.suffix == ".png"
    img = pygame.image.load(str(path))
    assert img.get_width() == 1200 and img.get_height() == charts.measure(scene.chart, 1200)
    choices = folder / (path.stem + "-journey.json")
    assert Journey.load(choices) == scene.journey  # the record, read back whole
    assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, choices.name])  # no temp files left
    assert any(str(path) in text for text, _s in app.captions)
    assert str(choices) in scene._repeat_text()


def test_save_chart_failure_is_told_not_raised(debrief, tmp_path, monkeypatch):
    app, scene = debrief
    wait_ready(app, scene)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CROSSINGS_DATA_DIR", str(blocker / "sub"))
    assert scene.save_chart() is None
    assert "Could not save the chart" in scene.save_problem
    frames(app)


# ---------------------------------------------------------------- drawing


@pytest.mark.parametrize("scale", [1.0, 1.75])
@pytest.mark.parametrize("contrast", [False, True])
def test_every_page_draws_at_each_text_size(scenario, scale, contrast):
    app, scene = start(scenario, scale)
    try:
        app.settings.high_contrast = contrast
        app.apply_settings()
        frames(app)  # while the runs go on: progress bars
        for p in range(len(PANELS)):
            scene.show(p)
            frames(app)
        wait_ready(app, scene)
        for p in range(len(PANELS)):
            scene.show(p)
            frames(app, 2)
            form = scene.form
            form.scroll = form.max_scroll
            frames(app)
        # Text fits its boxes: tab names and button labels wrap inside them.
        f = scene.tab_font
        for rect, lines in zip(scene.tab_rects, scene.tab_lines):
            assert all(f.size(line)[0] <= rect.width - 16 for line in lines)
            assert len(lines) * int(f.get_linesize() * 1.05) <= rect.height
        assert scene._map_state == "ready"
    finally:
        scene.on_exit()
        pass  # pygame stays initialised: fonts are cached across tests


def test_without_a_map_the_journey_is_a_strip(tmp_path, monkeypatch):
    install(monkeypatch)
    root = debrief_toy.make_levels(tmp_path / "levels", with_map=False)
    scenario = load_by_id("toy", root)
    app, scene = start(scenario)
    try:
        frames(app, 3)
        assert scene._map_state == "none" and scene.world is None
        wait_ready(app, scene)
    finally:
        scene.on_exit()
        pass  # pygame stays initialised: fonts are cached across tests


# ---------------------------------------------------------------- pieces


def snaps(risks, step_hours=0.25):
    return [Snapshot(i, i * step_hours, float(i), 0.0, r, 0 if r else -1) for i, r in enumerate(risks)]


def test_risk_moments_are_peaks_apart_in_time():
    risks = [0, 0.01, 0.05, 0.04, 0.01, 0, 0, 0.02, 0.03, 0.02, 0, 0, 0, 0, 0.06, 0.01, 0, 0, 0, 0.049, 0.01]
    got = risk_moments(snaps(risks), 0.25)
    assert [m.index for m in got] == [2, 14, 19]  # 0.06, 0.05, 0.049; 3 (0.04) is too close to 2
    assert [m.hours for m in got] == [0.5, 3.5, 4.75]
    assert risk_moments(snaps([0, 0, 0]), 1.0) == []
    assert risk_moments([], 1.0) == []
    flat = risk_moments(snaps([0] + [0.02] * 40), 1.0)
    assert len(flat) == 3 and min(b.index - a.index for a, b in zip(flat, flat[1:])) >= 5


def test_clock_text_fits_the_length_of_the_journey():
    assert clock_text(2.25, 9) == "Hour 2:15"
    assert clock_text(0, 9) == "Hour 0:00"
    assert clock_text(50.5, 200) == "Day 3, hour 2"
    assert clock_text(14 / 3600, 30 / 3600) == "Second 14"  # the JSA dash lasts seconds


def test_chart_layout_follows_the_text_size():
    data = charts.ChartData(
        title="A title", outcome_labels=["Reached the shore alive", "Turned back", "A very long outcome label that has to wrap somewhere"],
        series=[charts.Series("Yours", (0.5, 0.3, 0.2), ((0.45, 0.55), (0.27, 0.33), (0.17, 0.23)), 1000),
                charts.Series("Had you waited", (0.6, 0.3, 0.1), ((0.55, 0.65), (0.27, 0.33), (0.08, 0.12)), 1000, True)],
        mine=1, mine_text="Your journey ended here", note="Bars: shares.",
    )
    heights = []
    for scale in (1.0, 1.75):
        fonts.set_scale(scale)
        lay = charts._layout(data, 900)
        label_font = fonts.font("body", True)
        for _y, _h, lines, marker in lay.rows:
            assert all(label_font.size(line)[0] <= lay.label_w for line in lines)
        assert lay.bar_x0 + lay.bar_len + label_font.size("100%")[0] + 10 <= 900
        surf = charts.render(data, 900, __import__("game.ui.theme", fromlist=["NORMAL"]).NORMAL)
        assert surf.get_size() == (900, lay.height)
        heights.append(lay.height)
    fonts.set_scale(1.0)
    assert heights[1] > heights[0]
    assert charts.percent(0.4234) == "42%" and charts.percent(0.042) == "4.2%" and charts.percent(0) == "0%"
    assert charts.percent(0.0004) == "<0.1%" and charts.percent(0.05) == "5%"


def test_a_failing_model_is_told_in_words(scenario, monkeypatch):
    real = debrief_mod.replay
    calls = []

    def flaky(*args, **kw):
        calls.append(args)
        if len(calls) == 2:
            raise FloatingPointError("the counterfactual's model broke")
        return real(*args, **kw)

    monkeypatch.setattr(debrief_mod, "replay", flaky)
    app, scene = start(scenario)
    try:
        assert scene.job.wait(60)
        frames(app)
        assert scene.ready and not scene.complete
        assert len(scene.chart.series) == 1  # the broken series is left out, not "still running"
        texts = " ".join(getattr(w, "text", "") for w in scene.page_form(REPLAYS).widgets)
        assert "the counterfactual's model broke" in texts
        assert scene.save_chart() is None
    finally:
        scene.on_exit()


@pytest.mark.parametrize("changed", [False, True])
def test_the_command_on_screen_repeats_the_runs(debrief, levels, capsys, changed):
    import shlex

    from game.simulate_cmd import main

    app, scene = debrief
    if changed:
        scene.values["goal"] = 25.0
        scene.rerun()
    wait_ready(app, scene)
    scene.save_chart()
    assert ("--set goal=25" in scene._repeat_text()) == changed
    command = scene._repeat_text().split(": ", 1)[1].split(" (")[0]
    argv = shlex.split(command)
    assert argv[:2] == ["crossings", "simulate"]
    assert argv[argv.index("--levels") + 1] == str(levels.resolve())  # the folder it was played from
    assert main([*argv[2:], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    main_result = scene.results["main"]
    for oid in scene.order:
        assert data["outcomes"][oid]["count"] == main_result.count(oid)


def test_autoplay_shows_every_page_in_turn(debrief):
    app, scene = debrief
    app.launch.autoplay = True
    wait_ready(app, scene)
    seen = {scene.panel}
    for _ in range(int(len(PANELS) * debrief_mod.AUTO_PAGE_S * 60) + 10):
        app.update(1 / 60)
        seen.add(scene.panel)
    assert seen == set(range(len(PANELS))) and scene.panel == TALK


def _real_scenarios():
    from game.levels import load_all

    try:
        return [sc.id for sc in load_all()]
    except Exception:  # a broken scenario file is test_levels' business
        return []


@pytest.mark.parametrize("sid", _real_scenarios() or [pytest.param("none", marks=pytest.mark.skip(reason="no scenarios yet"))])
def test_real_scenarios_debrief_after_the_automatic_player(sid):
    from game.sim.runner import Simulation

    scenario = load_by_id(sid)
    world = load_map(scenario.map_file) if scenario.map_file else None
    values = scenario.values()
    sim = Simulation(model_for(scenario, values, world), 1, SEED)
    sim.autoplay()
    for scale in (1.0, 1.75):
        app, scene = start(scenario, scale, (sim, values), replays=200)  # the pages, not the statistics
        try:
            wait_ready(app, scene, limit=60)
            assert scene.trace is not None, scene.trace_problem
            for p in range(len(PANELS)):
                scene.show(p)
                frames(app, 2)
                scene.form.scroll = scene.form.max_scroll
                frames(app)
        finally:
            scene.on_exit()


def test_what_changes_is_drawn(debrief):
    # Frames are cached between changes: each change must reach the screen.
    app, scene = debrief
    wait_ready(app, scene)  # the runs finish in a thread: wait, so no race
    key(app, pygame.K_1)
    before = pygame.image.tobytes(app.screen, "RGB")
    key(app, pygame.K_2)
    after = pygame.image.tobytes(app.screen, "RGB")
    assert before != after  # the chart's page replaced the journey's
    key(app, pygame.K_4)
    while not isinstance(scene.form.widgets[scene.form.focus], Stepper):
        key(app, pygame.K_DOWN)
    shots = [pygame.image.tobytes(app.screen, "RGB")]
    key(app, pygame.K_RIGHT)  # a value changed
    shots.append(pygame.image.tobytes(app.screen, "RGB"))
    key(app, pygame.K_DOWN)  # the focus moved
    shots.append(pygame.image.tobytes(app.screen, "RGB"))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0, touch=False))
    frames(app)  # scrolled
    shots.append(pygame.image.tobytes(app.screen, "RGB"))
    app.settings.text_scale = 1.5
    app.apply_settings()
    frames(app)  # bigger text
    shots.append(pygame.image.tobytes(app.screen, "RGB"))
    assert all(a != b for a, b in zip(shots, shots[1:]))


@pytest.mark.parametrize("how", ["touch", "mouse", "keys"])
def test_the_debrief_is_reached_from_the_play_scene(scenario, how):
    from game.scenes.play_base import PlayBase

    class ToyPlay(PlayBase):
        steps_per_second = 600.0

    app = App(Options(headless=True, seed=SEED))
    app.start()
    play = ToyPlay(app, scenario, "calm", SEED)
    app.push(play)
    for _ in range(300):
        frames(app)
        if play.end_timer is not None and play.end_timer > 0.7:
            break
    assert play.sim.finished
    centre = (640, 360)
    if how == "touch":
        tap(app, centre)
    elif how == "mouse":
        click(app, centre)
    else:
        key(app, pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, DebriefScene) and scene.journey.track == play.sim.journey and scene.seed == SEED
    wait_ready(app, scene)
    # The same input reaches every page.
    for p in (REPLAYS, RECORD, MODEL, TALK):
        if how == "touch":
            tap(app, scene.tab_rects[p].center)
        elif how == "mouse":
            click(app, scene.tab_rects[p].center)
        else:
            key(app, pygame.K_1 + p)
        assert scene.panel == p
    scene.on_exit()


def test_an_outcome_keeps_its_colour_meaning_on_every_chart():
    # "Killed" was drawn in the colour that elsewhere means safe (issue 11, item 14).
    from game.levels import load_all
    from game.ui import chart
    from game.ui.theme import NORMAL, OKABE_ITO

    good, deaths = set(), set()
    for sc in load_all():
        tones = [str(o.get("tone", "")) for o in sc.outcomes.values()]
        colours = chart.outcome_colours(NORMAL, tones)
        assert len(set(colours)) == len(colours), sc.id
        for tone, colour in zip(tones, colours):
            (good if tone == "good" else deaths if tone == "lost" else set()).add(colour)
        assert any(t == "lost" for t in tones), sc.id
    assert OKABE_ITO["bluish_green"] not in deaths
    assert not good & deaths


def test_what_really_happened_tells_each_fact_once_with_its_sources(debrief):
    # Issue 11 item 3: a story with its sources, no fact repeated.
    app, scene = debrief
    texts = [getattr(w, "text", "") + " " + getattr(w, "title", "") for w in scene.page_form(RECORD).widgets]
    page = " ".join(texts)
    # the case is told in its words; its fact's statement is not told again beneath it
    assert "someone walked the toy road" in page
    assert "covers about one tile in each half hour" not in page
    assert "Sources: The Toy Times, How fast people walk on toy roads" in page
    # figures no case tells are told once each, with their sources
    assert page.count("Most walkers on the toy road arrived.") == 1
    assert "Toy Agency, Summary of the year" in page
    assert not any("toy." in t for t in texts)  # no fact ids


def test_an_assumption_note_says_which_value_it_was_written_for(scenario):
    # "12 m is taken as a middling squid boat" beside a 9 m boat misled (issue 11 item 4).
    import dataclasses

    goal = scenario.parameters["goal"]
    scenario.parameters["goal"] = dataclasses.replace(goal, note="20 tiles is taken as a long walk.")
    values = scenario.values("tense")
    from game.levels import model_for
    from game.sim.runner import Simulation

    sim = Simulation(model_for(scenario, values, None), 1, SEED)
    while not sim.finished:
        sim.step({"pace": 1.0, "hide": False})
    app, scene = start(scenario, sim_and_values=(sim, values))
    try:
        texts = " ".join(getattr(w, "text", "") for w in scene.page_form(MODEL).widgets)
        assert "Assumption, written for the usual 20 tiles: 20 tiles is taken as a long walk." in texts
    finally:
        scene.on_exit()


def test_a_scrolled_page_opens_at_its_top(debrief):
    app, scene = debrief
    wait_ready(app, scene)
    scene.show(MODEL)
    frames(app)
    scene.form.scroll = scene.form.max_scroll
    assert scene.form.scroll > 0
    scene.show(TALK)
    scene.show(MODEL)
    frames(app)
    assert scene.form.scroll == 0


@pytest.mark.parametrize("scale", [1.0, 1.75, 2.0])
def test_the_tabs_never_wrap(scenario, scale):
    app, scene = start(scenario, scale)
    try:
        assert all(len(lines) == 1 for lines in scene.tab_lines), scene.tab_lines
        assert all(not r.colliderect(MENU_CORNER) for r in scene.tab_rects)
    finally:
        scene.on_exit()


@pytest.mark.parametrize("scale", [1.0, 1.75])
def test_changing_a_value_moves_nothing_under_the_finger(scenario, scale):
    app, scene = start(scenario, scale)
    try:
        wait_ready(app, scene)
        scene.show(MODEL)
        frames(app)
        form = scene.form
        i = next(k for k, w in enumerate(form.widgets) if isinstance(w, Stepper))
        before = [form.screen_rect(k) for k in range(i + 1)]
        assert form.widgets[i].label == "Chance of being stopped per step"
        scene._set_value("hazard", 0.5)
        frames(app)
        after = [scene.form.screen_rect(k) for k in range(i + 1)]
        assert before == after
    finally:
        scene.on_exit()


def test_model_page_shows_which_assumptions_matter_and_the_check_against_the_record(debrief):
    app, scene = debrief
    wait_ready(app, scene)
    scene.show(MODEL)
    frames(app)
    assert scene.sens_job is not None  # started once the runs are in and the page is open
    end = time.monotonic() + 30
    while not scene.sens_job.done:
        assert time.monotonic() < end, "the sensitivity did not finish"
        frames(app)
        time.sleep(0.01)
    frames(app, 2)
    assert scene.sens_job.error is None, scene.sens_job.error
    tornado = next(w for w in scene.form.widgets if isinstance(w, charts.TornadoWidget))
    data, _progress, _status = tornado.source()
    assert data.ready and data.bars
    texts = " ".join(getattr(w, "text", "") for w in scene.form.widgets)
    assert "How well the model matches the record" in texts and "no figure to check" in texts
    # A change and a re-run start it again for the new values.
    scene.rerun()
    assert scene.sens_job is None


def test_autoplay_stops_turning_pages_once_someone_reads(debrief):
    """With --autoplay the pages turn by themselves; a student who picks a page
    (a key, a tap) keeps it: it no longer changes under them."""
    from game.input import Intent

    app, scene = debrief
    app.launch.autoplay = True
    wait_ready(app, scene)
    scene.handle(Intent("key", key=pygame.K_2))
    assert scene.panel == REPLAYS
    for _ in range(int(len(PANELS) * debrief_mod.AUTO_PAGE_S * 60) + 10):
        app.update(1 / 60)
    assert scene.panel == REPLAYS


def test_a_journey_of_one_minute_or_one_hour_is_said_in_the_singular():
    # "Your journey lasted 1 minutes." was on the JSA's debrief after a stop at the checkpoint.
    from game.scenes.debrief import duration_text

    assert duration_text(1 / 60) == "1 minute"
    assert duration_text(5 / 60) == "5 minutes"
    assert duration_text(1.0) == "1 hour"
    assert duration_text(3.0) == "3 hours"
