from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Agency
from ktxh.orgunits.models import OrgUnit


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    PLANNER = "planner", _("Cán bộ phòng Tài chính - Kế hoạch")
    DEPARTMENT = "department", _("Cán bộ phòng, ban chuyên môn")
    COMMUNE = "commune", _("Cán bộ xã, thị trấn")
    LEADER = "leader", _("Lãnh đạo")
    VIEWER = "viewer", _("Người xem")


class RoleAssignment(models.Model):
    """A role held over an org unit and its whole subtree (a department role also
    names its agency: it enters that agency's indicators)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "org_unit", "role", "agency"], name="role_assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.org_unit}"
