"""Reads of the org-unit tree (not scoped: the tree itself is public reference data)."""

from django.db.models import QuerySet

from ktxh.engine.fold import fold
from ktxh.orgunits.models import OrgUnit


class UnitNotFound(LookupError):
    pass


def province_of(unit: OrgUnit) -> OrgUnit:
    """The level-1 unit above `unit` (or `unit` itself): the Citus distribution key."""
    code = unit.path.strip("/").split("/")[0]
    return unit if unit.code == code else OrgUnit.objects.get(code=code)


def subtree(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=unit.path)


def orgunit_find(text: str) -> OrgUnit:
    """An official code, or a name typed with or without accents ("Phong Thổ", "phong tho")."""
    text = (text or "").strip()
    if not text:
        raise UnitNotFound("Chưa nhập đơn vị.")
    if unit := OrgUnit.objects.filter(code=text).first():
        return unit
    folded = fold(text)
    exact = list(OrgUnit.objects.filter(name_folded=folded))
    if not exact:
        # "phong tho" should find "Huyện Phong Thổ": match the name without its kind word;
        # when a district and its town share the name, the higher level is meant.
        exact = [u for u in OrgUnit.objects.filter(name_folded__endswith=" " + folded)]
        top = min((u.level for u in exact), default=None)
        if sum(u.level == top for u in exact) == 1:
            exact = [u for u in exact if u.level == top]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        names = ", ".join(f"{u.name} ({u.code})" for u in exact)
        raise UnitNotFound(f"Tên đơn vị '{text}' trùng nhiều đơn vị: {names}. Hãy dùng mã đơn vị.")
    raise UnitNotFound(f"Không tìm thấy đơn vị '{text}'.")
