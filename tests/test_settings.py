import json

from game import settings
from game.settings import Settings


def test_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    s = Settings(language="ko", text_scale=1.5, volume=30, reduced_motion=True, high_contrast=True)
    settings.save(s, path)
    loaded, warning = settings.load(path)
    assert warning is None
    assert loaded == s


def test_missing_file_gives_defaults_quietly(tmp_path):
    loaded, warning = settings.load(tmp_path / "nope.json")
    assert loaded == Settings() and warning is None


def test_corrupt_file_falls_back_with_warning(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{ this is not json", encoding="utf-8")
    loaded, warning = settings.load(path)
    assert loaded == Settings()
    assert warning and str(path) in warning


def test_wrong_types_fall_back_with_warning(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"volume": "loud"}), encoding="utf-8")
    loaded, warning = settings.load(path)
    assert loaded == Settings() and "volume" in warning


def test_out_of_range_values_are_clamped(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"volume": 900, "text_scale": 9.0, "language": "xx"}), encoding="utf-8")
    loaded, warning = settings.load(path)
    assert warning is None
    assert loaded.volume == 100 and loaded.text_scale == 2.0 and loaded.language == "en"


def test_unreadable_path_falls_back(tmp_path):
    # A folder where the file should be cannot be read as a file.
    (tmp_path / "settings.json").mkdir()
    loaded, warning = settings.load(tmp_path / "settings.json")
    assert loaded == Settings() and warning


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "settings.json"
    settings.save(Settings(volume=10), path)
    settings.save(Settings(volume=20), path)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert json.loads(path.read_text())["volume"] == 20


def test_app_shows_warning_for_corrupt_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSINGS_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text("garbage", encoding="utf-8")
    from apphelp import make_app

    app = make_app()
    assert app.warnings
    texts = [getattr(w, "text", "") for w in app.top.form.widgets]
    assert any("damaged" in t for t in texts)
