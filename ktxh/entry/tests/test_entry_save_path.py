"""The grid's change of a saved value is written by one version-checked UPDATE and its
history row by one INSERT (values.services._update_in_place; on PostgreSQL both in one
statement, with no BEGIN/COMMIT): the stored row and its history must be what the model
save and simple_history would have written. A save reads in four round trips: session,
user, the access check (data set, round, roles) and the cell."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ktxh.entry.models import Submission
from ktxh.entry.tests.entry_helpers import agriculture_set, grid_url, save_cell
from ktxh.values.models import DataValue
from ktxh.values.services import ValueLocked, value_set


def _row(data_set, indicator):
    return DataValue.objects.get(submission__data_set=data_set, indicator=indicator)


def test_a_change_is_one_update_and_its_history_row_says_who_what_and_when(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    tea = data_set.indicators.get(code="02.02")
    assert save_cell(client, data_set, tea, "750", version=0)["X-Entry-Result"] == "saved"
    first = _row(data_set, tea)
    url = grid_url(data_set, f"luu/{tea.pk}/")  # the helper's own read stays out of the count
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"value": "760,25", "kind": "estimate", "comment": "đã soát lại", "version": "1"})
    assert response["X-Entry-Result"] == "saved" and response["X-Entry-Version"] == "2"
    statements = [q["sql"] for q in queries.captured_queries]
    reads = [sql for sql in statements if sql.startswith("SELECT")]
    assert len(reads) == 4 and "django_session" in reads[0] and "auth_user" in reads[1]
    assert "accounts_roleassignment" in reads[2] and "data_reportinground" in reads[2]
    assert "catalog_indicator" in reads[3] and "data_submission" in reads[3] and "data_datavalue" in reads[3]
    writes = [sql for sql in statements if sql.startswith(("UPDATE", "INSERT", "WITH"))]
    if connection.vendor == "postgresql":
        # one statement; served, in autocommit (no BEGIN, no COMMIT: bench/save_profile.py counts
        # 5 statements); here inside the test's transaction, so within a savepoint
        assert len([sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE"))]) == 5
        assert len(writes) == 1
        assert writes[0].startswith('WITH updated AS (UPDATE "data_datavalue"') and "historicaldatavalue" in writes[0]
    else:
        assert len(writes) == 2 and '"data_datavalue"' in writes[0] and "historicaldatavalue" in writes[1]
    row = _row(data_set, tea)
    assert (row.pk, row.value, row.raw_text, row.comment, row.version) == (first.pk, Decimal("760.25"), "760,25",
                                                                          "đã soát lại", 2)
    assert row.updated_by == department_officer and row.updated_at > first.updated_at
    latest = row.history.order_by("-history_id").first()
    assert row.history.count() == 2
    assert (latest.history_type, latest.history_user_id, latest.value, latest.version, latest.comment) == (
        "~", department_officer.pk, Decimal("760.25"), 2, "đã soát lại")
    assert latest.submission_id == row.submission_id and latest.updated_at == row.updated_at


def test_the_same_value_again_writes_nothing_and_a_stale_version_conflicts(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    tea = data_set.indicators.get(code="02.02")
    save_cell(client, data_set, tea, "750", version=0)
    save_cell(client, data_set, tea, "751", version=1)
    assert save_cell(client, data_set, tea, "751", version=2)["X-Entry-Result"] == "saved"
    assert _row(data_set, tea).version == 2 and _row(data_set, tea).history.count() == 2
    assert save_cell(client, data_set, tea, "900", version=1)["X-Entry-Result"] == "conflict"
    assert _row(data_set, tea).value == 751 and _row(data_set, tea).history.count() == 2


@pytest.mark.parametrize("state", [Submission.State.SUBMITTED, Submission.State.APPROVED])
def test_a_report_submitted_meanwhile_is_not_changed(client_as, department_officer, state):
    data_set = agriculture_set()
    tea = data_set.indicators.get(code="02.02")
    save_cell(client_as(department_officer), data_set, tea, "750", version=0)
    read_before = Submission.objects.get(data_set=data_set)  # what the save read, a draft
    Submission.objects.filter(pk=read_before.pk).update(state=state, submitted_at=timezone.now())
    with pytest.raises(ValueLocked):
        value_set(actor=department_officer, indicator=tea, org_unit=data_set.reporter_unit,
                  period=read_before.round.period, kind="estimate", value=Decimal(760), submission=read_before,
                  expected_version=1, province_id=data_set.province_id)
    assert _row(data_set, tea).value == 750 and _row(data_set, tea).history.count() == 1
