"""The schema stays ready for Citus: large tables carry province_id, and every unique
constraint on them includes it (a distributed table needs its key in each one)."""

from django.apps import apps
from django.db import models

# Tables that grow with the number of units and periods (history tables included).
LARGE_TABLES = {"data.DataValue", "data.HistoricalDataValue", "catalog.Target", "catalog.HistoricalTarget"}


def large_models():
    found = []
    for model in apps.get_models():
        label = f"{model._meta.app_label}.{model.__name__}"
        extra = getattr(model, "CITUS_DISTRIBUTED", False)
        if label in LARGE_TABLES or extra:
            found.append(model)
    return found


def test_every_large_table_carries_the_province_key():
    models_found = large_models()
    assert len(models_found) >= len(LARGE_TABLES)
    for model in models_found:
        field = model._meta.get_field("province")
        assert field.column == "province_id", model


def test_every_unique_constraint_on_a_large_table_includes_the_province_key():
    for model in large_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                assert "province" in constraint.fields, (model, constraint.name)
        for field in model._meta.fields:
            if field.unique and not field.primary_key:
                raise AssertionError(f"{model.__name__}.{field.name} is unique without province_id")
        for together in model._meta.unique_together:
            assert "province" in together, model
