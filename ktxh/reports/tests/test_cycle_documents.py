"""The planning-cycle documents (issue 19): the Party committee's report, the multi-year
plan and the draft council resolution with its submission — header, signature, numbering,
and every figure equal to the evaluated data it was read from."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from ktxh.core.display import target_text
from ktxh.engine.numbers import format_number
from ktxh.evaluation.table import evaluation_table
from ktxh.orgunits.models import OrgUnit
from ktxh.reports import phrasing
from ktxh.reports.documents import build_content, build_docx
from ktxh.reports.models import Report
from ktxh.reports.tests.conftest import docx_text


def _unit(code, vintage=None):
    units = OrgUnit.objects.filter(code=code)
    return (units.filter(vintage=vintage) if vintage else units).get()


def _report(unit, kind, period, **fields):
    return Report(org_unit=unit, kind=kind, period=period, **fields)


@pytest.mark.django_db
def test_the_party_report_of_muong_te_is_headed_and_signed_as_36_hd_vptw_asks():
    content = build_content(_report(_unit("107"), "party", "2023"))
    doc = content["documents"][0]
    assert doc["header"]["parent"] == "ĐẢNG BỘ TỈNH LAI CHÂU"
    assert doc["header"]["issuer"] == "HUYỆN ỦY MƯỜNG TÈ"
    assert doc["header"]["number"].startswith("Số ") and doc["header"]["number"].endswith("-BC/HU")
    assert ":" not in doc["header"]["number"]  # Party numbers have no colon (Decree 30's have one)
    assert doc["signer"]["authority"] == "T/M HUYỆN ỦY" and doc["signer"]["title"] == "BÍ THƯ"
    text = docx_text(build_docx(content))
    for line in ("ĐẢNG CỘNG SẢN VIỆT NAM", "HUYỆN ỦY MƯỜNG TÈ", "*", "T/M HUYỆN ỦY", "BIỂU KẾT QUẢ THỰC HIỆN",
                 "Phần thứ nhất", "I- VIỆC DUY TRÌ CÁC HỘI NGHỊ", "IV- ĐÁNH GIÁ CHUNG", "Phần thứ hai"):
        assert line in text.splitlines() or line in text, line
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text


@pytest.mark.django_db
def test_a_commune_and_the_province_sign_for_their_own_party_committee():
    commune = OrgUnit.objects.filter(kind="commune", vintage="2025").order_by("code").first()
    doc = build_content(_report(commune, "party", "2026"))["documents"][0]
    assert doc["header"]["issuer"].startswith("ĐẢNG ỦY XÃ ") and doc["header"]["parent"] == "ĐẢNG BỘ TỈNH LAI CHÂU"
    assert doc["header"]["number"].endswith("-BC/ĐU") and doc["signer"]["authority"] == "T/M ĐẢNG ỦY"
    old = _unit("107-02")
    doc = build_content(_report(old, "party", "2023"))["documents"][0]
    assert doc["header"]["parent"] == "ĐẢNG BỘ HUYỆN MƯỜNG TÈ"  # an old commune sat under its district
    province = OrgUnit.objects.get(kind="province", code="12")
    doc = build_content(_report(province, "party", "2023"))["documents"][0]
    assert (doc["header"]["issuer"], doc["signer"]["authority"]) == ("TỈNH ỦY LAI CHÂU", "T/M TỈNH ỦY")
    assert doc["header"]["number"].endswith("-BC/TU")


@pytest.mark.django_db
def test_every_figure_of_the_party_annex_equals_the_evaluated_table():
    unit = _unit("107")
    content = build_content(_report(unit, "party", "2023"))
    table = evaluation_table(unit=unit, period="2023")
    next_rows = {r.indicator.code: r for r in evaluation_table(unit=unit, period="2024").rows}
    items = [r for r in content["annexes"][0]["rows"] if r["kind"] == "item"]
    assert len(items) == len(table.rows) > 30
    text = docx_text(build_docx(content))
    for item, row in zip(items, table.rows, strict=True):
        assert item["code"] == row.indicator.code
        assert (item["value"] or {}).get("t") == (format_number(row.value.value) if row.value else None)
        assert (item["plan"] or {}).get("t") == (target_text(row.target, row.indicator) if row.target else None)
        pct = row.evaluation.pct_of_plan
        assert (item["pct"] or {}).get("v") == (str(pct.quantize(Decimal("0.01"), ROUND_HALF_UP)) if pct is not None
                                                else None)
        following = next_rows.get(row.indicator.code)
        assert (item["next_plan"] or {}).get("t") == (target_text(following.target, row.indicator)
                                                      if following and following.target else None)
        assert item["status_text"] == row.evaluation.status.label_vi
        cells = [item["stt"], item["name"], item["unit"], (item["plan"] or {}).get("t", ""),
                 (item["value"] or {}).get("t", "chưa có số liệu"), (item["next_plan"] or {}).get("t", ""),
                 (item["pct"] or {}).get("t", ""), item["status_text"]]
        assert " | ".join(cells) in text  # the DOCX row prints exactly these
    # the counts and group paragraphs of §II.4 are the report phrasing of the same table
    body = [b["text"] for b in content["documents"][0]["body"]]
    assert phrasing.summary_paragraph(table) in body


@pytest.mark.django_db
def test_the_plan_lists_each_years_targets_the_funding_by_source_and_every_agencys_assignment():
    from ktxh.programmes.capital.selectors import capital_view
    from ktxh.programmes.tasks.models import Task

    unit = _unit("109")
    content = build_content(_report(unit, "plan", "2023-2025"))
    doc = content["documents"][0]
    assert (doc["header"]["issuer_parent"], doc["header"]["issuer"]) == ("ỦY BAN NHÂN DÂN", "HUYỆN PHONG THỔ")
    assert doc["header"]["number"].endswith("/KH-UBND") and doc["title"] == "KẾ HOẠCH"
    assert (doc["signer"]["authority"], doc["signer"]["title"]) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    headings = [b["text"] for b in doc["body"] if b["type"] == "h1"]
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI"]
    tables = [b for b in doc["body"] if b["type"] == "table"]
    targets = tables[0]
    assert targets["heads"][3:] == ["Năm 2023", "Năm 2024", "Năm 2025", "Đến năm 2025"]
    cells = {row["cells"][1]: row["cells"] for row in targets["rows"] if not row["bold"]}
    for column, period in enumerate(["2023", "2024", "2025", "2023-2025"], 3):
        for row in evaluation_table(unit=unit, period=period).rows:
            if row.target is not None:  # the entered figure, in its year's column
                assert format_number(abs(row.target.value)) in cells[row.indicator.name][column], (
                    row.indicator.name, period)
    # "dưới 30" as the plan writes it, the comparator of the 2025 poverty target
    poverty = [r for r in evaluation_table(unit=unit, period="2025").rows
               if r.target is not None and r.target.comparator == "<"]
    assert poverty and cells[poverty[0].indicator.name][5].startswith("dưới ")
    whole = capital_view(unit=unit, period="2023-2025", as_of=date(2025, 12, 31))
    texts = [b.get("text", "") for b in doc["body"]]
    assert any(f"là {format_number(whole.total.plan)} triệu đồng" in t for t in texts)
    for source, totals in whole.by_source:
        assert any(f"{source} {format_number(totals.plan)} triệu đồng" in t for t in texts)
    assigned = Task.objects.filter(plan__org_unit=unit, recurrence="").count()
    assert len(tables[-1]["rows"]) == assigned > 10
    for task in Task.objects.filter(plan__org_unit=unit, recurrence="").prefetch_related("agencies__agency"):
        row = next(r["cells"] for r in tables[-1]["rows"] if r["cells"][1] == task.title)
        assert all(ta.agency.name in row[2] + row[3] for ta in task.agencies.all())
    text = docx_text(build_docx(content))
    assert "Năm 2023 | Năm 2024 | Năm 2025 | Đến năm 2025" in text and "TM. ỦY BAN NHÂN DÂN" in text


@pytest.mark.django_db
def test_article_1_of_the_draft_resolution_lists_the_years_targets_as_entered():
    unit = _unit("109")
    content = build_content(_report(unit, "resolution", "2024"))
    submission, resolution = content["documents"]
    assert (submission["title"], resolution["title"]) == ("TỜ TRÌNH", "NGHỊ QUYẾT")
    assert resolution["subtitle"] == "Về kế hoạch phát triển kinh tế - xã hội năm 2024"
    assert resolution["header"]["issuer_parent"] == "HỘI ĐỒNG NHÂN DÂN" and resolution["draft"]
    assert submission["header"]["number"].endswith("/TTr-UBND")
    articles = [b["text"].split(".")[0] for b in resolution["body"] if b["type"] == "article"]
    assert articles == ["Điều 1", "Điều 2", "Điều 3"]
    table = evaluation_table(unit=unit, period="2024")
    targeted = [r for r in table.rows if r.target is not None]
    assert len(targeted) == len(content["targets"]) > 30
    article_1 = " ".join(b["text"] for b in resolution["body"])
    for row in targeted:
        assert phrasing.target_sentence(row) in article_1 or phrasing.lower_first(
            phrasing.target_sentence(row)) in article_1, row.indicator.name
    # comparators as the seeds write them: "duy trì" (2 targets of 2024)
    maintained = [r for r in targeted if r.target.comparator == "maintain"]
    assert len(maintained) == 2 and all(f"{r.indicator.name} duy trì " in article_1 or
                                        f"{phrasing.lower_first(r.indicator.name)} duy trì " in article_1
                                        for r in maintained)
    text = docx_text(build_docx(content))
    assert text.index("TỜ TRÌNH") < text.index("NGHỊ QUYẾT") < text.index("QUYẾT NGHỊ:")
    assert "TM. HỘI ĐỒNG NHÂN DÂN" in text and "DỰ THẢO" in text


@pytest.mark.django_db
def test_recording_the_passed_resolution_ties_the_years_targets_to_it_with_history(client_as, planner):
    from ktxh.catalog.models import Target

    client = client_as(planner)
    response = client.post("/bao-cao/", {"kind": "resolution", "unit": "109", "period": "2024"})
    report = Report.objects.get(kind="resolution", org_unit__code="109", period="2024")
    assert response.status_code == 302 and report.signer_authority == "TM. ỦY BAN NHÂN DÂN"
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "NGHỊ QUYẾT" in page and "Điều 1." in page and "Tải XLSX" not in page
    bad = client.post(f"/bao-cao/{report.pk}/nghi-quyet/", {"number": "abc", "passed_on": "2023-12-20"}, follow=True)
    assert "Số nghị quyết phải có dạng" in bad.content.decode()
    history = Target.history.count()
    client.post(f"/bao-cao/{report.pk}/nghi-quyet/", {"number": "150/NQ-HĐND", "passed_on": "2023-12-15"})
    report.refresh_from_db()
    targets = Target.objects.filter(org_unit__code="109", period="2024")
    assert report.passed_as.number == "150/NQ-HĐND"
    assert {t.legal_basis.number for t in targets} == {"150/NQ-HĐND"}
    assert Target.history.count() == history + targets.count()
    assert Target.history.latest("history_date").history_user == planner
    resolution = build_content(report)["documents"][1]
    assert resolution["header"]["number"] == "Số: 150/NQ-HĐND" and not resolution["draft"]
    assert "ngày 15 tháng 12 năm 2023" in resolution["header"]["place_date"]


@pytest.mark.django_db
def test_a_cycle_document_comes_as_docx_or_pdf_only(client_as, planner):
    from ktxh.reports.services import ReportInvalid, build_document

    client = client_as(planner)
    response = client.post("/bao-cao/", {"kind": "plan", "unit": "109", "period": "2023-2025"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    report = Report.objects.get(kind="plan")
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "VI. TỔ CHỨC THỰC HIỆN" in page and "Năm 2024" in page and "Chưa soạn nội dung: Mục đích" in page
    assert client.post(f"/bao-cao/{report.pk}/tao/xlsx/").status_code == 404
    with pytest.raises(ReportInvalid, match="DOCX, PDF"):
        build_document(build_content(report), "xlsx")
    response = client.post(f"/bao-cao/{report.pk}/tao/docx/")
    assert response.status_code == 200 and "KẾ HOẠCH" in docx_text(response.content)


@pytest.mark.django_db
def test_the_cli_writes_each_cycle_document_and_refuses_xlsx_in_vietnamese(tmp_path, capsys, monkeypatch):
    from ktxh.cli import main

    # the test database is already set up (the command's own check looks for a database file)
    monkeypatch.setattr("ktxh.reports.commands.setup_django", lambda: None)

    for kind, unit, period in (("party", "107", "2023"), ("plan", "phong tho", "2023-2025"),
                               ("resolution", "109", "2024")):
        out = tmp_path / f"{kind}.docx"
        assert main(["report", "--kind", kind, "--unit", unit, "--period", period, "--format", "docx",
                     "-o", str(out)]) == 0
        assert out.stat().st_size > 10_000
    assert "KẾ HOẠCH" in docx_text((tmp_path / "plan.docx").read_bytes())
    capsys.readouterr()
    assert main(["report", "--kind", "plan", "--unit", "109", "--period", "2023-2025", "--format", "xlsx",
                 "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "chỉ tải được dạng DOCX, PDF" in capsys.readouterr().err
    assert main(["report", "--kind", "plan", "--unit", "109", "--period", "2024", "--format", "docx",
                 "-o", str(tmp_path / "y.docx")]) == 2
    assert "Kế hoạch nhiều năm không lập cho kỳ" in capsys.readouterr().err


@pytest.mark.django_db
def test_the_party_report_pdf_is_made_by_the_job_worker_like_every_report(client_as, planner):
    import shutil
    import subprocess

    from ktxh.reports.models import ReportJob

    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice is missing: run scripts/ensure-system-packages.sh (make test does)")
    client = client_as(planner)
    # the planner's district is Phong Thổ; its Party committee is the Huyện ủy Phong Thổ
    client.post("/bao-cao/", {"kind": "party", "unit": "109", "period": "2023"})
    report = Report.objects.get(kind="party")
    assert (report.signer_authority, report.signer_title) == ("T/M HUYỆN ỦY", "BÍ THƯ")
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "BIỂU KẾT QUẢ THỰC HIỆN" in page
    response = client.post(f"/bao-cao/{report.pk}/tao/pdf/")
    job = ReportJob.objects.get(report=report)
    assert response.status_code == 302 and job.status == ReportJob.Status.DONE, job.message
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=bytes(job.file.data), capture_output=True,
                          check=True).stdout.decode()
    for line in ("HUYỆN ỦY PHONG THỔ", "ĐẢNG CỘNG SẢN VIỆT NAM", "T/M HUYỆN ỦY", "BIỂU KẾT QUẢ THỰC HIỆN"):
        assert line in text
