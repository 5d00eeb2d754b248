"""DHIS2 identifiers of ktxh's codes: a DHIS2 instance names data elements, org
units and category option combos by 11-character uids; this table maps them to
indicator codes, org unit codes and value kinds (idScheme=uid)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dhis2Mapping(models.Model):
    class Kind(models.TextChoices):
        DATA_ELEMENT = "data_element", _("Phần tử dữ liệu (chỉ tiêu)")
        ORG_UNIT = "org_unit", _("Đơn vị")
        CATEGORY_OPTION_COMBO = "category_option_combo", _("Loại số liệu (ước, chính thức, điều chỉnh)")

    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    uid = models.CharField(_("mã DHIS2 (uid)"), max_length=11)
    code = models.CharField(_("mã ktxh"), max_length=30)

    class Meta:
        verbose_name = _("ánh xạ mã DHIS2")
        verbose_name_plural = _("ánh xạ mã DHIS2")
        constraints = [
            models.UniqueConstraint(fields=["kind", "uid"], name="dhis2_mapping_unique_uid"),
            models.UniqueConstraint(fields=["kind", "code"], name="dhis2_mapping_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.uid} = {self.code}"
