"""The second drive after dark asks the road's questions again, shortly: the player has read the
road, the checkpoint and what each answer risks on the first drive; the words say what differs
now (the dark, a warned checkpoint, guards who know the jeep), and every answer is still there."""

from __future__ import annotations

import pygame
import pytest

from apphelp import frames, key
from test_jsa_scene import FAST, start

# every jeep that slows is stopped, and nobody warns the checkpoint on the road: the same questions twice
OVER = {"checkpoint_stop_share": 1.0, "dusk_bluff_x": 1.0, "alarm_seen_per_min": 0.0, "alarm_missed_per_min": 0.0}


def _answer(app, scene, plan: dict[str, list[str]], limit: int = 900) -> list[tuple[bool, str, str, tuple]]:
    """Play on, answering each question by ``plan`` (kind -> answers in turn); returns
    (second drive?, kind, words, answer keys) of every question asked."""
    asked = []
    for _ in range(limit):
        q = scene.question
        if q is not None:
            keys = tuple(k for k, _label in q.answers)
            asked.append((bool(scene.state.extra["again"][0]), q.kind, q.text, keys))
            choice = plan[q.kind].pop(0) if plan.get(q.kind) else keys[0]
            key(app, pygame.K_1 + keys.index(choice))
            continue
        if scene.sim.finished:
            break
        frames(app)
    return asked


@pytest.fixture(scope="module")
def twice():
    """Turned back at the checkpoint (stopped, 'a wrong turn'), then the same road after dark."""
    app, scene = start(over=OVER)
    scene.steps_per_second = FAST
    plan = {"road": ["fast"], "bridge": ["on"], "look": ["on", "on"], "checkpoint": ["bluff", "bluff"],
            "held": ["turn", "talk"], "again": ["again_fast"]}
    return scene, _answer(app, scene, plan)


def test_the_checkpoints_questions_are_asked_on_both_drives(twice):
    _scene, asked = twice
    first = [k for again, k, _t, _a in asked if not again]
    second = [k for again, k, _t, _a in asked if again]
    for kind in ("look", "checkpoint", "held"):
        assert kind in first and kind in second, (first, second)


def test_asked_again_they_are_short_and_say_what_differs(twice):
    _scene, asked = twice
    text = {(again, kind): t for again, kind, t, _a in asked}
    keys = {(again, kind): a for again, kind, _t, a in asked}
    for kind in ("look", "checkpoint", "held"):
        before, now = text[(False, kind)], text[(True, kind)]
        assert len(now.split()) <= 0.7 * len(before.split()), (kind, before, now)
        assert keys[(True, kind)] == keys[(False, kind)]  # every decision is still offered
    assert "dark" in text[(True, "look")]
    # the guards let him turn at the checkpoint: they know the jeep, and say so
    assert "this afternoon" in text[(True, "checkpoint")] and "this afternoon" in text[(True, "held")]
    assert "alarm" in text[(True, "held")] and "would not cross" in text[(True, "held")]


def test_the_second_drive_is_recorded_and_replays(twice):
    from game.journey import replay_track

    scene, _asked = twice
    assert scene.sim.finished
    assert scene.sim.trace.entries[-1]["action"]["again"] == 2
    _track, outcome = replay_track(scene.journey_record())
    assert outcome == scene.outcome
