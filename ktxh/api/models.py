"""API tokens: a key issued to a user for machines, stored only as its SHA-256.

The key is 32 random bytes, so a fast hash is enough (nothing to brute-force);
the first characters are kept in clear to find the row and to name it in lists.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
                             related_name="api_tokens")
    prefix = models.CharField(_("tiền tố"), max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    name = models.CharField(_("tên, mục đích"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… · {self.user}"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def state_vi(self) -> str:
        if self.revoked_at:
            return "đã thu hồi"
        if self.expires_at and self.expires_at <= timezone.now():
            return "đã hết hạn"
        return "đang dùng"
