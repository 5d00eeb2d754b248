"""Reported values (số liệu thực hiện) with kind, provenance and full history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ktxh.catalog.models import DECIMAL, Indicator
from ktxh.orgunits.models import OrgUnit


def visible(prefix: str = "") -> Q:
    """The one visibility rule of a value row while a load runs (values/staging.py): a row a
    load wrote is seen once that load is done, a row it replaces until then. `prefix` names
    the relation from another model ("values__")."""
    done = LoadRun.objects.filter(state=LoadRun.State.DONE).values("pk")
    not_done = LoadRun.objects.exclude(state=LoadRun.State.DONE).values("pk")
    return ((Q(**{f"{prefix}pending_run": None}) | Q(**{f"{prefix}pending_run__in": done}))
            & (Q(**{f"{prefix}replaced_run": None}) | Q(**{f"{prefix}replaced_run__in": not_done})))


class VisibleValues(models.Manager):
    """The default manager (and every relation's): only the rows readers may see."""

    def get_queryset(self):
        return super().get_queryset().filter(visible())


class DataValue(models.Model):
    class Kind(models.TextChoices):
        ESTIMATE = "estimate", _("Ước")
        OFFICIAL = "official", _("Chính thức")
        REVISED = "revised", _("Điều chỉnh")

    # When several kinds exist for one period the most authoritative one is shown.
    KIND_PRIORITY = {"revised": 3, "official": 2, "estimate": 1}

    # No index of its own: value_unique_per_kind begins with it. Every index is written by
    # each save and, 400.000 times over, by a load's swap (values/staging.py).
    province = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False,
                                 db_index=False)
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values")
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="values")
    period = models.CharField(_("kỳ"), max_length=20, db_index=True)
    kind = models.CharField(_("loại số liệu"), max_length=10, choices=Kind.choices, default=Kind.ESTIMATE)
    value = models.DecimalField(_("giá trị"), **DECIMAL)
    raw_text = models.CharField(_("văn bản gốc"), max_length=200, blank=True)
    comment = models.TextField(_("ghi chú"), blank=True)
    # Provenance: typed in (who, when), an upload (file, sheet, cell) or a report (file, line, quote).
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    source_quote = models.TextField(_("trích dẫn"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_index=False,  # read with its value, never searched by
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    # Optimistic concurrency: a save names the version it started from (see value_set).
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    # The report this value was entered in; the evaluation reads only values without
    # one or whose report is approved (docs/entry.md).
    submission = models.ForeignKey(
        "entry.Submission", verbose_name=_("báo cáo"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="values",
    )
    # Set only while a load runs (values/staging.py): the row this load writes, seen once it
    # is done; the row it replaces, seen until then. Both NULL on every settled row.
    pending_run = models.ForeignKey("LoadRun", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                    editable=False, db_index=False)
    replaced_run = models.ForeignKey("LoadRun", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                     editable=False, db_index=False)

    # History is read by value (indicator, unit, period: the indicator index) and by report
    # (submission); the other single-column indexes only cost every write.
    history = HistoricalRecords(no_db_index=["province", "org_unit", "updated_by", "period"],
                                excluded_fields=["pending_run", "replaced_run"])

    objects = VisibleValues()
    all_rows = models.Manager()  # noqa: DJ012 (ruff takes VisibleValues for a field) — the load's bookkeeping only

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            # Not on a row a load replaces: its new version (pending) then holds the key, so a
            # pending row and a settled one, or two loads, never give one key two rows.
            models.UniqueConstraint(
                fields=["province", "indicator", "org_unit", "period", "kind"], name="value_unique_per_kind",
                condition=Q(replaced_run__isnull=True),
            ),
        ]
        # The reads of a unit's period (province, org_unit, period), and every lookup of one key:
        # the partial unique index serves only a query that says replaced_run IS NULL, so
        # without this one PostgreSQL took a value's key through the three-column prefix and
        # filtered 70 indicators (and their dead versions) a row (a changed-value load: 600 s).
        indexes = [models.Index(fields=["province", "org_unit", "period", "indicator", "kind"], name="value_key"),
                   # partial: a settled row (every row but a running load's) writes no entry
                   # a load's pending rows in id order: its settle reads them chunk after chunk
                   # from where it stopped (PostgreSQL: past the dead entries of settled rows)
                   models.Index(fields=["pending_run", "id"], condition=Q(pending_run__isnull=False),
                                name="value_pending"),
                   # the replaced row of a key, found by the load that replaces it
                   models.Index(fields=["replaced_run", "province", "indicator", "org_unit", "period", "kind"],
                                condition=Q(replaced_run__isnull=False), name="value_replaced")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.org_unit.code} {self.period} {self.kind}"



class LoadRun(models.Model):
    """One large load of values (`ktxh load`, the API's bulk file): its rows are staged
    in batches (StagedValue), written beside the live values in short chunks, then published
    at once by saving the run as done (values.staging), which bumps the evaluations'
    revision like any write."""

    class State(models.TextChoices):
        STAGING = "staging", _("đang chuẩn bị")
        DONE = "done", _("đã nạp")
        FAILED = "failed", _("không nạp")

    source = models.CharField(_("tệp"), max_length=500)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.STAGING)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nạp"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    created_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần nạp số liệu")
        verbose_name_plural = _("lần nạp số liệu")

    def __str__(self) -> str:
        return f"{self.source} ({self.get_state_display()})"


class StagedValue(models.Model):
    """A checked value of a load not yet swapped in: read by nothing but the swap.
    Plain ids (no foreign keys) so staging and cleaning up are bulk statements."""

    run = models.ForeignKey(LoadRun, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    row = models.PositiveIntegerField()
    province_id = models.BigIntegerField()
    indicator_id = models.BigIntegerField()
    org_unit_id = models.BigIntegerField()
    period = models.CharField(max_length=20)
    kind = models.CharField(max_length=10)
    value = models.DecimalField(**DECIMAL)
    raw_text = models.CharField(max_length=200, blank=True)
    comment = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)
    action = models.CharField(max_length=1, blank=True)  # set by the swap: + new, ~ changed, = unchanged

    class Meta:
        indexes = [models.Index(fields=["run", "province_id", "indicator_id", "org_unit_id", "period", "kind"],
                                name="staged_value_key")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.row}"


class SourceDocument(models.Model):
    """A document values cite by file name (an accepted report, a demo seed), with the
    citation a person reads instead of the file name ("Báo cáo 375/BC-UBND"). Reference data,
    written by values.services.source_document_record; read by selectors.source_citation."""

    file_name = models.CharField(_("tên tệp"), max_length=255, unique=True)
    citation = models.CharField(_("trích dẫn"), max_length=300)

    class Meta:
        verbose_name = _("văn bản nguồn")
        verbose_name_plural = _("văn bản nguồn")
        ordering = ["file_name"]

    def __str__(self) -> str:
        return self.citation
