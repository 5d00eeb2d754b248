"""Recording that the People's Council passed a draft resolution: its number and date
become a LegalBasis, the year's targets of the unit cite it (each change written to the
targets' history with the actor), and the resolution document is headed with them."""

import re
from datetime import date

from ktxh.catalog.models import LegalBasis, Target
from ktxh.catalog.services import legal_basis_upsert, target_set
from ktxh.core.writes import write_transaction
from ktxh.reports.cycle import common
from ktxh.reports.kinds import report_period
from ktxh.reports.models import Report

_NUMBER = re.compile(r"^[0-9]{1,5}/[0-9]{0,4}/?NQ-HĐND$")


class ResolutionInvalid(ValueError):
    """The number or date cannot be recorded; the message is Vietnamese."""


@write_transaction
def resolution_record(*, actor, report: Report, number: str, passed_on: date) -> tuple[LegalBasis, int]:
    """Tie the year's targets to the passed resolution; returns it and the number of targets."""
    if report.kind != "resolution":
        raise ResolutionInvalid("Chỉ ghi số nghị quyết cho dự thảo nghị quyết HĐND.")
    number = " ".join((number or "").split())
    if not _NUMBER.match(number):
        raise ResolutionInvalid("Số nghị quyết phải có dạng 150/NQ-HĐND.")
    year = report_period("resolution", report.period).year
    if not isinstance(passed_on, date) or not year - 1 <= passed_on.year <= year:
        raise ResolutionInvalid(f"Ngày thông qua phải trong năm {year - 1} hoặc {year}.")
    unit = report.org_unit
    issuer = f"HĐND {common.lower_name(unit)}"
    existing = LegalBasis.objects.filter(number=number).first()
    if existing is not None and existing.issuer != issuer:
        raise ResolutionInvalid(f"Số {number} đã là văn bản của {existing.issuer}.")
    basis = legal_basis_upsert(actor=actor, number=number, kind="Nghị quyết", date=passed_on, issuer=issuer,
                               title=f"về kế hoạch phát triển kinh tế - xã hội năm {year}",
                               source=f"ghi nhận trong ktxh (dự thảo nghị quyết số {report.pk})")
    targets = Target.objects.filter(org_unit=unit, period=str(year)).select_related("indicator")
    count = 0
    for target in targets:
        target_set(actor=actor, indicator=target.indicator, org_unit=unit, period=target.period,
                   comparator=target.comparator, value=target.value, value_high=target.value_high,
                   legal_basis=basis, is_derived=target.is_derived, source=target.source, comment=target.comment,
                   basis=target.basis)
        count += 1
    report.passed_as = basis
    report.updated_by = actor if getattr(actor, "pk", None) else None
    report.save(update_fields=["passed_as", "updated_by", "updated_at"])
    return basis, count
