"""Matching made-up report phrases against the demo catalog (ktxh/demo/data/catalog.yaml)."""

import pytest

from ktxh.engine.text import analyse
from ktxh.imports.commands import _catalog_from_yaml


@pytest.fixture(scope="module")
def catalog():
    entries = _catalog_from_yaml()
    assert len(entries) > 40
    return entries


@pytest.mark.parametrize("sentence, code", [
    ("Tổng sản lượng lương thực có hạt ước đạt 20.150 tấn, đạt 98% kế hoạch.", "02.01"),
    ("Ty le che phu rung dat 45,1%.", "02.05"),  # typed without accents
    ("Thu ngân sách nhà nước trên địa bàn ước đạt 50,2 tỷ đồng.", "03.01"),
    ("Mức giảm tỷ lệ hộ nghèo 4,5% (đạt KH).", "08.01"),
    ("Tốc độ tăng trưởng đàn gia súc đạt 4,2%.", "02.04"),  # a synonym of the catalog name
    ("Tiếp tục giữ chuẩn tại 05 xã đạt chuẩn nông thôn mới.", "02.06"),  # the subject after the number
])
def test_report_phrasings_match_the_demo_catalog(catalog, sentence, code):
    facts, _ = analyse(sentence + "\n", catalog=catalog)
    assert facts[0].catalog_code == code, facts[0].indicator
    assert 0.5 <= facts[0].confidence <= 1


def test_an_activity_with_no_indicator_stays_unmatched(catalog):
    facts, _ = analyse("Tổ chức được 12 cuộc tuyên truyền về phòng chống ma túy.\n", catalog=catalog)
    assert facts[0].catalog_code is None and facts[0].confidence == 0
