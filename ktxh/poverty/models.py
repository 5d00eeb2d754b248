"""The household register of a commune, the annual review and its per-household results.

Big tables (households, their yearly results, the history and the access log) carry
`province` (the level-1 unit) and every unique constraint includes it (Citus-ready,
docs/architecture.md). Personal data: read only through accounts.access."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.core.models import JobRecord
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


class ListImport(JobRecord):
    """A commune's review list on its way in: uploaded (the bytes wait here), its columns mapped
    by the clerk (`mapping`), then validated and written by a background job (poverty/jobs.py),
    each step recorded with a heartbeat in `updated_at` for the page that follows it."""

    CITUS_DISTRIBUTED = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("chờ ghép cột")
        QUEUED = "queued", _("đang chờ")
        RUNNING = "running", _("đang nhập")
        DONE = "done", _("đã nhập")
        FAILED = "failed", _("không nhập được")

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    suffix = models.CharField(max_length=5)  # .xlsx or .csv: how the bytes are read
    size = models.PositiveIntegerField(_("kích thước (byte)"))
    data = models.BinaryField(_("nội dung tệp"), blank=True)  # emptied once imported
    header_first = models.PositiveSmallIntegerField(_("dòng tiêu đề đầu"), default=1)
    header_last = models.PositiveSmallIntegerField(_("dòng tiêu đề cuối"), default=1)
    head = models.JSONField(_("các dòng đầu"), default=list, blank=True)  # the first rows, for the mapping page
    mapping = models.JSONField(_("ghép cột"), default=dict, blank=True)  # plain column -> column index or choice
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    steps = models.PositiveSmallIntegerField(_("số bước"), default=3)
    problems = models.JSONField(_("các lỗi"), default=list, blank=True)  # every problem, with line and column
    entries = models.PositiveIntegerField(_("số hộ đã nhập"), default=0)
    created = models.PositiveIntegerField(_("số hộ mới"), default=0)
    updated = models.PositiveIntegerField(_("số hộ cập nhật"), default=0)
    skipped = models.PositiveIntegerField(_("số dòng không phải hộ"), default=0)
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập danh sách rà soát")
        verbose_name_plural = _("lần nhập danh sách rà soát")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} {self.status}"


class ColumnMemory(models.Model):
    """How a commune's list was mapped the last time it was imported: each plain column's header
    label (normalised) or choice, proposed again for its next list (next year's review)."""

    CITUS_DISTRIBUTED = True

    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh"))
    commune = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+", verbose_name=_("xã"))
    columns = models.JSONField(_("ghép cột"), default=dict)
    header_rows = models.PositiveSmallIntegerField(_("số dòng tiêu đề"), default=1)
    file_name = models.CharField(_("tệp lần trước"), max_length=255, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cách ghép cột của xã")
        verbose_name_plural = _("cách ghép cột của xã")
        constraints = [models.UniqueConstraint(fields=["province", "commune"], name="column_memory_unique")]

    def __str__(self) -> str:
        return f"{self.commune_id} · {len(self.columns)} cột"
