"""The indicator catalog (reference tables, shared by every unit), the resolutions
that set targets, and the targets themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ktxh.engine.semantics import (
    Aggregation,
    Comparator,
    Direction,
    ExcessMode,
    MeasureKind,
    TargetBasis,
)
from ktxh.orgunits.models import OrgUnit

# Values are exact decimals: 21 digits, 6 after the comma.
DECIMAL = {"max_digits": 21, "decimal_places": 6}


def _choices(enum) -> list[tuple[str, str]]:
    return [(m.value, m.label_vi) for m in enum]


class Agency(models.Model):
    """A kind of department responsible for indicators (Phòng Nông nghiệp, ...)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        verbose_name = _("cơ quan chuyên môn")
        verbose_name_plural = _("cơ quan chuyên môn")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IndicatorGroup(models.Model):
    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên nhóm"), max_length=300)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhóm chỉ tiêu")
        verbose_name_plural = _("nhóm chỉ tiêu")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=500)
    name_folded = models.CharField(max_length=500, editable=False, db_index=True)
    group = models.ForeignKey(IndicatorGroup, verbose_name=_("nhóm"), on_delete=models.PROTECT, related_name="indicators")
    unit = models.CharField(_("đơn vị tính"), max_length=50)
    measure_kind = models.CharField(_("loại số đo"), max_length=20, choices=_choices(MeasureKind))
    direction = models.CharField(_("chiều đánh giá"), max_length=10, choices=_choices(Direction), default="up")
    aggregation = models.CharField(_("cách tổng hợp"), max_length=20, choices=_choices(Aggregation), default="sum")
    excess_mode = models.CharField(
        _("cách tính mức vượt"), max_length=10, choices=_choices(ExcessMode), blank=True,
        help_text=_("Để trống: theo loại số đo (tương đối cho số lượng, điểm phần trăm cho tỷ lệ)."),
    )
    tolerance = models.DecimalField(_("dung sai"), default=0, **DECIMAL)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    responsible_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan chủ trì"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="indicators",
    )
    is_main = models.BooleanField(_("chỉ tiêu chủ yếu"), default=True)
    # A flow accumulates over the year (output, revenue, visitors): a 6-month value can be
    # projected to the year end. Anything else is a stock read at a point in time (tea area,
    # households, communes): projected as it is (docs/dashboards.md §3).
    flow = models.BooleanField(
        _("chỉ tiêu cộng dồn trong năm"), default=False,
        help_text=_("Đánh dấu khi số liệu cộng dồn theo thời gian trong năm (sản lượng, thu ngân sách, lượt khách); "
                    "bỏ trống với số tại một thời điểm (diện tích hiện có, số hộ, số xã)."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    numerator = models.ForeignKey(
        "self", verbose_name=_("chỉ tiêu tử số"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("chỉ tiêu mẫu số"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    synonyms = models.JSONField(_("tên gọi khác"), default=list, blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["group__order", "order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LegalBasis(models.Model):
    """The resolution or decision that sets targets (Nghị quyết 96/NQ-HĐND ...)."""

    number = models.CharField(_("số, ký hiệu"), max_length=60, unique=True)
    kind = models.CharField(_("loại văn bản"), max_length=60)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("văn bản giao chỉ tiêu")
        verbose_name_plural = _("văn bản giao chỉ tiêu")
        ordering = ["-date", "number"]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"


class Target(models.Model):
    """A planned value for one indicator, unit and period (kế hoạch, chỉ tiêu giao)."""

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="targets")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="targets")
    period = models.CharField(_("kỳ"), max_length=20, db_index=True)
    comparator = models.CharField(_("điều kiện"), max_length=10, choices=_choices(Comparator), default=">=")
    value = models.DecimalField(_("giá trị kế hoạch"), null=True, blank=True, **DECIMAL)
    value_high = models.DecimalField(_("cận trên (khoảng)"), null=True, blank=True, **DECIMAL)
    # "tăng 8% so với cùng kỳ": value is then a signed change from last year's value
    basis = models.CharField(
        _("so với"), max_length=20, choices=_choices(TargetBasis), default=TargetBasis.ABSOLUTE.value,
        help_text=_("Giá trị kế hoạch, hoặc mức tăng/giảm (% hay điểm) so với cùng kỳ năm trước."),
    )
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("căn cứ"), null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    is_derived = models.BooleanField(_("suy ra từ báo cáo"), default=False)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    comment = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["province", "indicator", "org_unit", "period"], name="target_unique_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.org_unit.code} {self.period}"
