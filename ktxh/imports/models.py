"""A report uploaded for review: its text, who uploaded it, and what was accepted from it.

The same file (same sha256) uploaded again in the same province is the same document:
its review page opens again and accepting its figures again updates, never duplicates.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        verbose_name = _("báo cáo đã tải lên")
        verbose_name_plural = _("báo cáo đã tải lên")
        ordering = ["-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["province", "sha256"], name="imported_document_unique_file"),
        ]

    def __str__(self) -> str:
        return self.file_name
