"""Reporting rounds, data sets, submissions and their append-only transitions.

A data set says which indicators one reporter (a department of the district, or a
commune) reports for which kind of period; a round is one period's collection with
open, due and close dates; a submission is one reporter's report in one round and
moves draft -> submitted -> approved (or back to draft when returned or reopened).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Agency, Indicator
from ktxh.orgunits.models import OrgUnit

PERIOD_KINDS = [
    ("month", _("Tháng")), ("quarter", _("Quý")), ("half", _("6 tháng")),
    ("nine_months", _("9 tháng")), ("year", _("Năm")),
]


class RoundDefaults(models.Model):
    """Per-province defaults for new rounds (Decree 09/2019: data cut off on the 15th)."""

    province = models.OneToOneField(OrgUnit, on_delete=models.CASCADE, related_name="+")
    cutoff_day = models.PositiveSmallIntegerField(_("ngày chốt số liệu"), default=15)
    due_days_after_cutoff = models.PositiveSmallIntegerField(_("số ngày từ chốt số liệu đến hạn nộp"), default=5)
    close_days_after_due = models.PositiveSmallIntegerField(_("số ngày từ hạn nộp đến khóa kỳ"), default=10)

    class Meta:
        db_table = "data_rounddefaults"  # created when this model lived in the "data" app
        verbose_name = _("cấu hình kỳ báo cáo của tỉnh")
        verbose_name_plural = _("cấu hình kỳ báo cáo của tỉnh")

    def __str__(self) -> str:
        return f"{self.province}: chốt ngày {self.cutoff_day}"


class DataSet(models.Model):
    """Which indicators one reporter reports, for which kind of period (bộ biểu)."""

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    name = models.CharField(_("tên bộ biểu"), max_length=200)
    reporter_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
                                      related_name="data_sets")
    # A department's data set names its agency; a commune's has none.
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan báo cáo"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="data_sets")
    period_kind = models.CharField(_("loại kỳ"), max_length=12, choices=PERIOD_KINDS)
    indicators = models.ManyToManyField(Indicator, verbose_name=_("chỉ tiêu"), related_name="data_sets")

    class Meta:
        db_table = "data_dataset"  # created when this model lived in the "data" app
        verbose_name = _("bộ biểu báo cáo")
        verbose_name_plural = _("bộ biểu báo cáo")
        ordering = ["reporter_unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["province", "reporter_unit", "agency", "period_kind", "name"],
                                               name="dataset_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} · {self.reporter_unit}"

    @property
    def reporter_label(self) -> str:
        return self.agency.name if self.agency_id else self.reporter_unit.name


class ReportingRound(models.Model):
    """One period's collection in one province ("6 tháng đầu năm 2026")."""

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("kỳ"), max_length=20)
    name = models.CharField(_("tên kỳ báo cáo"), max_length=200)
    opens_on = models.DateField(_("mở nhập từ"))
    due_on = models.DateField(_("hạn nộp"))
    closes_on = models.DateField(_("khóa nhập sau"))

    class Meta:
        db_table = "data_reportinground"  # created when this model lived in the "data" app
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-opens_on"]
        constraints = [models.UniqueConstraint(fields=["province", "period"], name="round_unique_period")]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Submission(models.Model):
    """One reporter's report in one round."""

    CITUS_DISTRIBUTED = True

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang nhập")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    round = models.ForeignKey(ReportingRound, verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT,
                              related_name="submissions")
    data_set = models.ForeignKey(DataSet, verbose_name=_("bộ biểu"), on_delete=models.PROTECT,
                                 related_name="submissions")
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "data_submission"  # created when this model lived in the "data" app
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [models.UniqueConstraint(fields=["province", "round", "data_set"],
                                               name="submission_unique_per_round")]

    def __str__(self) -> str:
        return f"{self.data_set} · {self.round}"


class Transition(models.Model):
    """Append-only log of every workflow step; the app never edits or deletes one."""

    CITUS_DISTRIBUTED = True

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Nộp")
        RETURN = "return", _("Trả lại")
        APPROVE = "approve", _("Duyệt")
        REOPEN = "reopen", _("Mở lại")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="transitions")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    from_state = models.CharField(max_length=10, choices=Submission.State.choices)
    to_state = models.CharField(max_length=10, choices=Submission.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)

    class Meta:
        db_table = "data_transition"  # created when this model lived in the "data" app
        verbose_name = _("lịch sử xử lý báo cáo")
        verbose_name_plural = _("lịch sử xử lý báo cáo")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.submission} · {self.at:%d/%m/%Y %H:%M}"
