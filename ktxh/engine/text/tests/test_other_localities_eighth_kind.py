"""Eighth round of rules on the kind of a figure (issue 14): plan, estimate or result. Each rule has a
made-up sentence (none copied from a devset text): (rule, text, {value: kind})."""

import pytest

from .test_other_localities_seventh_kind import fact

_YEAR = "BÁO CÁO\nTình hình kinh tế - xã hội năm 2024\n\nI. KINH TẾ\n\n"
_NINE = "BÁO CÁO\nTình hình kinh tế - xã hội 9 tháng năm 2024\n\nI. KINH TẾ\n\n"
_HALF = "BÁO CÁO\nTình hình kinh tế - xã hội 6 tháng đầu năm 2024\n\nI. KINH TẾ\n\n"

CASES = [
    ("a figure followed at once by 'thực hiện' and a figure is the plan of that result",
     _YEAR + "Thu ngân sách trên địa bàn xã là 52.000.000 đồng thực hiện 58.400.000 đồng, đạt 112% dự toán.\n",
     {"52000000": "target", "58400000": "actual"}),
    ("… also after a comma, and the result keeps the estimate of its sentence",
     _YEAR + "Tổng chi ngân sách ước 9.100 triệu đồng, trong đó chi thường xuyên kế hoạch 7.200 triệu đồng, thực hiện 7.350 triệu đồng.\n",
     {"9100": "estimate", "7200": "target", "7350": "estimate"}),
    ("another subject with its own 'đạt' after an estimate and a plan in brackets states its own result",
     _YEAR + "Thu ngân sách ước đạt 180,5 tỷ đồng (kế hoạch 210 tỷ đồng), thu nhập bình quân đầu người đạt 48,6 triệu đồng.\n",
     {"180.5": "estimate", "210": "target", "48.6": "actual"}),
    ("a ';' item only naming its subject keeps the estimate of the item before it",
     _YEAR + "Kim ngạch xuất khẩu ước đạt 410 triệu USD, tăng 12%; nhập khẩu 275 triệu USD, tăng 8%.\n",
     {"410": "estimate", "275": "estimate"}),
    ("… not a fully named indicator of its own after ';'",
     _YEAR + "Giá trị sản xuất công nghiệp ước đạt 2.300 tỷ đồng; diện tích rừng trồng mới 640 ha.\n",
     {"2300": "estimate", "640": "actual"}),
    ("… nor an item with its own verb",
     _YEAR + "Kim ngạch xuất khẩu ước đạt 410 triệu USD; nhập khẩu đạt 275 triệu USD.\n",
     {"410": "estimate", "275": "actual"}),
    ("a resolution 'với N chỉ tiêu chủ yếu là:' opens the plan's figures, across ';'",
     _YEAR + "Hội đồng nhân dân xã thông qua Nghị quyết về nhiệm vụ năm 2025 với 18 chỉ tiêu chủ yếu là: thu nhập bình quân"
     " đầu người đạt 65 triệu đồng, sản lượng lương thực đạt 8.200 tấn; tỷ lệ hộ nghèo giảm còn 3,5%.\n",
     {"65": "target", "8200": "target", "3.5": "target"}),
    ("… not a count of indicators met",
     _YEAR + "Năm 2024 có 16 chỉ tiêu đạt và vượt kế hoạch; thu nhập bình quân đầu người đạt 61 triệu đồng.\n",
     {"61": "actual"}),
    ("a paragraph opened by a year whose first sentence sets a target goes on stating targets",
     "Kết quả năm 2024\n\nNăm 2024, thu nhập bình quân đầu người đạt 52 triệu đồng.\n\n"
     "Năm 2025, xã đặt mục tiêu thu nhập bình quân đầu người đạt 58 triệu đồng. Tỷ lệ hộ nghèo giảm còn 2,1%."
     " Trong đó, thôn Bản Mới giảm còn 4,5%.\n",
     {"52": "actual", "58": "target", "2.1": "target", "4.5": "target"}),
    ("… also when the target word opens its second sentence",
     "Kết quả năm 2024\n\nThực hiện nhiệm vụ năm 2025, Đảng ủy xã tập trung lãnh đạo các nhiệm vụ trọng tâm. Trong đó,"
     " phấn đấu kết nạp 30 đảng viên. Thu ngân sách đạt 95 tỷ đồng.\n",
     {"30": "target", "95": "target"}),
    ("… not a paragraph of a half-year, nor one naming a goal it works to",
     "Kết quả 6 tháng\n\nSáu tháng đầu năm 2024, huyện thực hiện hiệu quả mục tiêu kép. Diện tích gieo trồng đạt 9.400 ha.\n",
     {"9400": "actual"}),
    ("'đến năm YYYY' then 'ước đạt' is the year's estimate, not its plan",
     "Kết quả nhiệm kỳ\n\nTrong nhiệm kỳ qua, tổng giá trị sản xuất đến năm 2024 ước đạt 640 tỷ đồng.\n",
     {"640": "estimate"}),
    ("… 'đến năm YYYY' alone keeps the plan",
     "Kết quả nhiệm kỳ\n\nTrong nhiệm kỳ tới, tổng giá trị sản xuất đến năm 2030 đạt 1.200 tỷ đồng.\n",
     {"1200": "target"}),
    ("a ';' clause opened by 'đã' after an estimate's breakdown states its own result",
     _YEAR + "Tổng diện tích gieo trồng ước đạt 14.200 ha, trong đó diện tích lúa 9.800 ha; đã dồn điền đổi thửa 320 ha.\n",
     {"14200": "estimate", "9800": "estimate", "320": "actual"}),
    ("the structure of an estimated total, next in its paragraph, continues the breakdown",
     _YEAR + "Tổng giá trị sản xuất ước đạt 2.500 tỷ đồng. Cơ cấu kinh tế chuyển dịch tích cực: nông nghiệp đạt 700 tỷ"
     " đồng; công nghiệp chiếm 45%.\n",
     {"2500": "estimate", "700": "estimate", "45": "estimate"}),
    ("… also when its shares come after ';'",
     _YEAR + "Tổng giá trị sản xuất ước đạt 2.500 tỷ đồng. Cơ cấu kinh tế chuyển dịch đúng hướng; nông nghiệp chiếm 28%.\n",
     {"28": "estimate"}),
    ("… not in a paragraph of its own",
     _YEAR + "Tổng giá trị sản xuất ước đạt 2.500 tỷ đồng.\nCơ cấu kinh tế về nông nghiệp chiếm 28%; công nghiệp chiếm 45%.\n",
     {"28": "actual", "45": "actual"}),
    ("the winter-spring crop inside a nine-month estimate is harvested: actual",
     _NINE + "Tổng diện tích gieo trồng 9 tháng ước đạt 31.500 ha, trong đó vụ Đông Xuân đạt 18.400 ha; vụ Mùa ước đạt 13.100 ha.\n",
     {"31500": "estimate", "18400": "actual", "13100": "estimate"}),
    ("… not in a half-year report, where it may still be estimated",
     _HALF + "Tổng diện tích gieo trồng ước đạt 21.500 ha, trong đó vụ Đông Xuân đạt 18.400 ha.\n",
     {"18400": "estimate"}),
    ("… and 'đã đề ra các chỉ tiêu chủ yếu đó là:'",
     _YEAR + "Năm 2025, xã đã đề ra các chỉ tiêu chủ yếu đó là: tốc độ tăng giá trị sản xuất đạt 10,5%; thu ngân sách 42 tỷ đồng.\n",
     {"10.5": "target", "42": "target"}),
    ("… not after another estimate (income per head)",
     _YEAR + "Thu nhập bình quân đầu người ước đạt 60 triệu đồng. Cơ cấu kinh tế chuyển dịch, tỷ trọng nông nghiệp còn 30%.\n",
     {"60": "estimate", "30": "actual"}),
    ("a cut-off date after the estimate word is not a figure with its own result",
     _NINE + "Công tác đầu tư được đôn đốc, ước đến hết tháng 9/2024, giá trị khối lượng thực hiện đạt 75 tỷ đồng.\n",
     {"75": "estimate"}),
    ("'đến năm YYYY' closing a quoted programme's name sets no plan",
     _YEAR + "Xã triển khai đề án “Phát triển vùng cây ăn quả đến năm 2030” có 420 hộ tham gia.\n",
     {"420": "actual"}),
]


@pytest.mark.parametrize(("text", "kinds"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_kind(text, kinds):
    assert {value: fact(text, value).kind for value in kinds} == kinds
