"""The risk models: pure numpy, never pygame."""
