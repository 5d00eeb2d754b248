"""The column mapping of a commune's own Excel review list onto the plain format (docs/poverty.md §2).

Communes keep their lists with their own headers: a title above, one to three header rows
(a group "Các chỉ số thiếu hụt" merged over twelve sub-headers, "Mã hộ" merged down two rows),
often a row numbering the columns "(1) (2) (3)…", and their own column order. Here:

- `header_guess(cells)`: which rows are the header (1-based, first and last);
- `column_labels(cells, first, last)`: one label per column, the header rows joined ("Chỉ số
  thiếu hụt / Việc làm"); a merged cell is read by openpyxl as its first cell only, so an empty
  cell of an upper row takes the text on its left when the row below names the column;
- `mapping_propose(labels, remembered)`: plain column -> the file's column, by the normalised
  (accent- and case-free) Vietnamese names of engine.poverty.HEADER_ALIASES, or by the label the
  commune's previous import used for it;
- `mapping_check(choices, columns)`: every problem of a mapping the clerk sent, in Vietnamese.

No Django: the page and the job use the same functions.
"""

import re
from dataclasses import dataclass

from ktxh.engine.fold import fold
from ktxh.engine.poverty import HEADER_ALIASES, INDICATOR_CODES, INDICATORS, OPTIONAL_COLUMNS

MAX_HEADER_ROWS = 4
SCAN_ROWS = 30  # a header further down than this is not looked for

# What a plain column may be mapped to besides a column of the file.
NONE = ""  # no column (optional fields only)
REVIEW_COMMUNE = "xa_dot"  # every row is of the review's commune (lists of one commune rarely say)
CONSTANT_AREAS = {"nong_thon": "Cả danh sách ở nông thôn", "thanh_thi": "Cả danh sách ở thành thị"}


@dataclass(frozen=True)
class Target:
    code: str
    label: str
    required: bool
    group: str


_GROUPS = ("Thông tin hộ", "Chỉ số thiếu hụt (1 = thiếu hụt)", "Thông tin thêm (không bắt buộc)")
TARGETS = (
    Target("ma_ho", "Mã hộ", True, _GROUPS[0]),
    Target("xa", "Xã", True, _GROUPS[0]),
    Target("khu_vuc", "Khu vực (nông thôn, thành thị)", True, _GROUPS[0]),
    Target("so_nhan_khau", "Số nhân khẩu", True, _GROUPS[0]),
    Target("thu_nhap_binh_quan", "Thu nhập bình quân (đồng/người/tháng)", True, _GROUPS[0]),
    *(Target(code, INDICATORS[code][1], True, _GROUPS[1]) for code in INDICATOR_CODES),
    Target("thon", "Thôn, bản", False, _GROUPS[2]),
    Target("chu_ho", "Họ tên chủ hộ", False, _GROUPS[2]),
    Target("dan_toc", "Dân tộc", False, _GROUPS[2]),
    Target("doi_tuong", "Đối tượng chính sách", False, _GROUPS[2]),
    Target("tinh_trang", "Tình trạng (chuyển đi, chết)", False, _GROUPS[2]),
    Target("nam", "Năm rà soát", False, _GROUPS[2]),
)
TARGET_CODES = tuple(t.code for t in TARGETS)
assert set(OPTIONAL_COLUMNS) <= set(TARGET_CODES)


def norm(text: str) -> str:
    """Accent-, case- and punctuation-free: "Thu nhập BQ/người/tháng (đồng)" -> "thu nhap bq nguoi thang dong"."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text or "")).split())


_ALIASES = {code: sorted({norm(a) for a in [code.replace("_", " "), *aliases]}, key=len, reverse=True)
            for code, aliases in HEADER_ALIASES.items()}
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}|[a-z])\)?$")  # "(1)", "2", "A": a row numbering the columns


def _numbering(cell: str) -> bool:
    return bool(_NUMBERING.match(norm(cell).replace(" ", "")))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _known(cell: str) -> bool:
    n = norm(cell)
    return any(n == a for aliases in _ALIASES.values() for a in aliases)


def _numbering_row(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    return len(filled) >= 3 and all(_numbering(c) for c in filled)


def _looks_like_data(row: list[str]) -> bool:
    """A household row: two numeric cells or more (members, income), not a row numbering the
    columns; a header's sub-row has none."""
    filled = [c for c in row if c.strip()]
    numeric = sum(1 for c in filled if re.fullmatch(r"-?[0-9][0-9.,]*", c.strip()))
    return numeric >= 2 and not _numbering_row(row)


def header_guess(cells: list[list[str]]) -> tuple[int, int] | None:
    """(first, last) header rows, 1-based: the first row naming at least three known columns, and the
    rows under it up to the first household row (at most MAX_HEADER_ROWS). None: none found."""
    first = None
    for i, row in enumerate(cells[:SCAN_ROWS]):
        if sum(1 for c in row if c.strip() and _known(c)) >= 3:
            first = i
            break
    if first is None:
        return None
    last = first
    for j in range(first + 1, min(first + MAX_HEADER_ROWS, len(cells))):
        row = cells[j]
        # a household, an empty row or a village's title row (one cell) ends the header
        if sum(1 for c in row if c.strip()) < 2 or _looks_like_data(row):
            break
        last = j
    return first + 1, last + 1


def _width(rows: list[list[str]]) -> int:
    """Up to the last column holding a value (the reader pads rows to its bound)."""
    width = 0
    for row in rows:
        for c in range(len(row) - 1, width - 1, -1):
            if row[c].strip():
                width = c + 1
                break
    return width


def column_labels(cells: list[list[str]], first: int, last: int) -> list[str]:
    """One label per column of the header rows first..last (1-based): the rows' texts joined with
    " / "; a row numbering the columns is left out."""
    rows = [list(r) for r in cells[first - 1:last] if not _numbering_row(r)]
    width = _width(cells[first - 1:first - 1 + 200])  # data rows may be wider than the header
    for r in rows:
        r.extend([""] * (width - len(r)))
    # A group header merged across columns: openpyxl gives the text in its first cell only.
    for upper, lower in zip(rows, rows[1:], strict=False):
        for c in range(1, width):
            if not upper[c].strip() and lower[c].strip() and upper[c - 1].strip() and lower[c - 1].strip():
                upper[c] = upper[c - 1]
    labels = []
    for c in range(width):
        parts = []
        for r in rows:
            text = " ".join(r[c].split())
            if text and text not in parts:
                parts.append(text)
        labels.append(" / ".join(parts))
    return labels


def _score(code: str, label: str) -> int:
    """How well a column's label names `code`: a header part equal to an alias beats an alias
    contained in the label (long aliases only: "xa" is not found inside "xa hoi")."""
    parts = [norm(p) for p in label.split(" / ")]
    whole = norm(label)
    best = 0
    for alias in _ALIASES.get(code, ()):
        if not alias:
            continue
        if alias in parts or alias == whole:
            best = max(best, 200 + len(alias) + (50 if alias == parts[-1] else 0))
        elif len(alias) >= 6 and any(f" {alias} " in f" {p} " for p in parts):
            best = max(best, len(alias))
    return best


def mapping_propose(labels: list[str], remembered: dict[str, str] | None = None) -> dict[str, str]:
    """plain column -> the file's column index (as text), a special choice, or "" (not found).
    The commune's remembered labels come first, then the best-named columns, each column once."""
    remembered = remembered or {}
    normed = [norm(label) for label in labels]
    candidates = []
    for target in TARGETS:
        saved = remembered.get(target.code)
        for i, label in enumerate(labels):
            if not label:
                continue
            score = 1000 if saved and saved == normed[i] else _score(target.code, label)
            if score:
                candidates.append((score, target.code, i))
    choice: dict[str, str] = {}
    used: set[int] = set()
    for _, code, i in sorted(candidates, key=lambda c: (-c[0], c[2])):
        if code in choice or i in used:
            continue
        choice[code] = str(i)
        used.add(i)
    for target in TARGETS:
        if target.code not in choice:
            saved = remembered.get(target.code, "")
            special = saved if saved in (REVIEW_COMMUNE, *CONSTANT_AREAS) else ""
            if not special and target.code == "xa":
                special = REVIEW_COMMUNE  # a commune's own list without a commune column
            choice[target.code] = special
    return choice


def mapping_check(choices: dict[str, str], labels: list[str]) -> list[str]:
    """Every problem of the mapping the clerk sent: a required column not chosen, a column chosen
    twice, a choice that is not a column of the file."""
    problems = []
    by_column: dict[int, list[str]] = {}
    names = {t.code: t.label for t in TARGETS}
    for target in TARGETS:
        value = choices.get(target.code, "")
        allowed = {NONE} if not target.required else set()
        if target.code == "xa":
            allowed = {REVIEW_COMMUNE}
        elif target.code == "khu_vuc":
            allowed = set(CONSTANT_AREAS)
        if value in allowed:
            continue
        if value == "":
            problems.append(f"Chưa chọn cột cho «{target.label}».")
            continue
        if not value.isdigit() or int(value) >= len(labels):
            problems.append(f"Lựa chọn cho «{target.label}» không phải một cột của tệp.")
            continue
        by_column.setdefault(int(value), []).append(target.code)
    for column, codes in sorted(by_column.items()):
        if len(codes) > 1:
            problems.append(f"Cột {column_letter(column)} ({labels[column] or 'không tên'}) được chọn cho nhiều "
                            f"mục: {', '.join('«' + names[c] + '»' for c in codes)}; mỗi cột chỉ ghép một mục.")
    return problems


def mapping_remembered(choices: dict[str, str], labels: list[str]) -> dict[str, str]:
    """What is kept for the commune's next list: each plain column's label (normalised), or its
    special choice; the column's position is not kept (next year's list may order them otherwise)."""
    kept = {}
    for code, value in choices.items():
        if value.isdigit() and int(value) < len(labels):
            kept[code] = norm(labels[int(value)])
        elif value:
            kept[code] = value
    return kept
