"""`ktxh report --unit UNIT --period PERIOD --kind KIND --format FMT -o FILE`."""

from pathlib import Path

from ktxh.cli import CommandError, setup_django

KINDS = ["annual", "half-year", "nine-month", "ntm", "party", "plan", "resolution"]


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help="lập báo cáo chính thức (DOCX, XLSX, PDF) từ số liệu")
    report.add_argument("--unit", required=True, help="mã đơn vị hoặc tên (có dấu hoặc không)")
    report.add_argument("--period", required=True, help="2023; 2024-H1 (6 tháng); 2024-9M (9 tháng); 2023-2025 (kế hoạch nhiều năm)")
    report.add_argument("--kind", required=True, choices=KINDS,
                        help="annual (năm), half-year (6 tháng), nine-month (9 tháng), ntm (nông thôn mới), party (báo cáo cấp ủy Đảng), plan (kế hoạch nhiều năm), resolution (dự thảo nghị quyết HĐND kèm tờ trình)")
    report.add_argument("--format", required=True, choices=["docx", "xlsx", "pdf"])
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp kết quả")
    report.add_argument("--internal-notes", action="store_true",
                        help="thêm phụ lục kiểm tra số liệu (tài liệu nội bộ, không ban hành); mặc định không có")
    report.set_defaults(func=report_command)


def report_command(args) -> int:
    output = Path(args.output)
    if not output.parent.exists():
        raise CommandError(f"Không có thư mục {output.parent}")
    setup_django()
    from ktxh.orgunits.selectors import UnitNotFound, unit_resolve
    from ktxh.reports.documents import build_content
    from ktxh.reports.kinds import ReportKindError, report_period
    from ktxh.reports.models import Report
    from ktxh.reports.pdf import PdfUnavailable
    from ktxh.reports.services import ReportInvalid, build_document

    try:
        period_obj = report_period(args.kind, args.period)
        period = period_obj.code
        # The unit as it was at the end of the period: "03583" in 2024 is old Xã Khổng Lào; a
        # dissolved unit asked for a later period says where it went.
        # a multi-year plan is issued at the start of its period, by the unit then in force
        unit = unit_resolve(args.unit, as_of=period_obj.start if args.kind == "plan" else period_obj.end)
    except (UnitNotFound, ReportKindError) as error:
        raise CommandError(str(error)) from None
    # The office's saved report (number, prose, signer) when there is one; else a blank draft.
    report = (Report.objects.filter(org_unit=unit, kind=args.kind, period=period).order_by("-updated_at").first()
              or Report(org_unit=unit, kind=args.kind, period=period))
    content = build_content(report, internal_notes=args.internal_notes)
    try:
        data = build_document(content, args.format)
    except (PdfUnavailable, ReportInvalid) as error:
        raise CommandError(str(error)) from None
    output.touch(mode=0o600, exist_ok=True)  # a generated document is private until its owner shares it
    output.write_bytes(data)
    from ktxh.engine.numbers import format_number

    print(f"{output}: {content['meta']['kind_label']} {unit.name}, {content['meta']['period_label']} "
          f"({format_number(len(data))} byte)")
    return 0
