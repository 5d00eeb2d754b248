"""The household register of a commune, the annual review and its per-household results.

Big tables (households, their yearly results, the history and the access log) carry
`province` (the level-1 unit) and every unique constraint includes it (Citus-ready,
docs/architecture.md). Personal data: read only through accounts.access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.engine.poverty import AREAS, CLASSES, MOVEMENTS, ethnic_minority
from ktxh.orgunits.models import OrgUnit


class Household(models.Model):
    CITUS_DISTRIBUTED = True

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    commune = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="households", verbose_name=_("xã"))
    code = models.CharField(_("mã hộ"), max_length=40)
    village = models.CharField(_("thôn, bản"), max_length=100, blank=True)
    head_name = models.CharField(_("chủ hộ"), max_length=200, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=50, blank=True)
    area = models.CharField(_("khu vực"), max_length=10, choices=list(AREAS.items()))
    policy_groups = models.CharField(_("đối tượng chính sách"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        constraints = [models.UniqueConstraint(fields=["province", "code"], name="household_code_unique")]
        indexes = [models.Index(fields=["province", "commune", "village"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.head_name}"

    @property
    def ethnic_minority(self) -> bool:
        return ethnic_minority(self.ethnicity)


class Review(models.Model):
    """One commune's review of one year: open -> published (list posted for comment) -> approved."""

    CITUS_DISTRIBUTED = True

    class State(models.TextChoices):
        OPEN = "open", _("đang rà soát")
        PUBLISHED = "published", _("đã niêm yết")
        APPROVED = "approved", _("đã phê duyệt")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    commune = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="poverty_reviews",
                                verbose_name=_("xã"))
    year = models.PositiveSmallIntegerField(_("năm"))
    standard = models.CharField(_("chuẩn nghèo"), max_length=20)
    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("đợt rà soát hộ nghèo")
        verbose_name_plural = _("đợt rà soát hộ nghèo")
        constraints = [models.UniqueConstraint(fields=["province", "commune", "year"], name="review_year_unique")]

    def __str__(self) -> str:
        return f"Rà soát năm {self.year} · {self.commune.name}"


class HouseholdYear(models.Model):
    """A household in one review: what the list says and the classification computed from it."""

    CITUS_DISTRIBUTED = True

    class Status(models.TextChoices):
        PRESENT = "present", _("đang cư trú")
        MOVED = "moved", _("chuyển đi")
        DIED = "died", _("chết, hết nhân khẩu")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="entries")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="years")
    members = models.PositiveSmallIntegerField(_("số nhân khẩu"))
    income = models.DecimalField(_("thu nhập bình quân (đồng/người/tháng)"), max_digits=15, decimal_places=0)
    deprivation_mask = models.PositiveIntegerField(_("chỉ số thiếu hụt"), default=0)  # bit i = INDICATOR_CODES[i]
    deprivations = models.PositiveSmallIntegerField(_("số chỉ số thiếu hụt"), default=0)
    klass = models.CharField(_("phân loại"), max_length=20, choices=list(CLASSES.items()))
    reason = models.CharField(_("lý do"), max_length=300)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.PRESENT)
    movement = models.CharField(_("biến động"), max_length=20, choices=list(MOVEMENTS.items()))

    class Meta:
        verbose_name = _("kết quả rà soát của hộ")
        verbose_name_plural = _("kết quả rà soát của hộ")
        constraints = [models.UniqueConstraint(fields=["province", "review", "household"],
                                               name="household_year_unique")]

    def __str__(self) -> str:
        return f"{self.household_id} · {self.review_id} · {self.klass}"


class PovertyEvent(models.Model):
    """Append-only history of every write (review opened, list imported, entry edited, published,
    approved) and log of every view or export of household records (who, when, what)."""

    CITUS_DISTRIBUTED = True

    class Action(models.TextChoices):
        OPEN = "open", _("mở đợt rà soát")
        IMPORT = "import", _("nhập danh sách")
        EDIT = "edit", _("sửa thông tin hộ")
        PUBLISH = "publish", _("niêm yết danh sách")
        APPROVE = "approve", _("phê duyệt")
        VIEW = "view", _("xem danh sách hộ")
        EXPORT = "export", _("xuất danh sách hộ")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    commune = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("xã"))
    review = models.ForeignKey(Review, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(_("việc"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("nội dung"), max_length=500)

    class Meta:
        verbose_name = _("nhật ký hộ nghèo")
        verbose_name_plural = _("nhật ký hộ nghèo")
        indexes = [models.Index(fields=["province", "commune", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} · {self.get_action_display()} · {self.detail}"
