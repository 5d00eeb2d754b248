"""Pages pick the units valid for their period; a dissolved unit sends to its successor."""

import pytest

from ktxh.evaluation.tests.carry_world import build, fill, put


@pytest.fixture
def world(db):
    w = build()
    fill(w)
    return w


def test_a_new_commune_for_2024_shows_figures_carried_from_its_predecessors(world, client_as, admin_user):
    page = client_as(admin_user).get("/danh-gia/?unit=98101@2025&period=2024").content.decode()
    assert "Xã Mới · Năm 2024" in page
    assert "Xã Mới được thành lập từ 01/07/2025" in page
    assert "Chuyển từ đơn vị trước sắp xếp: Xã An, Xã Bình, Xã Cường, Xã Dũng (40,00%); cách tính: cộng dồn" in page
    assert "chuỗi số liệu gián đoạn" in page  # the count of communes meeting the standard


def test_a_reused_code_means_the_unit_in_force_in_the_period(world, client_as, admin_user):
    client = client_as(admin_user)
    assert "Xã An · Năm 2024" in client.get("/danh-gia/?unit=98101&period=2024").content.decode()
    assert "Xã Mới · Năm 2026" in client.get("/danh-gia/?unit=98101&period=2026").content.decode()


def test_a_merged_commune_in_a_later_period_goes_to_its_successor_with_a_message(world, client_as, admin_user):
    client = client_as(admin_user)
    response = client.get("/danh-gia/?unit=98102&period=2026")
    assert response.status_code == 302 and "unit=98101%402025" in response["Location"]
    # the old unit's code is replaced, not repeated beside the new one
    assert response["Location"].count("unit=") == 1 and response["Location"].count("period=") == 1
    page = client.get(response["Location"]).content.decode()
    assert "Xã Bình đã sáp nhập vào Xã Mới từ 01/07/2025." in page and "Xã Mới · Năm 2026" in page


def test_a_split_commune_in_a_later_period_lists_its_successors(world, client_as, admin_user):
    response = client_as(admin_user).get("/so-sanh-xa/?unit=98201&period=2026")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xã Dũng đã sáp nhập vào Xã Mới, Xã Sau, Xã Lẻ từ 01/07/2025." in page
    assert "unit=98202@2025" in page


def test_the_unit_picker_groups_units_by_vintage(world, client_as, admin_user):
    page = client_as(admin_user).get("/danh-gia/?unit=98101@2025&period=2026").content.decode()
    picker = page[page.index('name="unit"'):page.index("</select>")]
    new, old = picker.index('label="Đơn vị từ 01/07/2025"'), picker.index('label="Đơn vị trước 01/07/2025"')
    assert new < old
    assert 'value="98101@2025" selected' in picker[new:old]
    assert 'value="98102@cu"' in picker[old:] and 'value="98102@cu"' not in picker[new:old]


def test_the_period_picker_shows_the_period_asked_for_even_without_data(world, client_as, admin_user):
    # the province has a 2024 figure and nothing for 2026 yet: the picker must not show
    # 2024 as chosen on the 2026 page
    put(world, "grain", "province", "2024", 1000)
    page = client_as(admin_user).get("/danh-gia/?unit=98&period=2026").content.decode()
    assert '<option value="2026" selected>Năm 2026</option>' in page
