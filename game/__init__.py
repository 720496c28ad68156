"""Crossings: an educational simulation of the routes out of North Korea."""

__version__ = "0.1.0"
