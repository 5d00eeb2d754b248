"""New Rural Development: versioned criteria sets, the commune × criterion matrix,
recognitions, village assessments and the figures reports state about them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.common import DECIMAL, province_fk, updated_by_fk


class CriteriaSet(models.Model):
    """A set of criteria (Bộ tiêu chí) with its decision and validity: reference data."""

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Xã")
        VILLAGE = "village", _("Thôn, bản")

    code = models.CharField(_("số quyết định"), max_length=60, unique=True)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    level = models.CharField(_("áp dụng cho"), max_length=10, choices=Level.choices)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued = models.DateField(_("ngày ban hành"), null=True, blank=True)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    region = models.CharField(_("vùng áp dụng"), max_length=200, blank=True)
    based_on = models.ForeignKey("self", verbose_name=_("dựa trên bộ"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="variants")
    size = models.PositiveSmallIntegerField(_("số tiêu chí"), null=True, blank=True,
                                            help_text=_("Khi danh sách tiêu chí chưa được nhập."))
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("bộ tiêu chí nông thôn mới")
        verbose_name_plural = _("bộ tiêu chí nông thôn mới")
        ordering = ["level", "-valid_from", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def criteria_count(self) -> int | None:
        n = self.criteria.count()
        return n or self.size


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.CASCADE,
                                     related_name="criteria")
    number = models.PositiveSmallIntegerField(_("số"))
    name = models.CharField(_("tên tiêu chí"), max_length=300)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["criteria_set", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CommuneCriterion(models.Model):
    """One cell of the matrix: a commune, a year, a criterion — met, not met or unknown."""

    CITUS_DISTRIBUTED = True

    class State(models.TextChoices):
        MET = "met", _("Đạt")
        NOT_MET = "not_met", _("Chưa đạt")
        UNKNOWN = "unknown", _("Chưa rõ")

    province = province_fk()
    commune = models.ForeignKey(OrgUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="cells")
    state = models.CharField(_("kết quả"), max_length=10, choices=State.choices, default=State.UNKNOWN)
    evidence = models.TextField(_("minh chứng"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    updated_by = updated_by_fk()
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả tiêu chí của xã")
        verbose_name_plural = _("kết quả tiêu chí của xã")
        constraints = [models.UniqueConstraint(fields=["province", "commune", "year", "criterion"],
                                               name="commune_criterion_unique")]
        indexes = [models.Index(fields=["province", "year"])]

    def __str__(self) -> str:
        return f"{self.commune} {self.year} {self.criterion.number}: {self.get_state_display()}"


class Recognition(models.Model):
    """A decision recognising a commune (or a village) as meeting a tier; it does not lapse by itself."""

    CITUS_DISTRIBUTED = True

    class Tier(models.TextChoices):
        STANDARD = "standard", _("Đạt chuẩn")
        ADVANCED = "advanced", _("Nâng cao")
        MODEL = "model", _("Kiểu mẫu")

    province = province_fk()
    commune = models.ForeignKey(OrgUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    village = models.CharField(_("thôn, bản"), max_length=200, blank=True)
    tier = models.CharField(_("mức"), max_length=10, choices=Tier.choices, default=Tier.STANDARD)
    decision = models.CharField(_("quyết định công nhận"), max_length=120)
    decision_date = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)
    period_note = models.CharField(_("giai đoạn"), max_length=100, blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("công nhận nông thôn mới")
        verbose_name_plural = _("công nhận nông thôn mới")
        constraints = [models.UniqueConstraint(fields=["province", "commune", "village", "tier", "decision"],
                                               name="recognition_unique")]

    def __str__(self) -> str:
        return f"{self.commune} {self.get_tier_display()} ({self.decision})"


class VillageAssessment(models.Model):
    """A village (thôn, bản) against the village set in one year."""

    CITUS_DISTRIBUTED = True

    province = province_fk()
    commune = models.ForeignKey(OrgUnit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    village = models.CharField(_("thôn, bản"), max_length=200)
    year = models.PositiveSmallIntegerField(_("năm"))
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT,
                                     related_name="+")
    met_count = models.PositiveSmallIntegerField(_("số tiêu chí đạt"))
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    updated_by = updated_by_fk()

    class Meta:
        verbose_name = _("đánh giá thôn, bản")
        verbose_name_plural = _("đánh giá thôn, bản")
        constraints = [models.UniqueConstraint(fields=["province", "commune", "village", "year", "criteria_set"],
                                               name="village_assessment_unique")]

    def __str__(self) -> str:
        return f"{self.village} ({self.commune}) {self.year}: {self.met_count}"


class Statement(models.Model):
    """A figure a report states about the matrix (a band count, an average, a
    criterion count with the communes it names). Checked against the matrix, never copied into it."""

    CITUS_DISTRIBUTED = True

    class Kind(models.TextChoices):
        AVERAGE = "average", _("Bình quân tiêu chí/xã")
        BAND = "band", _("Số xã theo nhóm tiêu chí")
        CRITERION_MET = "criterion_met", _("Số xã đạt một tiêu chí")
        CRITERION_NOT_MET = "criterion_not_met", _("Số xã chưa đạt một tiêu chí")
        COMMUNE_MET = "commune_met", _("Số tiêu chí một xã đạt")
        COMMUNE_NOT_MET = "commune_not_met", _("Số tiêu chí một xã chưa đạt")
        STANDARD = "standard", _("Số xã đạt chuẩn")
        VILLAGE_BAND = "village_band", _("Số thôn, bản theo số tiêu chí")

    province = province_fk()
    district = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.PROTECT,
                                     related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("khóa"), max_length=20, blank=True, help_text=_("nhóm (10-14) hoặc số tiêu chí"))
    value = models.DecimalField(_("số báo cáo ghi"), **DECIMAL)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân được in"), default=0)
    named = models.JSONField(_("các xã được nêu tên"), default=list, blank=True)
    quote = models.TextField(_("trích dẫn"), blank=True)
    source = models.CharField(_("nguồn"), max_length=300)

    class Meta:
        verbose_name = _("số liệu báo cáo nêu")
        verbose_name_plural = _("số liệu báo cáo nêu")
        constraints = [models.UniqueConstraint(fields=["province", "district", "year", "kind", "key", "source"],
                                               name="ntm_statement_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} = {self.value} ({self.source})"
