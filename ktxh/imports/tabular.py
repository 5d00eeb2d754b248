"""Reading .csv and .xlsx files into rows of text cells, bounded in size."""

import csv
import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from ktxh.engine.numbers import format_number


class FileRejected(Exception):
    """The file as a whole cannot be read (wrong type, too large, unreadable)."""


def read_rows(path: Path, *, max_bytes: int | None = None) -> tuple[str, list[list[str]]]:
    """Return (sheet name, rows) where each cell is text; numbers from Excel cells are
    written exactly (no float noise) in plain notation."""
    max_bytes = max_bytes or settings.KTXH_MAX_UPLOAD_BYTES
    if not path.exists():
        raise FileRejected(f"Không tìm thấy tệp {path}.")
    if path.stat().st_size > max_bytes:
        raise FileRejected(f"Tệp {path.name} lớn hơn giới hạn {max_bytes // (1024 * 1024)} MB.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileRejected(f"Tệp {path.name} không phải văn bản UTF-8; hãy lưu lại dưới dạng CSV UTF-8.") from None
        return path.name, [row for row in csv.reader(io.StringIO(text))]
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise FileRejected(f"Tệp {path.name}: chỉ nhận .csv hoặc .xlsx.")


def _read_xlsx(path: Path) -> tuple[str, list[list[str]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise FileRejected(f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ ({error}).") from None
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return sheet.title, rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        # repr() of a float is its shortest exact decimal form: 36595.83, not 36595.8299999.
        # Written back in Vietnamese notation, the notation every loader parses.
        return format_number(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    return str(value).strip()
