"""Shared helpers of the entry tests: the demo round and the personas' data sets."""

from ktxh.engine.numbers import format_number
from ktxh.entry.models import DataSet, ReportingRound, Submission


def demo_round() -> ReportingRound:
    """The old units' round (Huyện Phong Thổ, the personas of the seeds' world): 2025-H1, their
    last half-year; the 2026 round is the new units' (ktxh/entry/demo.py)."""
    return ReportingRound.objects.get(period="2025-H1", province__code="12")


def agriculture_set() -> DataSet:
    return DataSet.objects.get(agency__code="NN", reporter_unit__code="109")


def commune_set(user) -> DataSet:
    unit = user.roles.get().org_unit
    return DataSet.objects.get(reporter_unit=unit, agency__isnull=True)


def grid_url(data_set, suffix="") -> str:
    return f"/nhap-lieu/{demo_round().pk}/bo-bieu/{data_set.pk}/{suffix}"


def save_cell(client, data_set, indicator, value, *, version=None, kind="estimate", comment="", **extra):
    if version is None:
        sub = Submission.objects.filter(round=demo_round(), data_set=data_set).first()
        row = sub.values.filter(indicator=indicator).first() if sub else None
        version = row.version if row else 0
    text = value if isinstance(value, str) else format_number(value)
    data = {"value": text, "kind": kind, "comment": comment, "version": str(version), **extra}
    return client.post(grid_url(data_set, f"luu/{indicator.pk}/"), data)


def plausible_value(indicator) -> str:
    """A value every check accepts for this indicator (rates inside 0-100)."""
    return "42,5" if indicator.measure_kind in ("rate_pct", "rate_permille") else "40"


def fill_all(client, data_set) -> None:
    for indicator in data_set.indicators.all():
        response = save_cell(client, data_set, indicator, plausible_value(indicator), comment="kiểm thử")
        if response["X-Entry-Result"] == "warning":
            response = save_cell(client, data_set, indicator, plausible_value(indicator), comment="kiểm thử",
                                 confirmed="1")
        assert response["X-Entry-Result"] == "saved", response.content.decode()
