"""`ktxh units load | show | list`: the national master data and the unit tree by date."""

import datetime
import json
import time
from decimal import Decimal

from ktxh.cli import CommandError, setup_django
from ktxh.engine.numbers import format_number, json_number

KIND_PLURAL = {"province": "tỉnh/thành phố", "district": "huyện/quận/thị xã/thành phố thuộc tỉnh",
               "town": "thị trấn", "commune": "xã", "ward": "phường", "special_zone": "đặc khu"}
VINTAGE_LABEL = {"cu": "Trước 01/07/2025", "2025": "Từ 01/07/2025"}
EVENT_PLURAL = {"merge": "sáp nhập", "split": "chia tách (sáp nhập một phần)", "rename": "đổi tên"}


def register(subparsers) -> None:
    units = subparsers.add_parser("units", help="đơn vị hành chính: nạp dữ liệu quốc gia, xem, liệt kê theo ngày")
    sub = units.add_subparsers(dest="units_command", required=True, metavar="LỆNH")

    load = sub.add_parser("load", help="nạp 34 tỉnh, 3.321 xã mới, 63 tỉnh và các huyện, xã cũ cùng quan hệ sáp nhập")
    load.add_argument("--province", help="chỉ một tỉnh (mã tỉnh mới, hoặc mã tỉnh cũ đã sáp nhập vào tỉnh đó)")
    load.set_defaults(func=load_command)

    show = sub.add_parser("show", help="một đơn vị: loại, cấp, hiệu lực, cấp trên, đơn vị trước và sau sắp xếp")
    show.add_argument("unit", metavar="ĐƠN_VỊ", help="mã (03583, 03583@cu, 03583@2025) hoặc tên, có dấu hoặc không")
    show.add_argument("--as-of", help="ngày (YYYY-MM-DD hoặc DD/MM/YYYY) để hiểu mã, tên; mặc định hôm nay")
    show.add_argument("--format", choices=["table", "json"], default="table")
    show.set_defaults(func=show_command)

    listing = sub.add_parser("list", help="các đơn vị có hiệu lực vào một ngày")
    listing.add_argument("--as-of", help="ngày (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay")
    listing.add_argument("--province", help="mã hoặc tên tỉnh")
    listing.add_argument("--kind", action="append", choices=list(KIND_PLURAL),
                         help="loại đơn vị (lặp lại để chọn nhiều loại)")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    listing.set_defaults(func=list_command)


def parse_day(text: str | None) -> datetime.date:
    if not text:
        return datetime.date.today()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            pass
    raise CommandError(f"Ngày '{text}' không hợp lệ: dùng YYYY-MM-DD hoặc DD/MM/YYYY, ví dụ 2026-03-31.")


def load_command(args) -> int:
    setup_django()
    from ktxh.orgunits.national import NationalDataError, national_load

    started = time.perf_counter()
    try:
        result = national_load(actor=None, province=args.province)
    except NationalDataError as error:
        raise CommandError(str(error)) from None
    elapsed = time.perf_counter() - started
    print(f"Nguồn: {' + '.join(f'{k} {v}' for k, v in result.sources['packages'].items())} "
          f"(dựng ngày {result.sources['built']}).")
    for vintage in ("cu", "2025"):
        counts = result.counts.get(vintage, {})
        if counts:
            parts = "; ".join(f"{_vn(counts[k])} {KIND_PLURAL[k]}" for k in KIND_PLURAL if counts.get(k))
            print(f"{VINTAGE_LABEL[vintage]}: {parts}.")
    continuing = len(result.sources.get("continuing_provinces", [])) if not args.province else 0
    if continuing:
        print(f"({continuing} tỉnh, thành phố không sáp nhập được tính ở thời kỳ trước và còn hiệu lực sau "
              f"01/07/2025.)")
    if result.lineage:
        parts = ", ".join(f"{_vn(n)} {EVENT_PLURAL[e]}" for e, n in sorted(result.lineage.items()))
        print(f"Quan hệ trước - sau sắp xếp: {parts}.")
    print(f"Đơn vị: thêm {_vn(result.created)}, cập nhật {_vn(result.updated)}, không đổi {_vn(result.unchanged)}"
          + (f", gắn mã chính thức cho {_vn(result.adopted)} đơn vị mẫu" if result.adopted else "") + ".")
    print(f"Quan hệ: thêm {_vn(result.lineage_created)}, cập nhật {_vn(result.lineage_updated)}"
          + (f", giữ {_vn(result.lineage_kept)} dòng do tỉnh hiệu chỉnh" if result.lineage_kept else "")
          + (f", bỏ qua {_vn(result.lineage_skipped)} dòng có đơn vị không nằm trong phần đã nạp"
             if result.lineage_skipped else "") + ".")
    print(f"Thời gian: {format_number(Decimal(str(round(elapsed, 1))), 1)} giây.")
    return 0


def _vn(n: int) -> str:
    return format_number(n)


def _share(share) -> str | None:
    return None if share is None else json_number(share)


def unit_as_dict(unit) -> dict:
    from ktxh.orgunits.selectors import unit_predecessors, unit_successors

    def links(rows):
        return [{"code": r.unit.official_code or r.unit.code, "key": r.unit.key, "name": r.unit.name,
                 "event": r.event, "event_label": r.event_label, "share": _share(r.share),
                 "date": r.date.isoformat(), "basis": r.basis, "source": r.source} for r in rows]

    parent = unit.parent
    return {
        "code": unit.code,
        "official_code": unit.official_code or unit.code,
        "key": unit.key,
        "vintage": unit.vintage,
        "name": unit.name,
        "kind": unit.kind,
        "kind_label": unit.get_kind_display(),
        "level": unit.level,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "parent": None if parent is None else {"code": parent.code, "key": parent.key, "name": parent.name},
        "predecessors": links(unit_predecessors(unit)),
        "successors": links(unit_successors(unit)),
    }


def _resolve(text: str, day: datetime.date):
    from ktxh.orgunits.selectors import UnitNotFound, unit_resolve

    try:
        return unit_resolve(text, as_of=day, strict=False)
    except UnitNotFound as error:
        raise CommandError(str(error)) from None


def show_command(args) -> int:
    day = parse_day(args.as_of)
    setup_django()
    unit = _resolve(args.unit, day)
    data = unit_as_dict(unit)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    since = unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "—"
    until = unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "nay"
    print(f"{unit.name} — mã {data['official_code']} ({unit.get_vintage_display().lower()}, {unit.key})")
    print(f"Loại: {unit.get_kind_display()}; cấp {unit.level}; hiệu lực: {since} – {until}")
    print(f"Cấp trên: {unit.parent.name} ({unit.parent.code})" if unit.parent else "Cấp trên: —")
    if not unit.valid_on(day):
        print(f"Lưu ý: đơn vị không có hiệu lực ngày {day:%d/%m/%Y}.")
    for title, rows in (("Hình thành từ", data["predecessors"]), ("Sáp nhập vào", data["successors"])):
        if rows:
            print(f"{title}:")
            for r in rows:
                share = f", tỷ lệ {_percent(r['share'])}" if r["share"] is not None else ""
                basis = f"; căn cứ {r['basis']}" if r["basis"] else ""
                print(f"  {r['code']} {r['name']} — {r['event_label'].lower()}{share}{basis}")
    return 0


def _percent(share: str) -> str:
    return format_number(Decimal(share) * 100) + "%"


def list_command(args) -> int:
    day = parse_day(args.as_of)
    setup_django()
    from ktxh.orgunits.selectors import units_valid_on

    within = _resolve(args.province, day) if args.province else None
    units = units_valid_on(day, within=within).select_related("parent")
    if args.kind:
        units = units.filter(kind__in=args.kind)
    units = list(units.order_by("path"))
    if args.format == "json":
        print(json.dumps([{"code": u.code, "official_code": u.official_code or u.code, "key": u.key,
                           "name": u.name, "kind": u.kind, "level": u.level,
                           "parent": u.parent.code if u.parent else None,
                           "valid_from": u.valid_from.isoformat() if u.valid_from else None,
                           "valid_to": u.valid_to.isoformat() if u.valid_to else None} for u in units],
                         ensure_ascii=False, indent=1))
        return 0
    for u in units:
        print(f"{'  ' * (u.level - 1)}{u.official_code or u.code}\t{u.name}\t{u.get_kind_display()}")
    print(f"{_vn(len(units))} đơn vị có hiệu lực ngày {day:%d/%m/%Y}.")
    return 0
