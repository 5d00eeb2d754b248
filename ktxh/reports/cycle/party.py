"""The Party committee's report on the year (seed 002, Mường Tè), in the format of the
Party's own documents (Hướng dẫn 36-HD/VPTW of 03/4/2018, not Decree 30/2020): header
"ĐẢNG BỘ TỈNH … / HUYỆN ỦY …" with the star, "ĐẢNG CỘNG SẢN VIỆT NAM", "Số …-BC/HU",
signed "T/M HUYỆN ỦY", and the annex "BIỂU KẾT QUẢ THỰC HIỆN"."""

from ktxh.evaluation.table import evaluation_table
from ktxh.reports import content as base
from ktxh.reports import phrasing
from ktxh.reports.cycle import common
from ktxh.reports.kinds import KINDS, report_period


def party_recipients(unit, body: dict) -> str:
    """The usual "Nơi nhận" of a committee's report (36-HD/VPTW: each line ends with a comma)."""
    parent = common.parent_unit(unit)
    above = f"Ban Thường vụ Đảng bộ {common.lower_name(parent)} (b/c)" if parent is not None else \
        "Ban Bí thư Trung ương Đảng (b/c)"
    word = common.level_word(unit)
    return "\n".join([f"{above},", f"Các đồng chí Ủy viên BCH Đảng bộ {word},", "Các chi, đảng bộ trực thuộc,",
                      f"Mặt trận Tổ quốc và các đoàn thể {word},", f"Lưu Văn phòng {body['of']}."])


def build_party(report) -> dict:
    spec = KINDS["party"]
    period = report_period("party", report.period)
    unit, year = report.org_unit, period.year
    table = evaluation_table(unit=unit, period=period.code)
    next_table = evaluation_table(unit=unit, period=str(year + 1))
    body_of = common.party_body(unit)
    words = {"year": year, "next_year": year + 1}
    committee = body_of["committee"]
    intro = [f"{committee} báo cáo tình hình thực hiện nhiệm vụ năm {year}, nhiệm vụ trọng tâm năm {year + 1}, "
             "cụ thể như sau:"]
    body = []
    for item, value in spec.outline:
        if item == "prose":
            body += common.prose(report, value, intro if value == "intro" else None)
        elif value == "results":
            body.append({"type": "text", "text": phrasing.summary_paragraph(table)})
            for number, (_, rows) in enumerate(table.groups, 1):
                body.append({"type": "text", "text": phrasing.group_paragraph(number, rows, f"năm {year - 1}")})
        elif value == "next_targets":
            body += [{"type": "text", "text": p} for p in phrasing.targets_paragraphs(next_table)]
        else:
            body.append({"type": item, "text": value.format(**words)})
    labels = {"prior": f"TH năm {year - 1}", "plan": f"Kế hoạch năm {year}",
              "value": ("Ước TH" if any(r.value and r.value.kind == "estimate" for r in table.rows) else "TH")
              + f" năm {year}", "pct": f"TH/KH năm {year} (%)", "change": f"So năm {year - 1}",
              "next_plan": f"Kế hoạch năm {year + 1}"}
    annex = base._annex_main(table, next_table, labels)
    annex.update(title="BIỂU KẾT QUẢ THỰC HIỆN", heading=f"Các chỉ tiêu chủ yếu năm {year}, kế hoạch năm {year + 1}")
    symbol = f"-BC/{body_of['symbol']}"
    number = common.number_line(report.number, f"Số      {symbol}", colon=False)
    authority, title = report.signer_authority, report.signer_title
    if authority == common.UBND_AUTHORITY:  # a blank draft carries the model's People's Committee default
        authority, title = body_of["authority"], "BÍ THƯ" if title == common.UBND_TITLE else title
    place = report.place or common.short_name(unit)
    doc = {
        "style": "party",
        "header": {"parent": body_of["parent"], "issuer": body_of["issuer"], "number": number,
                   "place_date": common.date_line(place, report.issued_on, year)},
        "title": "BÁO CÁO", "subtitle": spec.title.format(**words), "body": body, "closing": "",
        "recipients": common.recipients(report, party_recipients(unit, body_of)),
        "signer": {"authority": authority, "title": title, "name": report.signer_name},
    }
    annex["attached"] = (f"(Kèm theo Báo cáo {number.replace('Số ', 'số ')}, "
                         f"{common.date_line(place, report.issued_on, year).split(', ', 1)[1]} của {committee})")
    return {
        "meta": {"kind": "party", "kind_label": spec.label, "unit": unit.code, "unit_name": unit.name,
                 "period": period.code, "period_label": period.label_vi, "report_id": report.pk, "cycle": True},
        "documents": [doc], "annexes": [annex], "summary_sentence": table.summary_sentence,
        "inputs": base._inputs([table, next_table]),
    }
