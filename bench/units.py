"""The national master data load: `make bench BENCH=units`.

In a throwaway database (SQLite, or the one in KTXH_DATABASE_URL: run it under
scripts/with-postgres.sh for PostgreSQL), migrated and empty, times `national_load`
of the whole country (both vintages, about 14,150 units and 10,600 lineage rows) and a
second load of the same files, which must change nothing.

    bench: units_load_country <s> s
    bench: units_load_again <s> s
"""

import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_DIR = tempfile.mkdtemp(prefix="ktxh-bench-units-")
atexit.register(shutil.rmtree, DB_DIR, ignore_errors=True)
os.environ.setdefault("KTXH_DATABASE_URL", f"sqlite:///{DB_DIR}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def load_bench() -> None:
    from ktxh.orgunits.models import OrgUnit, OrgUnitLineage
    from ktxh.orgunits.national import national_load

    started = time.perf_counter()
    first = national_load(actor=None)
    first_time = time.perf_counter() - started
    started = time.perf_counter()
    again = national_load(actor=None)
    again_time = time.perf_counter() - started
    if (again.created, again.updated, again.lineage_created, again.lineage_updated) != (0, 0, 0, 0):
        raise SystemExit(f"second load changed data: {again}")
    print(f"# {connection.vendor}: {OrgUnit.objects.count()} units, {OrgUnitLineage.objects.count()} lineage rows"
          f" (created {first.created}, lineage {first.lineage_created})")
    print(f"bench: units_load_country {first_time:.2f} s")
    print(f"bench: units_load_again {again_time:.2f} s")


def main() -> int:
    call_command("migrate", verbosity=0, interactive=False)
    load_bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
