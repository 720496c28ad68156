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


# ---- files in the wild (issue 12) --------------------------------------------

import os
import stat

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st


@pytest.mark.parametrize(
    "raw, reason",
    [
        ('{"language": "ko", "volume": 40, "note": "café"}'.encode("latin-1"), "not UTF-8"),
        ('{"language": "ko"}'.encode("utf-16"), "UTF-16"),
        (bytes(range(256)) * 4, "not UTF-8"),
        (b"[" * 30_000 + b"]" * 30_000, "nests too deeply"),
    ],
)
def test_undecodable_or_deep_files_fall_back_with_warning(tmp_path, raw, reason):
    path = tmp_path / "settings.json"
    path.write_bytes(raw)
    loaded, warning = settings.load(path)
    assert loaded == Settings()
    assert str(path) in warning and reason in warning


def test_a_link_to_dev_zero_or_a_fifo_is_refused(tmp_path):
    path = tmp_path / "settings.json"
    path.symlink_to("/dev/zero")
    loaded, warning = settings.load(path)
    assert loaded == Settings() and "device" in warning
    path.unlink()
    os.mkfifo(path)  # opening it would wait for a writer for ever
    loaded, warning = settings.load(path)
    assert loaded == Settings() and "pipe" in warning


def test_a_huge_file_is_refused_unread(tmp_path):
    path = tmp_path / "settings.json"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    loaded, warning = settings.load(path)
    assert loaded == Settings() and "too large" in warning


def test_one_bad_field_keeps_the_others_and_a_copy(tmp_path):
    path = tmp_path / "settings.json"
    raw = json.dumps({"volume": "70%", "show_gunfire_scenarios": False, "language": "ja",
                      "text_scale": 1.5, "high_contrast": "yes"})
    path.write_text(raw, encoding="utf-8")
    loaded, warning = settings.load(path)
    # The museum's hidden gunfire scenario stays hidden.
    assert loaded == Settings(show_gunfire_scenarios=False, language="ja", text_scale=1.5)
    assert "high_contrast, volume" in warning and "settings.json.bad" in warning
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == raw


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**400, -(10**400)])
def test_non_finite_or_huge_numbers_are_bad_fields(tmp_path, value):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_scale": value, "volume": 20}), encoding="utf-8")
    loaded, warning = settings.load(path)
    assert loaded.volume == 20 and loaded.text_scale == 1.0 and "text_scale" in warning


def test_damaged_file_is_copied_before_it_is_replaced(tmp_path):
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe garbage")
    settings.load(path)
    settings.save(Settings(), path)
    assert (tmp_path / "settings.json.bad").read_bytes() == b"\xff\xfe garbage"


def test_killed_saves_leftovers_are_removed_at_start(tmp_path):
    path = tmp_path / "settings.json"
    settings.save(Settings(volume=5), path)
    old = [tmp_path / f".settings.json.k{i}.tmp" for i in range(5)]
    for tmp in old:
        tmp.write_text("{")
        os.utime(tmp, (1_000_000, 1_000_000))
    fresh = tmp_path / ".settings.json.now.tmp"  # another copy of the game saving now
    fresh.write_text("{")
    loaded, warning = settings.load(path)
    assert loaded.volume == 5 and warning is None
    assert sorted(p.name for p in tmp_path.iterdir()) == [".settings.json.now.tmp", "settings.json"]


def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        return real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    settings.save(Settings(), tmp_path / "settings.json")
    assert synced == [False, True]  # the file, then its folder


def test_read_only_folder_warns_once(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        # root writes anywhere: make saving fail another way
        monkeypatch.setattr(settings, "write_atomic", lambda *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    folder = tmp_path / "locked"
    folder.mkdir()
    monkeypatch.setenv("CROSSINGS_CONFIG_DIR", str(folder))
    from apphelp import make_app

    app = make_app()
    folder.chmod(0o555)
    try:
        for _ in range(20):
            app.settings.high_contrast = not app.settings.high_contrast
            app.save_settings()
    finally:
        folder.chmod(0o755)
    assert len(app.warnings) == 1 and "Could not save" in app.warnings[0]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_field_names = st.sampled_from(["language", "text_scale", "volume", "reduced_motion", "high_contrast",
                                "felt_danger_hint", "show_gunfire_scenarios", "fullscreen", "other"])


def _check(path):
    loaded, warning = settings.load(path)
    assert loaded == loaded.validated()
    assert warning is None or isinstance(warning, str)
    settings.save(loaded, path)  # whatever was read can be written back and read again
    assert settings.load(path) == (loaded, None)


@pytest.fixture
def no_fsync(monkeypatch):
    # Durability is tested above; here thousands of saves need not wait for the disk.
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_fuzz_any_bytes(tmp_path, no_fsync, raw):
    path = tmp_path / "settings.json"
    path.write_bytes(raw)
    _check(path)


@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(_field_names, _json, max_size=9) | _json)
def test_fuzz_any_json(tmp_path, no_fsync, data):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _check(path)


def test_a_cut_off_settings_file_is_told_in_words_not_the_parser_s(tmp_path):
    """"Expecting ',' delimiter: line 1 column 87 (char 86)" was shown on the title screen."""
    path = tmp_path / "settings.json"
    path.write_text('{"language": "ko", "volume": 70', encoding="utf-8")
    loaded, notice = settings.load(path)
    assert loaded == Settings()
    assert notice == (f"The settings file {path} is damaged: it is not complete JSON (the problem is at line 1, column 32); "
                      "using the defaults. The old file is kept as " + str(tmp_path / "settings.json.bad") + ".")
    assert "Expecting" not in notice and "char" not in notice
