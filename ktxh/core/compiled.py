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

    def __call__(self, *args):
        vendor = connection.vendor
        found = self.by_vendor.get(vendor)
        if found is None:
            found = self.by_vendor[vendor] = self._compile()
        model, sql, slots, fixed = found
        params = [args[slot] if slot is not None else value for slot, value in zip(slots, fixed, strict=True)]
        return model.objects.raw(sql, params)


def compiled(*kinds: type):
    """Decorator: `@compiled(int, str)` over `def build(a, b) -> QuerySet`; calling the
    result with (a, b) gives the rows (a RawQuerySet) of that queryset's SQL."""
    def wrap(build):
        return Compiled(build, kinds)
    return wrap
