"""The player's controls as the models' actions: pure Python, no window."""

import math
import subprocess
import sys

from game.scenes.dmz.actions import PACES, Walker, jsa_action
from game.scenes.fog.actions import fog_action, way_for_key
from game.scenes.overland.actions import activities, activity_for_key, answers, chance_words, overland_action
from game.scenes.sea.actions import COURSE_STEP, ENGINE, RATIONS, Crew, sea_action
from game.sim import overland as ov


def test_the_controls_load_without_pygame():
    code = ("import sys, game.scenes.dmz.actions, game.scenes.fog.actions, game.scenes.sea.actions, game.scenes.overland.actions; "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_held_direction_wins_over_the_target_and_gets_you_up():
    w = Walker(pace="crawl", waiting=True, target=(10.0, 0.0))
    assert w.move((0.0, -1.0), (0.0, 0.0), 0.15) == (0.0, -1.0)
    assert w.target is None and not w.waiting


def test_a_tapped_target_is_walked_to_and_dropped_on_arrival():
    w = Walker(target=(3.0, 4.0))
    dx, dy = w.move((0.0, 0.0), (0.0, 0.0), 0.15)
    assert math.isclose(dx, 0.6) and math.isclose(dy, 0.8) and w.target == (3.0, 4.0)
    assert w.move((0.0, 0.0), (2.95, 3.95), 0.15) == (0.0, 0.0)
    assert w.target is None


def test_pace_cycles_and_the_dmz_actions_carry_the_model_fields():
    w = Walker(pace="run")
    assert w.next_pace() == "crawl"
    assert jsa_action((1.0, 0.0), "crawl", True) == {"dx": 1.0, "dy": 0.0, "pace": PACES.index("crawl"), "wait": True}
    fog = fog_action((0, -1), "walk", False, climb=True, turn_back=False)
    assert fog == {"dx": 0.0, "dy": -1.0, "pace": 1, "wait": False, "climb": True, "turn_back": False, "fence_way": 0,
                   "probe": False, "set_out": True, "hail": False, "armed": True, "evade": 0, "plan": 0,
                   "leave": 0, "bank": False, "learn": 0, "morning": 0, "coat": False}
    assert fog_action((0, 1), "walk", True, False, False, leave="word", bank=True)["leave"] == 1
    # the days before: how he learned where the mines are not, which morning, the padded coat
    days = fog_action((0, 0), "walk", False, False, False, learn="ask", morning="thicker", coat=True)
    assert (days["learn"], days["morning"], days["coat"]) == (2, 1, True)
    assert fog_action((0, 0), "walk", False, False, False, learn="watch")["learn"] == 1
    assert fog_action((0, 1), "walk", False, False, False, plan="path")["plan"] == 1
    assert fog_action((0, 1), "walk", False, False, False, plan="drain")["plan"] == 2
    assert fog_action((0, 1), "crawl", False, True, False, "cut")["fence_way"] == 1
    assert fog_action((0, 1), "crawl", False, True, False, "under")["fence_way"] == 2
    assert [way_for_key(k) for k in "cVux"] == ["climb", "cut", "under", None]


def test_the_crews_choices_become_the_sea_models_action():
    crew = Crew(heading=350.0, throttle_i=3, ration_i=2, turn_back=True, cover=True)
    crew.turn(COURSE_STEP)
    assert crew.heading == 5.0 and not crew.turn_back  # a new course ends turning back
    a = sea_action(crew, crossing=True)
    assert a["throttle"] == ENGINE[3][0] and a["ration"] == RATIONS[2][0] and a["cover"] == 1
    assert sea_action(crew, crossing=False)["cover"] == 0  # a fishing crew is a fishing boat
    assert "in_port" not in a and sea_action(crew, True, in_port=True)["in_port"] == 1


def test_overland_number_keys_ask_only_for_what_can_be_done_there():
    assert activity_for_key(2, "place", in_china=True) == ov.WORK
    assert activity_for_key(2, "place", in_china=False) is None
    assert activity_for_key(2, "river", in_china=True) == ov.WATCH  # at the river: wait, watch the guards, cross
    assert activity_for_key(4, "river", in_china=False) is None  # no church on the North's bank
    assert activity_for_key(3, "river", in_china=False) == ov.TRAVEL
    assert activity_for_key(1, "train", in_china=True) is None
    assert activities("river", True) == [ov.HIDE, ov.WATCH, ov.TRAVEL]
    assert activity_for_key(4, "place", in_china=True) == ov.SHELTER  # a church, in China only
    assert activity_for_key(4, "river", in_china=False) is None
    assert answers(50.0, 100.0) == [ov.CALM, ov.SLIP] and answers(150.0, 100.0) == [ov.CALM, ov.PAY, ov.SLIP]
    assert chance_words(0.9) == "almost always" and chance_words(0.05) == "rarely"
    assert overland_action({"route": 1.0, "pay": True}) == {"route": 1, "pay": 1}


def test_following_the_planned_way_gives_way_to_the_keys_a_tap_and_its_end():
    from game.scenes.fog.actions import follow_step

    assert follow_step((0.0, 0.0), None, True, (0.6, 0.8, True)) == ((0.6, 0.8), True, False)
    assert follow_step((1.0, 0.0), None, True, (0.6, 0.8, True)) == (None, False, False)  # held keys take over
    assert follow_step((0.0, 0.0), (3.0, 4.0), True, (0.6, 0.8, True)) == (None, False, False)  # a tapped spot too
    assert follow_step((0.0, 0.0), None, True, (0.0, 0.0, False)) == (None, False, True)  # past the fences: ended
    assert follow_step((0.0, 0.0), None, False, (0.6, 0.8, True)) == (None, False, False)
