"""An official report (báo cáo) of one unit and period, the prose the planning office
writes for it, and every file generated from it with the snapshot of its inputs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.core.models import JobRecord
from ktxh.orgunits.models import OrgUnit
from ktxh.reports.kinds import KIND_CHOICES

DEFAULT_RECIPIENTS = (
    "UBND tỉnh;\nSở Kế hoạch và Đầu tư tỉnh;\nTT. Huyện ủy;\nTT. HĐND huyện;\n"
    "CT, các PCT UBND huyện;\nCác cơ quan, đơn vị, đoàn thể huyện;\nUBND các xã, thị trấn;\nLưu: VT."
)

# The usual "Nơi nhận" of each kind of issuing People's Committee. After 1 July 2025 a
# commune reports straight to the province, whose planning office is in the Sở Tài chính
# (which absorbed the Sở Kế hoạch và Đầu tư); the ministry is the Bộ Tài chính.
_COMMUNE_WORD = {"ward": "phường", "special_zone": "đặc khu", "town": "thị trấn"}


def default_recipients(unit: OrgUnit, reform_done: bool = True) -> str:
    """The recipients a new report of `unit` starts with; `reform_done`: the report is
    about a period after 30/06/2025 (a province then writes to its communes and wards)."""
    if unit.kind == OrgUnit.Kind.DISTRICT:
        return DEFAULT_RECIPIENTS
    if unit.kind == OrgUnit.Kind.PROVINCE:
        below = "UBND các xã, phường" if reform_done else "UBND các huyện, thành phố"
        ministry = "Bộ Tài chính" if reform_done else "Bộ Kế hoạch và Đầu tư"
        return (f"Văn phòng Chính phủ;\n{ministry};\nTT. Tỉnh ủy;\nTT. HĐND tỉnh;\nCT, các PCT UBND tỉnh;\n"
                f"Các sở, ban, ngành tỉnh;\n{below};\nLưu: VT.")
    word = _COMMUNE_WORD.get(unit.kind, "xã")
    if unit.vintage == OrgUnit.Vintage.OLD:
        above = "UBND huyện;\nPhòng Tài chính - Kế hoạch huyện"
    else:
        above = "UBND tỉnh;\nSở Tài chính tỉnh"
    return (f"{above};\nTT. Đảng ủy {word};\nTT. HĐND {word};\nCT, các PCT UBND {word};\n"
            f"Các cơ quan, đơn vị, đoàn thể {word};\nLưu: VT.")


class Report(models.Model):
    # Per-unit rows: distributed by province under Citus (see data/tests/test_schema.py).
    CITUS_DISTRIBUTED = True

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("loại báo cáo"), max_length=20, choices=KIND_CHOICES)
    period = models.CharField(_("kỳ"), max_length=20)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True,
                              help_text=_("Ví dụ 375/BC-UBND; để trống khi chưa lấy số."))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True,
                             help_text=_("Để trống: tên đơn vị (ví dụ Phong Thổ)."))
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=60, default="CHỦ TỊCH")
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=80, default="TM. ỦY BAN NHÂN DÂN")
    recipients = models.TextField(_("nơi nhận"), default=DEFAULT_RECIPIENTS,
                                  help_text=_("Mỗi dòng một nơi nhận."))
    # Prose written by the office, key -> text (keys: kinds.PROSE_LABELS).
    sections = models.JSONField(_("nội dung do cơ quan soạn"), default=dict, blank=True)
    # A draft council resolution (kind "resolution") once the council has passed it:
    # its number and date; the year's targets then cite it (cycle/services.py).
    passed_as = models.ForeignKey("catalog.LegalBasis", verbose_name=_("nghị quyết đã thông qua"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["province", "org_unit", "kind", "period"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.org_unit} {self.period}"


class ReportFile(models.Model):
    """One generated document, kept with the data it was made from (`snapshot`: every
    figure, sentence and prose text it shows, plus the ids and values it read)."""

    CITUS_DISTRIBUTED = True

    class Format(models.TextChoices):
        DOCX = "docx", "DOCX (Word)"
        XLSX = "xlsx", "XLSX (Excel)"
        PDF = "pdf", "PDF"

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("định dạng"), max_length=4, choices=Format.choices)
    filename = models.CharField(_("tên tệp"), max_length=200)
    data = models.BinaryField(_("nội dung tệp"))
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    snapshot = models.JSONField(_("dữ liệu đầu vào"))
    inputs_digest = models.CharField(_("mã kiểm tra dữ liệu đầu vào"), max_length=64)
    # the copy with the internal annex of data checks (reports.content quality_notes): for the
    # office only, never the document that is signed
    internal = models.BooleanField(_("bản nội bộ"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename


class ReportJob(JobRecord):
    """One file being generated in the background (PDF, or any format for a large unit),
    so the web page shows its progress instead of hanging (reports/jobs.py). The task in
    the django-tasks queue (`task_id`) runs it in a worker process, which updates `step`
    and touches `updated_at` (heartbeat); the page polls the row every second."""

    CITUS_DISTRIBUTED = True

    class Status(models.TextChoices):
        QUEUED = "queued", _("đang chờ")
        RUNNING = "running", _("đang tạo")
        DONE = "done", _("đã xong")
        FAILED = "failed", _("không tạo được")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="jobs")
    format = models.CharField(_("định dạng"), max_length=4, choices=ReportFile.Format.choices)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps = models.PositiveSmallIntegerField(_("số bước"), default=1)
    file = models.ForeignKey(ReportFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    internal_notes = models.BooleanField(_("kèm phụ lục nội bộ"), default=False)

    class Meta:
        verbose_name = _("tác vụ tạo tệp báo cáo")
        verbose_name_plural = _("tác vụ tạo tệp báo cáo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report} {self.format} {self.status}"
