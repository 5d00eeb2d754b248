"""A stock DHIS2 client from PyPI (dhis2-client) against the running app on 127.0.0.1:
push a data set, get DHIS2's import summary, read the values back."""

import pytest

from tests.browser.conftest import live_app  # noqa: F401  (the real app in a subprocess)

pytestmark = pytest.mark.slow


def test_a_stock_dhis2_client_pushes_a_data_set_and_reads_it_back(live_app):  # noqa: F811
    from dhis2_client import DHIS2Client
    from dhis2_client.errors import DHIS2HTTPError

    client = DHIS2Client(live_app + "/dhis2", username="planner", password="ktxh-demo", retries=0)
    assert client.get_system_info()["version"].startswith("2.")
    payload = {"period": "2025Q2", "orgUnit": "109", "dataValues": [
        {"dataElement": "02.01", "categoryOptionCombo": "official", "value": "9876.54"},
        {"dataElement": "02.02", "categoryOptionCombo": "estimate", "value": "188"},
        {"dataElement": "00.00", "value": "1"},
    ]}
    summary = client.post_data_value_set(payload)  # default id scheme: mapped uids, else codes
    report = summary["response"]
    assert report["importCount"] == {"imported": 2, "updated": 0, "ignored": 1, "deleted": 0}
    assert report["conflicts"][0]["object"] == "00.00"
    back = client.get_data_value_set({"orgUnit": "109", "period": "2025Q2", "idScheme": "code"})
    got = {(v["dataElement"], v["categoryOptionCombo"]): v["value"] for v in back["dataValues"]}
    assert got == {("02.01", "official"): "9876.54", ("02.02", "estimate"): "188"}
    with pytest.raises(DHIS2HTTPError) as refused:
        DHIS2Client(live_app + "/dhis2", username="planner", password="sai", retries=0).get_system_info()
    assert refused.value.status_code == 401
    client.close()
