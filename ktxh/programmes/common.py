"""Pieces shared by the three programme modules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ktxh.orgunits.models import OrgUnit

# Money in triệu đồng and counts: exact decimals, as in the catalog.
DECIMAL = {"max_digits": 21, "decimal_places": 6}


class ProgrammeError(ValueError):
    """Bad input: a clear Vietnamese message; nothing has been written."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


def province_fk():
    # The Citus distribution key (province_id): every per-unit table carries it.
    return models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)


def updated_by_fk():
    from django.conf import settings

    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")


def actor_or_none(actor):
    return actor if getattr(actor, "pk", None) else None
