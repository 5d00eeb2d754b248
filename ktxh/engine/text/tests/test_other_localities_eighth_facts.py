"""Eighth round (issue 14): false readings, figures read as facts that are not (docs/extraction.md,
"Annotation conventions", 4, 5, 7 and 8). Each rule has made-up sentences (none copied from a devset
text): the figures that must not be facts, and those of the same sentence that still are.

Each case is (rule, text after a title, figures read as facts, figures that must not be)."""

from decimal import Decimal

import pytest

from ktxh.engine.text import analyse

TITLE = "BÁO CÁO\nTình hình kinh tế - xã hội năm 2025\n\n"

CASES = [
    # --- who attends a meeting (convention 7)
    ("the delegates 'với sự tham dự của'; the members they represent are kept",
     "Đại hội Đảng bộ xã Hòa Bình với sự tham dự của 142 đại biểu chính thức đại diện cho 815 đảng viên toàn Đảng bộ.",
     {"815 đảng viên"}, {"142 đại biểu"}),
    ("'đại diện' without 'cho', the members stay",
     "Dự Đại hội có 120 đại biểu đại diện 640 đảng viên của 31 chi bộ trực thuộc.",
     {"640 đảng viên"}, {"120 đại biểu"}),
    ("members attending as delegates ('đảng viên tiêu biểu đại diện')",
     "Đến dự có hơn 180 đảng viên tiêu biểu đại diện gần 1.150 đảng viên toàn Đảng bộ xã.",
     {"1150 đảng viên"}, {"180 đảng viên"}),
    ("the deputies present, after 'Tham dự có …;' in the same sentence",
     "Tham dự kỳ họp có lãnh đạo Đảng ủy xã; đại diện các ban, ngành, đoàn thể, cùng 25/27 đại biểu HĐND xã khóa III.",
     set(), {"25 đại biểu"}),
    ("outreach meetings keep their attendance",
     "Tổ chức 6 hội nghị tuyên truyền pháp luật với trên 450 người tham dự.",
     {"6 hội nghị", "450 người"}, set()),
    ("how the session voted",
     "Kết thúc kỳ họp, 100% đại biểu có mặt đã biểu quyết thông qua 9 nghị quyết.",
     set(), {"100 %"}),
    ("… but a share of deputies trained is a rate",
     "Có 95% đại biểu HĐND xã được bồi dưỡng kỹ năng hoạt động.",
     {"95 %"}, set()),
    ("where a meeting was held online",
     "Hội nghị được tổ chức trực tuyến tại 3 điểm cầu huyện và 12 điểm cầu xã.",
     set(), {"3 điểm", "12 điểm"}),
    ("the plan's own outline, like its own indicators",
     "Nghị quyết đề ra 4 nhóm nhiệm vụ và 6 nhóm giải pháp chủ yếu.",
     set(), {"4 nhóm", "6 nhóm"}),
    ("groups of people stay a count",
     "Thành lập 14 nhóm hộ cùng sở thích nuôi bò.",
     {"14 nhóm"}, set()),
    # --- the units a merger joins (convention 8)
    ("the communes a new one was formed from",
     "Xã Tân Hòa được thành lập trên cơ sở sáp nhập nguyên trạng 4 xã: Hòa Lạc, Hòa Bình, Tân Phú và Tân Hòa (cũ), với diện tích tự nhiên 9.640 ha, dân số 21.350 người.",
     {"9640 ha", "21350 người"}, {"4 xã"}),
    ("… after 'sắp xếp … của' the whole area and population of them",
     "Xã An Phú được thành lập trên cơ sở sắp xếp toàn bộ diện tích và dân số của 2 xã trước đây.",
     set(), {"2 xã"}),
    ("both sides of 'sáp nhập N thành M'",
     "Năm 1976, Trung ương quyết định hợp nhất 6 tỉnh miền núi thành 2 tỉnh mới.",
     set(), {"6 tỉnh", "2 tỉnh"}),
    ("'giảm từ … xuống …' after 'sắp xếp'",
     "Sau khi sắp xếp đơn vị hành chính, số xã của huyện giảm từ 14 xã xuống còn 6 xã.",
     set(), {"14 xã", "6 xã"}),
    ("after the merger the new unit's villages are a fact",
     "Sau khi sáp nhập xã có tổng số 18 thôn, 3.200 hộ.",
     {"18 thôn", "3200 hộ"}, set()),
    ("… and so after a comma",
     "Sau sáp nhập, xã có 25 thôn, bản.",
     {"25 thôn, bản"}, set()),
    # --- a rate of plan or of last year is a field of its figure (conventions 4 and 5)
    ("'SVCK' is short for 'so với cùng kỳ'",
     "Sản lượng lương thực có hạt đạt 812,5 tấn, đạt 103% KH, đạt 97% SVCK.",
     {"812.5 tấn"}, {"103 %", "97 %"}),
    ("a rate of plan with no level of its own, whatever the verb before it",
     "Thu ngân sách trên địa bàn ước trên 61,2% dự toán tỉnh giao; thu cân đối tăng 18,4% so với dự toán.",
     set(), {"61.2 %", "18.4 %"}),
    ("… also 'hoàn thành X% kế hoạch' after a figure",
     "Diện tích gieo trồng đạt 1.240 ha, hoàn thành 98,2% kế hoạch năm.",
     {"1240 ha"}, {"98.2 %"}),
    ("… and a second basis after 'và'",
     "Tổng thu ngân sách đạt tỷ lệ 74% dự toán Trung ương giao và 70% dự toán Hội đồng nhân dân tỉnh giao.",
     set(), {"74 %", "70 %"}),
    ("a % of last year after a figure and its plans",
     "Thu ngân sách xã đạt 8,45 tỷ đồng, bằng 41,2% kế hoạch huyện giao, 38,6% kế hoạch xã giao và chỉ đạt 88,1% so với cùng kỳ.",
     {"8.45 tỷ đồng"}, {"88.1 %", "38.6 %"}),
    ("… and a % of plan written after its basis",
     "Ước thu ngân sách trên địa bàn là 212 tỷ đồng, so dự toán giao đạt 47% và bằng 102% so với cùng kỳ.",
     {"212 tỷ đồng"}, {"47 %", "102 %"}),
    ("alone, an index against last year is the subject's own figure",
     "Chỉ số sản xuất công nghiệp năm 2025 ước đạt 108,2% so với năm 2024.",
     {"108.2 %"}, set()),
    ("a disbursement rate is an indicator of its own",
     "Tỷ lệ giải ngân vốn đầu tư công đạt 71,5% kế hoạch.",
     {"71.5 %"}, set()),
    ("'KH' is a whole word: '96% khu dân cư' is a rate of its own",
     "Có 96% khu dân cư đạt danh hiệu khu dân cư văn hóa.",
     {"96 %"}, set()),
    # --- dates and times
    ("a time of day is not hours counted",
     "Vào lúc 8 giờ 30 phút sáng nay, Hội đồng nhân dân xã khai mạc kỳ họp; kỳ họp kéo dài 2 buổi.",
     {"2 buổi"}, {"8 giờ"}),
    ("… nor after 'lúc'",
     "Kỳ họp bắt đầu lúc 14 giờ chiều cùng ngày.",
     set(), {"14 giờ"}),
    ("hours of work stay a count",
     "Đoàn viên thanh niên đóng góp 1.200 giờ lao động tình nguyện.",
     {"1200 giờ"}, set()),
]


def _read(text):
    return {f"{f.value.normalize():f} {f.unit}" for f in analyse(TITLE + text + "\n")[0]}


@pytest.mark.parametrize(("why", "text", "kept", "dropped"), CASES, ids=[c[0] for c in CASES])
def test_false_readings(why, text, kept, dropped):
    read = _read(text)

    assert kept <= read, (why, read)
    assert not dropped & read, (why, read)


def test_the_total_restated_to_open_its_breakdown_is_read_once():
    text = "GRDP 6 tháng ước tăng 6,4%. Trong 6,4% tăng trưởng thì khu vực dịch vụ đóng góp 3,1 điểm phần trăm."
    values = [f.value for f in analyse(TITLE + text + "\n")[0]]
    assert values.count(Decimal("6.4")) == 1 and Decimal("3.1") in values
