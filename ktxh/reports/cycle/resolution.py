"""The draft People's Council resolution that sets next year's plan ("NGHỊ QUYẾT Về kế hoạch
phát triển kinh tế - xã hội … năm …"), preceded by the People's Committee's covering
submission (tờ trình). Điều 1 lists the year's targets exactly as entered, in the plans'
words ("trên", "dưới", "duy trì": reports/phrasing.target_sentence). When the council has
passed it, its number and date (services.resolution_record) head the resolution."""

from ktxh.evaluation.table import evaluation_table
from ktxh.reports import content as base
from ktxh.reports import phrasing
from ktxh.reports.cycle import common
from ktxh.reports.kinds import KINDS, report_period

_DOTS = "….."


def _laws(year: int) -> list[str]:
    """The law a council of that year's plan acts under: the plan of year N is passed in
    December N-1; the 2025 Law on local government applies from 1 July 2025."""
    if year >= 2026:
        return ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"]
    return ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
            "địa phương ngày 22 tháng 11 năm 2019;"]


def submission_recipients(unit) -> str:
    word = common.level_word(unit)
    return (f"Như trên;\nTT. {'Huyện ủy' if word == 'huyện' else 'Đảng ủy'};\nTT. HĐND {word};\nCác Ban HĐND {word};\n"
            f"Đại biểu HĐND {word};\nCT, các PCT UBND {word};\nLưu: VT.")


def _passed(report):
    return getattr(report, "passed_as", None) if report.pk else None


def build_resolution(report) -> dict:
    spec = KINDS["resolution"]
    period = report_period("resolution", report.period)
    unit, year = report.org_unit, period.year
    table = evaluation_table(unit=unit, period=period.code)
    planned = [(g, [r for r in rows if r.target is not None]) for g, rows in table.groups]
    planned = [(g, rows) for g, rows in planned if rows]
    name = common.lower_name(unit)
    word = common.level_word(unit)
    ubnd, hdnd = f"Ủy ban nhân dân {name}", f"Hội đồng nhân dân {name}"
    subject = spec.title.format(year=year)
    place = report.place or common.short_name(unit)
    submission_no = common.number_line(report.number, "Số:         /TTr-UBND")
    session = base._paragraphs((report.sections or {}).get("session", ""))
    session_text = session[0] if session else f"khóa {_DOTS}, kỳ họp thứ {_DOTS}"
    count = sum(len(rows) for _, rows in planned)

    submission, resolution = [], []
    target = submission
    for item, value in spec.outline:
        if item == "resolution":
            target = resolution
            continue
        if item == "prose":
            if value != "session":
                target += common.prose(report, value)
        elif value == "draft_outline":
            target += [{"type": "text", "text": "Dự thảo Nghị quyết gồm 03 điều:"},
                       {"type": "text", "text": f"Điều 1. Thông qua Kế hoạch phát triển kinh tế - xã hội năm {year}: mục "
                                                f"tiêu tổng quát; {count:02d} chỉ tiêu chủ yếu thuộc {len(planned):02d} "
                                                "nhóm; các nhiệm vụ, giải pháp chủ yếu."},
                       {"type": "text", "text": "Điều 2. Tổ chức thực hiện."},
                       {"type": "text", "text": "Điều 3. Hiệu lực thi hành."},
                       {"type": "text", "text": "(Có dự thảo Nghị quyết kèm theo)"}]
        elif value == "targets":
            if planned:
                target += [{"type": "text", "text": p} for p in phrasing.targets_paragraphs(table)]
            else:
                target.append({"type": "missing", "text": f"(Chưa nhập chỉ tiêu kế hoạch năm {year} của {name}.)"})
        else:
            target.append({"type": item, "text": value})

    sub_doc = {
        "style": "state", "kind": "submission",
        "header": {**common.state_header(unit, "ỦY BAN NHÂN DÂN", submission_no),
                   "place_date": common.date_line(place, report.issued_on, year - 1)},
        "title": "TỜ TRÌNH", "subtitle": f"Về việc ban hành Nghị quyết {subject[:1].lower() + subject[1:]}",
        "to": f"Kính gửi: {hdnd}.",
        "body": [{"type": "text", "text": t} for t in _laws(year)]
        + [{"type": "text", "text": f"{ubnd} trình {hdnd} dự thảo Nghị quyết {subject[:1].lower() + subject[1:]}, "
                                    "như sau:"}] + submission,
        "closing": f"{ubnd} kính trình {hdnd} xem xét, quyết định./.",
        "recipients": common.recipients(report, submission_recipients(unit)),
        "signer": {"authority": report.signer_authority, "title": report.signer_title, "name": report.signer_name},
    }
    passed = _passed(report)
    issued = passed.date if passed is not None else None
    tt_ref = (report.number or f"{_DOTS}/TTr-UBND") + (f" ngày {report.issued_on:%d/%m/%Y}" if report.issued_on else
                                                       f" ngày {_DOTS}")
    res_body = [{"type": "center", "text": f"HỘI ĐỒNG NHÂN DÂN {name.upper()}"},
                {"type": "center", "text": session_text.upper()},
                *[{"type": "text", "text": t} for t in _laws(year)],
                {"type": "text", "text": f"Xét Tờ trình số {tt_ref} của {ubnd} về việc ban hành Nghị quyết "
                                         f"{subject[:1].lower() + subject[1:]}; Báo cáo thẩm tra của Ban Kinh tế - Xã "
                                         f"hội {hdnd}; ý kiến thảo luận của đại biểu {hdnd} tại kỳ họp."},
                {"type": "center", "text": "QUYẾT NGHỊ:"},
                {"type": "article", "text": f"Điều 1. Thông qua Kế hoạch phát triển kinh tế - xã hội năm {year} với "
                                            "những nội dung chủ yếu sau:"},
                *resolution,
                {"type": "article", "text": "Điều 2. Tổ chức thực hiện"},
                {"type": "text", "text": f"1. Giao {ubnd} tổ chức triển khai thực hiện Nghị quyết."},
                {"type": "text", "text": f"2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ "
                                         f"đại biểu và đại biểu {hdnd} giám sát việc thực hiện Nghị quyết."},
                {"type": "article", "text": "Điều 3. Hiệu lực thi hành"},
                {"type": "text", "text": f"Nghị quyết này đã được {hdnd} {session_text} thông qua "
                                         + (f"ngày {issued:%d} tháng {issued.month:02d} năm {issued.year}" if issued
                                            else f"ngày {_DOTS} tháng {_DOTS} năm {year - 1}")
                                         + " và có hiệu lực từ ngày thông qua./."}]
    res_doc = {
        "style": "state", "kind": "resolution", "draft": passed is None,
        "header": {**common.state_header(unit, "HỘI ĐỒNG NHÂN DÂN",
                                         f"Số: {passed.number}" if passed is not None else "Số:         /NQ-HĐND"),
                   "place_date": common.date_line(place, issued, year - 1)},
        "title": "NGHỊ QUYẾT", "subtitle": subject, "body": res_body, "closing": "",
        "recipients": base._paragraphs(
            (f"TT. HĐND, UBND {common.lower_name(common.parent_unit(unit))};\n" if common.parent_unit(unit) else "")
            + f"TT. {'Huyện ủy' if word == 'huyện' else 'Đảng ủy'};\nTT. HĐND, UBND {word};\nĐại biểu HĐND {word};\n"
            f"Các cơ quan, đơn vị, đoàn thể {word};\nLưu: VT."),
        "signer": {"authority": "TM. HỘI ĐỒNG NHÂN DÂN", "title": "CHỦ TỊCH", "name": ""},
    }
    return {
        "meta": {"kind": "resolution", "kind_label": spec.label, "unit": unit.code, "unit_name": unit.name,
                 "period": period.code, "period_label": period.label_vi, "report_id": report.pk, "cycle": True,
                 "passed": {"number": passed.number, "date": f"{issued:%d/%m/%Y}" if issued else ""} if passed else None},
        "documents": [sub_doc, res_doc], "annexes": [], "summary_sentence": table.summary_sentence,
        "targets": [{"code": r.indicator.code, "sentence": phrasing.target_sentence(r)}
                    for _, rows in planned for r in rows],
        "inputs": base._inputs([table]),
    }
