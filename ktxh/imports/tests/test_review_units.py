"""The review page's unit list and stored values in the two-level world: names grouped by
vintage as of the document's period, and a value stored for an old unit never shown
beside a new unit that reuses its code (identity is code + vintage, docs/units.md)."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ktxh.catalog.models import Indicator
from ktxh.imports.models import ImportedDocument
from ktxh.orgunits.selectors import unit_resolve
from ktxh.values.models import DataValue
from ktxh.values.services import value_set

TEXT = ("Trong năm 2025, tình hình kinh tế - xã hội trên địa bàn xã tiếp tục phát triển. "
        "Tổng sản lượng lương thực có hạt đạt 1.800 tấn.\n")


def _office(client_as):
    user = get_user_model().objects.get(username="so_tai_chinh")
    return user, client_as(user)


def _document(client, unit_key, period="2025"):
    client.post(reverse("import_upload"), {"file": SimpleUploadedFile("xa.txt", TEXT.encode("utf-8"))})
    doc = ImportedDocument.objects.get(file_name="xa.txt")
    client.post(reverse("import_period", args=[doc.pk]), {"ky": period, "don-vi": unit_key})
    doc.refresh_from_db()
    return doc


def _unit_options(page: str) -> list[tuple[str, str]]:
    block = page[page.index('<datalist id="import-units">'):]
    block = block[:block.index("</datalist>")]
    return re.findall(r'<option value="([^"]+)">([^<]+)</option>', block)


@pytest.mark.django_db
def test_the_unit_list_offers_names_grouped_by_vintage_and_the_key_of_a_reused_code(client_as):
    _, client = _office(client_as)
    doc = _document(client, "03388@2025")  # new Phường Đoàn Kết, carrying old Quyết Tiến's code
    assert doc.org_unit == unit_resolve("03388@2025") and doc.period == "2025"
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    options = dict(_unit_options(page))
    assert options["03388@2025"] == "Phường Đoàn Kết · Đơn vị từ 01/07/2025"
    assert options["03388@cu"] == "Phường Quyết Tiến · Đơn vị trước 01/07/2025"
    assert "03388" not in options  # a bare reused code would name two units
    values = [v for v, _ in _unit_options(page)]
    # the 2025 document's group (the new units) comes first
    assert values.index("03388@2025") < values.index("03388@cu")
    row = re.search(r'name="don-vi-\d+"[^>]*value="([^"]*)"', page)
    assert row and row.group(1) == "03388@2025"
    assert 'data-testid="import-unit-name">Phường Đoàn Kết<' in page


@pytest.mark.django_db
def test_an_old_units_value_is_never_shown_beside_the_new_unit_with_its_code(client_as):
    office, client = _office(client_as)
    grain = Indicator.objects.get(code="02.01")
    value_set(actor=office, indicator=grain, org_unit=unit_resolve("03388@cu"), period="2025", kind="official",
              value=Decimal("999"))  # old Phường Quyết Tiến
    doc = _document(client, "03388@2025")
    page = client.get(reverse("import_review", args=[doc.pk])).content.decode()
    stored = re.findall(r'data-testid="import-stored">(.*?)</td>', page, re.S)
    assert stored and all("999" not in cell and "chưa có" in cell for cell in stored)
    # accepting writes to the new unit, beside (not over) the old unit's figure
    client.post(reverse("import_accept", args=[doc.pk]), {"nhan-tat-ca": "1"})
    new = DataValue.objects.get(indicator=grain, org_unit=unit_resolve("03388@2025"), period="2025")
    assert new.value == Decimal("1800")
    assert DataValue.objects.get(indicator=grain, org_unit=unit_resolve("03388@cu"), period="2025").value == 999
    # the old unit's own document sees its own value
    ImportedDocument.objects.filter(pk=doc.pk).delete()
    old_doc = _document(client, "03388@cu", period="2025-H1")
    old_page = client.get(reverse("import_review", args=[old_doc.pk])).content.decode()
    assert re.search(r'name="don-vi-\d+"[^>]*value="03388@cu"', old_page)
