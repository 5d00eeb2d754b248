"""Seventh round of rules on the kind of a figure (issue 14), written to the annotation convention 1
of docs/extraction.md: the parts of an estimated total are estimates, whatever their own verb; a
finished sub-period inside the estimated period stays actual. Each rule has a made-up sentence."""

from decimal import Decimal

import pytest

from ktxh.engine.text import analyse

_YEAR = "BÁO CÁO\nTình hình kinh tế - xã hội năm 2023\n\nI. KINH TẾ\n\n"
_HALF = "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2024\n\nI. KINH TẾ\n\n"

# rule, text, the kind of each figure in it
KINDS = [
    ("a sentence opened by 'Trong đó' breaks down the estimated total before it",
     _YEAR + "Tổng vốn huy động ước đạt 12.400 tỷ đồng, tăng 8,2%. Trong đó, tiền gửi tiết kiệm đạt 9.300 tỷ "
     "đồng; tiền gửi thanh toán thực hiện 3.100 tỷ đồng.\n",
     {"12400": "estimate", "9300": "estimate", "3100": "estimate"}),
    ("last year's figure in brackets is not the total broken down",
     _HALF + "Tốc độ tăng trưởng kinh tế của tỉnh ước tăng 5,8% so với cùng kỳ, cao hơn mức tăng của cùng kỳ "
     "năm trước (4,2%). Trong đó, khu vực nông nghiệp tăng 2,6%; khu vực dịch vụ tăng 7,4%.\n",
     {"5.8": "estimate", "2.6": "estimate", "7.4": "estimate"}),
    ("the parts after 'trong đó:' go on across ';'",
     _YEAR + "Tổng sản phẩm trên địa bàn ước đạt 8.200 tỷ đồng, tăng 6,4%, trong đó: khu vực nông nghiệp đạt "
     "2.100 tỷ đồng, tăng 3,1%; khu vực dịch vụ đạt 4.300 tỷ đồng, tăng 7,2%; thuế sản phẩm 610 tỷ đồng.\n",
     {"2100": "estimate", "4300": "estimate", "610": "estimate"}),
    ("a ';' item naming a sector continues the breakdown; finished quarters stay actual",
     _HALF + "Tổng sản phẩm trên địa bàn 6 tháng đầu năm 2024 ước đạt 9.500 tỷ đồng, tăng 6,1%, quý I tăng "
     "5,2%, quý II tăng 6,9%; khu vực công nghiệp và xây dựng tăng 8,3%, khu vực dịch vụ tăng 5,4%; Nếu "
     "tách riêng thuế sản phẩm thì khu vực dịch vụ tăng 5,7%. Trong 6,1% tăng trưởng thì khu vực dịch vụ "
     "đóng góp 2,3 điểm phần trăm.\n",
     {"9500": "estimate", "5.2": "actual", "6.9": "actual", "8.3": "estimate", "5.4": "estimate",
      "5.7": "estimate", "2.3": "estimate"}),
    ("the shares of an estimated total are estimates ('Về cơ cấu')",
     _YEAR + "Tổng sản phẩm theo giá hiện hành ước đạt 40.200 tỷ đồng. Về cơ cấu, khu vực dịch vụ chiếm 45,2%; "
     "khu vực nông nghiệp chiếm 21,3%.\n",
     {"45.2": "estimate", "21.3": "estimate"}),
    ("one part estimated by its own word does not make the next part of an actual total an estimate",
     _HALF + "Giá trị sản xuất ngành công nghiệp đạt 4.100 tỷ đồng; trong đó, khu vực doanh nghiệp ước đạt 3.800 "
     "tỷ đồng, chiếm 92,7%; khu vực cá thể 300 tỷ đồng, chiếm 7,3%.\n",
     {"4100": "actual", "3800": "estimate", "300": "actual"}),
    ("the breakdown of an actual total stays actual",
     _YEAR + "Tổng thu ngân sách đạt 2.400 tỷ đồng. Trong đó, thu nội địa 1.900 tỷ đồng; thu thuế xuất nhập "
     "khẩu 500 tỷ đồng.\n",
     {"2400": "actual", "1900": "actual", "500": "actual"}),
    ("a sentence not continuing the breakdown takes its own kind",
     _YEAR + "Tổng sản phẩm ước tăng 6,5%. Trong đó, khu vực dịch vụ tăng 7,1%. Tổng thu ngân sách đạt 2.400 "
     "tỷ đồng; khu vực nông thôn có 120 xã đạt chuẩn.\n",
     {"6.5": "estimate", "7.1": "estimate", "2400": "actual", "120": "actual"}),
    # no title block: the lists of targets are found in the text
    ("a tally of the main targets met is a result, not a list of targets",
     "Ngày 20/12, HĐND xã A họp kỳ cuối năm. Trong tổng số 20 chỉ tiêu chủ yếu năm 2025, xã có 12 chỉ tiêu "
     "đạt và 07 chỉ tiêu vượt kế hoạch. Tổng giá trị sản xuất đạt 1.250 tỷ đồng; 98% người dân tham gia "
     "BHYT.\n",
     {"1250": "actual", "98": "actual"}),
    ("a list of the main targets of a year is still a plan",
     "Ngày 20/12, HĐND xã A họp kỳ cuối năm. Các chỉ tiêu chủ yếu năm 2026: tổng giá trị sản xuất đạt 1.400 "
     "tỷ đồng; 99% người dân tham gia BHYT.\n",
     {"1400": "target", "99": "target"}),
    ("a target word opening a list with a colon governs its ';' items",
     _YEAR + "Năm 2024, huyện phấn đấu thực hiện các chỉ tiêu: tổng thu ngân sách đạt 320 tỷ đồng; thu nhập bình "
     "quân đầu người đạt 62 triệu đồng/người/năm; tỷ lệ hộ nghèo giảm còn 1,5%. Năm 2023, tổng thu ngân sách "
     "đạt 300 tỷ đồng; tỷ lệ hộ nghèo còn 1,9%.\n",
     {"320": "target", "62": "target", "1.5": "target", "300": "actual", "1.9": "actual"}),
    ("another subject with its own 'đạt' after an estimated figure states a result of its own",
     _YEAR + "Tổng giá trị sản phẩm ước đạt 2.310 tỷ đồng, thu nhập bình quân đầu người đạt 64,2 triệu đồng; "
     "sản lượng lương thực ước đạt 9.800 tấn, đạt 51,3% kế hoạch, năng suất lúa đạt 62,5 tạ/ha.\n",
     {"2310": "estimate", "64.2": "actual", "9800": "estimate", "62.5": "actual"}),
    ("a sector after an estimated total is a part of it, whatever its verb",
     _YEAR + "Tổng sản phẩm ước đạt 5.400 tỷ đồng, khu vực dịch vụ đạt 2.600 tỷ đồng. Dự kiến đến hết năm 2023, "
     "tổng nguồn vốn huy động đạt 7.100 tỷ đồng.\n",
     {"5400": "estimate", "2600": "estimate", "7100": "estimate"}),
    ("the figure of the plan a result exceeds is a target",
     _YEAR + "Sản lượng chè búp tươi đạt 12.300 tấn, vượt kế hoạch 11.500 tấn được giao. Tốc độ tăng trưởng đạt "
     "8,1%, vượt kế hoạch mà huyện đặt ra là 7,5%. Thu ngân sách đạt 210 tỷ đồng, vượt kế hoạch 12%.\n",
     {"12300": "actual", "11500": "target", "8.1": "actual", "7.5": "target", "210": "actual"}),
    ("a growth scenario proposed is a plan",
     _YEAR + "UBND tỉnh đề xuất kịch bản tăng trưởng kinh tế năm 2024 đạt 7,2%. Năm 2023 kinh tế tăng 6,4%.\n",
     {"7.2": "target", "6.4": "actual"}),
    ("'trong đó' inside a closed bracket does not open a breakdown for the clauses after it",
     _YEAR + "Dự kiến đến hết năm toàn huyện có 25 sản phẩm OCOP (trong đó 20 sản phẩm nông nghiệp); Có 3 sản "
     "phẩm được công nhận sản phẩm tiêu biểu.\n",
     {"25": "estimate", "3": "actual"}),
    ("'; trong đó' after an actual total does not carry an estimate met later",
     _HALF + "Tiếp nhận 1.200 hồ sơ; trong đó giải quyết đúng hạn 1.150 hồ sơ; tiếp nhận trực tuyến 900 hồ sơ.\n",
     {"1150": "actual", "900": "actual"}),
]


def fact(text, value):
    return next(f for f in analyse(text)[0] if f.value == Decimal(value))


@pytest.mark.parametrize(("text", "kinds"), [case[1:] for case in KINDS], ids=[case[0] for case in KINDS])
def test_kind(text, kinds):
    assert {value: fact(text, value).kind for value in kinds} == kinds
