"""Read a report file into plain text: .txt/.md (several encodings), .docx, .pdf.

Every failure becomes a ``DocumentError`` with a Vietnamese message the CLI prints as is.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ktxh.core.safefiles import TEXT_MAX_CHARS, UnsafeFile, check_text, check_zip
from ktxh.engine.numbers import format_number

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 2_000
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]", re.I)
_MOJIBAKE = re.compile(r"Ã.|Æ°|áº|á»|Ä‘|â€")


class DocumentError(Exception):
    """The file cannot be read as a report; the message is for the user."""


def _check_text(text: str, name: str) -> str:
    try:
        check_text(text, name)
    except UnsafeFile as exc:
        raise DocumentError(str(exc)) from None
    if not text.strip():
        raise DocumentError(f"Tệp {name} không có nội dung văn bản.")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if control > len(text) / 100 or "\x00" in text:
        raise DocumentError(f"Tệp {name} không phải văn bản (có dữ liệu nhị phân).")
    if len(_MOJIBAKE.findall(text)) > max(3, len(_VIETNAMESE.findall(text)) // 10):
        raise DocumentError(f"Tệp {name} bị lỗi mã hóa ký tự (mojibake); hãy lưu lại dạng UTF-8.")
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text(data.decode("utf-16"), name)
    if b"\x00" in data[:4096]:
        raise DocumentError(f"Tệp {name} không phải văn bản (có dữ liệu nhị phân).")
    try:
        return _check_text(data.decode("utf-8-sig"), name)
    except UnicodeDecodeError:
        pass
    if _utf8_lines(data) > 0:
        # mixed encodings (a UTF-8 report with paragraphs pasted from a cp1258 file): line by line
        text = "\n".join(_line_decode(line) for line in data.split(b"\n"))
        return _check_text(unicodedata.normalize("NFC", text), name)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError as exc:
        raise DocumentError(f"Không nhận ra bảng mã của tệp {name}; hãy lưu lại dạng UTF-8.") from exc
    if not _VIETNAMESE.search(text):
        raise DocumentError(f"Không nhận ra bảng mã của tệp {name}; hãy lưu lại dạng UTF-8.")
    return _check_text(text, name)


def _utf8_lines(data: bytes) -> int:
    """Lines that are UTF-8 with characters beyond ASCII (so not also cp1258 by chance)."""
    count = 0
    for line in data.split(b"\n"):
        if max(line, default=0) > 127:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            count += 1
    return count


def _line_decode(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1258", errors="replace")


def _read_docx(path: Path) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_zip(str(path), path.name)  # a 235 KB file may inflate to gigabytes of XML
    except UnsafeFile as exc:
        raise DocumentError(str(exc)) from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"Tệp {path.name} không phải tệp Word (.docx) hợp lệ.") from exc
    except Exception as exc:  # zipfile.BadZipFile, lxml errors
        raise DocumentError(f"Tệp {path.name} bị hỏng, không đọc được.") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            for row in table.rows:
                lines.append("\t".join(" ".join(c.text.split()) for c in row.cells))
    return _check_text("\n".join(lines), path.name)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(f"Tệp PDF {path.name} được mã hóa/đặt mật khẩu; hãy gỡ mật khẩu trước.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"Tệp PDF {path.name} có {format_number(len(reader.pages))} trang; giới hạn "
                                f"{format_number(MAX_PDF_PAGES)} trang.")
        pages = []
        chars = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > TEXT_MAX_CHARS:
                break  # _check_text refuses it with the limit
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError, TypeError) as exc:
        raise DocumentError(f"Tệp PDF {path.name} bị hỏng, không đọc được.") from exc
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise DocumentError(f"Tệp PDF {path.name} bị hỏng, không đọc được.") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(
            f"Tệp PDF {path.name} không có lớp chữ (chỉ có hình ảnh quét); cần nhận dạng chữ (OCR) trước."
        )
    return _check_text(text, path.name)


def read_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Text of a .txt, .md, .docx or .pdf report; raises DocumentError otherwise."""
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"Không tìm thấy tệp {p}.")
    if not p.is_file():
        raise DocumentError(f"{p} không phải là tệp.")
    size = p.stat().st_size
    if size > max_bytes:
        raise DocumentError(
            f"Tệp {p.name} quá lớn ({size / 1048576:.1f} MB; giới hạn {max_bytes / 1048576:.1f} MB)."
        )
    suffix = p.suffix.lower()
    try:
        if suffix == ".docx":
            return _read_docx(p)
        if suffix == ".pdf":
            return _read_pdf(p)
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise DocumentError(f"Không có quyền đọc tệp {p.name}.") from exc
    if suffix not in (".txt", ".md", ".text", ""):
        raise DocumentError(f"Định dạng {suffix} chưa được hỗ trợ (chỉ .txt, .md, .docx, .pdf).")
    return _decode(data, p.name)
