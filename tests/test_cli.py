import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--bogus"], "unrecognized arguments"),
        (["play", "--window", "12"], "--window"),
        (["play", "--seed", "abc"], "--seed"),
        (["play", "--text-scale", "9"], "--text-scale"),
        (["play", "--lang", "xx"], "--lang"),
        (["play", "--frames", "0"], "--frames"),
        (["play", "--scenario", "atlantis"], "no scenario named 'atlantis'"),
        (["play", "--preset", "x"], "--preset needs --scenario"),
    ],
)
def test_bad_arguments_one_line_exit_2(argv, needle, capsys):
    with pytest.raises(SystemExit) as exc:
        rc = main(argv)
        raise SystemExit(rc)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert needle in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_headless_run_exits_zero():
    assert main(["play", "--headless", "--frames", "10"]) == 0


def test_play_is_the_default_command():
    assert main(["--headless", "--frames", "3"]) == 0


def test_help_and_version(capsys):
    for argv in (["--help"], ["play", "--help"], ["--version"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--scenario" in out and "crossings" in out


def test_main_py_from_another_directory(tmp_path):
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PATH": "/usr/bin:/bin", "CROSSINGS_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "--headless", "--frames", "5"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_facts_check_passes_on_the_real_registry(capsys):
    assert main(["facts", "--check"]) == 0, capsys.readouterr().out


# ---- clearer messages (issue 12) ---------------------------------------------


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["play", "--seed", "9" * 4301], "--seed is too large"),
        (["play", "--seed", "٣"], "digits 0-9"),
        (["play", "--seed", "-4"], "at least 0"),
        (["play", "--scenario", ""], "--scenario needs a name"),
        (["play", "--scenario", "fog", "--preset", ""], "--preset needs a name"),
        (["play", "--scenario", "../levels/fog"], "is a path"),
        (["play", "--frames", "٣"], "digits 0-9"),
        (["simulate", "fog", "--runs", "٣"], "--runs needs a whole number written with the digits 0-9"),
        (["simulate", "fog", "--seed", "9" * 4301], "--seed is too large"),
        (["simulate", "fog", "--runs", "9" * 4301], "--runs is too large: at most 100,000,000"),
        (["play", "--frames", "9" * 4301], "--frames is too large"),
        (["simulate", "fog", "--preset", ""], "--preset needs a name"),
        (["simulate", ""], "needs a name"),
        (["simulate", "../levels/fog"], "is a path"),
    ],
)
def test_strict_names_and_numbers(argv, needle, capsys):
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(argv))
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1


def test_screenshot_into_a_missing_folder_is_made(tmp_path):
    shot = tmp_path / "new" / "deeper" / "shot.png"
    assert main(["play", "--headless", "--frames", "2", "--screenshot", str(shot)]) == 0
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_screenshot_where_no_folder_can_be_made(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["play", "--headless", "--frames", "2", "--screenshot", str(tmp_path / "file" / "shot.png")]) == 2
    err = capsys.readouterr().err
    assert "--screenshot" in err and "cannot make the folder" in err


def test_binary_choices_file_is_named(tmp_path, capsys):
    bad = tmp_path / "choices.json"
    bad.write_bytes(b"\x00\xff\xfe\x80binary")
    assert main(["simulate", "fog", "--runs", "2", "--choices", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "not UTF-8" in err and "Traceback" not in err


def test_choices_from_a_device_is_refused(capsys):
    assert main(["simulate", "fog", "--runs", "2", "--choices", "/dev/zero"]) == 2
    assert "/dev/zero: it is a device" in capsys.readouterr().err


from hypothesis import HealthCheck, given, settings as hsettings, strategies as st  # noqa: E402

_texts = st.text(max_size=12) | st.sampled_from(["fog", "1", "0", "-1", "1e3", "٣", "nan", "inf", "x=1", "=", "/", ".."])


@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=_texts, runs=_texts, seed=_texts, preset=_texts, assign=_texts)
def test_fuzz_simulate_arguments(capsys, scenario, runs, seed, preset, assign):
    """Any arguments: a result or one line and status 2, never an exception."""
    argv = ["simulate", scenario, "--runs", runs, "--seed", seed, "--preset", preset, "--set", assign, "--list"]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse itself (e.g. an argument that looks like an option)
        code = exc.code
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1
