"""User text into every XLSX the app writes (reports, commune matrix, capital annex,
entry form): always a string, and text that Excel would take for a formula once the
cell is edited ("=HYPERLINK(...)", "+1", "-x", "@SUM", a leading tab or CR) gets
Excel's quote prefix. One helper, so no writer can forget it (issue 13, finding 9)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_INDEX_FIELDS = ("xf_index", "dxf_index")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


class TextCells:
    """Writes text cells of one XlsxWriter workbook; makes (once per format) the quoted twin."""

    def __init__(self, book):
        self.book = book
        self._twins: dict[int, object] = {}

    def quoted(self, fmt):
        key = id(fmt)
        if key not in self._twins:
            twin = self.book.add_format()
            if fmt is not None:
                # Same look as the original; the index fields are assigned when the book is written.
                twin.__dict__.update({k: v for k, v in fmt.__dict__.items() if k not in _INDEX_FIELDS})
            twin.set_quote_prefix()
            self._twins[key] = (fmt, twin)  # keeps fmt alive so its id is never reused
        return self._twins[key][1]

    def write(self, sheet, row: int, col: int, text, fmt=None) -> None:
        text = "" if text is None else str(text)
        sheet.write_string(row, col, text, self.quoted(fmt) if looks_like_formula(text) else fmt)


def text_cells(book) -> TextCells:
    """The workbook's TextCells (one per book, so the quoted twins are shared)."""
    cells = getattr(book, "_ktxh_text_cells", None)
    if cells is None:
        cells = book._ktxh_text_cells = TextCells(book)
    return cells


def csv_cell(text) -> str:
    """A CSV field of user text: a leading ' keeps a spreadsheet from reading it as a formula."""
    text = "" if text is None else str(text)
    return "'" + text if looks_like_formula(text) else text
