import argparse
import json

import pytest
from pypdf import PdfWriter

from ktxh.imports.commands import register
from ktxh.imports.readers import DocumentError, read_document

REPORT = "Tổng sản lượng lương thực có hạt ước đạt 36.595,83 tấn (vượt 0,43%KH).\n"


def run(argv, capsys):
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_reads_utf8_bom_utf16_and_cp1258(tmp_path):
    for enc in ("utf-8", "utf-8-sig", "utf-16"):
        p = tmp_path / f"r-{enc}.txt"
        p.write_bytes(REPORT.encode(enc))
        assert read_document(p).strip() == REPORT.strip()
    p = tmp_path / "r.md"
    p.write_bytes("Hà Giang đa\u0323t 5%.".encode("cp1258"))  # dot below is combining in cp1258
    assert read_document(p) == "Hà Giang đạt 5%."


def test_rejects_binary_mojibake_size_and_missing(tmp_path):
    garbage = tmp_path / "g.txt"
    garbage.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(DocumentError):
        read_document(garbage)
    moji = tmp_path / "m.txt"
    moji.write_text(REPORT.encode("utf-8").decode("latin-1") * 5, encoding="utf-8")
    with pytest.raises(DocumentError, match="mã hóa"):
        read_document(moji)
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    with pytest.raises(DocumentError, match="quá lớn"):
        read_document(big, max_bytes=1000)
    with pytest.raises(DocumentError, match="Không tìm thấy"):
        read_document(tmp_path / "none.txt")


def _blank_pdf(path, password=None):
    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    if password:
        w.encrypt(password)
    with open(path, "wb") as fh:
        w.write(fh)


def test_pdf_errors(tmp_path):
    enc = tmp_path / "enc.pdf"
    _blank_pdf(enc, password="secret")
    with pytest.raises(DocumentError, match="mã hóa"):
        read_document(enc)
    img = tmp_path / "img.pdf"
    _blank_pdf(img)
    with pytest.raises(DocumentError, match="OCR"):
        read_document(img)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage garbage")
    with pytest.raises(DocumentError):
        read_document(broken)


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph(REPORT.strip())
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ("1", "Thu nhập", "27,6"), strict=True):
        cell.text = text
    p = tmp_path / "r.docx"
    d.save(p)
    text = read_document(p)
    assert "36.595,83 tấn" in text and "1\tThu nhập\t27,6" in text
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DocumentError):
        read_document(bad)


def test_cli_extract_jsonl_and_check(tmp_path, capsys):
    p = tmp_path / "r.txt"
    p.write_text(REPORT + "Có 03 xã không đạt gồm Sì Lở Lầu, Vàng Ma Chải.\n", encoding="utf-8")
    code, out, _ = run(["extract", str(p), "--no-catalog"], capsys)
    assert code == 0
    row = json.loads(out.splitlines()[0])
    assert row["value"] == "36595.83" and row["unit"] == "tấn" and row["line"] == 1
    assert p.read_text(encoding="utf-8")[row["start"] : row["end"]] == row["quote"]
    code, out, _ = run(["check", str(p), "--no-catalog"], capsys)
    finding = json.loads(out.splitlines()[0])
    assert code == 0 and finding["type"] == "count_mismatch"
    assert set(finding) == {"type", "message", "line", "quote", "stated", "computed"}
    code, out, _ = run(["extract", str(p), "--format", "table", "--no-catalog"], capsys)
    assert code == 0 and "36595.83" in out


def test_cli_errors_exit_2_without_traceback(tmp_path, capsys):
    code, out, err = run(["extract", str(tmp_path / "missing.txt")], capsys)
    assert code == 2 and err.startswith("Lỗi: ") and "Traceback" not in err
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    code, _, err = run(["check", str(big), "--max-bytes", "100"], capsys)
    assert code == 2 and "quá lớn" in err
