"""Encode text in Windows-1258 (tone marks as combining characters), as old Vietnamese files are."""

import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text):
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        shape = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += shape.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return out
