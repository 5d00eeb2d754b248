"""Administrative units (tỉnh, huyện, xã, thị trấn) with validity dates and lineage.

Codes follow the official lists and are never reused (Decision 19/2025/QĐ-TTg), so
a unit dissolved in the 2025 reform keeps its code and gets a valid_to date; the
lineage table says where it went.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh")
        DISTRICT = "district", _("Huyện")
        TOWN = "town", _("Thị trấn")
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")

    LEVEL_OF_KIND = {"province": 1, "district": 2, "town": 3, "commune": 3, "ward": 3}

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(_("cấp"), editable=False)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    # "/12/109/109-02/": a subtree is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name


class OrgUnitLineage(models.Model):
    class Event(models.TextChoices):
        MERGE = "merge", _("Sáp nhập")
        SPLIT = "split", _("Chia tách")
        RENAME = "rename", _("Đổi tên")

    source_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successors")
    target_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị mới"), on_delete=models.PROTECT, related_name="predecessors")
    event = models.CharField(_("sự kiện"), max_length=10, choices=Event.choices)
    date = models.DateField(_("ngày hiệu lực"))
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lịch sử sáp nhập, chia tách")
        verbose_name_plural = _("lịch sử sáp nhập, chia tách")
        constraints = [
            models.UniqueConstraint(fields=["source_unit", "target_unit", "event"], name="lineage_unique_event"),
        ]

    def __str__(self) -> str:
        return f"{self.source_unit} → {self.target_unit} ({self.get_event_display()}, {self.date:%d/%m/%Y})"
