"""National target programme capital: programmes, projects, plan lines by year,
source and type, carried-over capital with its deadline, dated disbursements.
Amounts are in triệu đồng."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.common import DECIMAL, province_fk, updated_by_fk


class Programme(models.Model):
    """A programme (the three MTQG, QĐ 880, provincial schemes): reference data."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=80, blank=True)
    decision = models.CharField(_("quyết định phê duyệt"), max_length=120, blank=True)
    is_national_target = models.BooleanField(_("chương trình MTQG"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Project(models.Model):
    CITUS_DISTRIBUTED = True

    province = province_fk()
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="projects")
    code = models.CharField(_("mã dự án"), max_length=60)
    name = models.CharField(_("tên dự án"), max_length=400)
    investor = models.CharField(_("chủ đầu tư"), max_length=200, blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dự án")
        verbose_name_plural = _("dự án")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="project_unique_code")]

    def __str__(self) -> str:
        return self.name


class CapitalLine(models.Model):
    """One line of a capital plan. Lines may nest: a parent keeps the total the document states;
    totals sum engine.capital.partition of the tree, never a line and its own parts."""

    CITUS_DISTRIBUTED = True

    class Source(models.TextChoices):
        CENTRAL = "central", _("Ngân sách Trung ương")
        LOCAL = "local", _("Ngân sách địa phương")
        PROVINCIAL = "provincial", _("Ngân sách tỉnh")
        DISTRICT = "district", _("Ngân sách huyện")
        COMMUNITY = "community", _("Cộng đồng dân cư đóng góp")
        INTEGRATED = "integrated", _("Vốn lồng ghép")
        CREDIT = "credit", _("Vốn tín dụng ưu đãi")
        MIXED = "mixed", _("Nhiều nguồn")

    class Type(models.TextChoices):
        INVESTMENT = "investment", _("Vốn đầu tư")
        RECURRENT = "recurrent", _("Vốn sự nghiệp")
        MIXED = "mixed", _("Chưa tách")

    province = province_fk()
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("mã dòng"), max_length=60)
    label = models.CharField(_("nội dung"), max_length=400)
    parent = models.ForeignKey("self", verbose_name=_("thuộc dòng"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    # True: the sub-lines make up the whole (004 §V). False: they are "trong đó" items of a total
    # stated as a whole, which keeps its own disbursements (000's 188.685 includes NTM's 3.244).
    parts_complete = models.BooleanField(_("các dòng con đủ tổng"), default=True)
    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="lines")
    project = models.ForeignKey(Project, verbose_name=_("dự án"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="lines")
    period = models.CharField(_("kỳ kế hoạch"), max_length=20, help_text=_("2023 hoặc 2023-2025"))
    fund_source = models.CharField(_("nguồn vốn"), max_length=12, choices=Source.choices)
    capital_type = models.CharField(_("loại vốn"), max_length=12, choices=Type.choices)
    carried_from = models.PositiveSmallIntegerField(_("chuyển nguồn từ năm"), null=True, blank=True)
    deadline = models.DateField(_("hạn giải ngân"), null=True, blank=True)
    amount = models.DecimalField(_("kế hoạch vốn (triệu đồng)"), **DECIMAL)
    allocated = models.DecimalField(_("đã phân bổ chi tiết"), null=True, blank=True, **DECIMAL)
    approximate = models.BooleanField(_("dự kiến khoảng"), default=False)
    # The % disbursed the report prints, checked against disbursed / plan × 100.
    stated_pct = models.DecimalField(_("tỷ lệ giải ngân báo cáo ghi (%)"), null=True, blank=True, **DECIMAL)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    quote = models.TextField(_("trích dẫn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("dòng kế hoạch vốn")
        verbose_name_plural = _("kế hoạch vốn")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["province", "org_unit", "code"], name="capital_line_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def origin_year(self) -> int | None:
        from ktxh.engine.periods import Period

        return self.carried_from or (Period.parse(self.period).year if "-" not in self.period else None)


class Disbursement(models.Model):
    """A dated disbursement (giải ngân) against one plan line."""

    CITUS_DISTRIBUTED = True

    province = province_fk()
    line = models.ForeignKey(CapitalLine, verbose_name=_("dòng kế hoạch"), on_delete=models.PROTECT,
                             related_name="disbursements")
    date = models.DateField(_("ngày"))
    amount = models.DecimalField(_("số tiền (triệu đồng)"), **DECIMAL)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    created_by = updated_by_fk()
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giải ngân")
        verbose_name_plural = _("giải ngân")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["province", "line", "date"])]

    def __str__(self) -> str:
        return f"{self.line.code} {self.date:%d/%m/%Y} {self.amount}"
