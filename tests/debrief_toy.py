"""The toy scenario with what a debrief shows: a counterfactual, a record with
a case and a conflicting figure, and questions. Not game code: for tests and
for looking at the debrief before the real scenarios exist.
"""

from __future__ import annotations

from pathlib import Path

import sys

import numpy as np

from toy_scenario import SCENARIO_TOML

QUESTIONS = '''questions = [
  "Which of your choices changed the odds most, and which made no difference?",
  "The model is sure of some figures and guesses others. Which guess matters most?",
  "What does the chart not show about the people who made this journey?",
]
'''

EXTRA = '''
[counterfactual]
label = "Had you hidden all the way"
set = { hazard = 0.01 }

[record]
facts = ["toy.walkers", "toy.count"]

[[record.cases]]
title = "A walk on a toy day, 2017"
text = "A made-up case for the tests: someone walked the toy road and arrived after nine hours, having hidden twice on the way."
facts = ["toy.speed_fact"]
'''

FACTS = '''
[[fact]]
id = "toy.speed_fact"
statement = "A walker on the toy road covers about one tile in each half hour."
value = 1
unit = "tiles"
status = "documented"
[[fact.sources]]
outlet = "The Toy Times"
title = "How fast people walk on toy roads"
url = "https://example.org/toy-speed"

[[fact]]
id = "toy.walkers"
statement = "How many people walked the toy road in 2017: the two counts differ."
values = [120, 180]
unit = "people"
year = 2017
status = "conflicting"
note = "One count includes people who turned back."
[[fact.sources]]
outlet = "Toy Agency"
title = "Annual count of walkers"
says = "120 people"
[[fact.sources]]
outlet = "Toy Watch"
title = "Our own count of walkers, including those who turned back"
says = "180 people"

[[fact]]
id = "toy.count"
statement = "Most walkers on the toy road arrived."
status = "estimate"
[[fact.sources]]
outlet = "Toy Agency"
title = "Summary of the year"
'''


def make_levels(root: Path, with_map: bool = True) -> Path:
    """A levels folder with the toy scenario, its facts and (optionally) its map."""
    folder = root / "toy"
    folder.mkdir(parents=True)
    map_line = 'map = "map.tmx"' if with_map else ""
    if with_map:
        write_map_and_tiles(folder)
    text = QUESTIONS + SCENARIO_TOML.format(map_line=map_line) + EXTRA
    (folder / "scenario.toml").write_text(text, encoding="utf-8")
    (root / "facts.toml").write_text(FACTS, encoding="utf-8")
    return root


def write_map_and_tiles(folder: Path) -> None:
    """A 24x12 map of grass with a road along the walk, and its tileset picture."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    try:
        from tools.tmxwrite import write_map, write_tileset
    finally:
        sys.path.pop(0)
    write_tileset(folder / "tiles.tsx", "toy", "tiles.png", (32, 16), 16, [{"terrain": "grass"}, {"terrain": "road"}])
    ground = np.ones((12, 24), dtype=int)
    ground[5, :] = 2
    write_map(folder / "map.tmx", 16, "tiles.tsx", {"ground": ground}, properties={"metres_per_tile": 10})
    write_toy_tiles(folder / "tiles.png")


def write_toy_tiles(path: Path) -> None:
    """The toy tileset's picture: grass and road, 16 px each (no display needed)."""
    import pygame

    img = pygame.Surface((32, 16))
    img.fill((86, 140, 70), (0, 0, 16, 16))
    img.fill((150, 140, 120), (16, 0, 16, 16))
    for k in range(0, 16, 4):
        img.fill((70, 120, 60), (k, k, 2, 2))
    pygame.image.save(img, str(path))


def finished_sim(scenario, seed: int = 3, world=None):
    """A finished n=1 Simulation of the toy model, with a few choices on the way."""
    from game.levels import model_for
    from game.sim.runner import Simulation

    values = scenario.values()
    sim = Simulation(model_for(scenario, values, world), 1, seed)
    while not sim.finished:
        k = sim.step_index
        sim.step({"pace": 1.5 if k < 5 else 1.0, "hide": 3 <= k < 8})
    return sim, values
