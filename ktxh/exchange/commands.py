"""`ktxh export sdmx|dhis2 --unit U --period P --format F -o FILE`."""

from pathlib import Path

from ktxh.cli import CommandError, setup_django

SDMX_FORMATS = {"sdmx-ml": "sdmx-ml", "sdmx-csv": "sdmx-csv", "structure": "sdmx-structure"}
DHIS2_FORMATS = {"json": "dhis2-json", "csv": "dhis2-csv"}


def register(subparsers) -> None:
    export = subparsers.add_parser("export", help="xuất số liệu một đơn vị, một kỳ cho hệ thống khác (SDMX, DHIS2)")
    kinds = export.add_subparsers(dest="export_kind", required=True, metavar="ĐỊNH_DẠNG")
    for name, formats, default, text in (
        ("sdmx", SDMX_FORMATS, "sdmx-ml", "SDMX-ML 2.1 (dữ liệu hoặc cấu trúc) hoặc SDMX-CSV 2.0"),
        ("dhis2", DHIS2_FORMATS, "json", "DHIS2 dataValueSets (JSON hoặc CSV)"),
    ):
        parser = kinds.add_parser(name, help=text)
        parser.add_argument("--unit", required=True, help="mã đơn vị hoặc tên (có dấu hoặc không)")
        parser.add_argument("--period", required=True, help="2023, 2024-H1, 2024-9M, 2024-Q3, 2024-09")
        parser.add_argument("--format", choices=list(formats), default=default)
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp ghi ra")
        parser.set_defaults(func=export_command, formats=formats)


def export_command(args) -> int:
    from ktxh.engine.periods import Period, PeriodError

    try:
        asked = Period.parse(args.period)
        period = asked.code
    except PeriodError as error:
        raise CommandError(str(error)) from None
    setup_django()
    from ktxh.exchange.exports import export_file
    from ktxh.orgunits.models import OrgUnit
    from ktxh.orgunits.selectors import UnitNotFound, orgunit_find
    from ktxh.values.selectors import published_values

    try:
        unit = orgunit_find(args.unit, as_of=asked.end)  # the unit in force in that period
    except UnitNotFound as error:
        raise CommandError(str(error)) from None
    # The command line exports what the evaluation reads: published values only.
    file = export_file(values=published_values(), units=OrgUnit.objects.all(), unit=unit, period=period,
                       fmt=args.formats[args.format])
    path = Path(args.output)
    try:
        path.write_bytes(file.content)
    except OSError as error:
        raise CommandError(f"Không ghi được tệp {path}: {error.strerror}.") from None
    print(f"Đã ghi {path} ({len(file.content)} byte): {unit.name}, {Period.parse(period).label_vi}.")
    return 0
