"""What every background job record shares (report, import, quality, unit load, poverty
list jobs: ktxh/core/jobs.py runs them). Abstract: each app keeps its own table, with its
own status choices (a DONE and a FAILED among them) and number of steps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRecord(models.Model):
    step = models.PositiveSmallIntegerField(_("bước"), default=0)
    step_label = models.CharField(_("đang làm"), max_length=120, blank=True)
    message = models.TextField(_("thông báo lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("lần chạy"), default=1)
    task_id = models.CharField(_("mã tác vụ trong hàng đợi"), max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
