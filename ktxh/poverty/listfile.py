"""A review list file (CSV/XLSX, the plain format or a commune's Excel list) -> checked rows.

The file is measured and read by imports.tabular (bounded), the header mapped and every row
parsed by engine.poverty; every problem of the whole file is listed, nothing is returned half."""

from dataclasses import dataclass, field
from pathlib import Path

from ktxh.engine.poverty import HouseholdRow, map_header, parse_row
from ktxh.imports.tabular import FileRejected, read_rows

MAX_ROWS = 20_000  # one commune's list; a province is imported commune by commune


@dataclass
class ListFile:
    name: str
    rows: list[HouseholdRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one Vietnamese message per bad row


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
    if len(body) > MAX_ROWS:
        result.errors.append(f"Tệp {result.name} có {len(body)} hộ, quá giới hạn {MAX_ROWS} hộ một lần nhập.")
        return result
    seen: dict[str, int] = {}
    for line, row in body:
        parsed, errors = parse_row(line, row, mapping)
        if parsed is not None and parsed.code in seen:
            errors = [f"mã hộ {parsed.code} trùng với dòng {seen[parsed.code]}"]
            parsed = None
        if errors:
            result.errors.append(f"Dòng {line}: " + "; ".join(errors) + ".")
        elif parsed is not None:
            seen[parsed.code] = line
            result.rows.append(parsed)
    if not body:
        result.errors.append(f"Tệp {result.name} không có hộ nào.")
    return result
