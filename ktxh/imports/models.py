"""A report uploaded for review: its text, who uploaded it, and what was accepted from it.

The same file (same sha256) uploaded again in the same province is the same document:
its review page opens again and accepting its figures again updates, never duplicates.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.core.models import JobRecord
from ktxh.orgunits.models import OrgUnit


class ImportedDocument(models.Model):
    CITUS_DISTRIBUTED = True

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("kích thước (byte)"))
    text = models.TextField(_("nội dung chữ"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    accepted_count = models.PositiveIntegerField(_("số liệu đã nhận"), default=0)
    accepted_at = models.DateTimeField(_("nhận số liệu lần cuối"), null=True, blank=True)
    # A text without a title block: the period the user confirmed before its figures were read.
    period = models.CharField(_("kỳ báo cáo"), max_length=20, blank=True)
    # The facts and findings read from `text`, stored once by the import job (services.document_review)
    # with the key they were read under (rules, period, catalog): the review page renders from it.
    extraction = models.JSONField(_("kết quả đọc số liệu"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("báo cáo đã tải lên")
        verbose_name_plural = _("báo cáo đã tải lên")
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["province", "sha256"], name="imported_document_unique_file"),
        ]

    def __str__(self) -> str:
        return self.file_name


class ImportJob(JobRecord):
    """Reading an uploaded report in the background (imports/jobs.py): the file's bytes wait
    here until a `ktxh worker` reads them into an ImportedDocument and extracts its figures,
    recording each step (and a heartbeat in `updated_at`) for the page that polls it."""

    CITUS_DISTRIBUTED = True

    class Status(models.TextChoices):
        QUEUED = "queued", _("đang chờ")
        RUNNING = "running", _("đang đọc")
        DONE = "done", _("đã xong")
        FAILED = "failed", _("không đọc được")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("kích thước (byte)"))
    data = models.BinaryField(_("nội dung tệp"), blank=True)  # emptied once the job has ended
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    steps = models.PositiveSmallIntegerField(_("số bước"), default=2)
    document = models.ForeignKey(ImportedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    existed = models.BooleanField(_("tệp đã tải lên trước đây"), default=False)
    fact_count = models.PositiveIntegerField(_("số liệu đọc được"), default=0)
    finding_count = models.PositiveIntegerField(_("điểm không nhất quán"), default=0)

    class Meta:
        verbose_name = _("tác vụ đọc báo cáo")
        verbose_name_plural = _("tác vụ đọc báo cáo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} {self.status}"
