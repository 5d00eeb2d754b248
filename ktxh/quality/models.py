"""Data-quality rules (declared as data) and the violations they find.

A rule is reference data shared by every province; violations grow with units and
periods, so they carry the province key (Citus-ready, docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import DECIMAL, Indicator
from ktxh.core.models import JobRecord
from ktxh.engine.rules import OPERATORS
from ktxh.orgunits.models import OrgUnit


class Rule(models.Model):
    class Kind(models.TextChoices):
        COMPARE = "compare", _("So sánh hai vế")
        STATED_PERCENT = "stated_percent", _("Tỷ lệ % KH ghi trong báo cáo khớp với tỷ lệ tính được")

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên quy tắc"), max_length=300)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.COMPARE)
    left = models.CharField(_("vế trái"), max_length=300, blank=True)
    op = models.CharField(_("phép so sánh"), max_length=10, choices=[(o, o) for o in OPERATORS], default="=")
    right = models.CharField(_("vế phải"), max_length=300, blank=True)
    tolerance = models.DecimalField(_("dung sai"), default=0, **DECIMAL)
    factor = models.DecimalField(_("hệ số đột biến"), default=1000, **DECIMAL)
    # "" = the rule names its indicators itself; "*" = every indicator; "kind:rate_pct";
    # "unit:xã"; or indicator codes separated by commas. "$" in the sides is each of them.
    applies_to = models.CharField(_("áp dụng cho chỉ tiêu"), max_length=300, blank=True)
    # OrgUnit kinds the rule is checked in ("district", "commune,town"); empty = every unit.
    unit_kinds = models.CharField(_("áp dụng cho cấp"), max_length=100, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    description = models.TextField(_("giải thích"), blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Violation(models.Model):
    """A rule that fires for one unit, period (and indicator for a $ rule)."""

    CITUS_DISTRIBUTED = True

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    rule = models.ForeignKey(Rule, verbose_name=_("quy tắc"), on_delete=models.CASCADE, related_name="violations")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("kỳ"), max_length=20, db_index=True)
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=30, blank=True)  # indicator code or "": keeps the key non-null
    left_value = models.DecimalField(_("vế trái"), null=True, blank=True, **DECIMAL)
    right_value = models.DecimalField(_("vế phải"), null=True, blank=True, **DECIMAL)
    message = models.TextField(_("mô tả"))
    details = models.JSONField(_("số liệu liên quan"), default=list, blank=True)
    is_open = models.BooleanField(_("còn vi phạm"), default=True)
    first_seen = models.DateTimeField(_("phát hiện lúc"), auto_now_add=True)
    last_seen = models.DateTimeField(_("kiểm tra gần nhất"), auto_now=True)
    checked = models.BooleanField(_("đã xác minh, số liệu đúng"), default=False)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    checked_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)
    check_comment = models.TextField(_("ghi chú xác minh"), blank=True)

    class Meta:
        verbose_name = _("vi phạm quy tắc")
        verbose_name_plural = _("vi phạm quy tắc")
        ordering = ["org_unit__path", "rule__code", "subject"]
        constraints = [
            models.UniqueConstraint(fields=["province", "rule", "org_unit", "period", "subject"],
                                    name="violation_unique_per_subject"),
        ]
        indexes = [models.Index(fields=["province", "org_unit", "period"])]

    def __str__(self) -> str:
        return f"{self.rule.code} {self.org_unit.code} {self.period} {self.subject}"


class QualityJob(JobRecord):
    """One re-run of the rules asked for on the quality page, run by a `ktxh worker`
    (quality/jobs.py, the same recovery as reports.ReportJob: ktxh/core/jobs.py); the page
    polls this row."""

    CITUS_DISTRIBUTED = True

    class Status(models.TextChoices):
        QUEUED = "queued", _("đang chờ")
        RUNNING = "running", _("đang kiểm tra")
        DONE = "done", _("đã xong")
        FAILED = "failed", _("không kiểm tra được")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("kỳ"), max_length=20)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps = models.PositiveSmallIntegerField(_("số bước"), default=1)
    # RunResult in short: rules, found, new, resolved, broken {rule code: why}
    result = models.JSONField(_("kết quả"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tác vụ kiểm tra chất lượng")
        verbose_name_plural = _("tác vụ kiểm tra chất lượng")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.org_unit_id} {self.period} {self.status}"
