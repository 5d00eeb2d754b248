"""Every write to reported values goes through here (forms, uploads, imports, API)."""

import functools
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ktxh.catalog.models import Indicator
from ktxh.core.writes import write_statement, write_transaction
from ktxh.engine.bounds import value_errors
from ktxh.engine.periods import Period
from ktxh.orgunits.models import OrgUnit
from ktxh.orgunits.selectors import province_of
from ktxh.values.models import DataValue, LoadRun

# A value of a submitted or approved report is not changed outside it (value_set, the staged swap).
LOCKED_MESSAGE = "Số liệu thuộc báo cáo đã nộp hoặc đã duyệt, không sửa được."
# Fields compared to decide whether a save changes anything.
_TRACKED = ("value", "raw_text", "comment", "source", "source_quote")


class ValueConflict(ValueError):
    """Someone saved the value after the caller read it; `current` is their row."""

    def __init__(self, current: DataValue | None):
        self.current = current
        who = "người khác"
        if current is not None and current.updated_by is not None:
            who = current.updated_by.get_full_name() or current.updated_by.username
        super().__init__(f"Giá trị này vừa được {who} lưu" if current else "Giá trị này vừa bị thay đổi")


class ValueLocked(ValueError):
    """The value belongs to a report that is submitted or approved."""


class ValueRejected(ValueError):
    """The value breaks a hard limit of its indicator (engine.bounds): nothing is written."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def value_set(
    *, actor, indicator: Indicator, org_unit: OrgUnit, period: str, kind: str, value: Decimal,
    raw_text: str = "", comment: str = "", source: str = "", source_quote: str = "",
    submission=None, expected_version: int | None = None, replaces_kind: str | None = None,
    province_id: int | None = None,
) -> DataValue:
    """Create or update one value; its history row is written in the same transaction.

    With `expected_version` (0 = "I saw no value") the save is optimistic: when the
    stored row has moved on, ValueConflict carries it and nothing is written.
    `replaces_kind` re-keys the caller's row from that kind (ước -> chính thức).
    A value in a submitted or approved report raises ValueLocked; one that breaks a
    hard limit (a rate above 100 %, a negative count, ...) raises ValueRejected, for
    every caller alike (grid, Excel, `ktxh load`, report figures, NTM publish).
    `province_id`, when the caller knows it (a data set's), spares the look-up.
    """
    code = Period.parse(period).code
    if kind not in DataValue.KIND_PRIORITY:
        raise ValueError(f"loại số liệu '{kind}' không hợp lệ")
    if errors := value_errors(Decimal(value), measure_kind=indicator.measure_kind, unit=indicator.unit):
        raise ValueRejected(errors)
    if province_id is None:
        province_id = province_of(org_unit).pk  # read before the write lock is taken
    if submission is not None and expected_version and replaces_kind in (None, kind):
        # The common save of the grid: a changed value of a draft report at the version the
        # clerk saw. One write checks all that (locking the report's row) and writes the row
        # with its history row; anything else (a conflict, a report submitted, nothing
        # changed, a first value, a change of kind) writes nothing there and is decided by
        # the general path below, under its own locks.
        fields = _fields(actor, value, raw_text, comment, source, source_quote)
        lookup = {"province_id": province_id, "indicator": indicator, "org_unit": org_unit, "period": code}
        row = _update_in_place(fields, lookup, kind, submission, expected_version)
        if row is not None:
            return row
    return _value_write(
        actor=actor, indicator=indicator, org_unit=org_unit, province_id=province_id, code=code, kind=kind, value=value,
        raw_text=raw_text, comment=comment, source=source, source_quote=source_quote,
        submission=submission, expected_version=expected_version, replaces_kind=replaces_kind,
    )


@write_transaction
def _value_write(*, actor, indicator, org_unit, province_id, code, kind, value, raw_text, comment, source, source_quote,
                 submission, expected_version, replaces_kind) -> DataValue:
    fields = _fields(actor, value, raw_text, comment, source, source_quote)
    lookup = {"province_id": province_id, "indicator": indicator, "org_unit": org_unit, "period": code}
    if submission is not None:
        if _submission_state_locked(submission) != "draft":
            raise ValueLocked("Báo cáo đã nộp hoặc đã duyệt, không sửa được số liệu.")
    rows = DataValue.objects.select_for_update().filter(**lookup)
    row = rows.filter(kind=replaces_kind or kind).first()
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise ValueConflict(row or rows.filter(kind=kind).first())
    if row is not None and submission is not None and row.submission_id not in (None, submission.pk):
        raise ValueLocked("Số liệu này thuộc báo cáo của bộ biểu khác.")
    if row is not None and row.submission_id and submission is None and row.submission.state != "draft":
        raise ValueLocked(LOCKED_MESSAGE)
    if row is not None and row.kind != kind and rows.filter(kind=kind).exists():
        raise ValueConflict(rows.filter(kind=kind).first())
    unchanged = row is not None and row.kind == kind and row.submission_id == getattr(submission, "pk", None) and all(
        getattr(row, name) == fields[name] for name in _TRACKED)
    if unchanged:
        return row
    _load_hold_release(lookup, {kind, replaces_kind or kind}, row)
    renamed = row is not None and row.kind != kind
    row = row or DataValue(**lookup)
    for name, field_value in fields.items():
        setattr(row, name, field_value)
    row.kind = kind
    if submission is not None:
        row.submission = submission
    row.version = (row.version + 1) if row.pk else 1
    row._history_user = fields["updated_by"]
    if row.pk and not renamed:  # an update of the locked row: no unique key can clash
        row.save()
        return row
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        # Two first saves of the same value at once: the later one conflicts.
        raise ValueConflict(DataValue.objects.filter(**lookup, kind=kind).first()) from exc
    return row


def _load_hold_release(lookup: dict, kinds: set[str], row: DataValue | None) -> None:
    """A save wins over a load still running on the same value (values/staging.py): the
    load's pending row of this key goes (it was never visible: a raw delete, no history
    row), and `row`, when that load marked it replaced, is the value again. Under the
    caller's write lock; the load itself skips a key a save took first (ON CONFLICT)."""
    running = LoadRun.objects.exclude(state=LoadRun.State.DONE).values("pk")
    DataValue.all_rows.filter(**lookup, kind__in=kinds, pending_run__in=running)._raw_delete(connection.alias)
    if row is not None:
        row.replaced_run = None


def _fields(actor, value, raw_text, comment, source, source_quote) -> dict:
    return {"value": value, "raw_text": raw_text, "comment": comment, "source": source, "source_quote": source_quote,
            "updated_by": actor if getattr(actor, "pk", None) else None}


def _submission_state_locked(submission) -> str:
    """The report's state, its row locked (PostgreSQL) until the write commits: a submit
    waits for the save, or the save sees the report submitted. On SQLite the write
    transaction already holds the database's write lock."""
    table = connection.ops.quote_name(type(submission)._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT state FROM {table} WHERE id = %s{lock}", [submission.pk])
        found = cursor.fetchone()
    if found is None:
        raise type(submission).DoesNotExist
    return found[0]


@write_statement
def _update_in_place(fields: dict, lookup: dict, kind: str, submission, expected_version: int) -> DataValue | None:
    """UPDATE the report's value at `expected_version` when a tracked field differs, and
    write its history row ("~", who, when) beside it: what DataValue.save() and
    simple_history's post_save do for this row, built once. On PostgreSQL one statement
    (the UPDATE in a WITH, the history INSERT reading its RETURNING: one round trip, no
    BEGIN/COMMIT, core.writes.write_statement); on SQLite, in process, the UPDATE and then
    the INSERT in one transaction. None when no row matched (a conflict, an unchanged
    value, a first save): nothing was written, the caller decides."""
    now = timezone.now()
    meta = DataValue._meta
    prep = {name: meta.get_field(name).get_db_prep_save(value, connection) for name, value in
            [*fields.items(), ("updated_at", now)] if name != "updated_by"}
    prep["updated_by"] = user_id = getattr(fields["updated_by"], "pk", None)
    key = [lookup["province_id"], lookup["indicator"].pk, lookup["org_unit"].pk, lookup["period"], kind]
    update = [*(prep[name] for name in _UPDATED), *key, expected_version,
              submission.pk, *(prep[name] for name in _TRACKED), submission.pk]
    history = DataValue.history.model._meta.get_field("history_date").get_db_prep_save(now, connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_sql_update_with_history(submission), [*update, history, user_id])
            found = cursor.fetchone()
        else:
            cursor.execute(_sql_update(submission), update)
            found = cursor.fetchone()
            if found is not None:
                cursor.execute(_sql_history(), [history, user_id, found[0]])
    if found is None:
        return None
    row = DataValue(id=found[0], **lookup, kind=kind, version=expected_version + 1, submission=submission,
                    updated_at=now, **fields)
    row._state.adding, row._state.db = False, connection.alias
    return row


# Columns the in-place update sets, in its SQL's order (version moves by one in SQL).
_UPDATED = ("value", "raw_text", "comment", "source", "source_quote", "updated_by", "updated_at")


@functools.cache
def _sql_update_for(vendor: str, submission_table: str) -> str:
    meta, quote = DataValue._meta, connection.ops.quote_name
    column = {name: quote(meta.get_field(name).column) for name in (*_UPDATED, *_TRACKED, "version")}
    sets = ", ".join(f"{column[name]} = %s" for name in _UPDATED)
    key = " AND ".join(f"{quote(c)} = %s" for c in ("province_id", "indicator_id", "org_unit_id", "period", "kind"))
    same = " AND ".join(f"{column[name]} = %s" for name in _TRACKED)
    return (f"UPDATE {quote(meta.db_table)} SET {sets}, {column['version']} = {column['version']} + 1 "
            f"WHERE {key} AND {column['version']} = %s AND {quote('submission_id')} = %s AND NOT ({same}) "
            # a row a load holds is saved by the general path (services._load_hold_release)
            f"AND {quote('pending_run_id')} IS NULL AND {quote('replaced_run_id')} IS NULL "
            f"AND EXISTS ({_sql_draft(submission_table)}) RETURNING {quote('id')}")


def _sql_draft(submission_table: str) -> str:
    """The report is a draft, its row locked until the write commits (PostgreSQL: a submit
    waits for the save, or the save sees the report submitted; SQLite: the write transaction
    holds the database's write lock already)."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return f"SELECT 1 FROM {connection.ops.quote_name(submission_table)} WHERE id = %s AND state = 'draft'{lock}"


def _history_columns() -> list[str]:
    """The value's columns its history keeps: all but a running load's marks."""
    return [f.column for f in DataValue._meta.concrete_fields if f.name not in ("pending_run", "replaced_run")]


@functools.cache
def _sql_history_for(vendor: str) -> str:
    quote = connection.ops.quote_name
    history = DataValue.history.model._meta
    copied = _history_columns()
    if {f.column for f in history.concrete_fields} != {*copied, "history_id", "history_date", "history_change_reason",
                                                       "history_type", "history_user_id"}:
        raise RuntimeError("the history table's columns changed: update _sql_history_for")
    columns = ", ".join(quote(c) for c in copied)
    return (f"INSERT INTO {quote(history.db_table)} ({columns}, {quote('history_date')}, "
            f"{quote('history_change_reason')}, {quote('history_type')}, {quote('history_user_id')}) "
            f"SELECT {columns}, %s, NULL, '~', %s FROM {quote(DataValue._meta.db_table)} WHERE {quote('id')} = %s")


@functools.cache
def _sql_update_with_history_for(vendor: str, submission_table: str) -> str:
    """PostgreSQL: the in-place UPDATE and its history row in one statement."""
    quote = connection.ops.quote_name
    history = DataValue.history.model._meta
    copied = ", ".join(quote(c) for c in _history_columns())
    update = _sql_update_for(vendor, submission_table).rsplit(" RETURNING ", 1)[0]
    return (f"WITH updated AS ({update} RETURNING {copied}) "
            f"INSERT INTO {quote(history.db_table)} ({copied}, {quote('history_date')}, "
            f"{quote('history_change_reason')}, {quote('history_type')}, {quote('history_user_id')}) "
            f"SELECT {copied}, %s, NULL, '~', %s FROM updated RETURNING {quote('id')}")


def _sql_update_with_history(submission) -> str:
    _sql_history()  # checks that the history table still has the columns copied here
    return _sql_update_with_history_for(connection.vendor, type(submission)._meta.db_table)


def _sql_update(submission) -> str:
    return _sql_update_for(connection.vendor, type(submission)._meta.db_table)


def _sql_history() -> str:
    return _sql_history_for(connection.vendor)


def value_delete(*, actor, value: DataValue, expected_version: int | None = None) -> None:
    """Delete one value outside any report (DHIS2 importStrategy=DELETE); its history
    row ("-", who) is written in the same transaction. A value of a report is removed
    only by editing the report: ValueLocked."""
    with write_transaction():
        row = DataValue.objects.select_for_update().filter(pk=value.pk).first()
        if row is None:
            return
        if expected_version is not None and row.version != expected_version:
            raise ValueConflict(row)
        if row.submission_id:
            raise ValueLocked("Số liệu thuộc báo cáo của đơn vị, không xóa được qua nhập khẩu.")
        _load_hold_release({"province_id": row.province_id, "indicator_id": row.indicator_id,
                            "org_unit_id": row.org_unit_id, "period": row.period}, {row.kind}, None)
        row._history_user = actor if getattr(actor, "pk", None) else None
        row.delete()


@write_transaction
def source_document_record(*, actor, file_name: str, citation: str):
    """Name the document behind a file name, as sources will cite it. Idempotent."""
    from ktxh.core.upsert import save_if_changed
    from ktxh.values.models import SourceDocument

    citation = " ".join((citation or "").split())[:300]
    if not file_name or not citation:
        raise ValueRejected("Thiếu tên tệp hoặc trích dẫn của văn bản nguồn.")
    document = save_if_changed(SourceDocument, lookup={"file_name": file_name[:255]},
                               fields={"citation": citation})[0]
    from ktxh.values.selectors import source_documents_changed

    source_documents_changed()
    return document
