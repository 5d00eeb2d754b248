"""The demo's poverty review lists: clearly synthetic households ("hộ giả định", no real
person) of new Xã Khổng Lào and Xã Phong Thổ (Lai Châu, units of 2025). The files in
ktxh/poverty/data/ are written by `demo_lists_write()` (fixed seed, same bytes every time)
and loaded through the same services a commune uses: the 2025 reviews approved (their
figures go to the indicators), Khổng Lào's 2026 review left open for the clerk to publish
and the chair to approve. Loading twice changes nothing."""

import csv
import random
from pathlib import Path

from ktxh.engine.poverty import INDICATOR_CODES, PLAIN_COLUMNS
from ktxh.orgunits.selectors import unit_resolve
from ktxh.poverty.models import Review

DATA_DIR = Path(__file__).parent / "data"
COMMUNES = {"03583@2025": ("KL", "Khổng Lào", 320), "03549@2025": ("PT", "Phong Thổ", 260)}
ETHNIC = ["Dao", "Hà Nhì", "Thái", "Mông", "Giáy", "Kinh"]


def _list(prefix: str, commune_code: str, size: int, year: int, rng: random.Random) -> list[list[str]]:
    rows = [[*PLAIN_COLUMNS, "thon", "chu_ho", "dan_toc", "nam"]]
    for n in range(1, size + 1):
        poorish = rng.random() < 0.45 - (0.06 if year == 2026 else 0)
        income = rng.randrange(700, 1500) * 1000 if poorish else rng.randrange(1500, 3600) * 1000
        lacking = rng.sample(INDICATOR_CODES, rng.choice([0, 1, 2, 3, 3, 4, 5] if poorish else [0, 0, 1, 2]))
        rows.append([f"{prefix}-{n:04d}", commune_code.split("@")[0], "nong_thon", str(rng.randrange(2, 8)),
                     f"{income:,}".replace(",", "."), *("1" if c in lacking else "0" for c in INDICATOR_CODES),
                     f"Bản giả định {1 + n % 5}", f"Hộ giả định {prefix}-{n:04d}", ETHNIC[n % len(ETHNIC)],
                     str(year)])
    return rows


def demo_list_path(key: str, year: int) -> Path:
    return DATA_DIR / f"ra_soat_{COMMUNES[key][0].lower()}_{year}.csv"


def demo_lists_write() -> None:
    for key, (prefix, _, size) in COMMUNES.items():
        for year in (2025, 2026) if prefix == "KL" else (2025,):
            rng = random.Random(f"{key}-{year}")
            with demo_list_path(key, year).open("w", newline="", encoding="utf-8") as f:
                csv.writer(f).writerows(_list(prefix, key, size, year, rng))


def poverty_demo_load(*, actor=None) -> None:
    from django.contrib.auth import get_user_model

    from ktxh.poverty.services import (
        review_approve,
        review_list_import,
        review_open,
        review_publish,
    )

    users = get_user_model().objects
    clerk = users.filter(username="xa_khong_lao").first()
    chair = users.filter(username="lanh_dao_khong_lao").first()
    for key in COMMUNES:
        commune = unit_resolve(key)
        for year in (2025, 2026):
            if key != "03583@2025" and year == 2026:
                continue
            review = review_open(actor=actor or clerk, commune=commune, year=year)
            if review.state != Review.State.OPEN or review.entries.exists():
                continue
            review_list_import(actor=actor or clerk, review=review, path=demo_list_path(key, year))
            if year == 2025:
                review_publish(actor=actor or clerk, review=review)
                review_approve(actor=actor or chair, review=review)


# A commune's own review list as communes write them (Excel, their headers, their column order):
# a title, a header of two rows with the group "Các chỉ số thiếu hụt" merged over its twelve
# sub-headers and the other headers merged down, a row numbering the columns, villages as title
# rows between their households, "x" for a lacking indicator, the signature block at the end.
COMMUNE_LIST_HEADERS = (
    "STT", "Họ và tên chủ hộ", "Mã hộ", "Dân tộc", "Thôn/bản", "Khu vực", "Số nhân khẩu",
    "Thu nhập bình quân đầu người/tháng (đồng)",
)
COMMUNE_LIST_SUBHEADERS = (
    "Việc làm", "Người phụ thuộc", "Dinh dưỡng", "BHYT", "Trình độ giáo dục của người lớn",
    "Tình trạng đi học của trẻ em", "Chất lượng nhà ở", "Diện tích nhà ở", "Nguồn nước sinh hoạt",
    "Nhà tiêu hợp vệ sinh", "Dịch vụ viễn thông", "Tiếp cận thông tin",
)
COMMUNE_LIST_TAIL = ("Đối tượng chính sách", "Ghi chú")


def commune_list_xlsx(path: Path, *, size: int, year: int, prefix: str = "KL", seed: str = "danh-sach",
                      villages: int = 8, bad: dict[int, tuple[int, str]] | None = None) -> Path:
    """Write a synthetic commune review list of `size` households ("Hộ giả định …") to `path`.
    `bad`: household number -> (column index 0-based in the file, text) to put a wrong value in."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    width = len(COMMUNE_LIST_HEADERS) + len(COMMUNE_LIST_SUBHEADERS) + len(COMMUNE_LIST_TAIL)
    ws.append(["UBND XÃ KHỔNG LÀO"])
    ws.append([f"DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO SAU RÀ SOÁT NĂM {year}"])
    ws.append([])
    group = len(COMMUNE_LIST_HEADERS) + 1
    ws.append([*COMMUNE_LIST_HEADERS, "Các chỉ số thiếu hụt dịch vụ xã hội cơ bản (đánh dấu x)",
               *[None] * (len(COMMUNE_LIST_SUBHEADERS) - 1), *COMMUNE_LIST_TAIL])
    ws.append([*[None] * len(COMMUNE_LIST_HEADERS), *COMMUNE_LIST_SUBHEADERS, *[None] * len(COMMUNE_LIST_TAIL)])
    ws.merge_cells(start_row=4, start_column=group, end_row=4, end_column=group + len(COMMUNE_LIST_SUBHEADERS) - 1)
    for c in [*range(1, group), *range(group + len(COMMUNE_LIST_SUBHEADERS), width + 1)]:
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.append([f"({n})" for n in range(1, width + 1)])
    bad = bad or {}
    per_village = -(-size // villages)
    for n in range(1, size + 1):
        if (n - 1) % per_village == 0:
            ws.append([f"Bản giả định {1 + (n - 1) // per_village}"])
        poorish = rng.random() < 0.4
        income = rng.randrange(700, 1500) * 1000 if poorish else rng.randrange(1500, 3600) * 1000
        lacking = set(rng.sample(range(12), rng.choice([0, 1, 2, 3, 3, 4, 5] if poorish else [0, 0, 1, 2])))
        row = [n, f"Hộ giả định {prefix}-{n:05d}", f"{prefix}-{n:05d}", ETHNIC[n % len(ETHNIC)],
               f"Bản giả định {1 + (n - 1) // per_village}", "Nông thôn", rng.randrange(1, 9),
               income if n % 2 else f"{income:,}".replace(",", "."),
               *("x" if i in lacking else None for i in range(12)),
               "Hộ có người có công" if n % 97 == 0 else None, None]
        if n in bad:
            column, text = bad[n]
            row[column] = text
        ws.append(row)
    ws.append([])
    ws.append([None, "Người lập biểu", *[None] * 10, "CHỦ TỊCH UBND XÃ"])
    path = Path(path)
    wb.save(path)
    return path
