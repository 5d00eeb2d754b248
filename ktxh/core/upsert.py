from django.db.models import Model


def save_if_changed(model: type[Model], *, lookup: dict, fields: dict, actor=None) -> tuple[Model, bool]:
    """Create or update one row; an unchanged row is not saved again, so loading the
    same data twice writes no new history."""
    row = model.objects.filter(**lookup).first()
    if row is not None and all(getattr(row, name) == value for name, value in fields.items()):
        return row, False
    row = row or model(**lookup)
    for name, value in fields.items():
        setattr(row, name, value)
    row._history_user = actor if getattr(actor, "pk", None) else None
    row.save()
    return row, True
