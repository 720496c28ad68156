"""The loading card's thread makes the journey's sounds and its first zoomed
picture ahead, so the play screen's first frame only takes them."""

from __future__ import annotations

import pytest

from apphelp import frames, make_app
from game import synth
from game.levels import load_by_id
from game.world import render


@pytest.mark.parametrize("sid", ["fog", "jsa", "sea", "overland"])
def test_the_card_makes_the_sounds_and_the_sea_and_jsa_pictures_ahead(sid, monkeypatch):
    from game.scenes import loading
    from game.scenes.intro import IntroScene, play_scene_class
    from game.scenes.loading import LoadingScene

    monkeypatch.setattr(loading, "at_once", lambda app: False)  # as in a window
    synth._made.clear()
    render._ahead.clear()
    made = []
    real_wind, real_waves = synth.wind, synth.waves
    monkeypatch.setitem(synth._MAKERS, "wind", lambda **kw: made.append("wind") or real_wind(**kw))
    monkeypatch.setitem(synth._MAKERS, "waves", lambda **kw: made.append("waves") or real_waves(**kw))
    app = make_app()
    scenario = load_by_id(sid)
    intro = IntroScene(app, scenario)
    app.push(intro)
    intro.begin()
    card = app.top
    assert isinstance(card, LoadingScene)
    card.thread.join(60)
    expected = [name for name, _s, _l in play_scene_class(scenario).ambient(app.options.seed or 0)]
    assert len(made) == len(expected) > 0  # made in the thread, not again below
    if sid in ("sea", "jsa"):
        assert len(render._ahead) == 1
    frames(app, 2)
    assert len(made) == len(expected)  # the screen took the sounds made ahead
    assert not render._ahead  # and its view took the picture
