"""Bounds checked on a file before it is parsed (pure Python; no Django).

Every file that crosses the boundary (an uploaded entry form or report, a file given
to `ktxh load`) is a zip (.xlsx, .docx), a text table (.csv) or YAML. Each is measured
first, so a small file that inflates into gigabytes, a sheet that declares a million
columns or a YAML alias bomb is refused with one Vietnamese message before any parser
builds it in memory. The limits are listed in docs/security.md.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from ktxh.engine.numbers import format_number as _n

# Zip containers (.xlsx, .docx). Real office files have tens of members, each
# compressing 3-20x; a sheet of repeated cells may reach 50x.
ZIP_MAX_MEMBERS = 1_000
ZIP_MAX_MEMBER_BYTES = 128 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 256 * 1024 * 1024
ZIP_MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small members (styles, themes) may compress far better: only total counts

# Sheets: rows and columns any file the app reads may hold.
SHEET_MAX_ROWS = 500_000
SHEET_MAX_COLUMNS = 100

# CSV: the longest field (csv's own default limit, kept local instead of global).
CSV_MAX_FIELD_CHARS = 128 * 1024

# Text read out of a report (characters): about 250 pages; extraction is linear in it
# (bench/extract_speed.py measures seconds per MB).
TEXT_MAX_CHARS = 1_000_000

# YAML catalog files are plain data: no aliases (a billion-laughs file is a few aliases deep).
YAML_MAX_NODES = 200_000

_MB = 1024 * 1024


class UnsafeFile(ValueError):
    """The file exceeds a bound; the message (Vietnamese) names the file and the limit."""


def _mb(n: int) -> str:
    return f"{n / _MB:.0f} MB"


def check_zip(source: bytes | str, name: str) -> list[zipfile.ZipInfo]:
    """Refuse a zip whose members are too many, too large or inflate too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnsafeFile(f"Tệp {name} không phải tệp Office (.xlsx/.docx) hợp lệ ({error}).") from None
    if len(members) > ZIP_MAX_MEMBERS:
        raise UnsafeFile(f"Tệp {name} có {_n(len(members))} thành phần nén; giới hạn {_n(ZIP_MAX_MEMBERS)}.")
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > ZIP_MAX_MEMBER_BYTES:
            raise UnsafeFile(f"Tệp {name}: một thành phần giải nén ra {_mb(info.file_size)}; "
                             f"giới hạn {_mb(ZIP_MAX_MEMBER_BYTES)}.")
        if info.file_size > _RATIO_FLOOR and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeFile(f"Tệp {name}: một thành phần nén hơn {ZIP_MAX_RATIO} lần "
                             "(dấu hiệu tệp «bom nén»); không đọc tệp này.")
    if total > ZIP_MAX_TOTAL_BYTES:
        raise UnsafeFile(f"Tệp {name} giải nén ra {_mb(total)}; giới hạn {_mb(ZIP_MAX_TOTAL_BYTES)}.")
    _refuse_dtds(source, name, members)
    return members


_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def _refuse_dtds(source, name: str, members: list[zipfile.ZipInfo]) -> None:
    """Office XML never declares a DTD; one that does is an entity bomb or an external
    entity fetch. A DTD can only stand before the root element, so the head suffices."""
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
        for info in members:
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(info) as stream:
                    head = stream.read(8192).upper()
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as error:
                raise UnsafeFile(f"Tệp {name} bị hỏng, không đọc được ({type(error).__name__}).") from None
            if any(mark.upper() in head for mark in _DTD_MARKS):
                raise UnsafeFile(f"Tệp {name} chứa khai báo XML không an toàn (DTD/ENTITY); không đọc tệp này.")


_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True)
class SheetBounds:
    max_rows: int = SHEET_MAX_ROWS
    max_columns: int = SHEET_MAX_COLUMNS


def check_xlsx(source: bytes | str, name: str, bounds: SheetBounds = SheetBounds()) -> None:
    """check_zip, then stream every worksheet's XML (entities off, constant memory) and
    refuse a declared dimension, a row or a column beyond the bounds."""
    from lxml import etree

    check_zip(source, name)
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
        sheets = [i for i in archive.infolist() if re.match(r"xl/worksheets/[^/]+\.xml$", i.filename)]
        for info in sheets:
            with archive.open(info) as stream:
                _scan_sheet(etree, stream, name, bounds)


def _too_big(name: str, rows: int, cols: int, bounds: SheetBounds) -> UnsafeFile:
    return UnsafeFile(f"Tệp {name} có trang tính {_n(rows)} dòng × {_n(cols)} cột; giới hạn "
                      f"{_n(bounds.max_rows)} dòng × {_n(bounds.max_columns)} cột.")


def _scan_sheet(etree, stream, name: str, bounds: SheetBounds) -> None:
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        events = etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True,
                                 huge_tree=False, load_dtd=False)
        rows = 0
        cells_in_row = 0
        for _, element in events:
            tag = element.tag
            if tag == ns + "c":
                cells_in_row += 1
                ref = _CELL_REF.match(element.get("r") or "")
                if cells_in_row > bounds.max_columns or (ref and _column_number(ref.group(1)) > bounds.max_columns):
                    raise _too_big(name, rows + 1, max(cells_in_row, _column_number(ref.group(1)) if ref else 0),
                                   bounds)
            elif tag == ns + "row":
                rows += 1
                cells_in_row = 0
                if rows > bounds.max_rows or int(element.get("r") or 0) > bounds.max_rows:
                    raise _too_big(name, max(rows, int(element.get("r") or 0)), 0, bounds)
            elif tag == ns + "dimension":
                _check_dimension(element.get("ref") or "", name, bounds)
            else:
                continue
            # Constant memory: drop what has been counted.
            element.clear()
            if tag == ns + "row":
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as error:
        raise UnsafeFile(f"Tệp {name} có trang tính hỏng, không đọc được ({error.msg}).") from None


def _check_dimension(ref: str, name: str, bounds: SheetBounds) -> None:
    last = ref.split(":")[-1]
    m = _CELL_REF.match(last)
    if m:
        cols, rows = _column_number(m.group(1)), int(m.group(2))
        if cols > bounds.max_columns or rows > bounds.max_rows:
            raise _too_big(name, rows, cols, bounds)


def read_csv(text: str, name: str, bounds: SheetBounds = SheetBounds()) -> list[list[str]]:
    """csv.reader with the field, row and column bounds, leaving csv's global limit alone."""
    rows: list[list[str]] = []
    # csv.field_size_limit is process-wide; instead of raising it, a longer field is an error.
    try:
        for row in csv.reader(io.StringIO(text)):
            if len(rows) >= bounds.max_rows:
                raise UnsafeFile(f"Tệp {name} có hơn {_n(bounds.max_rows)} dòng; giới hạn {_n(bounds.max_rows)}.")
            if len(row) > bounds.max_columns:
                raise UnsafeFile(f"Tệp {name}, dòng {len(rows) + 1}: {len(row)} cột; giới hạn {_n(bounds.max_columns)}.")
            rows.append(row)
    except csv.Error as error:
        line = len(rows) + 1
        if "field larger than field limit" in str(error):
            raise UnsafeFile(f"Tệp {name}, dòng {line}: một ô dài hơn {CSV_MAX_FIELD_CHARS // 1024} KB.") from None
        raise UnsafeFile(f"Tệp {name}, dòng {line}: không đọc được CSV ({error}).") from None
    return rows


def check_text(text: str, name: str) -> str:
    if len(text) > TEXT_MAX_CHARS:
        raise UnsafeFile(f"Tệp {name} có {_n(len(text))} ký tự chữ; giới hạn {_n(TEXT_MAX_CHARS)} ký tự "
                         "(khoảng 250 trang).")
    return text


def load_yaml(text: str, name: str):
    """yaml.safe_load after counting events: no aliases, a bounded number of nodes."""
    import yaml

    nodes = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise UnsafeFile(f"Tệp {name}: không dùng bí danh YAML (*tên); hãy viết đầy đủ từng mục.")
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > YAML_MAX_NODES:
                    raise UnsafeFile(f"Tệp {name} có hơn {_n(YAML_MAX_NODES)} mục YAML; giới hạn {_n(YAML_MAX_NODES)}.")
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise UnsafeFile(f"Tệp {name}: không đọc được YAML ({error}).") from None
