"""The Excel round trip: a protected pre-filled form, upload with preview, all-or-
nothing commit through the grid's service, and no formula from user text."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ktxh.entry.tests.entry_helpers import agriculture_set, commune_set, grid_url, save_cell
from ktxh.values.models import DataValue

SHEET = "Nhập liệu"


def download(client, data_set):
    response = client.get(grid_url(data_set, "excel/"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def row_of(sheet, code):
    for row in sheet.iter_rows(min_row=7):
        if row[1].value == code:
            return row
    raise AssertionError(code)


def upload(client, data_set, book, name="bieu.xlsx"):
    out = io.BytesIO()
    book.save(out)
    return client.post(grid_url(data_set, "tai-len/"), {"file": SimpleUploadedFile(name, out.getvalue())})


def test_the_form_is_prefilled_protected_and_has_vietnamese_headers(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    save_cell(client, data_set, data_set.indicators.get(code="02.02"), "754,2", comment="ước")
    sheet = download(client, data_set)[SHEET]
    headers = [c.value for c in sheet[6]]
    assert headers[:8] == ["TT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Kỳ trước",
                           "Cùng kỳ năm trước", "Số liệu kỳ này"]
    assert sheet.protection.sheet
    grain = row_of(sheet, "02.01")
    assert grain[2].value == "Tổng sản lượng lương thực có hạt" and grain[3].value == "tấn"
    assert grain[5].value == "4.376,59"
    assert grain[2].protection.locked and not grain[7].protection.locked and not grain[9].protection.locked
    assert row_of(sheet, "02.02")[7].value == "754,2"


def test_user_text_that_looks_like_a_formula_is_exported_as_text(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    for code, comment in [("02.02", "=HYPERLINK(\"http://x\")"), ("02.03", "+1+1"), ("02.10", "@SUM(A1)"),
                          ("02.06", "-2+3")]:
        response = save_cell(client, data_set, data_set.indicators.get(code=code), "5", comment=comment, confirmed="1")
        assert response["X-Entry-Result"] == "saved"
    response = client.get(grid_url(data_set, "excel/"))
    sheet = load_workbook(io.BytesIO(response.content))[SHEET]
    for code in ["02.02", "02.03", "02.10", "02.06"]:
        cell = row_of(sheet, code)[9]
        assert cell.data_type == "s" and cell.value[0] in "=+@-" and cell.quotePrefix
    assert b"<f>" not in _sheet_xml(response.content)


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_an_uploaded_form_is_previewed_then_committed_through_the_same_checks(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    book = download(client, data_set)
    sheet = book[SHEET]
    row_of(sheet, "02.01")[7].value = "4.512,5"
    row_of(sheet, "02.02")[7].value = 760.5  # a number cell, as Excel stores a typed number
    row_of(sheet, "02.02")[8].value = "chính thức"
    response = upload(client, data_set, book)
    page = response.content.decode()
    assert response.status_code == 200 and "4.512,5" in page and "760,5" in page
    assert not DataValue.objects.filter(submission__data_set=data_set).exists()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = client.post(grid_url(data_set, "tai-len/ghi/"), {"payload": payload})
    assert response.status_code == 302
    values = {v.indicator.code: (v.value, v.kind) for v in DataValue.objects.filter(submission__data_set=data_set)}
    assert values == {"02.01": (4512.5, "estimate"), "02.02": (760.5, "official")}
    assert DataValue.objects.get(submission__data_set=data_set, indicator__code="02.01").source.startswith("tệp Excel")


def test_one_bad_cell_rejects_the_whole_file_listing_every_problem(client_as, commune_clerk):
    data_set = commune_set(commune_clerk)
    client = client_as(commune_clerk)
    book = download(client, data_set)
    sheet = book[SHEET]
    row_of(sheet, "05.02")[7].value = "97,5"
    row_of(sheet, "06.03")[7].value = "130"
    row_of(sheet, "08.05")[7].value = "mười"
    row_of(sheet, "02.07")[8].value = "tạm tính"
    row_of(sheet, "02.07")[7].value = "12"
    response = upload(client, data_set, book)
    page = response.content.decode()
    assert response.status_code == 400
    r603, r805, r207 = (row_of(sheet, c)[7].row for c in ["06.03", "08.05", "02.07"])
    for cell in [f"H{r603}", f"H{r805}", f"I{r207}"]:
        assert f"<td>{cell}</td>" in page
    assert "0–100" in page and "không phải là số" in page and SHEET in page
    assert 'name="payload"' not in page
    assert not DataValue.objects.filter(submission__data_set=data_set).exists()


def test_files_that_are_not_xlsx_too_large_or_for_another_unit_get_a_clear_message(client_as, commune_clerk):
    from ktxh.entry.models import DataSet

    data_set = commune_set(commune_clerk)
    client = client_as(commune_clerk)
    response = client.post(grid_url(data_set, "tai-len/"), {"file": SimpleUploadedFile("bieu.xlsx", b"not a zip")},
                           follow=True)
    assert "không phải là tệp Excel" in response.content.decode()
    response = client.post(grid_url(data_set, "tai-len/"), {"file": SimpleUploadedFile("bieu.csv", b"a,b")}, follow=True)
    assert "không phải tệp Excel" in response.content.decode()
    big = SimpleUploadedFile("bieu.xlsx", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024 + 10))
    assert "Tệp quá lớn" in client.post(grid_url(data_set, "tai-len/"), {"file": big}, follow=True).content.decode()
    # A form downloaded for another commune (by the planning office) uploaded here.
    other = DataSet.objects.filter(agency__isnull=True, reporter_unit__parent__code="109").exclude(pk=data_set.pk).first()
    from django.contrib.auth import get_user_model

    planner_client = client_as(get_user_model().objects.get(username="planner"))
    foreign = planner_client.get(grid_url(other, "excel/")).content
    client = client_as(commune_clerk)
    response = client.post(grid_url(data_set, "tai-len/"), {"file": SimpleUploadedFile("bieu.xlsx", foreign)},
                           follow=True)
    assert "không phải biểu của" in response.content.decode()
    assert not DataValue.objects.filter(submission__data_set=data_set).exists()


def test_a_value_changed_by_someone_after_the_preview_rejects_the_commit(client_as, department_officer):
    data_set = agriculture_set()
    client = client_as(department_officer)
    tea = data_set.indicators.get(code="02.02")
    book = download(client, data_set)
    row_of(book[SHEET], "02.02")[7].value = "760"
    row_of(book[SHEET], "02.01")[7].value = "4.400"
    payload = re.search(r'name="payload" value="([^"]+)"', upload(client, data_set, book).content.decode()).group(1)
    save_cell(client, data_set, tea, "755")  # saved in the grid meanwhile
    response = client.post(grid_url(data_set, "tai-len/ghi/"), {"payload": payload})
    assert response.status_code == 409 and "755" in response.content.decode()
    assert list(DataValue.objects.filter(submission__data_set=data_set).values_list("value", flat=True)) == [755]


def test_a_tampered_preview_is_refused(client_as, department_officer):
    data_set = agriculture_set()
    response = client_as(department_officer).post(grid_url(data_set, "tai-len/ghi/"), {"payload": "[1, 2]"},
                                                  follow=True)
    assert "không hợp lệ" in response.content.decode()
