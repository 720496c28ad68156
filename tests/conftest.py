import os
import tempfile

# Before any pygame import: tests run headless and silent.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Tests never touch the real user's settings.
os.environ.setdefault("CROSSINGS_CONFIG_DIR", tempfile.mkdtemp(prefix="crossings-test-config-"))
