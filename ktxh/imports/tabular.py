"""Reading .csv and .xlsx files into rows of text cells, bounded in size."""

from decimal import Decimal
from pathlib import Path

from django.conf import settings

from ktxh.core.safefiles import SheetBounds, UnsafeFile, check_xlsx, read_csv
from ktxh.engine.numbers import format_number


class FileRejected(Exception):
    """The file as a whole cannot be read (wrong type, too large, unreadable)."""


def read_rows(path: Path, *, max_bytes: int | None = None, max_rows: int | None = None) -> tuple[str, list[list[str]]]:
    """Return (sheet name, rows) where each cell is text; numbers from Excel cells are
    written exactly (no float noise) in plain notation. `max_rows`: only the first rows
    (a header to look at before the whole file is read)."""
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
        try:
            rows = read_csv(text, path.name)
            return path.name, rows[:max_rows] if max_rows else rows
        except UnsafeFile as error:
            raise FileRejected(str(error)) from None
    if suffix == ".xlsx":
        try:
            check_xlsx(str(path), path.name)  # bounded before openpyxl builds anything
        except UnsafeFile as error:
            raise FileRejected(str(error)) from None
        return _read_xlsx(path, max_rows)
    raise FileRejected(f"Tệp {path.name}: chỉ nhận .csv hoặc .xlsx.")


def _read_xlsx(path: Path, max_rows: int | None = None) -> tuple[str, list[list[str]]]:
    import zipfile

    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook

    bounds = SheetBounds()
    try:
        # openpyxl parses through defusedxml (a dependency): entity bombs raise, never expand.
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the declared A1:XFD1048576 is not trusted for padding
        rows = [[_cell_text(v) for v in row]
                for row in sheet.iter_rows(max_row=min(bounds.max_rows, max_rows or bounds.max_rows),
                                           max_col=bounds.max_columns, values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, IndexError, TypeError) as error:
        if isinstance(error, DefusedXmlException) or isinstance(error.__cause__, DefusedXmlException):
            raise FileRejected(f"Tệp {path.name} chứa XML không an toàn (khai báo thực thể), "
                               "không đọc được.") from None
        raise FileRejected(f"Tệp {path.name} không phải tệp Excel .xlsx hợp lệ hoặc có ô hỏng "
                           "(không đọc được giá trị).") from None
    except Exception:  # defusedxml's EntitiesForbidden, lxml/expat parse errors
        raise FileRejected(f"Tệp {path.name} bị hỏng hoặc chứa XML không an toàn, không đọc được.") from None
    return sheet.title, rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return repr(value)  # "inf", "nan": text the number parser refuses with a message
    if isinstance(value, int | float):
        # repr() of a float is its shortest exact decimal form: 36595.83, not 36595.8299999.
        # Written back in Vietnamese notation, the notation every loader parses.
        return format_number(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    return str(value).strip()
