"""The kiosk's own screens: the attract loop, the language, the journeys
offered, "Still there?", the PIN pad and the admin screen.

Everything a visitor touches is large: at least 15 mm on a 32-inch 1080p
screen (about 41 px at 1920 wide, 27 px on the 1280x720 canvas); these
targets are 70 px and more on the canvas.
"""

from __future__ import annotations

import math

import pygame

from .. import i18n
from ..i18n import N_, _
from ..scenes.base import H, W, MenuScene, Scene
from ..ui import fonts
from ..ui.text import draw_text
from ..ui.widgets import Button, Choice, Label, Spacer, Stepper
from . import memory

SLIDE_S = 40.0  # each living journey stays this long on the attract loop
WORDS_S = 3.0  # "Touch to begin" changes language this often
TOUCH_TO_BEGIN = N_("Touch to begin")
WHAT_THIS_IS = N_("Journeys out of North Korea, played from the record: every figure has a source.")
TITLE = N_("Crossings")
FLEET_DAY = N_("A thousand boats, one model: day {day:.0f}")


def _in_language(code: str, message: str) -> str:
    """One message in another language, without changing the kiosk's own."""
    here = i18n.current_language()
    try:
        i18n.set_language(code)
        return _(message)
    finally:
        i18n.set_language(here)


def _darken(surface: pygame.Surface, alpha: int) -> None:
    """Dim the screen under the kiosk's words as black at ``alpha`` would, in
    place: no full-screen picture (3.5 MB) made every frame, nor one kept."""
    keep = 255 - alpha
    surface.fill((keep, keep, keep), special_flags=pygame.BLEND_RGB_MULT)


class SeaFleet:
    """A thousand boats from the sea model's own run, the automatic crew at the helm."""

    name = "sea"
    BOATS = 1000

    # The model and the picture, made once: weeks of slides must not churn memory.
    # Only the picture at the slide's zoom is kept (6 MB), never the whole map at
    # full size (48 MB): that one would stay for weeks beside the copy a visitor's
    # own sea journey draws.
    _shared: tuple | None = None

    def __init__(self, seed: int):
        from ..sim.runner import Simulation

        self.model, self.origin, self.tile_px, self.picture = self._parts()
        self.sim = Simulation(self.model, self.BOATS, seed)
        self._acc = 0.0

    @classmethod
    def _parts(cls):
        if cls._shared is None:
            from ..levels import load_by_id, model_for
            from ..world.mapdata import load_map
            from ..world.render import MapView, forget_picture

            sc = load_by_id("sea")
            world = load_map(sc.map_file)
            model = model_for(sc, sc.values(sc.default_preset), world)
            view = MapView(world)
            view.zoom = round(max(W / view.base.get_width(), H / view.base.get_height()), 3)
            screen = pygame.Rect(0, 0, W, H)
            view.clamp_center(screen)
            picture = view.surface_at(view.zoom).copy()
            cls._shared = (model, view.world_to_screen(screen, 0, 0), view.tile_px, picture)
            del view
            forget_picture()  # the whole map at full size: not kept for the slide
        return cls._shared

    def update(self, dt: float) -> None:
        self._acc += dt * 3.0  # three model steps a second
        while self._acc >= 1.0 and not self.sim.finished:
            self._acc -= 1.0
            self.sim.step(self.model.auto_action(self.sim.state), record=False)

    @property
    def done(self) -> bool:
        return self.sim.finished

    def draw(self, surface: pygame.Surface, theme, caption: str = FLEET_DAY) -> None:
        """``caption``: the day's line, in the language the loop's words are in now."""
        ox, oy = self.origin
        surface.blit(self.picture, self.origin)
        e = self.sim.state.extra
        xs = (ox + e["boat_x"] * self.tile_px).astype(int)
        ys = (oy + e["boat_y"] * self.tile_px).astype(int)
        afloat = e["boat_afloat"]
        for x, y, ok in zip(xs.tolist(), ys.tolist(), afloat.tolist()):
            surface.fill((250, 230, 160) if ok else (120, 120, 130), (x - 1, y - 1, 3, 3))
        days = float(self.sim.state.hours[0]) / 24.0
        draw_text(surface, fonts.font("small"), caption.format(day=days), (40, H - 40), (230, 230, 230), W - 80)


class LivingJourney:
    """A journey's real play screen, its choices made by the automatic player."""

    def __init__(self, app, sid: str, seed: int):
        from ..levels import load_by_id
        from ..scenes.intro import play_scene_class

        self.app = app
        self.name = sid
        sc = load_by_id(sid)
        self.scene = play_scene_class(sc)(app, sc, sc.default_preset, seed)
        self.scene.autoplay = True
        # Who travels is the automatic player's pick too (at home a chooser asks).
        if getattr(self.scene, "profile", None) == "" and hasattr(self.scene, "set_profile"):
            self.scene.set_profile(self.scene.suggested)

    def update(self, dt: float) -> None:
        if self.scene.end_timer is None:
            self.scene.update(dt)
        self.app.captions = []  # the attract loop is quiet

    @property
    def done(self) -> bool:
        return self.scene.end_timer is not None and self.scene.end_timer > 3.0

    def draw(self, surface: pygame.Surface, theme, caption: str = "") -> None:
        self.scene.draw(surface)


class AttractScene(Scene):
    """While nobody touches the screen: the journeys living by themselves."""

    shows_menu_button = False
    kiosk_stage = None

    def __init__(self, app):
        super().__init__(app)
        self.clock = 0.0
        self.slide = None
        self.slide_clock = 0.0
        self.slide_i = 0
        self.seed = app.new_seed()
        self.words: list[str] = []
        self.lines: list[str] = []
        self.titles: list[str] = []
        self.days: list[str] = []
        self.problem = ""

    def on_enter(self) -> None:
        # Whoever was here has gone: their counts are written, their language dropped.
        self.app.mode.let_go(self.app, "finished")
        cfg = self.app.mode.config
        self.words = [_in_language(code, TOUCH_TO_BEGIN) for code in cfg.languages]
        self.lines = [_in_language(code, WHAT_THIS_IS) for code in cfg.languages]
        # Every word on the loop changes language together (the fleet's line stayed in one).
        self.titles = [_in_language(code, TITLE) for code in cfg.languages]
        self.days = [_in_language(code, FLEET_DAY) for code in cfg.languages]
        self._next_slide()

    def on_exit(self) -> None:
        self.slide = None

    def _slides(self) -> list[str]:
        offered = self.app.mode.config.journeys
        return [s for s in ("sea", "fog", "overland") if s in offered] or ["sea"]

    def _next_slide(self) -> None:
        self.slide = None
        memory.give_back()  # the last slide's (or visitor's) buffers go back to the system
        names = self._slides()
        name = names[self.slide_i % len(names)]
        self.slide_i += 1
        self.seed = (self.seed + 7919) % 1_000_000
        try:
            self.slide = SeaFleet(self.seed) if name == "sea" else LivingJourney(self.app, name, self.seed)
            self.problem = ""
        except (ValueError, OSError) as exc:  # a broken level: the loop goes on without it
            self.slide, self.problem = None, str(exc)
        self.slide_clock = 0.0

    def handle(self, intent) -> bool:
        if intent.kind in ("pointer_down", "confirm"):
            self.app.push(LanguageScene(self.app) if len(self.app.mode.config.languages) > 1 else JourneysScene(self.app))
            return True
        return intent.kind == "back"

    def back(self) -> None:
        pass

    def update(self, dt: float) -> None:
        self.clock += dt
        self.slide_clock += dt
        if self.slide is not None:
            self.slide.update(dt)
        if self.slide is None or self.slide_clock >= SLIDE_S or self.slide.done:
            self._next_slide()

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        k = int(self.clock / WORDS_S)
        if self.slide is not None:
            self.slide.draw(surface, self.theme, self.days[k % len(self.days)] if self.days else _(FLEET_DAY))
        _darken(surface, 120)
        # The words drift slowly, so nothing stays still long enough to burn in.
        t = self.clock
        x = 120 + 60 * math.sin(t / 23.0)
        y = 170 + 50 * math.sin(t / 31.0 + 1.0)
        width = W - 240 - 120
        k = int(t / WORDS_S)
        white = (245, 245, 245)
        title = self.titles[k % len(self.titles)] if self.titles else _(TITLE)
        y += draw_text(surface, fonts.font("huge", True), title, (x, y), white, width) + 10
        if self.lines:
            y += draw_text(surface, fonts.font("large"), self.lines[k % len(self.lines)], (x, y), white, width) + 40
        if self.words:
            pulse = 0.5 + 0.5 * math.sin(t * 2.0)
            colour = tuple(int(180 + 75 * pulse) for _ in range(3))
            draw_text(surface, fonts.font("title", True), self.words[k % len(self.words)], (x, y), colour, width)


class _Big(MenuScene):
    """A kiosk menu: large buttons, large text."""

    width = 900

    def relayout(self) -> None:
        super().relayout()
        self.form.gap = 16

    def back(self) -> None:
        self.app.pop()


class LanguageScene(_Big):
    kiosk_stage = "language"

    def heading(self) -> str:
        return ""

    def build(self):
        from ..i18n import LANGUAGES

        widgets = []
        for code in self.app.mode.config.languages:
            widgets.append(Button(LANGUAGES[code], lambda code=code: self.choose(code), role="title"))
        return widgets

    def panel_rect(self) -> pygame.Rect:
        n = len(self.app.mode.config.languages)
        h = min(H - 80, n * 110)
        return pygame.Rect((W - 640) // 2, (H - h) // 2, 640, h)

    def choose(self, code: str) -> None:
        self.app.mode.welcome(self.app, code)
        self.app.push(JourneysScene(self.app))


class JourneysScene(_Big):
    kiosk_stage = "journeys"

    def heading(self) -> str:
        return _("Choose a journey")

    def build(self):
        from ..levels import LevelError, load_by_id
        from ..scenes.intro import IntroScene

        cfg = self.app.mode.config
        widgets = []
        for sid in cfg.journeys:
            try:
                sc = load_by_id(sid)
            except LevelError:
                continue  # named on the admin screen's notice, not to a visitor
            if sc.depicts_gunfire and not cfg.show_gunfire:
                continue
            detail = " · ".join(x for x in (_(sc.place), _(sc.date)) if x) + "\n" + _(sc.summary)
            widgets.append(Button(_(sc.title), lambda sc=sc: self.app.push(IntroScene(self.app, sc)), detail=detail, role="title"))
        widgets.append(Button(_("Back"), self.app.pop))
        return widgets


class StillThereScene(MenuScene):
    """Nobody has touched the screen for a while: a large question, a countdown."""

    opaque = False
    width = 800
    heading_role = "huge"

    def __init__(self, app, seconds: float):
        self.left = float(seconds)
        super().__init__(app)

    def heading(self) -> str:
        return _("Still there?")

    def build(self):
        return [
            Label(_("Starting over in {seconds} s.").format(seconds=max(0, math.ceil(self.left))), role="large"),
            Spacer(20),
            Button(_("Yes, go on"), self.app.pop, role="huge"),
        ]

    def panel_rect(self) -> pygame.Rect:
        return pygame.Rect((W - 800) // 2, 120, 800, H - 240)

    def handle(self, intent) -> bool:
        if intent.kind == "pointer_down" and not self.panel_rect().collidepoint(intent.pos):
            self.app.pop()  # any touch means someone is there
            return True
        return super().handle(intent)

    def back(self) -> None:
        self.app.pop()

    def update(self, dt: float) -> None:
        before = math.ceil(self.left)
        self.left -= dt
        if self.left <= 0:
            self.app.mode.let_go(self.app, "idle")
            self.app.reset_to_root()
            return
        if math.ceil(self.left) != before:
            self.relayout()

    def card(self) -> pygame.Rect:
        """The question on a card of its own: the journey's words showed through it."""
        panel = self.panel_rect()
        bottom = min(panel.bottom, self.form.rect.y + self.form.content_height)
        return pygame.Rect(panel.x - 30, panel.y - 30, panel.width + 60, bottom - panel.y + 60)

    def draw(self, surface: pygame.Surface) -> None:
        _darken(surface, 200)
        card = self.card()
        pygame.draw.rect(surface, self.theme.panel, card, border_radius=16)
        pygame.draw.rect(surface, self.theme.panel_edge, card, width=2, border_radius=16)
        self.draw_content(surface)


class PinScene(Scene):
    """The admin's PIN on an on-screen keypad; wrong tries are throttled."""

    opaque = True
    shows_menu_button = False
    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK")
    SIZE = (150, 96)

    def __init__(self, app):
        super().__init__(app)
        self.entered = ""
        self.message = ""

    def key_rects(self) -> list[tuple[str, pygame.Rect]]:
        w, h = self.SIZE
        x0 = (W - 3 * w - 2 * 16) // 2
        out = []
        for i, k in enumerate(self.KEYS):
            r, c = divmod(i, 3)
            out.append((k, pygame.Rect(x0 + c * (w + 16), 180 + r * (h + 14), w, h)))
        out.append(("cancel", pygame.Rect(40, H - 110, 260, 80)))
        return out

    def press(self, k: str) -> None:
        lock = self.app.mode.pin_lock
        if k == "cancel":
            self.app.pop()
            return
        if k == "C":
            self.entered = ""
            return
        if k == "OK":
            wait = lock.wait(self.app.mode.visitor.clock)
            if wait > 0:
                self.message = _("Too many wrong tries. Wait {seconds} seconds.").format(seconds=math.ceil(wait))
                self.entered = ""
                return
            if lock.attempt(self.entered, self.app.mode.config.pin_hash, self.app.mode.visitor.clock):
                self.app.replace(AdminScene(self.app))
            else:
                self.message = _("That is not the PIN.")
            self.entered = ""
            return
        if len(self.entered) < 12:
            self.entered += k

    def handle(self, intent) -> bool:
        if intent.kind == "pointer_down":
            for k, r in self.key_rects():
                if r.collidepoint(intent.pos):
                    self.press(k)
                    return True
            return True
        if intent.kind == "key" and pygame.K_0 <= intent.key <= pygame.K_9:
            self.press(chr(intent.key))
            return True
        if intent.kind == "confirm":
            self.press("OK")
            return True
        return intent.kind != "back"

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.background)
        theme = self.theme
        draw_text(surface, fonts.font("title", True), _("Staff PIN"), (0, 40), theme.text, W, "center")
        draw_text(surface, fonts.font("title"), "•" * len(self.entered) or " ", (0, 110), theme.text, W, "center")
        for k, r in self.key_rects():
            pygame.draw.rect(surface, theme.button, r, border_radius=10)
            pygame.draw.rect(surface, theme.panel_edge, r, width=2, border_radius=10)
            label = {"C": _("Clear"), "OK": _("OK"), "cancel": _("Cancel")}.get(k, k)
            f = fonts.font("large", True)
            draw_text(surface, f, label, (r.x, r.centery - f.get_height() // 2), theme.button_text, r.width, "center")
        if self.message:
            draw_text(surface, fonts.font("body"), self.message, (0, H - 60), theme.warning, W, "center")


STAGE_NAMES = {
    "language": N_("chose a language"), "journeys": N_("chose a journey"), "note": N_("read the content note"),
    "play": N_("played"), "debrief": N_("reached the debrief"),
}
ENDED_BY_NAMES = {"finished": N_("back to the start"), "idle": N_("nobody touched the screen"), "admin": N_("staff")}


def count_lines(s: dict, journeys) -> list[str]:
    """Today's counts in words the staff read: language names, journey titles,
    endings, not the codes the counts are kept under ("ko", "sea", "-")."""
    from ..i18n import LANGUAGES, ngettext
    from ..levels import load_by_id

    titles, endings = {}, {}
    for sid in journeys:
        try:
            sc = load_by_id(sid)
        except (ValueError, OSError):
            continue  # a broken level is named elsewhere; its code stands in
        titles[sid] = _(sc.title)
        endings.update({oid: _(o.get("label", oid)) for oid, o in sc.outcomes.items()})
    visits, minutes = s["visits"], round(s["seconds"] / 60)
    lines = [_("Today: {visits}, {minutes} in all.").format(
        visits=ngettext("{n} visit", "{n} visits", visits).format(n=visits),
        minutes=ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes))]
    names = {"language": LANGUAGES, "journey": titles, "furthest": {k: _(v) for k, v in STAGE_NAMES.items()},
             "outcome": {**endings, "-": _("no ending: left on the way")}, "ended_by": {k: _(v) for k, v in ENDED_BY_NAMES.items()}}
    for title, key in ((_("Languages"), "language"), (_("Journeys"), "journey"), (_("How far"), "furthest"), (_("Outcomes"), "outcome"), (_("Ended by"), "ended_by")):
        if s[key]:
            lines.append(f"{title}: " + ", ".join(f"{names[key].get(k, k)} {v}" for k, v in s[key].items()))
    return lines


class AdminScene(_Big):
    """For the museum's staff: today's counts, volume, default language, restart, exit."""

    shows_menu_button = False

    def heading(self) -> str:
        return _("Kiosk administration")

    def build(self):
        from ..i18n import LANGUAGES
        from .counts import connect, summary

        mode = self.app.mode
        cfg = mode.config
        widgets = []
        for problem in cfg.problems:
            widgets.append(Label(_("Config problem, safe default used: {problem}").format(problem=problem), color=self.theme.warning))
        if not cfg.admin_pin_hash:
            widgets.append(Label(_("The PIN is the default one. Set your own with: crossings kiosk --hash-pin"), color=self.theme.warning))
        try:
            con = connect(mode.visitor.counts.path)
            s = summary(con, 1)
            con.close()
            widgets.append(Label("\n".join(count_lines(s, cfg.journeys))))
        except Exception as exc:  # counts are a help, never a reason to lose the admin screen
            widgets.append(Label(_("Counts could not be read: {error}").format(error=exc), color=self.theme.warning))
        widgets.append(Stepper(_("Volume"), self.app.settings.volume, 0, cfg.volume_cap, 10, self._volume, fmt=lambda v: f"{v:.0f}%"))
        widgets.append(Choice(_("Language at the start"), [(c, LANGUAGES[c]) for c in cfg.languages], cfg.default_language, self._language))
        widgets.append(Button(_("Back to the attract loop"), self.app.reset_to_root))
        widgets.append(Button(_("Restart the kiosk"), lambda: self.app.shutdown(mode.RESTART_EXIT)))
        widgets.append(Button(_("Exit to the desktop"), lambda: self.app.shutdown(mode.EXIT_TO_DESKTOP)))
        return widgets

    def _volume(self, v) -> None:
        self.app.settings.volume = int(min(v, self.app.mode.config.volume_cap))
        self.app.audio.set_volume(self.app.settings.volume)

    def _language(self, code: str) -> None:
        self.app.mode.config.default_language = code

    def back(self) -> None:
        self.app.reset_to_root()
