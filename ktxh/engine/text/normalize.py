"""Undo PDF/Word extraction damage while remembering where every character came from.

Reports arrive with lines wrapped mid-sentence, blank lines between them, markdown or
HTML emphasis, footnote markers glued to words ("4.623,3ha1", "Kim Bình42.") and whole
footnote blocks interleaved mid-sentence. ``normalize`` returns clean *segments* (the body
and each footnote separately) whose characters map back to offsets in the original text,
so a fact can always be shown and highlighted where the user wrote it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# Markup removed from every line; a match is dropped, the rest keeps its offsets.
_MARKUP_RE = re.compile(
    r"\*\*|(?<![\d\s])\*|\*(?=[^\d\s])"  # markdown emphasis, not "2 * 3"
    r"|</?(?:b|i|u|em|strong)>"
    r"|(?<!m)<sup>\(?\d{1,3}\)?</sup>"  # footnote reference; "m<sup>2</sup>" keeps the 2
    r"|</?sup>"
    r"|\[bookmark: [^\]]*\]|\[footnoteRef:\d+\]"
    r"|^\s*#{1,6}\s+|^\s*-{3,}\s*$"
    rf"|(?<![mM])[{SUPERSCRIPT_DIGITS}]+"
)
_INLINE_FOOTNOTE_RE = re.compile(r"\s*\[(\d{1,3}):\s+([^\]]*)\]")
_SUP_FOOTNOTE_START = re.compile(r"^\s*<sup>\(?(\d{1,3})\)?</sup>\s*-?\s*")
_UNICODE_FOOTNOTE_START = re.compile(rf"^\s*[{SUPERSCRIPT_DIGITS}]+\s*")
_PLAIN_FOOTNOTE_START = re.compile(r"^(\d{1,3}) +(?=\S)")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_SEPARATOR = re.compile(r"^[ \t\u00a0_]{8,}$")
# A line starting like this begins a new block (bullet, numbered heading, roman heading).
_BLOCK_START = re.compile(
    r"^\s*(?:[-+•–]\s|\(\d+\)\.?\s|\d+(?:\.\d+)*\.\s|[IVX]+[.\-]\s|[A-Z]\.\s|[a-zđ]\)\s|Phần thứ)"
)
_UNIT_LETTERS = {"m", "km", "co", "h", "ch", "m3", "x"}


@dataclass
class Segment:
    """Clean text plus, for each character, its offset in the original document."""

    text: str
    offsets: list[int]
    kind: str = "body"  # "body" or "footnote"


@dataclass
class Document:
    original: str
    segments: list[Segment] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def line_of(self, offset: int) -> int:
        """1-based line number of an original offset."""
        return bisect.bisect_right(self.line_starts, offset)

    def span(self, segment: Segment, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering segment text[start:end]."""
        last = len(segment.offsets)
        start = max(0, min(start, last - 1))
        end = min(max(end, start + 1), last)
        return segment.offsets[start], segment.offsets[end - 1] + 1


class _Builder:
    def __init__(self, kind: str):
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.kind = kind

    def add(self, text: str, offsets: list[int]) -> None:
        for ch, off in zip(text, offsets, strict=True):
            if ch in " \t\u00a0" and (not self.chars or self.chars[-1] in " \n"):
                continue  # collapse runs of spaces
            self.chars.append(" " if ch in "\t\u00a0" else ch)
            self.offsets.append(off)

    def join(self, sep: str, offset: int) -> None:
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.offsets.pop()
        if self.chars and self.chars[-1] != "\n":
            self.chars.append(sep)
            self.offsets.append(offset)

    def segment(self) -> Segment | None:
        text = "".join(self.chars).strip()
        if not text:
            return None
        lead = len("".join(self.chars)) - len("".join(self.chars).lstrip())
        return Segment(text, self.offsets[lead : lead + len(text)], self.kind)


def _strip(text: str, base: int, pattern: re.Pattern[str]) -> tuple[str, list[int]]:
    kept, offsets, pos = [], [], 0
    for m in pattern.finditer(text):
        kept.append(text[pos : m.start()])
        offsets.extend(range(base + pos, base + m.start()))
        pos = m.end()
    kept.append(text[pos:])
    offsets.extend(range(base + pos, base + len(text)))
    return "".join(kept), offsets


def _glued_marker_re(numbers: set[int]) -> re.Pattern[str] | None:
    if not numbers:
        return None
    alts = "|".join(str(n) for n in sorted(numbers, reverse=True))
    return re.compile(rf"(?<=[^\W\d_])(?:{alts})(?=[\s.,;:)”\"']|$)")


def _is_heading_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _footnote_starts(lines: list[str]) -> dict[int, tuple[int, bool]]:
    """Line index -> (marker length, is a one-line footnote) for lines opening a footnote."""
    starts: dict[int, tuple[int, bool]] = {}
    expected = 1
    for i, line in enumerate(lines):
        for pat in (_SUP_FOOTNOTE_START, _UNICODE_FOOTNOTE_START):
            m = pat.match(line)
            if m and i > 0 and m.end() < len(line):
                starts[i] = (m.end(), True)
                break
        else:
            m = _PLAIN_FOOTNOTE_START.match(line)
            # Plain numbers count only in sequence (a gap of one tolerated) and before a
            # capital, so "27 vụ vi phạm" or a page number is not taken for a footnote.
            if m and expected <= int(m.group(1)) <= expected + 1:
                rest = line[m.end() :]
                if rest[:1].isupper() or rest[:1] == "(":
                    starts[i] = (m.end(), False)
                    expected = int(m.group(1)) + 1
    return starts


def normalize(original: str) -> Document:
    doc = Document(original)
    raw_lines = original.split("\n")
    pos = 0
    for line in raw_lines:
        doc.line_starts.append(pos)
        pos += len(line) + 1
    lines = [ln.rstrip("\r") for ln in raw_lines]
    starts = _footnote_starts(lines)
    plain = {
        int(m.group(1))
        for i in starts
        if (m := _PLAIN_FOOTNOTE_START.match(lines[i])) and not starts[i][1]
    }
    glued = _glued_marker_re(plain)
    wrapped = sum(1 for ln in lines if not ln.strip()) > len(lines) / 4

    body = _Builder("body")
    footnotes: list[_Builder] = []
    current: _Builder | None = None  # open footnote, if any
    current_one_line = False
    prev_line = ""
    for i, line in enumerate(lines):
        base = doc.line_starts[i]
        if not line.strip() or _PAGE_NUMBER.match(line) or _SEPARATOR.match(line):
            if _PAGE_NUMBER.match(line) and line.strip():
                current = None
            continue
        skip, one_line = starts.get(i, (0, False))
        if i in starts:
            current = _Builder("footnote")
            footnotes.append(current)
        elif current is not None and (current_one_line or line[:1].isspace()):
            current = None  # one-line footnotes, or the body resumes indented after a block
        current_one_line = one_line
        text, offsets = _strip(line[skip:], base + skip, _MARKUP_RE)
        if glued is not None:
            kept, kept_offsets = _strip(text, 0, glued)
            text, offsets = kept, [offsets[k] for k in kept_offsets]
        inline = list(_INLINE_FOOTNOTE_RE.finditer(text))
        if inline:
            # Cut out in one pass: rebuilding the line once per footnote was quadratic.
            kept_text, kept_offsets, at = [], [], 0
            for m in inline:
                note = _Builder("footnote")
                note.add(m.group(2), offsets[m.start(2) : m.end(2)])
                footnotes.append(note)
                kept_text.append(text[at : m.start()])
                kept_offsets.extend(offsets[at : m.start()])
                at = m.end()
            kept_text.append(text[at:])
            kept_offsets.extend(offsets[at:])
            text, offsets = "".join(kept_text), kept_offsets
        target = current if current is not None else body
        if target is body or skip == 0:
            new_block = (
                _BLOCK_START.match(text)
                or _is_heading_line(text)
                or _is_heading_line(prev_line)
                or (not wrapped and prev_line.rstrip()[-1:] in ".:;!?)")
            )
            target.join("\n" if new_block else " ", base - 1 if base else 0)
        target.add(text, offsets)
        if target is body:
            prev_line = text
    for builder in [body, *footnotes]:
        seg = builder.segment()
        if seg is not None:
            doc.segments.append(seg)
    return doc
