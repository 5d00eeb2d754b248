"""Querysets of a hot path (the save of one grid cell) built into SQL once per process.

Django rebuilds a queryset's SQL on every call; for a few small reads that is most of
their time (bench/save_profile.py). `compiled(build)` calls `build(*placeholders)` once
per database vendor, keeps the SQL Django made and where each placeholder went in its
parameters, and then runs that SQL with the real values through `Model.objects.raw`
(the model's own field converters, no SQL assembly). The rules stay in the queryset
(e.g. values.selectors.PUBLISHED); only its compilation is reused.

A queryset whose SQL would change with the values themselves (an empty list, None)
cannot be compiled this way: `build` must take only ints and strings that become
parameters, which is checked when the SQL is built.
"""

import functools
import itertools
import threading

from django.db import connection

_sentinels = itertools.count(1)
_LOCK = threading.Lock()


class Compiled:
    def __init__(self, build, kinds: tuple[type, ...]):
        self.build, self.kinds = build, kinds
        self.by_vendor: dict[str, tuple] = {}

    def _compile(self):
        with _LOCK:
            n = next(_sentinels)
            # Values no real row has, each distinct, of the type the caller will pass.
            values = [(-987_000_000 - n * 100 - i) if kind is int else f"\x00ktxh-{n}-{i}\x00"
                      for i, kind in enumerate(self.kinds)]
        queryset = self.build(*values)
        sql, params = queryset.query.sql_with_params()
        slots = []
        for param in params:
            matches = [i for i, value in enumerate(values) if param == value and type(param) is type(value)]
            slots.append(matches[0] if matches else None)
        missing = set(range(len(values))) - {s for s in slots if s is not None}
        if missing:
            raise ValueError(f"compiled(): argument(s) {sorted(missing)} did not become SQL parameters")
        fixed = [None if slot is not None else param for slot, param in zip(slots, params, strict=True)]
        return queryset.model, sql, slots, fixed

    def sql_params(self, *args) -> tuple[type, str, list]:
        """(model, SQL, parameters) of the queryset for these arguments: for a caller that
        puts several of them in one statement (entry.selectors.entry_cell)."""
        vendor = connection.vendor
        found = self.by_vendor.get(vendor)
        if found is None:
            found = self.by_vendor[vendor] = self._compile()
        model, sql, slots, fixed = found
        return model, sql, [args[slot] if slot is not None else value for slot, value in zip(slots, fixed, strict=True)]

    def __call__(self, *args):
        model, sql, params = self.sql_params(*args)
        return model.objects.raw(sql, params)


def compiled(*kinds: type):
    """Decorator: `@compiled(int, str)` over `def build(a, b) -> QuerySet`; calling the
    result with (a, b) gives the rows (a RawQuerySet) of that queryset's SQL."""
    def wrap(build):
        return Compiled(build, kinds)
    return wrap


def side_by_side(*parts: tuple["Compiled", tuple]) -> list[tuple]:
    """The rows of several compiled querysets in one statement, their columns side by side:
    the first one's rows, each beside every row of the others (LEFT JOIN … ON 1=1: the
    others' columns are NULL when they have none). For the reads of one request that do not
    depend on each other (one round trip instead of one each). Split a row with `instance`
    and the width of each queryset's model (its concrete columns, then its annotations)."""
    built = [compiled.sql_params(*args) for compiled, args in parts]
    sql = f"SELECT * FROM ({built[0][1]}) AS part0" + "".join(
        f" LEFT JOIN ({piece[1]}) AS part{i} ON 1=1" for i, piece in enumerate(built[1:], start=1))
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for piece in built for param in piece[2]])
        rows = cursor.fetchall()
        if rows and len(rows[0]) != len(cursor.description):
            raise RuntimeError("side_by_side: unexpected columns")
    return rows


@functools.cache
def _converters(alias: str, model) -> tuple[list, dict, object]:
    """The model's concrete columns in a default SELECT's order and the database's converters
    of them (SQLite gives dates, times and decimals as text), as RawQuerySet applies them."""
    fields = model._meta.concrete_fields
    compiler = model.objects.all().query.get_compiler(using=alias)
    return ([f.attname for f in fields], compiler.get_converters([f.get_col(model._meta.db_table) for f in fields]),
            compiler)


def width(model) -> int:
    return len(model._meta.concrete_fields)


def instance(model, values):
    """A model instance from its concrete columns as a default SELECT lists them; None
    when its primary key is NULL (no row on that side of a LEFT JOIN)."""
    names, converters, compiler = _converters(connection.alias, model)
    values = list(values)
    if values[names.index(model._meta.pk.attname)] is None:
        return None
    if converters:
        values = next(compiler.apply_converters([values], converters))
    return model.from_db(connection.alias, names, values)
