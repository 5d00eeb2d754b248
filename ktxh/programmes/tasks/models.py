"""Plans that assign tasks to agencies (lead, coordinate, standing agency), the
communes each agency is in charge of, and the progress updates agencies post.
Status is never stored: it is derived from dates and updates (tasks/status.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.catalog.models import Agency
from ktxh.orgunits.models import OrgUnit
from ktxh.programmes.common import province_fk, updated_by_fk


class TaskPlan(models.Model):
    CITUS_DISTRIBUTED = True

    province = province_fk()
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("mã"), max_length=60)
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    title = models.CharField(_("tên kế hoạch"), max_length=400)
    start = models.DateField(_("bắt đầu"))
    end = models.DateField(_("kết thúc"))
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kế hoạch giao nhiệm vụ")
        verbose_name_plural = _("kế hoạch giao nhiệm vụ")
        ordering = ["-start", "code"]
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="task_plan_unique_code")]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    CITUS_DISTRIBUTED = True

    class Recurrence(models.TextChoices):
        NONE = "", _("Một lần")
        MONTHLY = "monthly", _("Hằng tháng")
        YEARLY = "yearly", _("Hằng năm")

    province = province_fk()
    plan = models.ForeignKey(TaskPlan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE, related_name="tasks")
    section = models.CharField(_("mục"), max_length=30)
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    text = models.TextField(_("nội dung"), blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    recurrence = models.CharField(_("định kỳ"), max_length=10, choices=Recurrence.choices, blank=True)
    # Yearly duty: due on this day and month each year ("trước ngày 10/12" -> 9/12).
    due_day = models.PositiveSmallIntegerField(_("ngày hạn"), null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(_("tháng hạn"), null=True, blank=True)
    due_text = models.CharField(_("hạn theo văn bản"), max_length=200, blank=True)
    channel = models.CharField(_("gửi báo cáo qua"), max_length=200, blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "section"]
        constraints = [models.UniqueConstraint(fields=["province", "plan", "section"], name="task_unique_section")]

    def __str__(self) -> str:
        return f"{self.section} {self.title}"


class TaskAgency(models.Model):
    CITUS_DISTRIBUTED = True

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATE = "coordinate", _("Phối hợp")
        STANDING = "standing", _("Cơ quan thường trực")
        FOCAL = "focal", _("Đầu mối")

    province = province_fk()
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="agencies")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = _("cơ quan thực hiện")
        verbose_name_plural = _("cơ quan thực hiện")
        constraints = [models.UniqueConstraint(fields=["province", "task", "agency", "role"], name="task_agency_unique")]

    def __str__(self) -> str:
        return f"{self.agency} ({self.get_role_display()})"


class CommuneDuty(models.Model):
    """An agency in charge of (phụ trách) or sharing (đồng phụ trách) a commune under a plan."""

    CITUS_DISTRIBUTED = True

    class Role(models.TextChoices):
        IN_CHARGE = "in_charge", _("Phụ trách")
        CO_IN_CHARGE = "co_in_charge", _("Đồng phụ trách")

    province = province_fk()
    plan = models.ForeignKey(TaskPlan, on_delete=models.CASCADE, related_name="commune_duties")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(OrgUnit, verbose_name=_("xã, thị trấn"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("cơ quan phụ trách xã")
        verbose_name_plural = _("cơ quan phụ trách xã")
        constraints = [models.UniqueConstraint(fields=["province", "plan", "agency", "commune"], name="commune_duty_unique")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_role_display()} {self.commune}"


class TaskUpdate(models.Model):
    CITUS_DISTRIBUTED = True

    province = province_fk()
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    date = models.DateField(_("ngày"))
    text = models.TextField(_("kết quả, tiến độ"))
    done = models.BooleanField(_("đã hoàn thành"), default=False)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    created_by = updated_by_fk()
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.task.section} {self.date:%d/%m/%Y}"
