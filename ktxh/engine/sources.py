"""Provenance as a person cites it: "Báo cáo 375/BC-UBND, dòng 130", never a file name.

What is stored (values, capital lines, NTM cells, tasks) is a machine trace: "<file>:<line>"
(an accepted report fact, the demo seeds), several of them joined by "; " or " and ",
"derived: <rule> from <file>:<line>" (a figure computed from cited lines), or words typed
by a person. `cite` turns it into the citation a reader sees, given the documents the
application knows (file name -> "Báo cáo 375/BC-UBND"); `document_reference` finds that
citation in a report's own header. Pure Python: ktxh.values.selectors.source_citation
supplies the documents.
"""

import re
from collections.abc import Mapping

__all__ = ["cite", "document_reference", "file_label"]

_FILE = r"[\w.\-]+\.(?:txt|docx?|pdf|xlsx?|csv|ya?ml|md|json)"
_REF = re.compile(rf"(?P<file>{_FILE})(?::(?P<line>\d+)(?:\s*[-–]\s*(?P<end>\d+))?)?", re.IGNORECASE)
_HASH = re.compile(r"(?:^\d{1,4}_)?[_-]?[0-9a-f]{12,64}$", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<number>[0-9]+[0-9A-Za-zĐđ./\-]*/[A-ZĐ][A-Za-zĐđ\-]*)", re.MULTILINE)
_KINDS = {"BC": "Báo cáo", "KH": "Kế hoạch", "NQ": "Nghị quyết", "QĐ": "Quyết định", "TTr": "Tờ trình",
          "CV": "Công văn", "TB": "Thông báo", "CT": "Chỉ thị", "HD": "Hướng dẫn"}
_TITLE_WORDS = ("BÁO CÁO", "KẾ HOẠCH", "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "TỜ TRÌNH")
_NTM_MATRIX = re.compile(r"^derived:\s*NTM matrix\s*\((?P<what>[^)]*)\)", re.IGNORECASE)


def file_label(file_name: str) -> str:
    """A file the application has no document for: its name without extension, numbering
    prefix and hash ("003_bf25f5b26571fa20.txt" -> "tài liệu đính kèm", "bao-cao-2022.txt"
    -> "tệp bao-cao-2022")."""
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = _HASH.sub("", stem).strip(" _-")
    return f"tệp {stem}" if stem and not stem.isdigit() else "tài liệu đính kèm"


def _ref(match: re.Match, documents: Mapping[str, str]) -> tuple[str, str]:
    name = match["file"]
    document = documents.get(name) or documents.get(name.rsplit("/", 1)[-1]) or file_label(name)
    line = match["line"]
    where = "" if not line else (f"dòng {line}–{match['end']}" if match["end"] else f"dòng {line}")
    return document, where


def _join(refs: list[tuple[str, str]]) -> str:
    """"Báo cáo A, dòng 3, dòng 7; Báo cáo B, dòng 9" (one document named once)."""
    out: list[tuple[str, list[str]]] = []
    for document, where in refs:
        if out and out[-1][0] == document:
            if where:
                out[-1][1].append(where)
        else:
            out.append((document, [where] if where else []))
    return "; ".join(", ".join([document, *wheres]) for document, wheres in out)


def cite(source: str | None, documents: Mapping[str, str] | None = None) -> str:
    """The stored provenance written as a citation. Text with no file reference (typed by a
    person, "nhập tay", a Vietnamese note) is returned as it is."""
    text = " ".join((source or "").split())
    if not text:
        return ""
    documents = documents or {}
    if m := _NTM_MATRIX.match(text):
        return f"Tính từ bảng tiêu chí nông thôn mới ({m['what']})"
    refs = [_ref(m, documents) for m in _REF.finditer(text)]
    if not refs:
        return text if not text.lower().startswith("derived:") else "Số liệu tính toán"
    cited = _join(refs)
    if text.lower().startswith("derived:"):
        return f"Tính từ {cited[0].lower() + cited[1:]}"
    return cited[0].upper() + cited[1:]


def document_reference(text: str, *, fallback: str = "") -> str:
    """A report's citation from its own header: "Báo cáo 375/BC-UBND" from "Số: 375/BC-UBND";
    without a number, the kind and title ("Báo cáo Kết quả thực hiện Chương trình ..."); else
    `fallback`. Only the first lines are read (the header of a Decree 30 document)."""
    head = "\n".join((text or "").splitlines()[:40])
    if m := _NUMBER.search(head):
        number = m["number"].rstrip(".")
        code = number.split("/", 1)[1].split("-", 1)[0]
        return f"{_KINDS.get(code, 'Văn bản')} {number}"
    lines = [" ".join(line.replace("*", "").split()) for line in head.splitlines()]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        if line.upper() in _TITLE_WORDS and i + 1 < len(lines):
            title = lines[i + 1]
            title = title if len(title) <= 120 else title[:117].rsplit(" ", 1)[0] + " …"
            return f"{line.capitalize()} {title}"
    return fallback
