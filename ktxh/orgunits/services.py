"""Every write to the org-unit tree."""


from ktxh.core.writes import write_transaction
from ktxh.engine.fold import fold
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage


def orgunit_derive(unit: OrgUnit, parent: OrgUnit | None) -> None:
    """Fill the derived fields (vintage, level, folded name, path) from the unit's own
    fields and its parent; one rule for single saves and the bulk loader."""
    unit.vintage = OrgUnit.vintage_of(unit.valid_from)
    unit.level = parent.level + 1 if parent is not None else 1
    unit.name_folded = fold(unit.name)
    unit.path = f"{parent.path if parent is not None else '/'}{unit.path_segment}/"


@write_transaction
def orgunit_save(*, actor, unit: OrgUnit) -> OrgUnit:
    """Create or update a unit; keeps vintage, level, folded name and the materialised
    path of the unit and of its whole subtree in step."""
    if unit.parent_id and unit.pk and unit.parent_id == unit.pk:
        raise ValueError("Một đơn vị không thể là cấp trên của chính nó.")
    old = OrgUnit.objects.filter(pk=unit.pk).values_list("path", "level").first() if unit.pk else None
    parent = unit.parent if unit.parent_id else None
    orgunit_derive(unit, parent)
    if old and parent is not None and parent.path.startswith(old[0]):
        raise ValueError("Không thể chuyển một đơn vị vào cấp dưới của chính nó.")
    unit._history_user = actor if getattr(actor, "pk", None) else None
    unit.save()
    if old and (old[0] != unit.path or old[1] != unit.level):
        shift = unit.level - old[1]
        for child in OrgUnit.objects.filter(path__startswith=old[0]).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old[0]):]
            child.level += shift
            child._history_user = unit._history_user
            child.save(update_fields=["path", "level"])
    return unit


@write_transaction
def lineage_record(*, actor, source: OrgUnit, target: OrgUnit, event: str, date, basis: str = "",
                   share=None, origin: str = "") -> OrgUnitLineage:
    if source.pk == target.pk:
        raise ValueError("Đơn vị cũ và đơn vị mới phải khác nhau.")
    # One row per (old, new) pair: a correction may change the event (merge <-> split).
    row = OrgUnitLineage.objects.filter(source_unit=source, target_unit=target).first() or OrgUnitLineage(
        source_unit=source, target_unit=target)
    row.event, row.date, row.basis, row.share, row.source = event, date, basis, share, origin
    row._history_user = actor if getattr(actor, "pk", None) else None
    row.save()
    return row


@write_transaction
def lineage_delete(*, actor, source: OrgUnit, target: OrgUnit) -> int:
    deleted = 0
    for row in OrgUnitLineage.objects.filter(source_unit=source, target_unit=target):
        row._history_user = actor if getattr(actor, "pk", None) else None
        row.delete()
        deleted += 1
    return deleted
