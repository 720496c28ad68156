"""What every play screen tells from the narrator: the ending's words and the
map's marks (where a fence was reached, a patrol seen, the fleet met...).

Each play scene keeps a ``narrator`` (game/narrator.py) and may say where the
journey ended (``ending_where()``); these helpers turn them into the ending
card's words and the symbols on the map, the same way for all four journeys.
"""

from __future__ import annotations

import pygame

from ..i18n import N_, _
from ..ui import fonts
from ..ui.theme import OKABE_ITO

# A mark's symbol: a shape and a colour (the shapes tell them apart without colour).
MARK_STYLE = {
    "fence": ("bar", OKABE_ITO["sky_blue"]),
    "mines": ("triangle", OKABE_ITO["vermillion"]),
    "post": ("square", OKABE_ITO["orange"]),
    "patrol": ("diamond", OKABE_ITO["orange"]),
    "patrol_heard": ("sound", OKABE_ITO["orange"]),
    "heard": ("ring", OKABE_ITO["yellow"]),
    "seen": ("cross", OKABE_ITO["vermillion"]),
    "shots": ("cross", OKABE_ITO["vermillion"]),
    "blast": ("star", OKABE_ITO["vermillion"]),
    "line": ("bar", OKABE_ITO["yellow"]),
    "jeep": ("square", OKABE_ITO["sky_blue"]),
    "caught": ("cross", OKABE_ITO["vermillion"]),
    "cover": ("diamond", OKABE_ITO["bluish_green"]),
    "storm": ("ring", OKABE_ITO["sky_blue"]),
    "engine": ("square", OKABE_ITO["yellow"]),
    "wreck": ("star", OKABE_ITO["vermillion"]),
    "fleet": ("diamond", OKABE_ITO["reddish_purple"]),
    "rescue": ("diamond", OKABE_ITO["bluish_green"]),
    "ashore": ("square", OKABE_ITO["bluish_green"]),
    "river": ("bar", OKABE_ITO["sky_blue"]),
    "broker": ("ring", OKABE_ITO["yellow"]),
    "goal": ("diamond", OKABE_ITO["bluish_green"]),
}
# The legend's words for each mark (msgids).
MARK_WORDS = {
    "fence": N_("a fence"), "mines": N_("signs of mines"), "post": N_("a guard post seen"),
    "patrol": N_("a patrol seen"), "patrol_heard": N_("a patrol heard"), "heard": N_("the guards heard you"), "seen": N_("the guards saw you"),
    "shots": N_("shots"), "blast": N_("a mine went off"), "line": N_("the line"), "jeep": N_("the jeep stuck"),
    "caught": N_("caught"), "cover": N_("cover"), "storm": N_("a storm began"), "engine": N_("the engine stopped"),
    "wreck": N_("the boat was lost"), "fleet": N_("the fishing fleet"), "rescue": N_("picked up"),
    "ashore": N_("ashore"), "river": N_("the river crossed"), "broker": N_("a broker found"),
    "goal": N_("safe"),
}


def ending_words(scene) -> str:
    """What happened, where and why, in words: the narrator's ending and the
    scene's place; the outcome's general text when the model told no ending
    (time ran out)."""
    lines = scene.narrator.ending(scene.sim.events(0))
    where = scene.ending_where() if hasattr(scene, "ending_where") else ""
    if not lines:
        info = scene.scenario.outcomes.get(scene.outcome or "", {})
        text = _(info.get("text", ""))
        return (text + " " + where).strip()
    return (" ".join(line.text for line in lines) + " " + where).strip()


def draw_symbol(surface: pygame.Surface, kind: str, p: tuple[int, int], r: int, edge=(0, 0, 0)) -> None:
    shape, colour = MARK_STYLE.get(kind, ("ring", OKABE_ITO["yellow"]))
    x, y = p
    if shape == "triangle":
        pts = [(x, y - r), (x + r, y + r - 2), (x - r, y + r - 2)]
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, edge, pts, 2)
    elif shape == "square":
        rect = pygame.Rect(x - r + 2, y - r + 2, 2 * r - 4, 2 * r - 4)
        pygame.draw.rect(surface, colour, rect)
        pygame.draw.rect(surface, edge, rect, 2)
    elif shape == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, edge, pts, 2)
    elif shape == "cross":
        for a, b in (((x - r, y - r), (x + r, y + r)), ((x - r, y + r), (x + r, y - r))):
            pygame.draw.line(surface, edge, a, b, 6)
            pygame.draw.line(surface, colour, a, b, 3)
    elif shape == "bar":
        rect = pygame.Rect(x - r, y - 3, 2 * r, 6)
        pygame.draw.rect(surface, colour, rect)
        pygame.draw.rect(surface, edge, rect, 1)
    elif shape == "star":
        pts = []
        import math

        for k in range(10):
            rr = r if k % 2 == 0 else r * 0.45
            a = -math.pi / 2 + k * math.pi / 5
            pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
        pygame.draw.polygon(surface, colour, pts)
        pygame.draw.polygon(surface, edge, pts, 2)
    elif shape == "sound":
        from ..ui.legend import draw_sound

        draw_sound(surface, p, r + 2, colour)
    else:  # ring
        pygame.draw.circle(surface, edge, p, r, 4)
        pygame.draw.circle(surface, colour, p, r - 1, 2)


def draw_marks(scene, surface: pygame.Surface, view, rect: pygame.Rect, ending: bool = False) -> list[str]:
    """The narrator's marks on the map (the last of each kind at one spot);
    the ending's mark larger, ringed. Returns the kinds drawn, for a legend."""
    lines = scene.narrator.marks(scene.sim.events(0))
    if not lines:
        return []
    clip = surface.get_clip()
    surface.set_clip(rect)
    r = max(6, round(7 * fonts.get_scale()))
    drawn: list[str] = []
    last_end = max((i for i, line in enumerate(lines) if line.entry.ends), default=-1)
    for i, line in enumerate(lines):
        p = view.world_to_screen(rect, line.x, line.y)
        if not rect.collidepoint(p):
            continue
        big = i == last_end
        if big:
            pygame.draw.circle(surface, (255, 255, 255), p, 2 * r + 3, 3)
        draw_symbol(surface, line.entry.mark, p, 2 * r if big else r)
        if line.entry.mark not in drawn:
            drawn.append(line.entry.mark)
    surface.set_clip(clip)
    return drawn


def draw_legend(surface: pygame.Surface, theme, items: list[tuple[str, str]], anchor: tuple[int, int],
                corner: str = "bottomright") -> pygame.Rect:
    """A small key of (mark kind, words) in a box at ``anchor`` (its ``corner``)."""
    if not items:
        return pygame.Rect(anchor, (0, 0))
    f = fonts.font("small")
    lh = f.get_linesize()
    r = max(5, lh // 3)
    width = max(f.size(_(words))[0] for _k, words in items) + 3 * r + 24
    box = pygame.Rect(0, 0, width, len(items) * lh + 12)
    setattr(box, corner, anchor)
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    shade.fill((*theme.panel[:3], 225))
    surface.blit(shade, box.topleft)
    pygame.draw.rect(surface, theme.panel_edge, box, 1, border_radius=6)
    y = box.y + 6
    for kind, words in items:
        draw_symbol(surface, kind, (box.x + 8 + r, y + lh // 2), r)
        surface.blit(f.render(_(words), True, theme.text), (box.x + 16 + 2 * r, y))
        y += lh
    return box
