"""A review list file (CSV/XLSX, the plain format or a commune's Excel list) -> checked rows.

The file is measured and read by imports.tabular (bounded), the header mapped and every row
parsed by engine.poverty; every problem of the whole file is listed, nothing is returned half."""

from dataclasses import dataclass, field
from pathlib import Path

from ktxh.engine.poverty import HouseholdRow, map_header, parse_row
from ktxh.imports.tabular import FileRejected, read_rows
from ktxh.poverty.columns import (
    CONSTANT_AREAS,
    REVIEW_COMMUNE,
    TARGETS,
    column_labels,
    column_letter,
    mapping_check,
)

MAX_ROWS = 20_000  # one commune's list; a province is imported commune by commune


@dataclass
class ListFile:
    name: str
    rows: list[HouseholdRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one Vietnamese message per bad row
    skipped: list[int] = field(default_factory=list)  # lines with no household data (group titles, signatures)
    labels: list[str] = field(default_factory=list)  # the header's label of each column (mapped reading)


def cells_read(path: Path, max_rows: int | None = None) -> tuple[list[list[str]], str | None]:
    """The file's rows of text cells (bounded by imports.tabular), or the reason it cannot be read;
    `max_rows`: its first rows only."""
    try:
        return read_rows(Path(path), max_rows=max_rows)[1], None
    except FileRejected as error:
        return [], str(error)


def list_read(path: Path) -> ListFile:
    try:
        sheet, cells = read_rows(Path(path))
    except FileRejected as error:
        return ListFile(Path(path).name, errors=[str(error)])
    result = ListFile(Path(path).name)
    # The header is the first row naming ma_ho / "Mã hộ" (lists often carry a title above it).
    start = next((i for i, row in enumerate(cells[:20]) if not map_header(row)[1]
                  or "ma_ho" in map_header(row)[0]), None)
    if start is None:
        result.errors.append(f"Tệp {result.name}: không tìm thấy dòng tiêu đề có cột ma_ho (Mã hộ).")
        return result
    mapping, header_errors = map_header(cells[start])
    if header_errors:
        result.errors.extend(f"Dòng tiêu đề {start + 1}: {e}" for e in header_errors)
        return result
    body = [(start + 2 + i, row) for i, row in enumerate(cells[start + 1:]) if any(c.strip() for c in row)]
    _rows_parse(result, body, mapping)
    return result


def _rows_parse(result: ListFile, body: list[tuple[int, list[str]]], mapping: dict[str, int],
                where: dict[str, str] | None = None) -> None:
    if len(body) > MAX_ROWS:
        result.errors.append(f"Tệp {result.name} có {len(body)} hộ, quá giới hạn {MAX_ROWS} hộ một lần nhập.")
        return
    seen: dict[str, int] = {}
    for line, row in body:
        parsed, errors = parse_row(line, row, mapping, where)
        if parsed is not None and parsed.code in seen:
            column = f" ({where['ma_ho']})" if where and "ma_ho" in where else ""
            errors = [f"mã hộ {parsed.code} trùng với dòng {seen[parsed.code]}{column}"]
            parsed = None
        if errors:
            result.errors.append(f"Dòng {line}: " + "; ".join(errors) + ".")
        elif parsed is not None:
            seen[parsed.code] = line
            result.rows.append(parsed)
    if not body:
        result.errors.append(f"Tệp {result.name} không có hộ nào.")


# The cells that make a row a household's: a row with none of them (no code, no members, no
# income) is a village's title row or the signature block ("CHỦ TỊCH UBND XÃ" may sit in an
# indicator's column), and is skipped and counted, never guessed at.
_DATA = ("ma_ho", "so_nhan_khau", "thu_nhap_binh_quan")


def rows_mapped(name: str, cells: list[list[str]], *, first: int, last: int, choices: dict[str, str],
                commune_code: str) -> ListFile:
    """A commune's own list read with the clerk's mapping: header rows first..last (1-based),
    `choices` as columns.mapping_propose gives them (checked again here); every problem of the
    whole file, each with its line and column."""
    result = ListFile(name)
    if not 1 <= first <= last <= len(cells):
        result.errors.append(f"Dòng tiêu đề {first}–{last} không có trong tệp ({len(cells)} dòng).")
        return result
    labels = result.labels = column_labels(cells, first, last)
    problems = mapping_check(choices, labels)
    if problems:
        result.errors.extend(problems)
        return result
    width = len(labels)
    mapping: dict[str, int] = {}
    where: dict[str, str] = {}
    constants: list[str] = []  # virtual columns after the file's own: the choices that are not columns
    for target in TARGETS:
        value = choices.get(target.code, "")
        if value.isdigit():
            mapping[target.code] = int(value)
            where[target.code] = f"cột {column_letter(int(value))}"
        elif value == REVIEW_COMMUNE:
            mapping[target.code] = width + len(constants)
            constants.append(commune_code)
        elif value in CONSTANT_AREAS:
            mapping[target.code] = width + len(constants)
            constants.append(value)
    data = [mapping[c] for c in _DATA]
    body = []
    for n, row in enumerate(cells[last:]):
        line = last + 1 + n
        if not any(cell.strip() for cell in row):
            continue
        if not any(c < len(row) and row[c].strip() for c in data):
            result.skipped.append(line)
            continue
        padded = row + [""] * (width - len(row)) if len(row) < width else row[:width]
        body.append((line, padded + constants))
    _rows_parse(result, body, mapping, where)
    return result
