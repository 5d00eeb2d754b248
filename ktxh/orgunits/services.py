"""Every write to the org-unit tree."""


from ktxh.core.writes import write_transaction
from ktxh.engine.fold import fold
from ktxh.orgunits.models import OrgUnit, OrgUnitLineage


@write_transaction
def orgunit_save(*, actor, unit: OrgUnit) -> OrgUnit:
    """Create or update a unit; keeps level, folded name and the materialised path of
    the unit and of its whole subtree in step."""
    if unit.parent_id and unit.pk and unit.parent_id == unit.pk:
        raise ValueError("Một đơn vị không thể là cấp trên của chính nó.")
    old_path = OrgUnit.objects.filter(pk=unit.pk).values_list("path", flat=True).first() if unit.pk else None
    parent_path = unit.parent.path if unit.parent_id else "/"
    if old_path and parent_path.startswith(old_path):
        raise ValueError("Không thể chuyển một đơn vị vào cấp dưới của chính nó.")
    unit.level = OrgUnit.LEVEL_OF_KIND[unit.kind]
    unit.name_folded = fold(unit.name)
    unit.path = f"{parent_path}{unit.code}/"
    unit.save()
    if old_path and old_path != unit.path:
        for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path):]
            child.save(update_fields=["path"])
    return unit


@write_transaction
def lineage_record(*, actor, source: OrgUnit, target: OrgUnit, event: str, date, basis: str = "") -> OrgUnitLineage:
    if source.pk == target.pk:
        raise ValueError("Đơn vị cũ và đơn vị mới phải khác nhau.")
    row, _ = OrgUnitLineage.objects.update_or_create(
        source_unit=source, target_unit=target, event=event, defaults={"date": date, "basis": basis}
    )
    return row
