"""Stored provenance written as a person cites it (engine.sources)."""

from ktxh.engine.sources import cite, document_reference, file_label

DOCS = {"001_d9f2c532ac5db9d1.txt": "Báo cáo 375/BC-UBND", "003_bf25f5b26571fa20.txt": "Báo cáo NTM 2023"}


def test_a_known_file_and_line_become_the_document_and_its_line():
    assert cite("001_d9f2c532ac5db9d1.txt:130", DOCS) == "Báo cáo 375/BC-UBND, dòng 130"


def test_several_lines_of_one_document_name_it_once_and_english_notes_are_dropped():
    source = "003_bf25f5b26571fa20.txt:130; 003_bf25f5b26571fa20.txt:144 (issue date not in the seeds)"
    assert cite(source, DOCS) == "Báo cáo NTM 2023, dòng 130, dòng 144"


def test_a_derived_figure_says_it_was_computed_from_the_cited_lines():
    assert cite("derived: 'đạt KH' => plan = value from 001_d9f2c532ac5db9d1.txt:1392", DOCS) == \
        "Tính từ báo cáo 375/BC-UBND, dòng 1392"
    assert cite("derived: §II per-criterion lists 003_bf25f5b26571fa20.txt:25-121", DOCS) == \
        "Tính từ báo cáo NTM 2023, dòng 25–121"
    assert cite("derived: NTM matrix (1285/QĐ-UBND, Huyện Phong Thổ, năm 2023)") == \
        "Tính từ bảng tiêu chí nông thôn mới (1285/QĐ-UBND, Huyện Phong Thổ, năm 2023)"


def test_an_unknown_file_never_shows_its_hash_and_words_typed_by_a_person_stay():
    assert cite("000_3d678b2bb456158c.txt:12") == "Tài liệu đính kèm, dòng 12"
    assert "3d678b2bb456158c" not in cite("000_3d678b2bb456158c.txt:12")
    assert file_label("bao-cao-2022.txt") == "tệp bao-cao-2022"
    assert cite("nhập tay") == "nhập tay"
    assert cite("") == ""


def test_a_report_is_cited_by_the_number_in_its_header_or_else_its_title():
    assert document_reference("\n\nSố: 375/BC-UBND\n\nPhong Thổ, ngày 25 tháng 6 năm 2024\nBÁO CÁO\nTình hình") == \
        "Báo cáo 375/BC-UBND"
    assert document_reference("Số: 12/KH-UBND\n") == "Kế hoạch 12/KH-UBND"
    assert document_reference("**BÁO CÁO**\n\n**Tình hình thực hiện nhiệm vụ năm 2023**") == \
        "Báo cáo Tình hình thực hiện nhiệm vụ năm 2023"
    assert document_reference("không có tiêu đề", fallback="tệp x") == "tệp x"
