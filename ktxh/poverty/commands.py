"""`ktxh poverty classify FILE --standard 2022-2025|2026-2030 --format jsonl|table` (writes nothing)."""

import json
import sys

from ktxh.cli import CommandError, setup_django


def register(subparsers) -> None:
    poverty = subparsers.add_parser("poverty", help="hộ nghèo, hộ cận nghèo: phân loại theo chuẩn nghèo đa chiều")
    sub = poverty.add_subparsers(dest="poverty_command", required=True, metavar="LỆNH")
    classify = sub.add_parser("classify", help="phân loại các hộ trong tệp CSV/XLSX, không ghi gì vào cơ sở dữ liệu")
    classify.add_argument("file", help="tệp .csv hoặc .xlsx theo định dạng trong docs/poverty.md")
    classify.add_argument("--standard", required=True, choices=["2022-2025", "2026-2030"], help="chuẩn nghèo")
    classify.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    classify.set_defaults(func=classify_command)


def classify_command(args) -> int:
    setup_django(need_database=False)  # settings only (file size limits): nothing is read or written
    from ktxh.engine.poverty import CLASSES, classify, standard_get
    from ktxh.poverty.listfile import list_read

    standard = standard_get(args.standard)
    read = list_read(args.file)
    if read.errors:
        for message in read.errors:
            print(message, file=sys.stderr)
        raise CommandError(f"Tệp {read.name} có {len(read.errors)} lỗi; không phân loại hộ nào.")
    results = [(row, classify(standard, area=row.area, income=row.income, deprived=row.deprived)) for row in read.rows]
    if args.format == "jsonl":
        for row, c in results:
            print(json.dumps({"household": row.code, "class": c.klass, "deprivations": c.deprivations,
                              "reason": c.reason}, ensure_ascii=False))
        return 0
    width = max([len(r.code) for r, _ in results] + [6])
    print(f"{'Mã hộ'.ljust(width)}  {'Phân loại'.ljust(26)}  {'Thiếu hụt':>9}  Lý do")
    for row, c in results:
        print(f"{row.code.ljust(width)}  {CLASSES[c.klass].ljust(26)}  {c.deprivations:>9}  {c.reason}")
    if not standard.verified:
        print(f"Lưu ý: {standard.note}", file=sys.stderr)
    return 0
