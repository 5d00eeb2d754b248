"""`ktxh load` is the whole file or nothing even when its publication fails: the targets
written in its transaction are undone, the values it had written beside the live ones
removed with its staged rows, the run marked failed (values/staging.py; the kill cases:
ktxh/values/tests/test_staged_load.py)."""

import pytest
from django.db import connection

from ktxh.catalog.models import Target
from ktxh.imports.loader import load_file
from ktxh.values.models import DataValue, LoadRun, StagedValue

pytestmark = pytest.mark.django_db

HEADER = "indicator,org_unit,period,kind,value,comparator,value_high,legal_basis,source,comment\n"


def test_a_publication_failing_after_its_values_were_written_leaves_no_target_value_or_staged_row(tmp_path):
    path = tmp_path / "hong.csv"
    path.write_text(HEADER + '02.01,109,2031,target,"36.100",>=,,,test,\n'
                    + "".join(f'02.01,109,2031-{m:02d},official,"{m},5",,,,test,\n' for m in range(1, 13)),
                    encoding="utf-8")
    history = DataValue.history.count()

    failed = []

    def wrapper(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and "data_loadrun" in sql and not failed:
            failed.append(sql)
            raise RuntimeError("disk full")  # the values and the target written, the run not yet done
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper), pytest.raises(RuntimeError):
        load_file(path)
    assert not Target.objects.filter(indicator__code="02.01", period="2031").exists()
    assert not DataValue.objects.filter(period__startswith="2031").exists() and DataValue.history.count() == history
    assert DataValue.all_rows.filter(period__startswith="2031").count() == 0
    assert StagedValue.objects.count() == 0 and LoadRun.objects.get(source="hong.csv").state == LoadRun.State.FAILED
    load_file(path)  # the same file once the cause is gone: loaded whole
    assert DataValue.objects.filter(period__startswith="2031-").count() == 12
    assert Target.objects.filter(indicator__code="02.01", period="2031").exists()
