"""The test suite never writes into a real settings folder and leaves nothing behind."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

INNER = '''
import os
from pathlib import Path

from game import settings


def test_saves(tmp_path):
    settings.save(settings.Settings(volume=3))
    Path(os.environ["REPORT"]).write_text(os.environ["CROSSINGS_CONFIG_DIR"] + "\\n" + os.environ["CROSSINGS_DATA_DIR"])
'''


def test_session_uses_a_fresh_folder_and_removes_it(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(HERE / "conftest.py", suite / "conftest.py")
    (suite / "test_inner.py").write_text(INNER)
    real = tmp_path / "real-config"
    real.mkdir()
    report = tmp_path / "report.txt"
    env = dict(os.environ, CROSSINGS_CONFIG_DIR=str(real), CROSSINGS_DATA_DIR=str(real), REPORT=str(report),
               PYTHONPATH=str(HERE.parent))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(suite), str(suite)],
        cwd=suite, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(real.iterdir()) == []  # the real folder was never written
    config, data = report.read_text().splitlines()
    assert config != str(real) and data != str(real)
    assert not Path(config).exists() and not Path(config).parent.exists()  # removed afterwards
