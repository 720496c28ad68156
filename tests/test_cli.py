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
