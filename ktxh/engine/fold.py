"""Accent folding so "ty le che phu rung" finds "Tỷ lệ che phủ rừng"."""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]

# đ/Đ is a distinct letter, not d + a combining mark, so NFD leaves it alone.
_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """NFD, drop combining marks, đ -> d, lower-case, collapse whitespace."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())
