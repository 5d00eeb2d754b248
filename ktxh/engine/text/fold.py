"""Accent folding, re-exported so the text package has one import point."""

from ktxh.engine.fold import fold

__all__ = ["fold"]
