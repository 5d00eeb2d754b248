"""Lineage correction files (docs/data-files.md, "Tệp hiệu chỉnh quan hệ sáp nhập"): a province
corrects or adds old -> new rows and the shares of split communes.

CSV UTF-8 or the first sheet of an .xlsx, columns
    from_unit, to_unit, event, [share, date, basis, action, comment]
Validated whole against the database as it will be after the file: unknown or ambiguous
codes, a new unit valid before its predecessor ends, a cycle, a share outside (0, 100 %],
a share on a merge, split shares of one old unit that do not add up to 100 %. Any problem
rejects the file with every problem listed and nothing written.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from ktxh.engine.numbers import NumberFormatError, parse_number
from ktxh.imports.load_result import LoadError, LoadResult, Problem
from ktxh.orgunits import services as orgunit_services
from ktxh.orgunits.models import REFORM_DATE, OrgUnit, OrgUnitLineage
from ktxh.orgunits.selectors import UnitNotFound, orgunit_find

LINEAGE_COLUMNS = ["from_unit", "to_unit", "event"]
OPTIONAL_LINEAGE_COLUMNS = ["share", "date", "basis", "action", "comment"]
MAX_ROWS = 20_000
DELETE_WORDS = {"delete", "xoa", "xóa"}
ONE = Decimal(1)
TOLERANCE = Decimal("0.0001")


def _share(text: str) -> Decimal:
    """ "60%", "60 %", "0,6" -> Decimal("0.6")."""
    text = text.strip()
    percent = text.endswith("%")
    value = parse_number(text.rstrip("%").strip())
    return value / 100 if percent else value


def _day(text: str) -> datetime.date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    raise ValueError(text)


def _label(unit: OrgUnit) -> str:
    return f"{unit.name} ({unit.official_code or unit.code})"


def lineage_rows_load(header: list[str], rows: list[list[str]], *, source: str, actor=None):


    problems: list[Problem] = [Problem(1, c, "cột không được hỗ trợ") for c in header
                               if c and c not in LINEAGE_COLUMNS + OPTIONAL_LINEAGE_COLUMNS]
    if len(rows) > MAX_ROWS:
        raise LoadError(source, [Problem("-", "-", f"tệp có {len(rows)} dòng, nhiều hơn giới hạn {MAX_ROWS}")])
    parsed = []  # (row number, source unit, target unit, event, share, date, basis, delete)
    for number, cells in enumerate(rows, start=2):
        item = {k: (v or "").strip() for k, v in zip(header, cells, strict=False) if k}
        before = len(problems)
        for key in LINEAGE_COLUMNS:
            if not item.get(key):
                problems.append(Problem(number, key, "bắt buộc"))
        event = item.get("event", "")
        if event and event not in OrgUnitLineage.Event.values:
            problems.append(Problem(number, "event", f"'{event}' không hợp lệ (cho phép: merge, split, rename)"))
        date = REFORM_DATE
        if item.get("date"):
            try:
                date = _day(item["date"])
            except ValueError:
                problems.append(Problem(number, "date", f"ngày '{item['date']}' không hợp lệ (YYYY-MM-DD)"))
        share = None
        if item.get("share"):
            try:
                share = _share(item["share"])
            except (NumberFormatError, InvalidOperation):
                problems.append(Problem(number, "share", f"tỷ lệ '{item['share']}' không hợp lệ (ví dụ 60% hoặc 0,6)"))
            else:
                if not Decimal(0) < share <= ONE:
                    problems.append(Problem(number, "share", f"tỷ lệ '{item['share']}' phải lớn hơn 0 và không quá 100%"))
                elif event == OrgUnitLineage.Event.MERGE and share != ONE:
                    problems.append(Problem(number, "share", "sáp nhập (merge) chuyển toàn bộ đơn vị cũ; "
                                                              "tỷ lệ chỉ dùng cho chia tách (split)"))
        action = item.get("action", "").lower()
        if action and action not in DELETE_WORDS:
            problems.append(Problem(number, "action", f"'{item['action']}' không hợp lệ (để trống, hoặc 'xoa')"))
        units = {}
        # The old unit is read as it was the day before the change, the new one on the day.
        for key, day in (("from_unit", date - datetime.timedelta(days=1)), ("to_unit", date)):
            if item.get(key):
                try:
                    units[key] = orgunit_find(item[key], as_of=day)
                except UnitNotFound as error:
                    problems.append(Problem(number, key, str(error)))
        if len(units) == 2 and len(problems) == before:
            old, new = units["from_unit"], units["to_unit"]
            if old.pk == new.pk:
                problems.append(Problem(number, "to_unit", "đơn vị cũ và đơn vị mới trùng nhau"))
            elif old.valid_to is None or new.valid_from is None or new.valid_from <= old.valid_to:
                ends = f"hết hiệu lực {old.valid_to:%d/%m/%Y}" if old.valid_to else "chưa hết hiệu lực"
                starts = f"có hiệu lực từ {new.valid_from:%d/%m/%Y}" if new.valid_from else "không có ngày bắt đầu"
                problems.append(Problem(number, "to_unit", f"{_label(new)} {starts} nhưng đơn vị cũ "
                                                           f"{_label(old)} {ends}: đơn vị mới phải bắt đầu sau khi "
                                                           f"đơn vị cũ kết thúc"))
            parsed.append((number, old, new, event, share, date, item.get("basis", ""), bool(action)))

    problems += _whole_file_problems(parsed)
    if problems:
        raise LoadError(source, problems)
    origin = f"tệp hiệu chỉnh {source}"
    written = deleted = 0
    with transaction.atomic():
        for _number, old, new, event, share, date, basis, delete in parsed:
            if delete:
                deleted += orgunit_services.lineage_delete(actor=actor, source=old, target=new)
                continue
            orgunit_services.lineage_record(actor=actor, source=old, target=new, event=event, date=date,
                                            basis=basis, share=share, origin=origin)
            written += 1
    counts = {"quan hệ sáp nhập, chia tách": written}
    if deleted:
        counts["quan hệ đã xóa"] = deleted
    return LoadResult(source, counts)


def _whole_file_problems(parsed: list) -> list:
    """Checks on the lineage as it will be once the file is applied: one row per pair,
    no cycle, split shares of each touched old unit adding up to 100 %."""


    problems = []
    seen: dict[tuple[int, int], int] = {}
    for number, old, new, *_ in parsed:
        if (old.pk, new.pk) in seen:
            problems.append(Problem(number, "to_unit", f"cặp {_label(old)} → {_label(new)} đã có ở dòng "
                                                       f"{seen[(old.pk, new.pk)]}"))
        seen.setdefault((old.pk, new.pk), number)
    if problems:
        return problems

    # The lineage after the file: existing rows, minus deleted pairs, with the file's rows on top.
    after: dict[tuple[int, int], tuple[str, Decimal | None, int | None]] = {
        (r.source_unit_id, r.target_unit_id): (r.event, r.share, None)
        for r in OrgUnitLineage.objects.only("source_unit_id", "target_unit_id", "event", "share")}
    names = {}
    for number, old, new, event, share, _date, _basis, delete in parsed:
        names[old.pk], names[new.pk] = old, new
        if delete:
            after.pop((old.pk, new.pk), None)
        else:
            after[(old.pk, new.pk)] = (event, share, number)

    touched = {old.pk for _n, old, *_ in parsed}
    for unit_id in sorted(touched):
        splits = [(pair[1], v) for pair, v in after.items() if pair[0] == unit_id and v[0] == OrgUnitLineage.Event.SPLIT]
        shares = [v[1] for _t, v in splits]
        if not splits or all(s is None for s in shares):
            continue  # no share stated: carried values stay incomplete, which is allowed
        unit = names[unit_id]
        row = min((v[2] for _t, v in splits if v[2] is not None), default="-")
        if any(s is None for s in shares):
            problems.append(Problem(row, "share", f"{_label(unit)} được chia cho {len(splits)} đơn vị nhưng chỉ "
                                                  f"{sum(s is not None for s in shares)} dòng có tỷ lệ"))
        elif abs(sum(shares) - ONE) > TOLERANCE:
            total = sum(shares) * 100
            problems.append(Problem(row, "share", f"tổng tỷ lệ chia tách của {_label(unit)} là "
                                                  f"{total.normalize():f}%".replace(".", ",") + ", phải bằng 100%"))

    # A cycle: following old -> new from any unit of the file comes back to it.
    graph: dict[int, set[int]] = {}
    for old_id, new_id in after:
        graph.setdefault(old_id, set()).add(new_id)
    reported = set()
    for number, old, new, *_rest, delete in parsed:
        if delete:
            continue
        path = _path(graph, new.pk, old.pk)
        if path is not None and frozenset(path) not in reported:
            reported.add(frozenset(path))
            units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=path)}
            chain = " → ".join(_label(units[pk]) for pk in [old.pk, *path])
            problems.append(Problem(number, "to_unit", f"vòng lặp: {chain}"))
    return problems


def _path(graph: dict[int, set[int]], start: int, goal: int) -> list[int] | None:
    """Units from `start` to `goal` along old -> new links (depth-first), or None."""
    stack, parents = [start], {start: None}
    while stack:
        node = stack.pop()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = parents[node]
            return list(reversed(path))
        for nxt in graph.get(node, ()):
            if nxt not in parents:
                parents[nxt] = node
                stack.append(nxt)
    return None
