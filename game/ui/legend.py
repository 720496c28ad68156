"""The key to a play screen's map, and its scale bar.

A "Key" button sits in the map's top right corner; a tap (or the K key)
opens the key: each mark the map uses, drawn as the map draws it, with its
name. The entries come from the level's ``legend.toml`` (tiles of the map's
own tileset, or a symbol the scene draws: you, a guard, the boat...). The
key opens on the side of the map away from the player, so it never covers
them. The scale bar shows a round distance at the map's current zoom.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pygame

from ..i18n import _
from . import fonts
from .text import draw_text, line_height, wrap
from .theme import OKABE_ITO

ICON = 32  # an entry's picture: a 16 px tile at 2x
PAD = 8
SYMBOLS = {"player", "guard", "goal", "line", "dash", "town", "boat", "jeep", "arrow", "traveller", "rail", "port",
           "drain", "sound"}


class LegendError(ValueError):
    """A legend file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Entry:
    label: str
    tiles: tuple[int, ...] = ()
    symbol: str = ""
    colour: tuple[int, int, int] = (255, 255, 255)


_read: dict[tuple, list[Entry] | LegendError] = {}


def load_entries(path: Path) -> list[Entry]:
    """The entries of a level's legend.toml ([[entry]] label, tiles = [ids] or symbol, colour).

    Read once per file (again if it changes): the loading card's thread reads it
    before the play screen first draws its key."""
    try:
        st = Path(path).stat()
    except OSError:
        return _load_entries(Path(path))
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _read:
        if len(_read) >= 8:
            _read.clear()
        try:
            _read[key] = _load_entries(Path(path))
        except LegendError as exc:
            _read[key] = exc
    got = _read[key]
    if isinstance(got, LegendError):
        raise got
    return list(got)


def _load_entries(path: Path) -> list[Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LegendError(f"{path}: cannot be read: {exc}") from None
    out = []
    for i, e in enumerate(data.get("entry", [])):
        label = e.get("label")
        tiles = e.get("tiles", [])
        symbol = e.get("symbol", "")
        colour = e.get("colour", [255, 255, 255])
        if not isinstance(label, str) or not label:
            raise LegendError(f"{path}: entry {i + 1} has no label")
        if not isinstance(tiles, list) or not all(isinstance(t, int) and t >= 0 for t in tiles):
            raise LegendError(f"{path}: entry {i + 1} ({label!r}): tiles must be a list of tile ids")
        if symbol and symbol not in SYMBOLS:
            raise LegendError(f"{path}: entry {i + 1} ({label!r}): unknown symbol {symbol!r} (known: {', '.join(sorted(SYMBOLS))})")
        if not tiles and not symbol:
            raise LegendError(f"{path}: entry {i + 1} ({label!r}) has neither tiles nor a symbol")
        if not (isinstance(colour, list) and len(colour) == 3 and all(isinstance(c, int) and 0 <= c <= 255 for c in colour)):
            raise LegendError(f"{path}: entry {i + 1} ({label!r}): colour must be three numbers 0-255")
        out.append(Entry(label, tuple(tiles), symbol, tuple(colour)))
    return out


_tilesets: dict[tuple, tuple[pygame.Surface | None, int]] = {}


def tileset_image(map_file: Path) -> tuple[pygame.Surface | None, int]:
    """The map's tileset picture and its tile size (None if there is none).

    Read once per map file (again if it changes; only read by the key): the
    loading card's thread reads it before the play screen is built."""
    try:
        st = Path(map_file).stat()
        key = (str(map_file), st.st_size, st.st_mtime_ns)
    except OSError:
        return _tileset_image(Path(map_file))
    if key not in _tilesets:
        if len(_tilesets) >= 8:
            _tilesets.clear()
        _tilesets[key] = _tileset_image(Path(map_file))
    return _tilesets[key]


def _tileset_image(map_file: Path) -> tuple[pygame.Surface | None, int]:
    import xml.etree.ElementTree as ET

    try:
        tsx = map_file.parent / ET.parse(map_file).getroot().find("tileset").get("source")
        root = ET.parse(tsx).getroot()
        image = pygame.image.load(str(tsx.parent / root.find("image").get("source")))
        return image, int(root.get("tilewidth"))
    except (OSError, AttributeError, TypeError, ValueError, ET.ParseError, pygame.error):
        return None, 16


def rail_ties(surface: pygame.Surface, a: tuple[float, float], b: tuple[float, float], spacing: int = 9) -> None:
    """Cross ties along a segment: the map's sign for a railway."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    if n < 1:
        return
    ux, uy = dx / n, dy / n
    for k in range(1, int(n // spacing) + 1):
        cx, cy = a[0] + ux * k * spacing, a[1] + uy * k * spacing
        pygame.draw.line(surface, (20, 20, 20), (cx - uy * 5, cy + ux * 5), (cx + uy * 5, cy - ux * 5), 2)


def draw_symbol(surface: pygame.Surface, symbol: str, rect: pygame.Rect, colour, high_contrast: bool) -> None:
    """A scene's mark as the scene draws it, fitted in ``rect``."""
    c = rect.center
    if symbol == "player":
        pygame.draw.circle(surface, (0, 0, 0), c, 8)
        pygame.draw.circle(surface, (245, 245, 240), c, 6)
        pygame.draw.circle(surface, (0, 0, 0), c, 14, 4)
        pygame.draw.circle(surface, OKABE_ITO["yellow"] if high_contrast else colour, c, 13, 2)
    elif symbol == "traveller":
        pygame.draw.circle(surface, (255, 255, 255), c, 10)
        pygame.draw.circle(surface, (0, 0, 0), c, 10, 2)
        pygame.draw.circle(surface, colour, c, 6)
    elif symbol == "guard":
        pygame.draw.circle(surface, (0, 0, 0), c, 10)
        pygame.draw.circle(surface, (70, 76, 60), c, 8)
        pygame.draw.circle(surface, OKABE_ITO["yellow"] if high_contrast else colour, c, 10, 3)
    elif symbol == "goal":
        box = rect.inflate(-6, -10)
        pygame.draw.rect(surface, (0, 0, 0), box, 5, border_radius=6)
        pygame.draw.rect(surface, OKABE_ITO["yellow"] if high_contrast else colour, box, 3, border_radius=6)
    elif symbol in ("line", "dash"):
        y = rect.centery
        step = 8 if symbol == "dash" else rect.width
        for x in range(rect.x + 2, rect.right - 2, step * 2 if symbol == "dash" else step):
            end = min(rect.right - 2, x + step)
            pygame.draw.line(surface, (0, 0, 0), (x, y + 1), (end, y + 1), 5)
            pygame.draw.line(surface, colour, (x, y), (end, y), 3)
    elif symbol == "rail":
        a, b = (rect.x + 2, rect.centery), (rect.right - 2, rect.centery)
        pygame.draw.line(surface, (0, 0, 0), a, b, 6)
        pygame.draw.line(surface, colour, a, b, 4)
        rail_ties(surface, a, b, 7)
    elif symbol == "port":
        pygame.draw.rect(surface, (20, 28, 36), (c[0] - 4, c[1] - 4, 9, 9))
        pygame.draw.rect(surface, colour, (c[0] - 2, c[1] - 2, 5, 5))
    elif symbol == "town":
        pygame.draw.circle(surface, (20, 28, 36), c, 5)
        pygame.draw.circle(surface, colour, c, 3)
    elif symbol == "boat":
        pygame.draw.line(surface, (20, 20, 20), c, (c[0] + 10, c[1] - 10), 4)
        pygame.draw.line(surface, colour, c, (c[0] + 10, c[1] - 10), 2)
        pygame.draw.circle(surface, (0, 0, 0), c, 10)
        pygame.draw.circle(surface, colour, c, 7)
    elif symbol == "jeep":
        body = pygame.Rect(0, 0, 12, 24)
        body.center = c
        pygame.draw.rect(surface, (0, 0, 0), body.inflate(4, 4), border_radius=4)
        pygame.draw.rect(surface, colour, body, border_radius=3)
        pygame.draw.rect(surface, (40, 52, 40), body.inflate(-6, -12))
    elif symbol == "drain":
        draw_drain(surface, c, 10, colour)
    elif symbol == "sound":
        draw_sound(surface, c, 12, OKABE_ITO["yellow"] if high_contrast else colour)
    elif symbol == "arrow":
        a, b = (rect.x + 6, rect.y + 8), (rect.right - 8, rect.bottom - 8)
        pygame.draw.line(surface, colour, a, b, 2)
        pygame.draw.polygon(surface, colour, (b, (b[0] - 9, b[1] - 2), (b[0] - 2, b[1] - 9)))


def draw_drain(surface: pygame.Surface, c: tuple[int, int], r: int, colour) -> None:
    """A drain's mouth under the wire: an arch over a dark opening."""
    x, y = c
    mouth = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
    pygame.draw.ellipse(surface, (10, 14, 20), mouth.inflate(-6, -6))
    pygame.draw.arc(surface, (0, 0, 0), mouth.inflate(4, 4), 0, math.pi, 6)
    pygame.draw.arc(surface, colour, mouth, 0, math.pi, 4)
    pygame.draw.line(surface, (0, 0, 0), (x - r - 2, y + 1), (x + r + 2, y + 1), 5)
    pygame.draw.line(surface, colour, (x - r, y), (x + r, y), 3)


def draw_sound(surface: pygame.Surface, c: tuple[int, int], r: int, colour) -> None:
    """Something heard, not seen: a dot with sound arcs either side."""
    x, y = c
    pygame.draw.circle(surface, (0, 0, 0), c, max(3, r // 3) + 2)
    pygame.draw.circle(surface, colour, c, max(3, r // 3))
    for k, rr in enumerate((r * 0.7, r)):
        box = pygame.Rect(0, 0, round(2 * rr), round(2 * rr))
        box.center = c
        for a0 in (-math.pi / 4, 3 * math.pi / 4):
            pygame.draw.arc(surface, (0, 0, 0), box.inflate(2, 2), a0, a0 + math.pi / 2, 5)
            pygame.draw.arc(surface, colour, box, a0, a0 + math.pi / 2, 3)


def nice_distance(metres: float) -> float:
    """The largest 1, 2 or 5 times a power of ten not above ``metres``."""
    if metres <= 0:
        return 0.0
    p = 10 ** math.floor(math.log10(metres))
    return max(m * p for m in (1, 2, 5) if m * p <= metres)


def distance_text(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return _("{n} km").format(n=f"{km:g}")
    return _("{n} m").format(n=f"{metres:g}")


class Legend:
    """The Key button, the key itself and the scale bar of one play screen."""

    def __init__(self, level_dir: Path, map_file: Path | None, entries: list[Entry] | None = None):
        self.entries = load_entries(Path(level_dir) / "legend.toml") if entries is None else entries
        self.tiles, self.tile_size = tileset_image(map_file) if map_file else (None, 16)
        self.open = False
        self._cache: dict = {}

    # ---------------------------------------------------------------- placing
    def button_rect(self, map_rect: pygame.Rect) -> pygame.Rect:
        f = fonts.font("small", True)
        w = f.size(_("Key"))[0] + 28
        h = line_height(f) + 12
        return pygame.Rect(map_rect.right - w - 10, map_rect.y + 10, max(w, 56), max(h, 40))

    def panel_rect(self, map_rect: pygame.Rect, focus: tuple[int, int] | None) -> pygame.Rect:
        """The key's box: on the half of the map away from the player, below the button."""
        img = self._panel_image(False)
        w, h = img.get_size()
        top = self.button_rect(map_rect).bottom + 8
        right = pygame.Rect(map_rect.right - w - 10, top, w, h)
        left = pygame.Rect(map_rect.x + 10, top, w, h)
        if focus is None:
            return right
        keep = pygame.Rect(focus[0] - 24, focus[1] - 24, 48, 48)
        best = left if focus[0] > map_rect.centerx else right
        for box in (best, right if best is left else left):
            if not box.colliderect(keep):
                return box
        # a very narrow map: slide the box above or below the player
        box = best.copy()
        box.y = keep.bottom + 8 if keep.centery < map_rect.centery else keep.top - 8 - h
        return box

    def scale_rect(self, map_rect: pygame.Rect) -> pygame.Rect:
        b = self.button_rect(map_rect)
        return pygame.Rect(b.x - 190, b.y, 180, b.height)

    def rects(self, map_rect: pygame.Rect, focus: tuple[int, int] | None = None) -> list[pygame.Rect]:
        """What the key puts on the map (button, scale bar, the open key): labels keep clear of these."""
        if not self.entries:
            return []
        out = [self.button_rect(map_rect), self.scale_rect(map_rect)]
        if self.open:
            out.append(self.panel_rect(map_rect, focus))
        return out

    # ---------------------------------------------------------------- input
    def handle(self, intent, map_rect: pygame.Rect) -> bool:
        """True when the intent was the key's: a tap on the button, K, or a tap anywhere while open."""
        if not self.entries:
            return False
        if intent.kind == "key" and intent.key == pygame.K_k:
            self.open = not self.open
            return True
        if intent.kind == "pointer_down" and self.button_rect(map_rect).collidepoint(intent.pos):
            self.open = not self.open
            return True
        if intent.kind == "pointer_down" and self.open:
            self.open = False  # a tap elsewhere closes the key and goes on to the game
        return False

    # ---------------------------------------------------------------- drawing
    def _panel_image(self, high_contrast: bool) -> pygame.Surface:
        key = ("panel", high_contrast, fonts.get_scale())
        img = self._cache.get(key)
        if img is not None:
            return img
        f = fonts.font("small")
        ft = fonts.font("small", True)
        width = 400
        text_w = width - ICON - 3 * PAD
        rows = [(e, wrap(f, _(e.label), text_w)) for e in self.entries]
        heights = [max(ICON, len(lines) * line_height(f)) + 6 for _e, lines in rows]
        title_h = line_height(ft) + 4
        img = pygame.Surface((width, PAD * 2 + title_h + sum(heights)), pygame.SRCALPHA)
        img.fill((12, 16, 22, 255 if high_contrast else 225))
        pygame.draw.rect(img, (255, 255, 255) if high_contrast else (150, 160, 175), img.get_rect(), 2, border_radius=6)
        draw_text(img, ft, _("Key to the map"), (PAD, PAD), (255, 255, 255), text_w + ICON)
        y = PAD + title_h
        for (e, lines), h in zip(rows, heights):
            icon = pygame.Rect(PAD, y + (h - ICON) // 2, ICON, ICON)
            self._draw_icon(img, e, icon, high_contrast)
            ty = y + (h - len(lines) * line_height(f)) // 2
            for line in lines:
                img.blit(f.render(line, True, (255, 255, 255) if high_contrast else (230, 232, 236)), (icon.right + PAD, ty))
                ty += line_height(f)
            y += h
        self._cache[key] = img
        return img

    def _draw_icon(self, img: pygame.Surface, e: Entry, rect: pygame.Rect, high_contrast: bool) -> None:
        if e.tiles and self.tiles is not None:
            t = self.tile_size
            cols = max(1, self.tiles.get_width() // t)
            tile = pygame.Surface((t, t), pygame.SRCALPHA)
            for tid in e.tiles:
                src = pygame.Rect((tid % cols) * t, (tid // cols) * t, t, t)
                if self.tiles.get_rect().contains(src):
                    tile.blit(self.tiles, (0, 0), src)
            img.blit(pygame.transform.scale(tile, rect.size), rect)
            pygame.draw.rect(img, (0, 0, 0), rect, 1)
        if e.symbol:
            draw_symbol(img, e.symbol, rect, e.colour, high_contrast)

    def draw(self, surface: pygame.Surface, map_rect: pygame.Rect, focus: tuple[int, int] | None,
             metres_per_px: float | None, high_contrast: bool) -> None:
        if not self.entries:
            return
        clip = surface.get_clip()
        surface.set_clip(map_rect)
        if metres_per_px:
            self._draw_scale(surface, map_rect, metres_per_px, high_contrast)
        b = self.button_rect(map_rect)
        surface.blit(self._button_image(b.size, high_contrast), b.topleft)
        if self.open:
            surface.blit(self._panel_image(high_contrast), self.panel_rect(map_rect, focus))
        surface.set_clip(clip)

    def _button_image(self, size: tuple[int, int], high_contrast: bool) -> pygame.Surface:
        key = ("button", size, self.open, high_contrast, fonts.get_scale())
        img = self._cache.get(key)
        if img is None:
            img = pygame.Surface(size, pygame.SRCALPHA)
            r = img.get_rect()
            fill = OKABE_ITO["sky_blue"] if self.open else ((30, 36, 46) if high_contrast else (44, 58, 76))
            pygame.draw.rect(img, (0, 0, 0), r, border_radius=7)
            pygame.draw.rect(img, fill, r.inflate(-2, -2), border_radius=6)
            pygame.draw.rect(img, (255, 255, 255) if high_contrast else (150, 160, 175), r.inflate(-2, -2), 2, border_radius=6)
            label = fonts.font("small", True).render(_("Key"), True, (0, 0, 0) if self.open else (240, 243, 246))
            img.blit(label, label.get_rect(center=r.center))
            self._cache[key] = img
        return img

    def _draw_scale(self, surface: pygame.Surface, map_rect: pygame.Rect, metres_per_px: float, high_contrast: bool) -> None:
        box = self.scale_rect(map_rect)
        metres = nice_distance(metres_per_px * (box.width - 20))
        if metres <= 0:
            return
        px = round(metres / metres_per_px)
        key = ("scale", metres, px, high_contrast, fonts.get_scale())
        img = self._cache.get(key)
        if img is None:
            if len(self._cache) > 30:
                self._cache.clear()
            f = fonts.font("small", True)
            text = f.render(distance_text(metres), True, (255, 255, 255))
            img = pygame.Surface((max(px, text.get_width()) + 16, text.get_height() + 16), pygame.SRCALPHA)
            img.fill((0, 0, 0, 200 if high_contrast else 150))
            x0, y = 8, img.get_height() - 7
            pygame.draw.line(img, (255, 255, 255), (x0, y), (x0 + px, y), 3)
            for x in (x0, x0 + px):
                pygame.draw.line(img, (255, 255, 255), (x, y - 6), (x, y), 2)
            img.blit(text, (x0, 2))
            self._cache[key] = img
        surface.blit(img, (box.right - img.get_width(), box.y))
