import os
import shutil
import tempfile

# Before any pygame import: tests run headless and silent.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# Tests never touch the real user's settings or files: a fresh folder for the
# session, whatever the environment already says (a developer's shell may point
# CROSSINGS_CONFIG_DIR at a real folder), removed when the session ends.
_SESSION_HOME = tempfile.mkdtemp(prefix="crossings-test-")
os.environ["CROSSINGS_CONFIG_DIR"] = os.path.join(_SESSION_HOME, "config")
os.environ["CROSSINGS_DATA_DIR"] = os.path.join(_SESSION_HOME, "data")
os.environ["CROSSINGS_CACHE_DIR"] = os.path.join(_SESSION_HOME, "cache")  # derived map fields


def pytest_unconfigure(config):
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)


def pytest_configure(config):
    """In a parallel run, hand the tests out one at a time (xdist's own default
    sends each worker a long run of consecutive tests first: all the heavy
    ones to the first worker, which then ends long after the others)."""
    if getattr(config.option, "maxschedchunk", 0) is None:
        config.option.maxschedchunk = 1


def pytest_collection_modifyitems(config, items):
    """The few heavy tests go first (in their own order, the rest keep theirs):
    run in parallel (``pytest -n auto``), each worker starts on one of them
    and the many short tests fill in around them, instead of one heavy test
    starting last while the other workers wait. The same order in every
    worker, as xdist requires."""
    items.sort(key=lambda item: item.get_closest_marker("heavy") is None)
