"""Tile maps and what stands on them."""
