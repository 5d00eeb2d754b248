"""The one place that decides what a user may see or change.

Views, the API and the CLI ask this module for scoped querysets and never filter
by hand. A role applies to its org unit and the unit's whole subtree.
"""

from django.db.models import Q, QuerySet

from ktxh.accounts.models import Role, RoleAssignment
from ktxh.orgunits.models import OrgUnit


def _assignments(user) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_ktxh_roles", None)
    if cached is None:
        cached = list(RoleAssignment.objects.select_related("org_unit", "agency").filter(user=user))
        user._ktxh_roles = cached
    return cached


def units_visible(user) -> QuerySet[OrgUnit]:
    """Units whose figures the user may read: every subtree they hold any role in."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return OrgUnit.objects.all()
    paths = {a.org_unit.path for a in _assignments(user)}
    if not paths:
        return OrgUnit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)


def can_view_unit(user, unit: OrgUnit) -> bool:
    return units_visible(user).filter(pk=unit.pk).exists()


def can_administer(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or any(a.role == Role.ADMIN for a in _assignments(user))


def default_unit(user) -> OrgUnit | None:
    """The unit a user lands on: the highest unit among their assignments."""
    units = sorted((a.org_unit for a in _assignments(user)), key=lambda u: (u.level, u.path))
    if units:
        return units[0]
    if getattr(user, "is_superuser", False):
        return OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT).order_by("path").first()
    return None
