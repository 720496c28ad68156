"""The game's screens (pygame)."""
