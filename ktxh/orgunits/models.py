"""Administrative units with validity dates, vintages and lineage.

Identity is code + vintage (docs/data-files.md, "Đơn vị và thời kỳ"). The 2025 reform
(two-level local government, valid from 2025-07-01) reuses codes: new Xã Khổng Lào
carries old Xã Khổng Lào's 03583, new Tỉnh Tuyên Quang old Tuyên Quang's 08. So a code
is unique only within a vintage:

- vintage "cu": units as they were before 2025-07-01 (valid_to 2025-06-30 for the
  dissolved ones). A unit whose territory did not change (Tỉnh Lai Châu) is one row of
  vintage "cu" with valid_to null: it is valid in both worlds.
- vintage "2025": units created by the reform (valid_from 2025-07-01).

`level` is the depth in the tree of the unit's own vintage: province 1, old district 2,
old commune 3; after the reform a commune (xã, phường, đặc khu) is level 2.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ktxh.core.models import JobRecord

REFORM_DATE = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
        TOWN = "town", _("Thị trấn")
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        SPECIAL_ZONE = "special_zone", _("Đặc khu")

    class Vintage(models.TextChoices):
        OLD = "cu", _("Trước 01/07/2025")
        REFORM_2025 = "2025", _("Từ 01/07/2025")

    # Commune-level kinds: the units that report straight to the province after the reform.
    COMMUNE_KINDS = ("town", "commune", "ward", "special_zone")

    code = models.CharField(_("mã"), max_length=20)
    # Set only where `code` is a provisional code of the demo seeds ("109-11"): the
    # statistics office's code of the same unit, so files and the national load find it.
    official_code = models.CharField(_("mã chính thức"), max_length=20, blank=True, db_index=True)
    vintage = models.CharField(_("thời kỳ"), max_length=4, choices=Vintage.choices, default=Vintage.OLD,
                               editable=False)
    name = models.CharField(_("tên"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), editable=False)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # "/12/109/109-02/", "/12/03583@2025/": a subtree is one indexed prefix query; a
    # vintage-2025 segment carries "@2025" so that old and new province 08 stay apart.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    # Renames, validity dates and moves are audited like the catalogue and values are.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code", "vintage"], name="orgunit_code_vintage_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def vintage_of(valid_from) -> str:
        return OrgUnit.Vintage.REFORM_2025 if valid_from and valid_from >= REFORM_DATE else OrgUnit.Vintage.OLD

    @property
    def path_segment(self) -> str:
        return self.code if self.vintage == OrgUnit.Vintage.OLD else f"{self.code}@{self.vintage}"

    @property
    def key(self) -> str:
        """The explicit form of the identity: "03583@2025", "03583@cu"."""
        return f"{self.code}@{self.vintage}"

    def valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class OrgUnitLineage(models.Model):
    """One old unit's part in one new unit. A merge gives the whole old unit to the new
    one; a split gives a part of it, and `share` (0..1) is the stated share of its
    quantities that goes there (null: not stated, so carried values are incomplete)."""

    class Event(models.TextChoices):
        MERGE = "merge", _("Sáp nhập")
        SPLIT = "split", _("Chia tách (sáp nhập một phần)")
        RENAME = "rename", _("Đổi tên")

    source_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successors")
    target_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị mới"), on_delete=models.PROTECT, related_name="predecessors")
    event = models.CharField(_("sự kiện"), max_length=10, choices=Event.choices)
    date = models.DateField(_("ngày hiệu lực"))
    share = models.DecimalField(_("tỷ lệ chuyển sang"), max_digits=9, decimal_places=6, null=True, blank=True)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    # Where the row comes from: "vietnam-provinces 2026.9.0", "lineage file ...".
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lịch sử sáp nhập, chia tách")
        verbose_name_plural = _("lịch sử sáp nhập, chia tách")
        constraints = [
            models.UniqueConstraint(fields=["source_unit", "target_unit", "event"], name="lineage_unique_event"),
        ]

    def __str__(self) -> str:
        return f"{self.source_unit} → {self.target_unit} ({self.get_event_display()}, {self.date:%d/%m/%Y})"


class UnitLoadJob(JobRecord):
    """One load of the national master data started from the web page (orgunits/jobs.py):
    run by a `ktxh worker`, each step and a heartbeat recorded here for the page that polls
    it; a job whose worker died is run again once, then failed with the reason
    (ktxh/core/jobs.py, as report and import jobs)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("đang chờ")
        RUNNING = "running", _("đang nạp")
        DONE = "done", _("đã xong")
        FAILED = "failed", _("không nạp được")

    # The new province code of the file (data/units.csv.gz) or blank: the whole country.
    province = models.CharField(_("tỉnh"), max_length=20, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps = models.PositiveSmallIntegerField(_("số bước"), default=3)
    # NationalLoadResult in short: created, updated, unchanged, adopted, lineage_created, ...
    result = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tác vụ nạp đơn vị hành chính")
        verbose_name_plural = _("tác vụ nạp đơn vị hành chính")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.province or 'cả nước'} {self.status}"
