"""The national master data (ktxh/orgunits/data/, built by scripts/build_orgunits_data.py):
both vintages of units and the lineage between them, loaded in bulk and idempotently.

Key of a unit: (code, vintage); a demo seed unit with a provisional code ("109-11") is
adopted once, by parent and name, and gets the official code in `official_code`
(models.OrgUnit). Lineage rows that a province wrote through a lineage file (their source
is not one of the packages) are never overwritten by a national load.
"""

import csv
import datetime
import difflib
import functools
import gzip
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import connection, models, transaction
from django.utils import timezone

from ktxh.core.bulk import rows_insert
from ktxh.core.revisions import revision_bump
from ktxh.engine.fold import fold
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage
from ktxh.orgunits.services import orgunit_derive

DATA_DIR = Path(__file__).parent / "data"
PACKAGE_SOURCES = ("vietnam-provinces", "vietnamadminunits")
KIND_WORDS = ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh", "xa")
BATCH = 1000


class NationalDataError(ValueError):
    pass


@dataclass
class NationalLoadResult:
    counts: dict = field(default_factory=dict)  # {vintage: {kind: n}}
    lineage: dict = field(default_factory=dict)  # {event: n}
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    adopted: int = 0
    lineage_created: int = 0
    lineage_updated: int = 0
    lineage_kept: int = 0  # rows of a province's lineage file left alone
    lineage_skipped: int = 0  # one end outside the selected province
    sources: dict = field(default_factory=dict)


def sources_info() -> dict:
    return json.loads((DATA_DIR / "sources.json").read_text(encoding="utf-8"))


def source_label(info: dict | None = None) -> str:
    info = info or sources_info()
    return " + ".join(f"{name} {version}" for name, version in info["packages"].items())


def _rows(name: str) -> list[dict]:
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(io.StringIO(handle.read())))


def _date(text: str):
    return datetime.date.fromisoformat(text) if text else None


def _bare(name: str) -> str:
    """Folded name without its kind word: "xa ma ly pho" -> "ma ly pho"."""
    folded = fold(name)
    for word in KIND_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:]
    return folded


def _select(units: list[dict], lineage: list[dict], province: str | None) -> tuple[list[dict], list[dict]]:
    """One province: a new (34) province and the old provinces that went into it; an old
    province's code selects the new province it went into."""
    if not province:
        return units, lineage
    province = province.strip()
    provinces = {(u["vintage"], u["code"]) for u in units if u["kind"] == "province"}
    if ("2025", province) in provinces:
        new = province
    elif ("cu", province) in provinces:
        into = [r["to_code"] for r in lineage if r["from_code"] == province and len(r["to_code"]) == 2]
        new = into[0] if into else province
    else:
        raise NationalDataError(f"Không có tỉnh mã '{province}' trong dữ liệu quốc gia.")
    olds = {r["from_code"] for r in lineage if r["to_code"] == new and len(r["from_code"]) == 2} | {new}
    by_key = {(u["vintage"], u["code"]): u for u in units}

    def root(unit: dict) -> tuple[str, str]:
        while unit["parent"]:
            parent = by_key.get((unit["vintage"], unit["parent"])) or by_key.get(("cu", unit["parent"]))
            unit = parent
        return unit["vintage"], unit["code"]

    wanted = {("2025", new), ("cu", new)} | {("cu", code) for code in olds}
    chosen = [u for u in units if root(u) in wanted]
    return chosen, lineage


@functools.cache
def provinces_after_reform() -> tuple[tuple[str, str], ...]:
    """(code, name) of the 34 provinces valid after 01/07/2025, as the file has them: the
    choices of the web load (a province not merged is one row of vintage "cu")."""
    rows = [u for u in _rows("units.csv.gz") if u["kind"] == "province" and (u["vintage"] == "2025" or not u["valid_to"])]
    return tuple(sorted(((u["code"], u["name"]) for u in rows), key=lambda p: _bare(p[1])))


# The steps a web job shows ("bước 2/3", orgunits/jobs.py).
STEPS = ("Đọc dữ liệu quốc gia", "Ghi đơn vị hành chính", "Ghi quan hệ trước - sau sắp xếp")


def national_load(*, actor, province: str | None = None, progress=None) -> NationalLoadResult:
    """Load (or bring up to date) the units and lineage of the national data files: read
    first (no transaction), then every write in one transaction. `progress(step)` is
    called as each of STEPS begins (steps 2 and 3 from inside that transaction)."""
    progress = progress or (lambda step: None)
    progress(1)
    info = sources_info()
    file_units, file_lineage = _select(_rows("units.csv.gz"), _rows("lineage.csv.gz"), province)
    return _national_write(actor=actor, province=province, info=info, file_units=file_units,
                           file_lineage=file_lineage, progress=progress)


@transaction.atomic
def _national_write(*, actor, province, info, file_units, file_lineage, progress) -> NationalLoadResult:
    label = source_label(info)
    result = NationalLoadResult(sources=info)
    progress(2)

    existing = {(u.code, u.vintage): u for u in OrgUnit.objects.all()}
    by_official = {(u.official_code, u.vintage): u for u in existing.values() if u.official_code}
    file_codes = {(u["code"], u["vintage"]) for u in file_units}
    # Provisional seed units not yet adopted, by parent: candidates for an official row.
    provisional: dict[int, list[OrgUnit]] = {}
    for unit in existing.values():
        if not unit.official_code and (unit.code, unit.vintage) not in file_codes and "-" in unit.code:
            provisional.setdefault(unit.parent_id, []).append(unit)

    placed: dict[tuple[str, str], OrgUnit] = {}
    user = actor if getattr(actor, "pk", None) else None

    def parent_of(row: dict) -> OrgUnit | None:
        if not row["parent"]:
            return None
        return placed.get((row["parent"], row["vintage"])) or placed.get((row["parent"], "cu"))

    def adopt(row: dict, parent: OrgUnit | None) -> OrgUnit | None:
        pool = [u for u in provisional.get(parent.pk if parent else None, []) if u.kind == row["kind"]]
        if not pool:
            return None
        names = {u.pk: _bare(u.name) for u in pool}
        target = _bare(row["name"])
        scored = sorted(((difflib.SequenceMatcher(None, target, names[u.pk]).ratio(), u) for u in pool),
                        key=lambda p: -p[0])
        if not scored or scored[0][0] < 0.8 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        unit = scored[0][1]
        provisional[parent.pk if parent else None].remove(unit)
        return unit

    depth = {"province": 0, "district": 1}
    for level in (0, 1, 2):
        new_units, changed = [], []
        for row in file_units:
            if depth.get(row["kind"], 2) != level:
                continue
            key = (row["code"], row["vintage"])
            parent = parent_of(row)
            if row["parent"] and parent is None:
                raise NationalDataError(f"Dữ liệu quốc gia hỏng: không có đơn vị cấp trên '{row['parent']}' "
                                        f"của {row['name']} ({row['code']}).")
            unit = existing.get(key) or by_official.get(key)
            adopted = False
            if unit is None:
                unit = adopt(row, parent)
                adopted = unit is not None
            before = None
            if unit is None:
                unit = OrgUnit(code=row["code"], name=row["name"], kind=row["kind"], source=label)
            else:
                before = (unit.name, unit.kind, unit.parent_id, unit.valid_from, unit.valid_to, unit.path,
                          unit.level, unit.official_code)
            if adopted:
                unit.official_code = row["code"]
                result.adopted += 1
            elif unit.official_code != row["code"]:
                # A unit of the file keeps the file's name; an adopted demo unit keeps its seed spelling.
                unit.name = row["name"]
            unit.kind = row["kind"]
            unit.parent = parent
            if row["valid_from"] or unit.valid_from is None:
                unit.valid_from = _date(row["valid_from"]) or unit.valid_from
            unit.valid_to = _date(row["valid_to"])
            orgunit_derive(unit, parent)
            if unit.vintage != row["vintage"]:
                raise NationalDataError(f"Dữ liệu quốc gia hỏng: {row['name']} ({row['code']}) có ngày hiệu lực "
                                        f"không khớp thời kỳ {row['vintage']}.")
            placed[key] = unit
            if before is None:
                new_units.append(unit)
            elif before != (unit.name, unit.kind, unit.parent_id, unit.valid_from, unit.valid_to, unit.path,
                            unit.level, unit.official_code):
                changed.append(unit)
            else:
                result.unchanged += 1
            counts = result.counts.setdefault(row["vintage"], {})
            counts[row["kind"]] = counts.get(row["kind"], 0) + 1
        # every new or changed unit has its history row, written in the same transaction
        _rows_create(OrgUnit, new_units, lambda u: (u.code, u.vintage), ("code", "vintage"))
        _history_create(OrgUnit, new_units, "+", user)
        if changed:
            OrgUnit.objects.bulk_update(changed, ["name", "kind", "parent", "valid_from", "valid_to", "path",
                                                  "level", "official_code", "vintage", "name_folded"], batch_size=BATCH)
            _history_create(OrgUnit, changed, "~", user)
        result.created += len(new_units)
        result.updated += len(changed)

    progress(3)
    _lineage_load(file_lineage, placed, result, actor, selected=bool(province))
    if result.created or result.updated or result.lineage_created or result.lineage_updated:
        # bulk writes send no post_save: every cached evaluation is stale (carried figures,
        # boundaries), so the global revision is set here, in the load's transaction
        revision_bump(everything=True)
    return result


def _lineage_load(rows: list[dict], placed: dict, result: NationalLoadResult, actor, *, selected: bool) -> None:
    reform = datetime.date(2025, 7, 1)
    existing = {(r.source_unit_id, r.target_unit_id): r for r in OrgUnitLineage.objects.all()}
    new_rows, changed = [], []
    for row in rows:
        source = placed.get((row["from_code"], "cu"))
        target = placed.get((row["to_code"], "2025")) or placed.get((row["to_code"], "cu"))
        if source is None or target is None or source.pk == target.pk:
            # Counted only when one end was loaded: the other is missing from the data.
            result.lineage_skipped += (source is None) != (target is None) or (
                source is None and target is None and not selected)
            continue
        share = Decimal(row["share"]) if row["share"] else None
        current = existing.get((source.pk, target.pk))
        result.lineage[row["event"]] = result.lineage.get(row["event"], 0) + 1
        if current is None:
            new_rows.append(OrgUnitLineage(source_unit=source, target_unit=target, event=row["event"], date=reform,
                                           share=share, basis=row["basis"], source=row["source"]))
            continue
        if not current.source.startswith(PACKAGE_SOURCES):
            result.lineage_kept += 1
            continue
        values = (row["event"], reform, share, row["basis"], row["source"])
        if (current.event, current.date, current.share, current.basis, current.source) != values:
            current.event, current.date, current.share, current.basis, current.source = values
            changed.append(current)
    user = actor if getattr(actor, "pk", None) else None
    _rows_create(OrgUnitLineage, new_rows, lambda r: (r.source_unit_id, r.target_unit_id, r.event),
                 ("source_unit_id", "target_unit_id", "event"))
    _history_create(OrgUnitLineage, new_rows, "+", user)
    if changed:
        OrgUnitLineage.objects.bulk_update(changed, ["event", "date", "share", "basis", "source"], batch_size=BATCH)
        _history_create(OrgUnitLineage, changed, "~", user)
    result.lineage_created += len(new_rows)
    result.lineage_updated += len(changed)


# Many rows at once (docs/units.md, "Commands"): core.bulk.rows_insert, with no model
# instance and no compiled INSERT per row. simple_history's bulk helpers build a historical
# instance per row and Django compiles every row's values: under cProfile 45 of the 58 s of a
# whole-country load (24.766 rows and as many history rows) went there, 3 s into SQL.

def _adapter(field):
    """How a column's Python value goes to the database (what Field.get_db_prep_save does,
    decided once per column instead of once per value)."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda value: ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)
    return None


def _values(objs, fields, extra=()) -> list[tuple]:
    """Each object's column values, adapted, followed by the constant `extra` values."""
    plain = [f.attname for f in fields]
    adapted = [(i, _adapter(f)) for i, f in enumerate(fields) if _adapter(f) is not None]
    extra = tuple(extra)
    rows = []
    for obj in objs:
        row = [getattr(obj, name) for name in plain]
        for i, adapt in adapted:
            if row[i] is not None:
                row[i] = adapt(row[i])
        rows.append((*row, *extra))
    return rows


def _rows_create(model, objs: list, key, key_fields: tuple[str, ...]) -> None:
    """Insert new `objs` and give each its primary key, read back by its unique `key`."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows_insert(model, [f.column for f in fields], _values(objs, fields))
    ids = {tuple(row[1:]): row[0] for row in model.objects.values_list("pk", *key_fields)}
    for obj in objs:
        obj.pk = ids[key(obj)]
        obj._state.adding, obj._state.db = False, connection.alias


def _history_create(model, objs: list, kind: str, user) -> None:
    """One history row per object ("+" created, "~" changed), as django-simple-history writes
    it: the tracked fields, the time, the type and the user."""
    if not objs:
        return
    history = model.history.model
    tracked = [f for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = [*tracked, *(history._meta.get_field(name) for name in
                           ("history_date", "history_change_reason", "history_type", "history_user"))]
    rows_insert(history, [f.column for f in columns], _values(objs, tracked, (when, None, kind, user.pk if user else None)))
